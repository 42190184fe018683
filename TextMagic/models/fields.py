"""A model's fields as the metaclass makes them: one property per field, reading and
writing the model's JSON object under the field's wire name."""

from __future__ import annotations

import datetime
import math
import typing
from typing import Any, ClassVar, Dict

from TextMagic.models.annotations import (
    class_body_annotations,
    collect_models,
    is_plain_list,
    type_name,
)
from TextMagic.models.registry import SDK_MODELS, register
from TextMagic.models.timestamps import NATIVE_ISO_FORMAT, parse_datetime

_from_iso_format = datetime.datetime.fromisoformat

__all__ = ["ModelMeta", "CLASS_SETTINGS", "as_float"]

#: Class attributes of a model that are settings, not fields.
CLASS_SETTINGS = frozenset(["swagger_types", "attribute_map", "validators", "discriminator"])


def _reader(wire: str) -> Any:
    """A field's getter: the JSON object's value under ``wire``, or None."""

    def get(self):
        return self._data.get(wire)

    return get


def _writer(wire: str) -> Any:
    """A field's setter: the value stored as it is under ``wire``."""

    def set(self, value):
        self._data[wire] = value

    return set


def _float_reader(wire: str) -> Any:
    def get(self):
        value = self._data.get(wire)
        return as_float(value) if value.__class__ is int else value  # JSON's 1 for 1.0

    return get


def as_float(number: int) -> float:
    """An int read as a float; beyond a float's range infinite, as json reads ``1e400``."""
    try:
        return float(number)
    except OverflowError:
        return math.inf if number > 0 else -math.inf


def _datetime_property(field: str, wire: str) -> property:
    if NATIVE_ISO_FORMAT:

        def get(self):
            value = self._data.get(wire)
            if value.__class__ is str:
                try:
                    return _from_iso_format(value)  # the API's forms, read in C
                except ValueError:
                    return parse_datetime(value)  # other forms, or not a time at all
            return value

    else:

        def get(self):
            value = self._data.get(wire)
            return parse_datetime(value) if value.__class__ is str else value

    def set(self, value):
        if value is not None and not isinstance(value, (str, datetime.datetime)):
            raise TypeError(
                "%s must be a datetime or an ISO 8601 str, got %s" % (field, type(value).__name__)
            )
        self._data[wire] = value

    return property(get, set, doc="%s (a datetime, parsed from the wire text when read)." % field)


def _list_property(wire: str) -> property:
    """A list field whose annotation does not allow None: absent or null reads as []."""

    def get(self):
        value = self._data.get(wire)
        if value is None:
            value = self._data[wire] = []
        return value

    def set(self, value):
        self._data[wire] = [] if value is None else value

    return property(get, set)


def _validating_writer(wire: str, validate: Any) -> Any:
    def set(self, value):
        self._data[wire] = None if value is None else validate(value)

    return set


def _field_property(field: str, kind: str, wire: str, validate: Any, plain_list: bool):
    if validate is not None:
        return property(_reader(wire), _validating_writer(wire, validate), doc=validate.__doc__)
    if kind == "datetime":
        return _datetime_property(field, wire)
    if kind == "float":
        return property(_float_reader(wire), _writer(wire))
    if plain_list:
        return _list_property(wire)
    return property(_reader(wire), _writer(wire))


def _merged(bases: Any, namespace: Dict[str, Any], attribute: str) -> Dict[str, Any]:
    """A dict class attribute, as the bases declare it, updated by this class's own."""
    merged: Dict[str, Any] = {}
    for base in reversed(bases):
        merged.update(getattr(base, attribute, None) or {})
    merged.update(namespace.get(attribute) or {})
    return merged


def _own_fields(name, namespace, models):
    """The class body's fields: attribute name -> type name; their models into ``models``."""
    fields, lists = {}, set()
    for field, annotation in class_body_annotations(namespace).items():
        if field in CLASS_SETTINGS or _is_class_var(annotation):
            continue
        if field.startswith("_"):
            raise TypeError("%s: model fields cannot start with '_' (%r)" % (name, field))
        fields[field] = type_name(annotation)
        models[field] = collect_models(annotation, {})
        if is_plain_list(annotation):
            lists.add(field)
        namespace.pop(field, None)  # a default lives in the constructor, not the class
    return fields, lists


def _is_class_var(annotation):
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or typing.get_origin(annotation) is ClassVar


class ModelMeta(type):
    """Derives ``swagger_types``, ``attribute_map`` and one property per field of a model
    from its annotated fields and those of its model bases.

    A subclass of a model (a user's own, for example) keeps every field of its bases and
    adds its own; a new field without an ``attribute_map`` entry has its own name on the
    wire. Only the SDK's own models are registered by name (for type names such as
    ``"list[MessageSession]"``), so a user's class of the same name replaces nothing.
    """

    def __new__(mcs, name, bases, namespace, **kwargs):
        if not any(isinstance(base, ModelMeta) for base in bases):
            return super().__new__(mcs, name, bases, namespace, **kwargs)  # the base itself
        models = _merged(bases, {}, "_field_models")
        own, lists = _own_fields(name, namespace, models)
        types = _merged(bases, {}, "swagger_types")
        types.update(own)
        attribute_map = _merged(bases, namespace, "attribute_map")
        for field in own:
            attribute_map.setdefault(field, field)
        unknown = set(attribute_map) - set(types)
        if unknown:
            raise TypeError("%s.attribute_map names no field: %s" % (name, sorted(unknown)))
        validators = _merged(bases, namespace, "validators")
        plain_lists = set(lists).union(*(getattr(base, "_plain_lists", ()) for base in bases))
        changed = (
            set(own)
            | set(namespace.get("attribute_map") or ())
            | set(namespace.get("validators") or ())
        )
        for field in changed:
            namespace[field] = _field_property(
                field,
                types[field],
                attribute_map[field],
                validators.get(field),
                field in plain_lists,
            )
        declared = namespace.get("__slots__", ())
        namespace["__slots__"] = (declared,) if isinstance(declared, str) else tuple(declared)
        namespace["swagger_types"] = types
        namespace["attribute_map"] = attribute_map
        namespace["validators"] = validators
        namespace["_field_of_wire"] = {wire: field for field, wire in attribute_map.items()}
        namespace["_field_models"] = models
        namespace["_plain_lists"] = frozenset(plain_lists)
        namespace["_nested"] = None  # the fields holding models: found on first decode
        cls = super().__new__(mcs, name, bases, namespace, **kwargs)
        if cls.__module__.startswith(SDK_MODELS):
            register(cls)
        return cls
