"""Decoding wire JSON into models and other declared types: a decoder per type name, and
each model's wire constructor, compiled from its fields on first use."""

from __future__ import annotations

import datetime
import functools
import types
from typing import Any, Dict

from TextMagic.models.registry import is_model_class, model_class, resolve_model
from TextMagic.models.timestamps import parse_datetime

__all__ = ["CompiledOnFirstUse", "decoder_for", "model_decoder", "share_letters"]

# Field types taken from the wire as JSON gave them.
PLAIN_TYPES = frozenset(["int", "str", "bool", "object", "dict(str, object)", "float"])


def share_letters(obj: Any) -> Any:
    """Replace the one-letter values of ``canonical_values`` fields (``source``,
    ``status``, ...) in ``obj`` and the models inside it by one shared object each.

    The standard library's json already gives every one-letter string as a shared object;
    a decoder that makes a new one per value (orjson) would otherwise cost 50 bytes per
    field per object. Returns ``obj``.
    """
    if is_model_class(type(obj)):
        _share_in(type(obj), [obj])
    elif isinstance(obj, list) and obj:
        kinds = set(map(type, obj))
        kind = kinds.pop() if len(kinds) == 1 else None
        if kind is not None and is_model_class(kind):
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
            if kind not in PLAIN_TYPES and kind not in ("datetime", "date")
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
    if kind in PLAIN_TYPES:
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
    return model_decoder(cls)


def model_decoder(cls):
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
        elif kind in PLAIN_TYPES or kind == "datetime":
            conversions[field] = None
        else:
            decode = _build_decoder(kind, functools.partial(resolve_model, cls, field))
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


class CompiledOnFirstUse(object):
    """Compiles a model's wire constructor when it is first needed, not at import."""

    def __get__(self, instance, cls):
        function = _compile_from_wire(cls)
        cls.from_wire = staticmethod(function)  # later lookups skip this descriptor
        return function


def _extras(data, known):
    return {wire: value for wire, value in data.items() if wire not in known}
