"""A call's values as they go on the wire: the method, path and query parameters, and
headers (the client's defaults overlaid by the call's own), checked before sending; and
``ApiClient``'s methods that build a ``Request`` from them."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

from TextMagic.checks import check_deadline
from TextMagic.request import Request
from TextMagic.transport.timeouts import call_timeout

__all__ = [
    "DefaultHeaders",
    "RequestBuilding",
    "check_header",
    "checked_method",
    "parameters_to_tuples",
    "select_header_accept",
    "select_header_content_type",
]

METHODS = frozenset(["GET", "HEAD", "OPTIONS", "POST", "PATCH", "PUT", "DELETE"])
#: The methods that send no body.
BODILESS = frozenset(["GET", "HEAD"])
_FORMLESS = BODILESS | {"DELETE"}
# How list parameters are joined, by collection format ("multi" repeats the name instead).
_SEPARATORS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}
# Sets of per-call headers whose checked merge is kept (see DefaultHeaders.merged).
_MERGED_HEADER_SETS = 32


def checked_method(method: Any, body: Any = None, post_params: Any = None) -> str:
    """The method, upper case, once it is known and can send what it is given: GET and
    HEAD send no body, DELETE (as in the generated clients) no form.

    :raises ValueError: an unknown method, or one that cannot send this.
    """
    upper = method.upper() if isinstance(method, str) else None
    if upper not in METHODS:
        raise ValueError(
            "http method must be one of %s, got %r" % (", ".join(sorted(METHODS)), method)
        )
    if (post_params and upper in _FORMLESS) or (body is not None and upper in BODILESS):
        raise ValueError("a %s request cannot send this body or post_params" % upper)
    return upper


def wire_text(value: Any) -> str:
    """A parameter's wire text: booleans in their JSON spelling, the rest as str()."""
    if value.__class__ is str:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def url_text(value: Any, safe: str) -> str:
    """``value`` as it goes into a URL: ints as they are, the rest percent-encoded."""
    if value.__class__ is int:
        return str(value)
    return quote(wire_text(value), safe=safe)


def filled_path(template: str, pairs: List[Tuple[str, Any]], safe: str) -> str:
    """``template`` with each ``{name}`` replaced by its value, percent-encoded but for
    the characters in ``safe``."""
    for name, value in pairs:
        template = template.replace("{%s}" % name, url_text(value, safe))
    return template


def query_string(pairs: List[Tuple[str, Any]]) -> str:
    """``?name=value&...`` of the pairs, percent-encoded."""
    return "?" + "&".join("%s=%s" % (url_text(k, ""), url_text(v, "")) for k, v in pairs)


def parameters_to_tuples(
    params: Any, collection_formats: Optional[Dict[str, str]]
) -> List[Tuple[str, Any]]:
    """Turn parameters into ``(name, value)`` pairs, joining lists by their format.

    :param params: a dict or a list of pairs.
    :param dict collection_formats: name -> ``csv``, ``ssv``, ``tsv``, ``pipes`` or
        ``multi``.
    """
    formats = collection_formats or {}
    pairs: List[Tuple[str, Any]] = []
    for name, value in params.items() if isinstance(params, dict) else params:
        if isinstance(value, (list, tuple)):
            fmt = formats.get(name, "csv")
            if fmt == "multi":
                pairs.extend((name, item) for item in value)
            else:
                pairs.append((name, _SEPARATORS[fmt].join(wire_text(item) for item in value)))
        else:
            pairs.append((name, value))
    return pairs


def select_header_accept(accepts: Sequence[str]) -> Optional[str]:
    """Pick the ``Accept`` header from the types an operation produces.

    :param list accepts: media types.
    :return: ``application/json`` if listed, else all of them joined, else None.
    """
    if not accepts:
        return None
    if any(a.lower() == "application/json" for a in accepts):
        return "application/json"
    return ", ".join(accepts)


def select_header_content_type(content_types: Sequence[str]) -> str:
    """Pick the ``Content-Type`` header from the types an operation consumes.

    :param list content_types: media types.
    :return: ``application/json`` if listed or none given, else the first.
    """
    if not content_types or any(c.lower() == "application/json" for c in content_types):
        return "application/json"
    return content_types[0]


def check_header(name: Any, value: Any) -> None:
    """Refuse a header that is not text, or that could end the header block early.

    :raises TypeError: a name or value that is not ``str``.
    :raises ValueError: a line break or NUL in either.
    """
    for part in (name, value):
        if part.__class__ is not str and not isinstance(part, str):
            raise TypeError("header names and values must be str, got %r" % (part,))
        if "\r" in part or "\n" in part or "\0" in part:
            raise ValueError("header %r contains a line break or NUL; refused" % (name,))


class DefaultHeaders(object):
    """A client's default headers and cookie, merged with each call's own headers.

    Each set of headers is checked once; the merge of an operation's headers (which
    repeat from call to call) is kept until the defaults or the cookie change.
    """

    def __init__(self) -> None:
        # (defaults key, checked defaults, their lower-case names, {call's headers: merged})
        self._cache: Optional[Tuple[Any, Dict[str, str], Any, Dict[Any, Any]]] = None

    def merged(
        self, defaults: Dict[str, str], cookie: Optional[str], per_call: Optional[Dict[str, Any]]
    ) -> Dict[str, str]:
        """``defaults`` and ``cookie`` overlaid by ``per_call``, names compared without
        regard to case: a new dict the caller may change."""
        key = (tuple(defaults.items()), cookie)
        cached = self._cache
        if cached is None or cached[0] != key:
            base = dict(defaults)
            if cookie is not None:
                base.setdefault("Cookie", cookie)
            for name, value in base.items():
                check_header(name, value)
            cached = (key, base, frozenset(name.lower() for name in base), {})
            self._cache = cached  # one tuple: safe to swap between threads
        if not per_call:
            return dict(cached[1])
        merged_by_call = cached[3]
        call_key: Optional[Tuple[Any, ...]] = tuple(per_call.items())
        try:
            merged = merged_by_call.get(call_key)
        except TypeError:  # an unhashable value: checked and converted below, not kept
            merged = call_key = None
        if merged is not None:
            return dict(merged)
        headers = _overlaid(cached[1], cached[2], per_call)
        # Only headers given as str are kept (True and 1 are equal keys, not equal text),
        # and only a few sets: an operation's headers repeat, a user's may not.
        all_text = all(value.__class__ is str for value in per_call.values())
        if all_text and call_key is not None and len(merged_by_call) < _MERGED_HEADER_SETS:
            merged_by_call[call_key] = headers
            return dict(headers)
        return headers


def _overlaid(base: Dict[str, str], lowered: Any, per_call: Dict[str, Any]) -> Dict[str, str]:
    headers = dict(base)
    for name, value in per_call.items():
        if lowered and name.lower() in lowered:
            for existing in [n for n in headers if n.lower() == name.lower()]:
                del headers[existing]
        value = wire_text(value)
        check_header(name, value)
        headers[name] = value
    return headers


class RequestBuilding(object):
    """``ApiClient``'s request-building methods: default headers, authentication, and the
    ``Request`` a call becomes."""

    configuration: Any
    rest_client: Any
    default_headers: Dict[str, str]
    _cookie: Optional[str]
    _default_headers: DefaultHeaders

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` sent with every call (``TextMagic-Python/<version>``)."""
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.set_default_header("User-Agent", value)

    @property
    def cookie(self) -> Optional[str]:
        """A ``Cookie`` header sent with every call, or None."""
        return self._cookie

    @cookie.setter
    def cookie(self, value: Optional[str]) -> None:
        if value is not None:
            check_header("Cookie", value)
        self._cookie = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send a header with every call (a call's own headers win over it).

        :param str header_name: the header's name.
        :param str header_value: its value.
        """
        check_header(header_name, header_value)
        self.default_headers[header_name] = header_value

    select_header_accept = staticmethod(select_header_accept)
    select_header_content_type = staticmethod(select_header_content_type)

    parameters_to_tuples = staticmethod(parameters_to_tuples)

    def build_request(
        self,
        resource_path: str,
        method: str,
        path_params: Any = None,
        query_params: Any = None,
        header_params: Optional[Dict[str, Any]] = None,
        body: Any = None,
        post_params: Any = None,
        files: Any = None,
        response_type: Any = None,
        auth_settings: Optional[Sequence[str]] = None,
        _return_http_data_only: Optional[bool] = None,
        collection_formats: Optional[Dict[str, str]] = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        _deadline: Optional[float] = None,
    ) -> Request:
        """Build the ``Request`` that :meth:`call_api` sends (same parameters, less
        ``async_req``): headers, authentication, URL, JSON-ready body, timeout.

        :raises TypeError: a value of the wrong type (a timeout, a header).
        :raises ValueError: files, a bad method, a body for GET or HEAD, or post_params
            for GET, HEAD or DELETE.
        """
        if files:
            raise ValueError("this API takes no file uploads; files must be empty")
        method = checked_method(method, body, post_params)
        deadline = self.configuration.deadline
        if _deadline is not None:
            deadline = check_deadline(_deadline, "_deadline")
        timeout = call_timeout(_request_timeout, self.rest_client.default_timeout, deadline)
        headers = self._default_headers.merged(self.default_headers, self._cookie, header_params)
        query = self.parameters_to_tuples(query_params, collection_formats) if query_params else []
        if auth_settings:
            self.update_params_for_auth(headers, query, auth_settings)
        path = resource_path
        if path_params:
            path = filled_path(
                path,
                self.parameters_to_tuples(path_params, collection_formats),
                self.configuration.safe_chars_for_path_param,
            )
        url = self.configuration.host + path
        if query:
            url += query_string(query)
        return Request(
            method,
            url,
            MappingProxyType(headers),
            None if body is None else self.sanitize_for_serialization(body),
            post_params or None,
            timeout,
            response_type,
            _preload_content,
            bool(_return_http_data_only),
        )

    def update_params_for_auth(
        self,
        headers: Dict[str, str],
        querys: List[Tuple[str, Any]],
        auth_settings: Optional[Sequence[str]],
    ) -> None:
        """Add the named authentication settings to a request's headers or query.

        Whether there are credentials to send, and whether they may travel to the host,
        is checked where the request is about to leave (see ``TextMagic.transport``).

        :param dict headers: the request headers, updated in place.
        :param list querys: the query pairs, updated in place.
        :param list auth_settings: names such as ``["BasicAuth"]``.
        """
        if not auth_settings:
            return
        settings = self.configuration.auth_settings()
        for name in auth_settings:
            auth = settings.get(name)
            if not auth or not auth["value"]:
                continue
            if auth["in"] == "header":
                headers[auth["key"]] = auth["value"]
            elif auth["in"] == "query":
                querys.append((auth["key"], auth["value"]))
            else:
                raise ValueError("authentication token must be in the header or the query")

    # -- serialization --------------------------------------------------------------

    def sanitize_for_serialization(self, obj: Any) -> Any:
        """Turn an object into JSON-ready data (models use their wire names).

        :param obj: None, a primitive, a date/datetime, a list, tuple, dict or model.
        :return: the JSON-ready equivalent.
        :raises TypeError: the object cannot be represented in JSON.
        """
        from TextMagic.models.base import to_json_ready

        return to_json_ready(obj)
