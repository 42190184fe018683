"""The one base every model shares: fields from ``swagger_types``, JSON conversion,
``to_dict``, ``to_str``, ``repr``, equality, copying and pickling.

A model module only declares its fields, once, as annotated attributes, and their wire
names::

    class Thing(Model):
        id: Optional[int] = None
        created: Optional[datetime.datetime] = None

        attribute_map = {"id": "id", "created": "createdAt"}

and the base derives the rest: ``swagger_types`` (``{"id": "int", "created":
"datetime"}``, as generated clients have it), ``__slots__`` (small objects), a constructor
taking the fields by keyword or in order (type checkers see it too), a
constructor from wire JSON specialised for the model's fields (``null`` accepted in every
field, unknown fields kept in ``additional_properties``), and serializing back to wire
names. Timestamps keep their wire text and are parsed when first read.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import json
import sys
import types
import typing
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Iterable, Optional, Union

__all__ = [
    "Model",
    "model_class",
    "to_json_ready",
    "from_json_ready",
    "parse_datetime",
    "share_letters",
]

from TextMagic._lazy import lazy_pattern
from TextMagic.models import MODULES as _MODEL_MODULES
from TextMagic.models.timestamps import parse_datetime

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:

    def dataclass_transform(**kwargs):
        """Tells type checkers that models take their fields as constructor arguments."""
        return lambda cls: cls


# Field types taken from the wire as JSON gave them.
_PLAIN_TYPES = frozenset(["int", "str", "bool", "object", "dict(str, object)", "float"])
_JSON_PRIMITIVES = (str, int, float, bool)

# Every model class by name, for nested types and for ``ApiClient.deserialize``.
_REGISTRY: Dict[str, Any] = {}


def model_class(name: str) -> Optional[type]:
    """Return the SDK's model class called ``name`` (importing its module if it is not yet
    imported), or None."""
    found = _REGISTRY.get(name)
    if found is None and name in _MODEL_MODULES:
        importlib.import_module(_SDK_MODELS + _MODEL_MODULES[name])
        found = _REGISTRY.get(name)
    return found


def to_json_ready(obj: Any) -> Any:
    """Turn an object into JSON-ready data (models under their wire names).

    :param obj: None, a primitive, a date/datetime, a list, tuple, dict or model.
    :raises TypeError: the object cannot be represented in JSON.
    """
    if obj is None or isinstance(obj, _JSON_PRIMITIVES):
        return obj
    if isinstance(obj, Model):
        return obj.to_wire()
    if isinstance(obj, (list, tuple)):
        return [to_json_ready(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_json_ready(value) for key, value in obj.items()}
    if isinstance(obj, (datetime.datetime, datetime.date)):
        return obj.isoformat()
    if isinstance(obj, bytes):
        return obj.decode("utf-8")
    raise TypeError("cannot serialize %s to JSON" % type(obj).__name__)


def from_json_ready(data: Any, kind: Union[str, type]) -> Any:
    """Turn decoded JSON into ``kind``: a type name such as ``"MessageSession"``,
    ``"list[MessageOut]"``, ``"dict(str, object)"``, ``"datetime"`` or ``"int"``, or a
    model class (a user's subclass of a model, for example).

    ``null`` stays None anywhere; unknown fields of models are kept aside. Type names of
    models name the SDK's own models only.

    :raises TypeError: the JSON has another shape than ``kind``.
    """
    if isinstance(kind, str):
        return decoder_for(kind)(data)
    return _model_decoder(kind)(data)


def share_letters(obj: Any) -> Any:
    """Replace the one-letter values of ``canonical_values`` fields (``source``,
    ``status``, ...) in ``obj`` and the models inside it by one shared object each.

    The standard library's json already gives every one-letter string as a shared object;
    a decoder that makes a new one per value (orjson) would otherwise cost 50 bytes per
    field per object. Returns ``obj``.
    """
    if isinstance(obj, Model):
        _share_in(type(obj), [obj])
    elif isinstance(obj, list) and obj:
        kinds = set(map(type, obj))
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is not None and isinstance(kind, ModelMeta):
            _share_in(kind, obj)  # a page's items: one pass per field, at C speed
        else:
            for item in obj:
                share_letters(item)
    return obj


def _share_in(cls, items):
    letters, nested = _letter_fields(cls)
    for field, shared in letters:
        descriptor = getattr(cls, field, None)
        if not isinstance(descriptor, types.MemberDescriptorType):
            for item in items:  # a subclass made it a property: the plain way
                value = getattr(item, field)
                if value.__class__ is str:
                    setattr(item, field, shared.get(value, value))
            continue
        values = list(map(descriptor.__get__, items))
        try:
            kept = list(map(shared.get, values, values))
        except TypeError:  # a value that is no letter, and unhashable: left as it is
            kept = [shared.get(v, v) if v.__class__ is str else v for v in values]
        list(map(descriptor.__set__, items, kept))
    for field in nested:
        for item in items:
            share_letters(getattr(item, field))


_LETTER_FIELDS: Dict[type, Any] = {}


def _letter_fields(cls):
    """``cls``'s one-letter canonical fields (stored in slots of their own name) with
    their shared values, and the fields that may hold models."""
    found = _LETTER_FIELDS.get(cls)
    if found is None:
        letters = tuple(
            (field, {value: value for value in values})
            for field, values in cls.canonical_values.items()
            if _one_letter(values)
        )
        nested = tuple(
            field
            for field, kind in cls.swagger_types.items()
            if kind not in _PLAIN_TYPES and kind not in ("datetime", "date")
        )
        found = _LETTER_FIELDS[cls] = (letters, nested)
    return found


def decoder_for(kind: str) -> Any:
    """Return the function that decodes JSON into ``kind`` (a type name whose models are
    the SDK's own), built once per type name."""
    decode = _DECODERS.get(kind)
    if decode is None:
        decode = _build_decoder(kind, model_class)
        _DECODERS[kind] = decode
    return decode


_DECODERS: Dict[str, Any] = {}


def _build_decoder(kind, resolve):
    """The decoder of type name ``kind``; ``resolve`` turns a model's name into its class."""
    if kind.startswith("list["):
        return _list_decoder(_build_decoder(kind[5:-1], resolve))
    if kind.startswith("dict("):
        inner = kind[5:-1].split(",", 1)[1].strip()
        return _dict_decoder(None if inner == "object" else _build_decoder(inner, resolve))
    if kind == "float":
        return lambda data: float(data) if data.__class__ is int else data
    if kind in _PLAIN_TYPES:
        return lambda data: data  # JSON already gave the Python value
    if kind in ("datetime", "date"):

        def decode_time(data):
            parsed = parse_datetime(data) if isinstance(data, str) else data
            if kind == "date" and isinstance(parsed, datetime.datetime):
                return parsed.date()
            return parsed

        return decode_time
    cls = resolve(kind)
    if cls is None:
        raise TypeError("unknown type %r" % kind)
    return _model_decoder(cls)


def _model_decoder(cls):
    # ``cls.from_wire`` is looked up per call: the first lookup compiles it, and building
    # a decoder must not (a model may contain itself).
    def decode_model(data):
        if data.__class__ is dict or isinstance(data, dict):
            return cls.from_wire(data)
        if data is None:
            return None
        raise TypeError("expected a %s object, got %s" % (cls.__name__, type(data).__name__))

    decode_model.model = cls
    return decode_model


def _list_decoder(item):
    model = getattr(item, "model", None)

    def decode_list(data):
        if data is None:
            return None
        if not isinstance(data, list):
            raise TypeError("expected a list, got %s" % type(data).__name__)
        if model is None:
            return [item(value) for value in data]
        build = model.from_wire  # the common case, a list of objects, without a call more
        return [build(value) if value.__class__ is dict else item(value) for value in data]

    return decode_list


def _dict_decoder(item):
    def decode_dict(data):
        if data is None:
            return None
        if not isinstance(data, dict):
            raise TypeError("expected an object, got %s" % type(data).__name__)
        if item is None:
            return data
        return {key: item(value) for key, value in data.items()}

    return decode_dict


def _datetime_property(field, slot):
    """A property storing the wire text and answering with a parsed ``datetime``."""

    def get(self):
        value = getattr(self, slot)
        return parse_datetime(value) if isinstance(value, str) else value

    def set(self, value):
        if value is not None and not isinstance(value, (str, datetime.datetime)):
            raise TypeError(
                "%s must be a datetime or an ISO 8601 str, got %s" % (field, type(value).__name__)
            )
        setattr(self, slot, value)

    return property(get, set, doc="%s (a datetime; the wire text is kept)." % field)


def _validated_property(slot, validate):
    """A property that checks and normalizes every value assigned to it."""

    def get(self):
        return getattr(self, slot)

    def set(self, value):
        setattr(self, slot, None if value is None else validate(value))

    return property(get, set, doc=validate.__doc__)


def _one_letter(values):
    """Whether known values are all one letter (shared by json already; see share_letters)."""
    return bool(values) and all(len(value) == 1 for value in values)


def _field_conversions(cls):
    """Per field: how its wire value becomes the stored one, as ``(function, expression,
    constant)``: the function for the loop, the same as an expression over ``value`` (with
    ``{0}`` naming the constant) for the compiled constructor; None where the JSON value
    is stored as it is (timestamps keep their text until read)."""
    conversions = {}
    for field, kind in cls.swagger_types.items():
        canonical = cls.canonical_values.get(field)
        if _one_letter(canonical):
            canonical = None  # json's one-letter strings are shared already: see share_letters
        if canonical:
            shared = {value: value for value in canonical}
            conversions[field] = (
                lambda value, shared=shared: (
                    shared.get(value, value) if value.__class__ is str else value
                ),
                "{0}.get(value, value) if value.__class__ is str else value",
                shared,
            )
        elif kind == "float":
            conversions[field] = (
                _to_float,
                "float(value) if value.__class__ is int else value",
                None,
            )
        elif kind in _PLAIN_TYPES or kind == "datetime":
            conversions[field] = None
        else:
            decode = _build_decoder(kind, functools.partial(_resolve_model, cls, field))
            conversions[field] = (decode, "None if value is None else {0}(value)", decode)
    return conversions


def _to_float(value):
    return float(value) if value.__class__ is int else value


def _interpreted_from_wire(cls):
    """``cls``'s wire constructor as a loop over a field table: used for classes without
    fields, and the reference the compiled constructor is tested against."""
    conversions = _field_conversions(cls)
    table = [
        (
            cls.attribute_map[field],
            cls._slot_of[field],
            conversions[field] and conversions[field][0],
        )
        for field in cls.swagger_types
    ]
    known = frozenset(cls._field_of_wire)

    def from_wire(data):
        self = object.__new__(cls)
        for wire, slot, convert in table:
            value = data.get(wire)
            if convert is not None and value is not None:
                value = convert(value)
            object.__setattr__(self, slot, value)
        self.additional_properties = None if known.issuperset(data) else _extras(data, known)
        return self

    return from_wire


def _compile_from_wire(cls):
    """Build ``cls``'s wire constructor as straight-line code over its fields.

    A loop over a field table costs about twice as much per object, and list pages hold
    hundreds of objects; so, like ``dataclasses`` and ``namedtuple``, the constructor is
    generated from the class's own declarations (never from outside input). Its fast path
    reads every declared field by subscript and, when the object has no other fields,
    skips looking for unknown ones; an object lacking a field takes the ``get`` path.
    A class without fields gets the loop instead: there is nothing to generate.
    """
    if not cls.swagger_types:
        return _interpreted_from_wire(cls)
    namespace = {
        "_new": object.__new__,
        "_cls": cls,
        "_known": frozenset(cls._field_of_wire),
        "_count": len(cls._field_of_wire),
        "_extras": _extras,
    }
    conversions = _field_conversions(cls)
    fast, slow = [], []
    for index, field in enumerate(cls.swagger_types):
        slot = cls._slot_of[field]
        namespace["_w%d" % index] = cls.attribute_map[field]
        if conversions[field] is None:
            convert = "value"
        else:
            _, expression, constant = conversions[field]
            namespace["_f%d" % index] = constant
            convert = expression.format("_f%d" % index)
        for lines, read in ((fast, "data[_w%d]"), (slow, "get(_w%d)")):
            if convert == "value":
                lines.append("    self.%s = %s" % (slot, read % index))
            else:
                lines.append("    value = %s" % (read % index))
                lines.append("    self.%s = %s" % (slot, convert))
    source = "\n".join(
        ["def from_wire_slowly(data):", "    self = _new(_cls)", "    get = data.get"]
        + slow
        + [
            "    self.additional_properties = (None if _known.issuperset(data)"
            " else _extras(data, _known))",
            "    return self",
            "def from_wire(data):",
            "    self = _new(_cls)",
            "    try:",
        ]
        + ["    " + line for line in fast]
        + [
            "    except KeyError:",
            "        return from_wire_slowly(data)",
            "    self.additional_properties = (None if len(data) == _count"
            " else _extras(data, _known))",
            "    return self",
        ]
    )
    # The source is built above from the class's own declarations, never from input.
    exec(source, namespace)  # nosec B102
    return namespace["from_wire"]


class _CompiledOnFirstUse(object):
    """Compiles a model's wire constructor when it is first needed, not at import."""

    def __get__(self, instance, cls):
        function = _compile_from_wire(cls)
        cls.from_wire = staticmethod(function)  # later lookups skip this descriptor
        return function


def _extras(data, known):
    return {wire: value for wire, value in data.items() if wire not in known}


_SIMPLE_TYPE_NAMES = {
    int: "int",
    str: "str",
    bool: "bool",
    float: "float",
    object: "object",
    datetime.datetime: "datetime",
    datetime.date: "date",
    Any: "object",
}
# ``X | None`` (PEP 604) has its own origin before Python 3.14.
_UNION_ORIGINS = tuple(
    origin for origin in (Union, getattr(types, "UnionType", None)) if origin is not None
)


def type_name(annotation):
    """The generated clients' name of a field's type: ``Optional[List[MessageOut]]`` is
    ``"list[MessageOut]"``, ``Optional[Dict[str, Any]]`` is ``"dict(str, object)"``."""
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, typing.ForwardRef):
        if not annotation.__forward_arg__.isidentifier():
            raise TypeError(
                "cannot read the model field type %r on Python %d.%d"
                % ((annotation.__forward_arg__,) + sys.version_info[:2])
            )
        return annotation.__forward_arg__
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in _UNION_ORIGINS:
        inner = [arg for arg in args if arg is not type(None)]
        return type_name(inner[0]) if len(inner) == 1 else "object"
    if origin is list:
        return "list[%s]" % type_name(args[0])
    if origin is dict:
        return "dict(%s, %s)" % (type_name(args[0]), type_name(args[1]))
    if annotation in _SIMPLE_TYPE_NAMES:
        return _SIMPLE_TYPE_NAMES[annotation]
    if isinstance(annotation, type):
        return annotation.__name__
    raise TypeError("a model field cannot have the type %r" % (annotation,))


def _collect_models(annotation, found):
    """Collect the model classes an annotation names, by name, into ``found``."""
    if isinstance(annotation, ModelMeta):
        found.setdefault(annotation.__name__, annotation)
    for arg in typing.get_args(annotation):
        _collect_models(arg, found)
    return found


def _class_body_annotations(namespace):
    """The annotations written in a class body, from the namespace a metaclass receives.

    ``__slots__`` must be known before the class exists, so the finished class comes too
    late. Before Python 3.14, and under ``from __future__ import annotations``, the
    namespace holds ``__annotations__``; from 3.14 on (PEP 649/749) it holds a function
    that computes them, which ``annotationlib`` calls for us (names not yet defined come
    back as forward references).
    """
    annotations = namespace.get("__annotations__")
    if annotations is None:
        if sys.version_info >= (3, 14):  # a test of its own: type checkers skip the block
            import annotationlib

            annotate = annotationlib.get_annotate_from_class_namespace(namespace)
            if annotate is not None:
                annotations = annotationlib.call_annotate_function(
                    annotate, annotationlib.Format.FORWARDREF
                )
    return dict(annotations or {})


def _resolve_text_annotations(annotations, namespace, name):
    """Evaluate annotations written as text (``from __future__ import annotations``) in
    the module that declares the class; names not yet defined there (the class itself, a
    later class) become forward references, resolved when the model first decodes."""
    if not any(isinstance(text, str) for text in annotations.values()):
        return annotations
    module = sys.modules.get(namespace.get("__module__", ""))
    globalns = dict(vars(module)) if module is not None else {}
    localns = dict(namespace)
    localns.setdefault(name, typing.ForwardRef(name))
    for field, text in annotations.items():
        if isinstance(text, str):
            annotations[field] = _evaluate(text, globalns, localns)
    return annotations


def _evaluate(text, globalns, localns):
    def holder():
        """Carries one annotation for ``typing.get_type_hints``."""

    holder.__annotations__ = {"value": text}
    for _ in range(text.count("[") + 2):  # each round defines one more missing name
        try:
            return typing.get_type_hints(holder, globalns, localns)["value"]
        except NameError as error:
            missing = _NAME_IN_ERROR().search(str(error))
            if missing is None or missing.group(1) in localns:
                break
            localns[missing.group(1)] = typing.ForwardRef(missing.group(1))
        except Exception:  # nosec B112 - syntax this Python cannot evaluate (X | None on 3.9)
            break
    return typing.ForwardRef(text)


_NAME_IN_ERROR = lazy_pattern(r"name '(\w+)' is not defined")


def _merged(bases, namespace, attribute):
    """A dict class attribute, as the bases declare it, updated by this class's own."""
    merged = {}
    for base in reversed(bases):
        merged.update(getattr(base, attribute, None) or {})
    merged.update(namespace.get(attribute) or {})
    return merged


@dataclass_transform()
class ModelMeta(type):
    """Derives ``swagger_types``, slots, properties, wire lookups and the wire
    constructor of a model from its annotated fields and those of its model bases.

    A subclass of a model (a user's own, for example) keeps every field of its bases and
    adds its own; a new field without an ``attribute_map`` entry has its own name on the
    wire. Only the SDK's own models are registered by name (for type names such as
    ``"list[MessageSession]"``), so a user's class of the same name replaces nothing.
    """

    def __new__(mcs, name, bases, namespace, **kwargs):
        if not any(isinstance(base, ModelMeta) for base in bases):
            return super().__new__(mcs, name, bases, namespace, **kwargs)  # the base itself
        own_types = {}
        annotations = _class_body_annotations(namespace)
        annotations = _resolve_text_annotations(annotations, namespace, name)
        models = _merged(bases, {}, "_field_models")
        for field, annotation in annotations.items():
            if (
                annotation is ClassVar
                or typing.get_origin(annotation) is ClassVar
                or field in _CLASS_SETTINGS
            ):
                continue
            if field.startswith("_"):
                raise TypeError("%s: model fields cannot start with '_' (%r)" % (name, field))
            own_types[field] = type_name(annotation)
            models[field] = _collect_models(annotation, {})
            namespace.pop(field, None)  # a default lives in the constructor, not the class
        types = _merged(bases, {}, "swagger_types")
        inherited = set(types)
        types.update(own_types)
        attribute_map = _merged(bases, namespace, "attribute_map")
        for field in own_types:
            attribute_map.setdefault(field, field)
        unknown = set(attribute_map) - set(types)
        if unknown:
            raise TypeError("%s.attribute_map names no field: %s" % (name, sorted(unknown)))
        validators = _merged(bases, namespace, "validators")
        slot_of = _merged(bases, {}, "_slot_of")
        declared = namespace.get("__slots__", ())
        new_slots = [declared] if isinstance(declared, str) else list(declared)
        for field, kind in own_types.items():
            if field in inherited:
                continue  # its slot and property come from the base
            if kind == "datetime":
                slot_of[field] = "_" + field
                namespace[field] = _datetime_property(field, slot_of[field])
            elif field in validators:
                slot_of[field] = "_" + field
                namespace[field] = _validated_property(slot_of[field], validators[field])
            else:
                slot_of[field] = field
            new_slots.append(slot_of[field])
        namespace["swagger_types"] = types
        namespace["attribute_map"] = attribute_map
        namespace["validators"] = validators
        namespace["canonical_values"] = _merged(bases, namespace, "canonical_values")
        namespace["__slots__"] = tuple(new_slots)
        namespace["_slot_of"] = slot_of
        namespace["_field_of_wire"] = {wire: field for field, wire in attribute_map.items()}
        namespace["_field_models"] = models
        namespace["from_wire"] = _CompiledOnFirstUse()
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if cls.__module__.startswith(_SDK_MODELS):
            _REGISTRY[name] = cls
        return cls


def _resolve_model(cls, field, name):
    """The model class that a type name in ``field``'s type means: a class named in the
    field's annotation, the model itself, one of its module's, or else one of the SDK's."""
    found = cls._field_models.get(field, {}).get(name)
    if found is None and name == cls.__name__:
        found = cls
    if found is None:
        module = sys.modules.get(cls.__module__)
        candidate = getattr(module, name, None)
        if isinstance(candidate, ModelMeta):
            found = candidate
    return found or model_class(name)


_SDK_MODELS = __name__.rpartition(".")[0] + "."
_LEFT_OUT_OF_DIR = frozenset(
    ["swagger_types", "attribute_map", "validators", "canonical_values", "from_wire"]
    + ["discriminator"]
)
_CLASS_SETTINGS = frozenset(
    ["swagger_types", "attribute_map", "validators", "canonical_values", "discriminator"]
)


class Model(metaclass=ModelMeta):
    """Base of every model: declare ``swagger_types`` and ``attribute_map`` only.

    :param args: field values in declaration order.
    :param kwargs: field values by attribute name.
    """

    __slots__ = ("additional_properties",)

    #: Python attribute name -> type name ("int", "str", "datetime", a model's name, ...),
    #: derived from the annotated fields.
    swagger_types: ClassVar[Dict[str, str]] = {}
    #: Python attribute name -> the name used on the wire.
    attribute_map: ClassVar[Dict[str, str]] = {}
    #: Python attribute name -> a function checking and normalizing assigned values.
    validators: ClassVar[Dict[str, Any]] = {}
    #: Python attribute name -> the known values of a one-of-a-few field; values read
    #: from the wire are replaced by these shared objects.
    canonical_values: ClassVar[Dict[str, Any]] = {}
    #: The generated clients' polymorphism marker: these models have none.
    discriminator: ClassVar[Optional[str]] = None
    _slot_of: ClassVar[Dict[str, str]]
    _field_of_wire: ClassVar[Dict[str, str]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = tuple(self.swagger_types)
        if len(args) > len(fields):
            raise TypeError(
                "%s() takes at most %d positional arguments (%d given)"
                % (type(self).__name__, len(fields), len(args))
            )
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in self.swagger_types:
                raise TypeError(
                    "%s() got an unexpected keyword argument %r" % (type(self).__name__, name)
                )
            if name in values:
                raise TypeError(
                    "%s() got multiple values for argument %r" % (type(self).__name__, name)
                )
            values[name] = value
        #: Fields the API sent that the model does not declare, under their wire names.
        self.additional_properties: Optional[Dict[str, Any]] = None
        for name in fields:
            object.__setattr__(self, self._slot_of[name], None)
            value = values.get(name)
            if value is not None:
                setattr(self, name, value)

    @staticmethod
    def from_wire(data: Dict[str, Any]) -> Any:
        """Build an instance from a decoded JSON object with wire names (``cls.from_wire``).

        ``null`` is accepted in every field; fields the model does not declare are kept,
        under their wire names, in ``additional_properties``. Each model class gets its
        own version of this method, compiled from its fields on first use.

        :param dict data: the JSON object.
        """
        raise NotImplementedError  # replaced in every model class

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "Self":
        """Build an instance from a dict keyed by attribute names (as ``to_dict`` gives)
        or by wire names (as the API sends); values are checked as in the constructor.

        :param dict data: the values.
        """
        if not isinstance(data, dict):
            raise TypeError(
                "%s.from_dict() needs a dict, got %s" % (cls.__name__, type(data).__name__)
            )
        values, extra = {}, {}
        for key, value in data.items():
            field = key if key in cls.swagger_types else cls._field_of_wire.get(key)
            if field is None:
                extra[key] = value
                continue
            kind = cls.swagger_types[field]
            is_list = kind.startswith("list[")
            model = _resolve_model(cls, field, kind[5:-1] if is_list else kind)
            if model is not None and isinstance(value, dict) and not is_list:
                value = model.from_dict(value)
            elif model is not None and isinstance(value, list) and is_list:
                value = [model.from_dict(v) if isinstance(v, dict) else v for v in value]
            values[field] = value
        self = cls(**values)
        self.additional_properties = extra or None
        return self

    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "Self":
        """Build an instance from a JSON text with wire names (as ``to_json`` gives).

        :param text: a JSON object, as str or bytes.
        """
        return cls.from_dict(json.loads(text))

    def to_wire(self) -> Dict[str, Any]:
        """Return the JSON-ready dict of the set fields, under their wire names (what the
        API sends and takes; ``json.dumps(model.to_wire())`` works). Fields that are None
        are left out; unknown fields the server sent are kept."""
        result = {}
        for name, slot in self._slot_of.items():
            value = getattr(self, slot)
            if value is not None:
                result[self.attribute_map[name]] = to_json_ready(value)
        if self.additional_properties:
            for wire, value in self.additional_properties.items():
                result.setdefault(wire, to_json_ready(value))
        return result

    def to_json(self, **kwargs: Any) -> str:
        """Return the model as JSON text with wire names.

        :param kwargs: passed to ``json.dumps`` (``indent=2``, for example).
        """
        return json.dumps(self.to_wire(), **kwargs)

    def to_dict(self) -> Dict[str, Any]:
        """Return the fields as a dict of Python names to Python values (timestamps as
        ``datetime``, nested models as dicts, None kept), as the generated clients do.

        Not JSON-ready: for ``json.dumps`` use :meth:`to_wire` (wire names, timestamps as
        the API's text, unset fields left out) or :meth:`to_json`.
        """
        return {name: _plain(getattr(self, name)) for name in self.swagger_types}

    def to_str(self) -> str:
        """Return the fields pretty-printed, as ``pprint`` would show ``to_dict()``."""
        import pprint

        return pprint.pformat(self.to_dict())

    def __repr__(self) -> str:
        parts = ["%s=%s" % (name, _repr_value(getattr(self, name))) for name in self.swagger_types]
        if self.additional_properties:
            parts.append("additional_properties=%r" % (self.additional_properties,))
        name = type(self).__name__
        line = "%s(%s)" % (name, ", ".join(parts))
        if len(line) <= 79:
            return line
        body = ",\n".join("    " + part.replace("\n", "\n    ") for part in parts)
        return "%s(\n%s,\n)" % (name, body)

    def __dir__(self) -> Iterable[str]:
        # Tab completion offers the fields and methods; the generated clients' class
        # tables (swagger_types, ...) still work, they are only left out of the list.
        return [name for name in super().__dir__() if name not in _LEFT_OUT_OF_DIR]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model) or type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable

    def __getstate__(self) -> Dict[str, Any]:
        state = {}
        for klass in type(self).__mro__:
            for slot in _slot_names(klass):
                if slot not in state and hasattr(self, slot):
                    state[slot] = getattr(self, slot)
        state.update(getattr(self, "__dict__", {}))  # a subclass may add a __dict__
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        for slot, value in state.items():
            object.__setattr__(self, slot, value)


def _slot_names(klass):
    slots = vars(klass).get("__slots__", ())
    return (slots,) if isinstance(slots, str) else [s for s in slots if s != "__dict__"]


def _repr_value(value):
    """``repr``, with a list of models shown one model after another."""
    if isinstance(value, list) and value and any(isinstance(v, Model) for v in value):
        items = ",\n".join("    " + repr(item).replace("\n", "\n    ") for item in value)
        return "[\n%s,\n]" % items
    return repr(value)


def _plain(value):
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
