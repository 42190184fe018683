"""Decoding wire JSON into models and other declared types: a decoder per type name.

A model decoded from JSON is a view of the JSON object itself: the object becomes the
model's ``_data``, and only the fields that hold models (a page's ``resources``) are
turned into models in place. A list of models without such fields is made at C speed.
"""

from __future__ import annotations

import collections
import datetime
import functools
import itertools
from typing import Any, Callable

from TextMagic.models.fields import as_float
from TextMagic.models.registry import model_class, resolve_model
from TextMagic.models.timestamps import parse_datetime

__all__ = ["decoder_for", "view"]

# Field types whose JSON value is kept as it is (datetime and float convert when read).
PLAIN_TYPES = frozenset(["int", "str", "bool", "object", "dict(str, object)", "float", "datetime"])
_DICT_ONLY = frozenset([dict])


def view(cls: Any, data: Any) -> Any:
    """``cls``'s model over the JSON object ``data`` (None for ``null``).

    :raises TypeError: ``data`` is not a JSON object.
    """
    if not isinstance(data, dict):
        if data is None or isinstance(data, cls):
            return data  # null, or an object decoded before (a view's nested model)
        raise TypeError("expected a %s object, got %s" % (cls.__name__, type(data).__name__))
    self = object.__new__(cls)
    self._data = data
    for wire, decode, plain_list in _nested_fields(cls):
        value = data.get(wire)
        if value is not None and decode is not None:
            data[wire] = decode(value)
        elif value is None and plain_list:
            data[wire] = []
    return self


def _nested_fields(cls: Any) -> Any:
    """``cls``'s fields decoded when the model is (models, lists, dates), and the lists
    that read as ``[]`` when absent: ``(wire name, decoder or None, plain list)`` each;
    worked out on the class's first decode (its annotations may name later classes)."""
    if cls._nested is not None:
        return cls._nested
    fields = []
    for field, kind in cls.swagger_types.items():
        plain_list = field in cls._plain_lists
        decode = None
        if kind not in PLAIN_TYPES:
            decode = _build_decoder(kind, functools.partial(resolve_model, cls, field))
        if decode is not None or plain_list:
            fields.append((cls.attribute_map[field], decode, plain_list))
    cls._nested = tuple(fields)
    return cls._nested


def decoder_for(kind: str) -> Callable[[Any], Any]:
    """Return the function that decodes JSON into ``kind`` (a type name whose models are
    the SDK's own)."""
    return _build_decoder(kind, model_class)  # type: ignore[no-any-return]


def _build_decoder(kind, resolve):
    """The decoder of type name ``kind``; ``resolve`` turns a model's name into its class."""
    if kind.startswith("list["):
        return _list_decoder(_build_decoder(kind[5:-1], resolve))
    if kind.startswith("dict("):
        inner = kind[5:-1].split(",", 1)[1].strip()
        return _dict_decoder(None if inner == "object" else _build_decoder(inner, resolve))
    if kind == "float":
        return lambda data: as_float(data) if data.__class__ is int else data
    if kind in PLAIN_TYPES and kind != "datetime":
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


def _model_decoder(cls: Any) -> Callable[[Any], Any]:
    """The decoder of ``cls``'s JSON objects."""
    decode = functools.partial(view, cls)
    decode.model = cls  # type: ignore[attr-defined]
    return decode


def _list_decoder(item):
    model = getattr(item, "model", None)

    def decode_list(data):
        if data is None:
            return None
        if not isinstance(data, list):
            raise TypeError("expected a list, got %s" % type(data).__name__)
        if model is None:
            return [item(value) for value in data]
        if not _nested_fields(model) and set(map(type, data)) <= _DICT_ONLY:
            # A page of plain objects: the views are made and given their objects in C.
            views = list(map(object.__new__, itertools.repeat(model, len(data))))
            collections.deque(map(model._data.__set__, views, data), 0)
            return views
        return [view(model, value) for value in data]

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
