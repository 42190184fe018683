"""The one base every model shares: fields from ``swagger_types``, JSON conversion,
``to_dict``, ``to_str``, ``repr``, equality, copying and pickling.

A model module only declares its fields, once, as annotated attributes, and their wire
names::

    class Thing(Model):
        id: Optional[int] = None
        created: Optional[datetime.datetime] = None

        attribute_map = {"id": "id", "created": "createdAt"}

and the base derives the rest: ``swagger_types`` (``{"id": "int", "created":
"datetime"}``, as generated clients have it), a constructor taking the fields by keyword
or in order (type checkers see it too), and one property per field. A model is a view of
a JSON object with wire names (``_data``): a decoded answer is kept as the JSON decoder
gave it, fields are read from it (timestamps parsed when read), setters write to it, and
fields the model does not declare simply stay in it (``additional_properties``).
"""

from __future__ import annotations

import datetime
import json
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Iterable, Optional, Union

__all__ = [
    "Model",
    "model_class",
    "to_json_ready",
    "from_json_ready",
    "parse_datetime",
]

from TextMagic.models.fields import CLASS_SETTINGS, ModelMeta
from TextMagic.models.registry import model_class, resolve_model
from TextMagic.models.timestamps import parse_datetime
from TextMagic.models.wire import decoder_for, view

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

    ``null`` stays None anywhere; unknown fields of models stay in their JSON objects.
    Type names of models name the SDK's own models only.

    :raises TypeError: the JSON has another shape than ``kind``.
    """
    if isinstance(kind, str):
        model = model_class(kind)  # the common case: one model
        return decoder_for(kind)(data) if model is None else view(model, data)
    return view(kind, data)


_LEFT_OUT_OF_DIR = CLASS_SETTINGS | {"from_wire"}


@dataclass_transform()
class Model(metaclass=ModelMeta):
    """Base of every model: declare ``swagger_types`` and ``attribute_map`` only.

    :param args: field values in declaration order.
    :param kwargs: field values by attribute name.
    """

    __slots__ = ("_data",)

    #: Python attribute name -> type name ("int", "str", "datetime", a model's name, ...),
    #: derived from the annotated fields.
    swagger_types: ClassVar[Dict[str, str]] = {}
    #: Python attribute name -> the name used on the wire.
    attribute_map: ClassVar[Dict[str, str]] = {}
    #: Python attribute name -> a function checking and normalizing assigned values.
    validators: ClassVar[Dict[str, Any]] = {}
    #: The generated clients' polymorphism marker: these models have none.
    discriminator: ClassVar[Optional[str]] = None
    _field_of_wire: ClassVar[Dict[str, str]] = {}
    _nested: ClassVar[Any] = ()
    _data: Dict[str, Any]

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
        self._data = {}
        for name in fields:
            setattr(self, name, values.get(name))  # each setter checks its value

    @classmethod
    def from_wire(cls, data: Dict[str, Any]) -> "Self":
        """Return a model over a decoded JSON object with wire names, which it keeps and
        reads (and its setters write): pass a copy to keep yours unchanged.

        ``null`` is accepted in every field; fields the model does not declare stay in
        the object (``additional_properties``); objects in fields that hold models become
        those models.

        :param dict data: the JSON object.
        :raises TypeError: ``data`` is not a dict.
        """
        if not isinstance(data, dict):
            raise TypeError("expected a %s object, got %s" % (cls.__name__, type(data).__name__))
        return view(cls, data)  # type: ignore[no-any-return]

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

    @property
    def additional_properties(self) -> Optional[Dict[str, Any]]:
        """Fields the API sent that the model does not declare, under their wire names
        (None when there are none); setting it replaces them."""
        known = self._field_of_wire
        extra = {wire: value for wire, value in self._data.items() if wire not in known}
        return extra or None

    @additional_properties.setter
    def additional_properties(self, values: Optional[Dict[str, Any]]) -> None:
        known = self._field_of_wire
        for wire in [wire for wire in self._data if wire not in known]:
            del self._data[wire]
        for wire, value in (values or {}).items():
            if wire in known:
                raise ValueError("%r is a field of %s" % (wire, type(self).__name__))
            self._data[wire] = value

    def to_wire(self) -> Dict[str, Any]:
        """Return the JSON-ready dict of the set fields, under their wire names (what the
        API sends and takes; ``json.dumps(model.to_wire())`` works). Fields that are None
        are left out; unknown fields the server sent are kept as they are."""
        known = self._field_of_wire
        return {
            wire: to_json_ready(value)
            for wire, value in self._data.items()
            if value is not None or wire not in known
        }

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

    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable

    def __getstate__(self) -> Dict[str, Any]:
        state = {}
        for klass in type(self).__mro__:
            for slot in _slot_names(klass):
                if slot not in state and hasattr(self, slot):
                    state[slot] = getattr(self, slot)
        state["_data"] = dict(self._data)  # a copy (copy.copy) gets an object of its own
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
