"""A call's values as they go on the wire: the method, path and query parameters, and
headers (the client's defaults overlaid by the call's own), checked before sending."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote

__all__ = [
    "DefaultHeaders",
    "check_header",
    "checked_method",
    "parameters_to_tuples",
    "select_header_accept",
    "select_header_content_type",
]

METHODS = frozenset(["GET", "HEAD", "OPTIONS", "POST", "PATCH", "PUT", "DELETE"])
_BODILESS = frozenset(["GET", "HEAD"])
# How list parameters are joined, by collection format ("multi" repeats the name instead).
_SEPARATORS = {"csv": ",", "ssv": " ", "tsv": "\t", "pipes": "|"}
# Sets of per-call headers whose checked merge is kept (see DefaultHeaders.merged).
_MERGED_HEADER_SETS = 32


def checked_method(method: Any, body: Any = None, post_params: Any = None) -> str:
    """The method, upper case, once it is known and can send what it is given: GET and
    HEAD send no body, DELETE (as in the generated clients) no form.

    :raises ValueError: an unknown method, or one that cannot send this.
    """
    upper = method if method in METHODS else method.upper() if isinstance(method, str) else None
    if upper not in METHODS:
        raise ValueError(
            "http method must be one of %s, got %r" % (", ".join(sorted(METHODS)), method)
        )
    if (upper in _BODILESS and (body is not None or post_params)) or (
        upper == "DELETE" and post_params
    ):
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
    """``?name=value&...`` of the pairs, percent-encoded; empty for none."""
    if not pairs:
        return ""
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
        self, defaults: Dict[str, str], cookie: Optional[str], per_call: Dict[str, Any]
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
