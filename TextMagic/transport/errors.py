"""Translating what urllib3 and the socket raise into the SDK's exceptions."""

from __future__ import annotations

from typing import Any, Dict, Mapping, Optional
from urllib.parse import urlsplit

import urllib3

from TextMagic._lazy import lazy_pattern
from TextMagic.exceptions import ApiConnectionError, ApiTimeoutError, PoolTimeoutError

__all__ = [
    "HookFailed",
    "SECRET_HEADERS",
    "interrupt_in",
    "redact_headers",
    "translate_network_error",
]

# Headers that never appear in a debug log or a hook's view.
SECRET_HEADERS = frozenset(
    ["authorization", "x-tm-key", "proxy-authorization", "cookie", "set-cookie"]
)
# urllib3 starts many messages with the connection's repr; the rest is what matters.
_CONNECTION_REPR = lazy_pattern(r"^(<[^<>]*>|\w+\([^()]*\)|None): ")


def translate_network_error(
    error: BaseException, url: str = "", pool_size: Any = None, tries: int = 1, seconds: float = 0
) -> ApiConnectionError:
    """Map a urllib3 exception to ``ApiTimeoutError`` or ``ApiConnectionError``.

    :param error: the urllib3 exception.
    :param str url: the request's URL, whose origin the message names.
    :param pool_size: how many connections the client's pool holds, for the message.
    :param int tries: how many tries failed; said in the message when more than one.
    :param float seconds: how long they took.
    :return: the SDK exception (the caller chains ``error`` as its cause).
    """
    cause = error
    if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
        cause = error.reason
    parts = urlsplit(url)
    where = "%s://%s" % (parts.scheme, parts.netloc) if parts.netloc else "the server"
    detail = _CONNECTION_REPR().sub("", str(cause)) or type(cause).__name__
    if tries > 1:
        detail += " (%d tries over %.1f s)" % (tries, seconds)
    if isinstance(cause, urllib3.exceptions.EmptyPoolError):
        return PoolTimeoutError(
            "timed out waiting for a free connection to %s: all %s of the pool's "
            "connections are in use (a response read with _preload_content=False holds its "
            "connection until read or released); release them, or raise "
            "configuration.connection_pool_maxsize" % (where, pool_size or "the")
        )
    # NewConnectionError subclasses ConnectTimeoutError, so it is tested first.
    if isinstance(cause, urllib3.exceptions.NewConnectionError):
        return ApiConnectionError("cannot connect to %s: %s" % (where, detail))
    if isinstance(cause, urllib3.exceptions.TimeoutError):
        return ApiTimeoutError("timed out waiting for %s: %s" % (where, detail))
    if isinstance(cause, urllib3.exceptions.SSLError):
        return ApiConnectionError("TLS failure with %s: %s" % (where, detail))
    if isinstance(cause, urllib3.exceptions.ProxyError):
        return ApiConnectionError("proxy failure on the way to %s: %s" % (where, detail))
    if isinstance(cause, urllib3.exceptions.ProtocolError):
        return ApiConnectionError("connection to %s broken: %s" % (where, detail))
    return ApiConnectionError("%s talking to %s: %s" % (type(cause).__name__, where, detail))


def may_have_reached_the_server(error: BaseException) -> bool:
    """Whether a failed try may have been carried out: anything but not connecting."""
    return not isinstance(
        error,
        (
            urllib3.exceptions.NewConnectionError,
            urllib3.exceptions.ConnectTimeoutError,
            urllib3.exceptions.EmptyPoolError,
        ),
    )


def interrupt_in(error: BaseException) -> Optional[BaseException]:
    """The ``KeyboardInterrupt`` (or ``SystemExit``, ...) that ``error`` is, or that was
    being raised when ``error`` was: urllib3's cleanup under a Ctrl-C can fail with an
    error of its own (a full pool) that hides the interrupt."""
    for _depth in range(8):
        if not isinstance(error, Exception):
            return error
        if error.__context__ is None:
            return None
        error = error.__context__
    return None


def redact_headers(headers: Optional[Mapping[str, str]]) -> Dict[str, str]:
    """Return ``headers`` as a dict with secret values replaced by ``***``.

    :param headers: a mapping of header names to values, or None.
    """
    return {
        name: ("***" if name.lower() in SECRET_HEADERS else value)
        for name, value in (headers or {}).items()
    }


class HookFailed(Exception):
    """A hook raised ``error``: carried through the transport's loop, which must not take
    it for a network fault, then raised to the caller as it is."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error
