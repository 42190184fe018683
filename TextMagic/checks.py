"""Checks of setting values: each returns the value as the SDK keeps it, or raises
``TypeError``/``ValueError`` naming the setting, before anything is sent."""

from __future__ import annotations

import ipaddress
import math
import re
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urlsplit

from TextMagic._lazy import lazy_pattern

#: The longest timeout, deadline or wait a setting may ask for: about 31 years. Sockets,
#: sleeps and lock waits raise ``OverflowError`` not far beyond (about 292 years);
#: ``None`` asks for no limit at all.
MAX_SECONDS = 1e9

_API_PREFIX = "/api/v2"
_LOOPBACK_NAMES = frozenset(["localhost", "localhost."])
# What a base URL's path may be: plain segments, as in ``/textmagic`` (no dot segments,
# no percent-escapes, nothing a server or proxy might read as something else).
_PLAIN_PATH = lazy_pattern(r"(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?")


def check_flag(value: Any, what: str) -> bool:
    """Check a yes/no setting: True or False only (``"no"`` is not False)."""
    if value is not True and value is not False:
        raise TypeError("%s must be True or False, got %r" % (what, value))
    return value


def check_deadline(value: Any, what: str = "deadline") -> Optional[float]:
    """Check a deadline: seconds above 0 and at most :data:`MAX_SECONDS`, or None."""
    return _seconds_or_none(
        value, what, "a positive number of seconds or None", "None for no deadline"
    )


def check_rate_limit(value: Any, what: str = "rate_limit") -> Optional[float]:
    """Check ``rate_limit``: requests per second, finite and at least one per
    :data:`MAX_SECONDS` (the longest wait for a turn), or None."""
    if value is None:
        return None
    number = _number(value, what, "a positive number of requests per second or None")
    if not (1 / MAX_SECONDS <= number < math.inf):  # also refuses NaN
        raise ValueError(
            "%s must be a finite number of requests per second, at least %g "
            "(None for no pacing), got %.40r" % (what, 1 / MAX_SECONDS, value)
        )
    return number


def check_host(value: Any, what: str = "host") -> str:
    """Check a base URL: ``http(s)://host[:port]`` and an optional plain path prefix;
    no user name or password (they would be shown wherever the host is), no query,
    fragment, backslash, space or control character, and read alike by Python's URL
    parser and urllib3's (which connects). Returns it without a trailing ``/``."""
    if not isinstance(value, str):
        raise TypeError("%s must be a str, got %s" % (what, type(value).__name__))
    shown = _without_userinfo(value)
    problem = None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as error:
        raise ValueError("%s %r is not a usable URL: %s" % (what, shown, error)) from None
    if "@" in parts.netloc:
        problem = (
            "must not carry a user name or password; set Configuration.username and "
            ".password instead"
        )
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "must be an http:// or https:// URL with a host name"
    elif any(ch.isspace() or ord(ch) < 32 or ch in "\\?#" for ch in value):
        problem = "must not contain spaces, control characters, backslashes, '?' or '#'"
    elif not _PLAIN_PATH().fullmatch(parts.path):
        problem = "may only have a plain path prefix after the host, such as /textmagic"
    elif _urllib3_host(value) != parts.hostname.lower():
        problem = "is read differently by urllib3, which connects"
    if problem:
        raise ValueError("%s %s, got %r" % (what, problem, shown))
    value = value.rstrip("/")
    if value.endswith(_API_PREFIX):  # a common slip: the operations' paths start with it
        value = value[: -len(_API_PREFIX)]
    return value


def is_loopback_url(url: str) -> bool:
    """Whether ``url``'s host, as urllib3 reads it, is this machine: ``localhost`` or a
    literal loopback address (127.0.0.0/8, ``::1``, IPv4-mapped forms of 127/8)."""
    host = _urllib3_host(url)
    if not host:
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False  # a name (or a shorthand such as 127.1): not known to be loopback
    mapped = getattr(address, "ipv4_mapped", None)
    return bool((mapped or address).is_loopback)


def _urllib3_host(url: str) -> Optional[str]:
    """The host urllib3 would connect to for ``url`` (lower case, no brackets), or None."""
    from urllib3.util import parse_url

    try:
        host = parse_url(url).host
    except ValueError:  # urllib3's LocationParseError is a ValueError
        return None
    return host.lower().strip("[]") if host else None


def _without_userinfo(url: str) -> str:
    """``url`` with anything before an ``@`` in its authority masked (for messages)."""
    return re.sub(r"(?<=//)[^/?#]*@", "***@", url)


def _check_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError("%s must be a str, got %s" % (what, type(value).__name__))
    return value


def check_username(value: Any, what: str = "username") -> str:
    """Check a username for HTTP Basic authentication: a str without ``:``."""
    if ":" in _check_text(value, what):
        raise ValueError("%s cannot contain ':' (HTTP Basic authentication splits on it)" % what)
    return value


def check_timeout(value: Any, what: str = "timeout") -> Any:
    """Check a timeout: None, seconds, a ``(connect, read)`` pair or a urllib3
    ``Timeout``, every number above 0 and at most ``MAX_SECONDS``. Returns it as given."""
    if value is None:
        return None
    if isinstance(value, tuple) and len(value) == 2:
        for item in value:
            check_seconds(item, what)
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check_seconds(value, what)
        return value
    import urllib3

    if isinstance(value, urllib3.Timeout):
        # With a total, the read timeout is worked out during the call, capped by it.
        read = value.read_timeout if value.total is None else None
        for item in (value.total, value.connect_timeout, read):
            if isinstance(item, (int, float)):
                check_seconds(item, what)
        return value
    raise TypeError(
        "%s must be a number of seconds, a (connect, read) pair, a urllib3 Timeout or None, "
        "got %r" % (what, value)
    )


def check_seconds(value: Any, what: str) -> Optional[float]:
    """Check one timeout value: None, or seconds above 0 and at most ``MAX_SECONDS``."""
    return _seconds_or_none(
        value, what, "a number of seconds or a (connect, read) pair", "None waits without limit"
    )


def _seconds_or_none(value: Any, what: str, expected: str, none_means: str) -> Optional[float]:
    """None, or ``value`` as seconds above 0 and at most ``MAX_SECONDS``; the errors name
    ``what``, what it takes (``expected``) and what None would mean."""
    if value is None:
        return None
    seconds = _number(value, what, expected)
    if not (0 < seconds <= MAX_SECONDS):  # also refuses NaN
        raise ValueError(
            "%s must be above 0 and at most %g seconds (%s), got %.40r"
            % (what, MAX_SECONDS, none_means, value)
        )
    return seconds


def check_retries(value: Any, what: str = "retries") -> Any:
    """Check ``retries``: an int of 0 or more, a urllib3 ``Retry``, or None."""
    from urllib3.util.retry import Retry

    if value is None or isinstance(value, Retry):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, a urllib3 Retry or None, got %r" % (what, value))
    if value < 0:
        raise ValueError("%s must be 0 or more, got %r" % (what, value))
    return value


def check_retry_after_max(value: Any, what: str = "retry_after_max") -> float:
    """Check ``retry_after_max``: seconds, 0 or more and at most :data:`MAX_SECONDS`."""
    seconds = _number(value, what, "a number of seconds")
    if not (0 <= seconds <= MAX_SECONDS):  # also refuses NaN
        raise ValueError(
            "%s must be 0 or more and at most %g seconds, got %.40r" % (what, MAX_SECONDS, value)
        )
    return seconds


def _number(value: Any, what: str, expected: str) -> float:
    """A setting's number as a float; ``TypeError`` naming it for what is no number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be %s, got %r" % (what, expected, value))
    return _as_float(value)


def _as_float(value: Any) -> float:
    """A number as a float; an int too large for one is infinite (and so refused)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def check_pool_size(value: Any, what: str = "connection_pool_maxsize") -> int:
    """Check a pool size: an int of 1 or more.

    :raises TypeError: not an int.
    :raises ValueError: below 1 (a pool of 0 connections would make every call wait).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, got %r" % (what, value))
    if value < 1:
        raise ValueError("%s must be 1 or more, got %r" % (what, value))
    return value


_EVENTS = ("request", "response")


def check_event_hooks(value: Any, what: str = "event_hooks") -> Dict[str, List[Any]]:
    """Check ``event_hooks``: a dict whose keys are among ``"request"`` and
    ``"response"``, each a list of callables; returns it with both keys, as new lists.

    :raises TypeError: not a dict of lists of callables.
    :raises ValueError: another key.
    """
    if not isinstance(value, Mapping):
        raise TypeError("%s must be a dict of lists, got %s" % (what, type(value).__name__))
    unknown = [key for key in value if key not in _EVENTS]
    if unknown:
        raise ValueError("%s takes 'request' and 'response', not %r" % (what, unknown[0]))
    checked: Dict[str, List[Any]] = {}
    for event in _EVENTS:
        hooks = value.get(event) or []
        if not isinstance(hooks, (list, tuple)) or not all(callable(h) for h in hooks):
            raise TypeError("%s[%r] must be a list of callables" % (what, event))
        checked[event] = list(hooks)
    return checked
