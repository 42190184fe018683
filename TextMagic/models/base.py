"""The one base every model shares: fields from ``swagger_types``, wire conversion,
``to_dict``, ``to_str``, ``repr`` and equality.

A model module only declares its fields::

    class Thing(Model):
        swagger_types = {"id": "int", "created": "datetime"}
        attribute_map = {"id": "id", "created": "createdAt"}

and the base derives the rest: ``__slots__`` (small objects), a keyword constructor,
building from wire JSON (``null`` accepted in every field, unknown fields kept in
``additional_properties``) and serializing back to wire names.
"""

import datetime
import functools
import pprint

from dateutil import parser as _dateutil_parser

__all__ = ["Model"]

# Field types taken from the wire as JSON gave them.
_PLAIN_TYPES = frozenset(["int", "str", "bool", "object", "dict(str, object)", "float"])


@functools.lru_cache(maxsize=4096)
def parse_datetime(text):
    """Parse an ISO 8601 timestamp such as ``2019-08-05T08:14:54+0000``.

    Cached by text: a ``datetime`` is immutable, so sharing one is safe.

    :param str text: the wire value.
    :return: a ``datetime`` (timezone-aware when the text carries an offset), or the
        text itself when it is not a timestamp.
    """
    try:
        return _dateutil_parser.isoparse(text)
    except (ValueError, OverflowError):
        try:
            return _dateutil_parser.parse(text)
        except (ValueError, OverflowError):
            return text


def _datetime_property(field, slot):
    """A property storing the wire text and answering with a parsed ``datetime``."""

    def get(self):
        value = getattr(self, slot)
        return parse_datetime(value) if isinstance(value, str) else value

    def set(self, value):
        if value is not None and not isinstance(value, (str, datetime.datetime)):
            raise TypeError("%s must be a datetime or an ISO 8601 str, got %s"
                            % (field, type(value).__name__))
        setattr(self, slot, value)

    return property(get, set, doc="%s (a datetime; the wire text is kept)." % field)


def _validated_property(field, slot, validate):
    """A property that checks and normalizes every value assigned to it."""

    def get(self):
        return getattr(self, slot)

    def set(self, value):
        setattr(self, slot, None if value is None else validate(value))

    return property(get, set, doc=validate.__doc__)


class ModelMeta(type):
    """Derives slots, properties and wire lookups from a model's ``swagger_types``."""

    def __new__(mcs, name, bases, namespace):
        if not any(isinstance(base, ModelMeta) for base in bases):
            return super().__new__(mcs, name, bases, namespace)  # the base itself
        types = namespace["swagger_types"]
        attribute_map = namespace["attribute_map"]
        validators = namespace.get("validators", {})
        slots = {}
        for field, kind in types.items():
            if kind == "datetime":
                slots[field] = "_" + field
                namespace[field] = _datetime_property(field, slots[field])
            elif field in validators:
                slots[field] = "_" + field
                namespace[field] = _validated_property(field, slots[field], validators[field])
            else:
                slots[field] = field
        namespace["__slots__"] = tuple(slots.values())
        namespace["_slot_of"] = slots
        namespace["_field_of_wire"] = {wire: field for field, wire in attribute_map.items()}
        return super().__new__(mcs, name, bases, namespace)


class Model(metaclass=ModelMeta):
    """Base of every model: declare ``swagger_types`` and ``attribute_map`` only.

    :param args: field values in declaration order.
    :param kwargs: field values by attribute name.
    """

    __slots__ = ("additional_properties",)

    #: Python attribute name -> type name ("int", "str", "datetime", a model's name, ...).
    swagger_types = {}
    #: Python attribute name -> the name used on the wire.
    attribute_map = {}
    #: Python attribute name -> a function checking and normalizing assigned values.
    validators = {}

    def __init__(self, *args, **kwargs):
        fields = tuple(self.swagger_types)
        if len(args) > len(fields):
            raise TypeError("%s() takes at most %d positional arguments (%d given)"
                            % (type(self).__name__, len(fields), len(args)))
        values = dict(zip(fields, args))
        for name, value in kwargs.items():
            if name not in self.swagger_types:
                raise TypeError("%s() got an unexpected keyword argument %r"
                                % (type(self).__name__, name))
            if name in values:
                raise TypeError("%s() got multiple values for argument %r"
                                % (type(self).__name__, name))
            values[name] = value
        self.additional_properties = None
        for name in fields:
            object.__setattr__(self, self._slot_of[name], None)
            value = values.get(name)
            if value is not None:
                setattr(self, name, value)

    @classmethod
    def from_wire(cls, data, resolve_model):
        """Build an instance from a decoded JSON object.

        ``null`` is accepted in every field; fields the model does not declare are kept,
        under their wire names, in ``additional_properties``.

        :param dict data: the JSON object.
        :param resolve_model: maps a model's type name to its class (for nested models).
        :return: the instance.
        """
        self = cls.__new__(cls)
        extra = None
        for name, slot in cls._slot_of.items():
            object.__setattr__(self, slot, None)
        for wire, value in data.items():
            field = cls._field_of_wire.get(wire)
            if field is None:
                if extra is None:
                    extra = {}
                extra[wire] = value
            elif value is not None:
                object.__setattr__(self, cls._slot_of[field],
                                   _from_wire_value(cls.swagger_types[field], value, resolve_model))
        self.additional_properties = extra
        return self

    def to_wire(self, sanitize):
        """Return the JSON-ready dict of the set fields, under their wire names.

        :param sanitize: turns a field's value into JSON-ready data.
        """
        result = {}
        for name, slot in self._slot_of.items():
            value = getattr(self, slot)
            if value is not None:
                result[self.attribute_map[name]] = sanitize(value)
        if self.additional_properties:
            for wire, value in self.additional_properties.items():
                result.setdefault(wire, sanitize(value))
        return result

    def to_dict(self):
        """Return the fields as a dict of attribute names to values (models as dicts)."""
        return {name: _plain(getattr(self, name)) for name in self.swagger_types}

    def to_str(self):
        """Return the fields pretty-printed, as ``pprint`` would show ``to_dict()``."""
        return pprint.pformat(self.to_dict())

    def __repr__(self):
        parts = ["%s=%r" % (name, getattr(self, name)) for name in self.swagger_types]
        if self.additional_properties:
            parts.append("additional_properties=%r" % (self.additional_properties,))
        name = type(self).__name__
        line = "%s(%s)" % (name, ", ".join(parts))
        if len(line) <= 79:
            return line
        body = ",\n".join("    " + part.replace("\n", "\n    ") for part in parts)
        return "%s(\n%s,\n)" % (name, body)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()

    def __ne__(self, other):
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    __hash__ = None


def _from_wire_value(kind, value, resolve_model):
    if kind in _PLAIN_TYPES:
        if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value
    if kind == "datetime":
        return value  # kept as text; parsed when the attribute is read
    if kind.startswith("list[") and isinstance(value, list):
        inner = kind[5:-1]
        return [None if item is None else _from_wire_value(inner, item, resolve_model)
                for item in value]
    cls = resolve_model(kind)
    if cls is not None and isinstance(value, dict):
        return cls.from_wire(value, resolve_model)
    return value


def _plain(value):
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
