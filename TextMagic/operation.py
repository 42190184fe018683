"""Declarations of API operations and the checks their arguments go through.

An ``Operation`` says what an endpoint is (method, path, parameters with their wire
names and places, response type); ``Operation.bind`` checks a call's arguments against
it and sorts them into path, query, header and body, before anything is sent.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from TextMagic._lazy import lazy_pattern

# Up to 18 ASCII digits: every 64-bit id, and no int conversion of unbounded text.
_DIGITS = lazy_pattern(r"[0-9]{1,18}")

__all__ = [
    "Operation",
    "Param",
    "BoundRequest",
    "is_integral",
    "positive_int",
    "page_limit",
    "zero_or_one",
    "boolean",
    "statuses",
    "model_or_dict",
]


def is_integral(value: Any) -> bool:
    """Whether ``value`` is a whole number: an int, or a ``numbers.Integral`` such as
    numpy's integers (bool included: callers that refuse it say so)."""
    if isinstance(value, int):
        return True
    import numbers  # only for other integer types: the module costs an import

    return isinstance(value, numbers.Integral)


def positive_int(value: Any) -> int:
    """an int of 1 or more (or its decimal digits as a str, such as "7")"""
    if value.__class__ is int and value > 0:
        return value
    if isinstance(value, str) and _DIGITS().fullmatch(value):
        value = int(value)  # ids taken from URLs and forms arrive as text
    if isinstance(value, bool) or not is_integral(value):
        raise TypeError("must be an int, got %r (%s)" % (value, type(value).__name__))
    if value < 1:
        raise ValueError("must be 1 or more, got %r" % (value,))
    return int(value)


#: The largest page TextMagic serves; it silently answers 10 items for any larger limit.
MAX_PAGE_LIMIT = 100


def page_limit(value: Any) -> int:
    """an int from 1 to 100 (TextMagic would silently serve 10 for any other)"""
    value = positive_int(value)
    if value > MAX_PAGE_LIMIT:
        raise ValueError(
            "must be at most %d, got %r: TextMagic silently serves 10 items for any larger "
            "limit; walk the pages instead (iter_* methods)" % (MAX_PAGE_LIMIT, value)
        )
    return value


def zero_or_one(value: Any) -> int:
    """0 or 1 (False or True accepted)"""
    if is_integral(value) and value in (0, 1):
        return int(value)
    if is_integral(value):
        raise ValueError("must be 0 or 1, got %r" % (value,))
    raise TypeError("must be 0 or 1, got %r (%s)" % (value, type(value).__name__))


def boolean(value: Any) -> bool:
    """True or False"""
    if not isinstance(value, bool):
        raise TypeError("must be True or False, got %r (%s)" % (value, type(value).__name__))
    return value


def statuses(value: Any) -> str:
    """comma-separated delivery statuses such as "d,f", or a list of them"""
    if isinstance(value, str):
        letters = [part.strip() for part in value.split(",")]
    elif isinstance(value, (list, tuple, set, frozenset)):
        letters = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        if not all(isinstance(letter, str) for letter in letters):
            raise TypeError("must hold str statuses, got %r" % (value,))
    else:
        raise TypeError(
            "must be a str such as 'd,f' or a list of statuses, got %s" % type(value).__name__
        )
    # The letters themselves are the server's to judge (it answers 400 to unknown ones),
    # so that a new status never needs a new SDK.
    if not any(letters):
        raise ValueError("must name at least one status, got %r" % (value,))
    return ",".join(letters)


def model_or_dict(cls: Any) -> Callable[[Any], Any]:
    """A check that accepts an instance of the model ``cls``, or a dict of its fields by
    Python or wire names (turned into one, each value checked as the model checks it)."""

    def check(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            raise TypeError(
                "must be a %s or a dict of its fields, got %s"
                % (cls.__name__, type(value).__name__)
            )
        unknown = [
            key for key in value if key not in cls.swagger_types and key not in cls._field_of_wire
        ]
        if unknown:
            raise ValueError(
                "has no field %s (%s has %s)"
                % (", ".join(map(repr, unknown)), cls.__name__, ", ".join(cls.swagger_types))
            )
        return cls.from_dict(value)

    check.__doc__ = "a %s, or a dict of its fields" % cls.__name__
    return check


class Param(object):
    """One parameter of an operation.

    :param str name: the Python name.
    :param str location: ``"path"``, ``"query"``, ``"header"`` or ``"body"``.
    :param check: a function that returns the checked value or raises TypeError/ValueError.
    :param str wire_name: the name on the wire (defaults to ``name``).
    :param bool required: whether None is refused.
    """

    __slots__ = ("name", "location", "check", "wire_name", "required")

    def __init__(
        self,
        name: str,
        location: str,
        check: Callable[[Any], Any],
        wire_name: Optional[str] = None,
        required: bool = False,
    ) -> None:
        self.name = name
        self.location = location
        self.check = check
        self.wire_name = wire_name or name
        self.required = required


class BoundRequest(object):
    """A call's checked arguments, sorted by where they travel."""

    __slots__ = ("path_params", "query_params", "header_params", "body")

    def __init__(self) -> None:
        self.path_params: Dict[str, Any] = {}
        self.query_params: List[Tuple[str, Any]] = []
        self.header_params: Dict[str, Any] = {}
        self.body: Any = None


class Operation(object):
    """What one endpoint is: enough for ``ApiClient`` to build and decode a call.

    :param str name: the Python method name, used in error messages.
    :param str method: the HTTP method.
    :param str path: the path template, e.g. ``/api/v2/sessions/{id}``.
    :param params: the ``Param`` list, in signature order.
    :param str response_type: the type of the decoded answer, or None for no body.
    """

    __slots__ = ("name", "method", "path", "params", "response_type", "headers")

    def __init__(
        self,
        name: str,
        method: str,
        path: str,
        params: Iterable[Param] = (),
        response_type: Optional[str] = None,
    ) -> None:
        self.name = name
        self.method = method
        self.path = path
        self.params = tuple(params)
        self.response_type = response_type
        #: The headers every call sends: JSON in, and JSON out when a body comes back.
        self.headers: Dict[str, str] = {"Content-Type": "application/json"}
        if response_type is not None:
            self.headers = {"Accept": "application/json", "Content-Type": "application/json"}

    def variant(self, name: str, response_type: str) -> "Operation":
        """The same endpoint under another method name, decoded into another type."""
        return Operation(name, self.method, self.path, self.params, response_type)

    def bind(self, arguments: Dict[str, Any]) -> BoundRequest:
        """Check a call's arguments and sort them into path, query, header and body.

        :param dict arguments: Python name -> value; None means "not given".
        :return: a ``BoundRequest``.
        :raises ValueError: a required argument is missing, or a value is out of range.
        :raises TypeError: a value has the wrong type.
        """
        bound = BoundRequest()
        for param in self.params:
            value = arguments.get(param.name)
            if value is None:
                if param.required:
                    raise ValueError(
                        "Missing the required parameter `%s` when calling `%s`"
                        % (param.name, self.name)
                    )
                continue
            try:
                value = param.check(value)
            except (TypeError, ValueError) as error:
                raise type(error)("%s(): %s %s" % (self.name, param.name, error)) from None
            if param.location == "path":
                bound.path_params[param.wire_name] = value
            elif param.location == "query":
                bound.query_params.append((param.wire_name, value))
            elif param.location == "header":
                bound.header_params[param.wire_name] = value
            else:
                bound.body = value
        return bound
