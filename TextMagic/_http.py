"""HTTP facts shared by the transport and the exceptions: the text of a body, and a URL
fit to show (no credentials, no secret query values)."""

from __future__ import annotations

import codecs
import re
from typing import Any, Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from TextMagic._lazy import lazy_pattern

__all__ = [
    "body_text",
    "charset_of",
    "display_url",
    "escape_controls",
    "request_path",
]


# C0 and C1 control characters (and DEL) -> a visible escape.
_CONTROLS = {n: "\\x%02x" % n for n in list(range(32)) + list(range(127, 160))}

_CHARSET = lazy_pattern(r";\s*charset\s*=\s*\"?([A-Za-z0-9._:+-]+)", re.I)
# Query parameters whose values are never shown (this API has none; a user's URL may).
_SECRET_QUERY = lazy_pattern(r"key|token|secret|passw|signature|auth|session_id|sid", re.I)


def charset_of(headers: Any) -> str:
    """The charset a ``Content-Type`` header names, if Python knows it; else UTF-8.

    :param headers: response headers (any mapping with ``get``), or None.
    """
    content_type = None
    if headers:
        try:
            content_type = headers.get("Content-Type")
        except AttributeError:
            content_type = None
    match = _CHARSET().search(content_type) if isinstance(content_type, str) else None
    if match:
        try:
            return codecs.lookup(match.group(1)).name
        except LookupError:
            pass
    return "utf-8"


def body_text(raw: Any, headers: Any = None) -> Optional[str]:
    """A response body as text: decoded as its charset says (UTF-8 by default), with
    undecodable bytes replaced, never raising.

    :param raw: the body as bytes (text and None are returned as they are).
    :param headers: the response headers.
    """
    if raw is None or isinstance(raw, str):
        return raw
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        return str(raw)
    return bytes(raw).decode(charset_of(headers), "replace")


def display_url(url: Optional[str]) -> Optional[str]:
    """``url`` without user name and password, with secret-looking query values masked."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        netloc = parts.netloc.rpartition("@")[2]
        query = parts.query
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            query = urlencode(
                [(k, "***" if _SECRET_QUERY().search(k) else v) for k, v in pairs], safe=",*"
            )
        return urlunsplit((parts.scheme, netloc, parts.path, query, ""))
    except ValueError:  # unparseable: show no part of it that could hold a secret
        return url.split("?", 1)[0].rpartition("@")[2]


def request_path(url: Optional[str]) -> str:
    """The path of ``url`` (``/api/v2/sessions/9``), for short messages."""
    if not url:
        return ""
    try:
        return urlsplit(url).path or "/"
    except ValueError:
        return ""


def escape_controls(text: str) -> str:
    """``text`` with control characters shown as ``\\xNN``: what a server sent never
    moves a terminal's cursor, recolours it or rewrites its title."""
    return text.translate(_CONTROLS)
