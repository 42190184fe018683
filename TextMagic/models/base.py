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
import json
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

from TextMagic.models.annotations import (
    class_body_annotations,
    collect_models,
    resolve_text_annotations,
    type_name,
)
from TextMagic.models.registry import SDK_MODELS, model_class, register, resolve_model
from TextMagic.models.timestamps import parse_datetime
from TextMagic.models.wire import CompiledOnFirstUse, decoder_for, model_decoder, share_letters

if TYPE_CHECKING:
    from typing_extensions import Self, dataclass_transform
else:

    def dataclass_transform(**kwargs):
        """Tells type checkers that models take their fields as constructor arguments."""
        return lambda cls: cls


# Field types taken from the wire as JSON gave them.
_JSON_PRIMITIVES = (str, int, float, bool)


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
    return model_decoder(kind)(data)


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
        annotations = class_body_annotations(namespace)
        annotations = resolve_text_annotations(annotations, namespace, name)
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
            models[field] = collect_models(annotation, {})
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
        namespace["from_wire"] = CompiledOnFirstUse()
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if cls.__module__.startswith(SDK_MODELS):
            register(cls)
        return cls


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
            model = resolve_model(cls, field, kind[5:-1] if is_list else kind)
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
