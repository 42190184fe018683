"""Timeouts and the deadline: what one try may wait, and what the whole call may take."""

from __future__ import annotations

import functools
import time
from typing import Any, Optional
from urllib.parse import urlsplit

import urllib3

from TextMagic.checks import MAX_SECONDS, check_seconds, check_timeout
from TextMagic.exceptions import ApiTimeoutError

__all__ = ["CallTimeout", "attempt_timeout", "build_timeout", "deadline_error", "fits"]

# What urllib3's Timeout answers for a value left unset (both 1.26 and 2.x have it).
_DEFAULT_TIMEOUT: Any = getattr(urllib3.Timeout, "DEFAULT_TIMEOUT", object())


class CallTimeout(urllib3.Timeout):
    """urllib3's ``Timeout`` (``connect``, ``read``), plus the call's ``deadline``: the
    seconds the whole call may take, counted from when it is sent, or None.

    ``connect`` bounds opening a connection, and waiting for a pooled one to come free;
    ``read`` bounds each wait for data from the server; the deadline bounds everything
    the call does: every try, every wait between tries, and reading the answer however
    slowly it arrives. ``ApiClient`` hands one down the seams as ``_request_timeout``.
    A value: it never changes, so one serves every call with the same settings.
    """

    def __init__(self, connect: Any = None, read: Any = None, deadline: Optional[float] = None):
        for value in (connect, read):
            if value is not None and value is not _DEFAULT_TIMEOUT:
                check_seconds(value, "timeout")
        self._set(connect, read, check_seconds(deadline, "deadline"))

    def _set(self, connect: Any, read: Any, deadline: Optional[float]) -> None:
        urllib3.Timeout.__init__(self, connect=connect, read=read)
        self.deadline = deadline
        #: The longer of the two waits when both are seconds, else None: a try whose
        #: deadline is further away needs no timeout of its own.
        self.longest_wait = max(connect, read) if _is_number(connect) and _is_number(read) else None

    @classmethod
    def of(cls, timeout: urllib3.Timeout, deadline: Optional[float] = None) -> "CallTimeout":
        """The call timeout of a checked urllib3 ``Timeout``: its ``total``, when it has
        one, bounds each read (urllib3 reads a total's share of read time only once
        connecting has begun); the deadline bounds the whole call."""
        total = timeout.total
        read = total if _is_number(total) else timeout.read_timeout
        return cls(timeout.connect_timeout, read, deadline)

    def with_deadline(self, deadline: Optional[float]) -> "CallTimeout":
        """This timeout with another ``deadline`` (seconds, or None for none)."""
        copy = CallTimeout.__new__(CallTimeout)  # the waits were checked for this one
        copy._set(self.connect_timeout, self.read_timeout, check_seconds(deadline, "deadline"))
        return copy

    def __repr__(self) -> str:
        return "%s(connect=%r, read=%r, deadline=%r)" % (
            type(self).__name__,
            self.connect_timeout,
            self.read_timeout,
            self.deadline,
        )


def build_timeout(value: Any) -> urllib3.Timeout:
    """Turn a timeout setting into a urllib3 ``Timeout``.

    :param value: seconds, a ``(connect, read)`` pair, a urllib3 ``Timeout``, or None;
        every number above 0 and at most ``MAX_SECONDS``.
    :raises TypeError: another kind of value.
    :raises ValueError: a number not above 0 and at most ``MAX_SECONDS``.
    """
    if isinstance(value, CallTimeout):
        return value  # checked when it was made
    if isinstance(value, urllib3.Timeout):
        return check_timeout(value)
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, tuple) and len(value) == 2:
        connect, read = (check_seconds(v, "timeout") for v in value)
        return urllib3.Timeout(connect=connect, read=read)
    seconds = check_seconds(value, "timeout")
    return urllib3.Timeout(connect=seconds, read=seconds)


def call_timeout(value: Any, default: urllib3.Timeout, deadline: Optional[float]) -> CallTimeout:
    """The ``CallTimeout`` of one call: ``value`` (any timeout setting, or None for
    ``default``), with ``deadline`` (seconds) unless it is a ``CallTimeout`` with one."""
    if value is None:
        return _default_call_timeout(default, deadline)
    if value.__class__ is CallTimeout and value.deadline is not None:
        return value  # ApiClient made it for this call
    timeout = build_timeout(value)
    if isinstance(timeout, CallTimeout):
        if timeout.deadline is not None or deadline is None:
            return timeout
        return timeout.with_deadline(deadline)
    return CallTimeout.of(timeout, deadline)


@functools.lru_cache(maxsize=16)
def _default_call_timeout(default: Any, deadline: Optional[float]) -> CallTimeout:
    """A client's default timeout with a deadline, made once per pair (a default is
    replaced, never changed)."""
    return CallTimeout.of(build_timeout(default), deadline)


def attempt_timeout(timeout: Any, deadline: Optional[float], url: str) -> Any:
    """The timeout of one try: the call's, each wait cut to what is left before the
    deadline.

    :raises ApiTimeoutError: the deadline has passed.
    """
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise deadline_error(url)
    longest = getattr(timeout, "longest_wait", None)
    if longest is not None and longest <= left:
        return timeout  # the usual case: the deadline is further away than both waits
    connect, read = timeout.connect_timeout, timeout.read_timeout
    if _is_number(connect) and _is_number(read) and max(connect, read) <= left:
        return timeout
    return urllib3.Timeout(
        connect=min(connect, left) if _is_number(connect) else left,
        read=min(read, left) if _is_number(read) else left,
    )


def fits(seconds: float, deadline: Optional[float]) -> bool:
    """Whether waiting ``seconds`` before the next try leaves time before the deadline;
    never beyond ``MAX_SECONDS`` (with no deadline and no cap on ``Retry-After``, a
    server could ask for a wait that ``time.sleep`` refuses)."""
    if deadline is None:
        return seconds <= MAX_SECONDS
    return time.monotonic() + seconds < deadline


def past(deadline: Optional[float]) -> bool:
    """Whether ``deadline`` (an instant, or None for none) has passed."""
    return deadline is not None and time.monotonic() >= deadline


def deadline_error(url: str) -> ApiTimeoutError:
    """The error of a call whose deadline ran out."""
    parts = urlsplit(url)
    return ApiTimeoutError(
        "the call's deadline ran out talking to %s://%s (configuration.deadline, or "
        "_deadline for one call, bounds every try, the waits between them and reading "
        "the answer)" % (parts.scheme, parts.netloc)
    )


def _is_number(value: Any) -> bool:
    """Whether a timeout value is seconds (not None, nor urllib3's "default" marker)."""
    return isinstance(value, (int, float))
