"""When a call is tried again: urllib3's ``Retry``, with the SDK's rules as defaults."""

from __future__ import annotations

import math
from typing import Any, Dict, Optional

import urllib3
from urllib3.util.retry import Retry

from TextMagic.checks import check_retries, check_retry_after_max

__all__ = ["RetryPolicy", "build_retry"]

_ALL_METHODS = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
# Retry's own arguments, each kept as an attribute of the same name (what adopt() copies).
_CODE = Retry.__init__.__code__
_ARGUMENTS = _CODE.co_varnames[1 : _CODE.co_argcount + _CODE.co_kwonlyargcount]
# Since 2.6, urllib3's Retry caps Retry-After itself, under the same name.
_NATIVE_CAP = "retry_after_max" in _ARGUMENTS
# method_whitelist: 1.26's deprecated spelling of allowed_methods.
_RETRY_ARGUMENTS = [n for n in _ARGUMENTS if n not in ("retry_after_max", "method_whitelist")]


class RetryPolicy(Retry):
    """urllib3's ``Retry`` with the SDK's rules as defaults.

    The SDK drives the tries itself, asking this object what to do after each failed
    one (``is_retry``, ``increment``, :meth:`wait_before_next`), so that the call's
    deadline also bounds the waits between tries, and a run of failures ends in the
    exception of the last answer (``ServiceException`` for a 503, ...), never in
    urllib3's ``MaxRetryError``. Redirects are not this object's business: the SDK
    follows at most 5, whatever ``redirect`` says.

    ``RetryPolicy()`` is the SDK's default: 3 more tries after refused or broken
    connections and after 429, 502, 503 and 504 answers, for every method (all of this
    API's operations are idempotent), with backoff 0.5 s x 2^n (plus jitter on urllib3
    2.x), honouring ``Retry-After`` up to 60 s, never after a read timeout.

    :param retry_after_max: the longest ``Retry-After``, in seconds, honoured before
        trying again; a longer one is cut to it (None: no cap; waits beyond
        ``MAX_SECONDS`` are never taken, the answer is returned instead).
    :param bool retry_timeouts: try again after a read timeout. False by default: a read
        timeout usually means a slow server, and trying again multiplies the wait the
        timeout was meant to bound. A connect timeout is always retryable.
    :param kwargs: urllib3's own ``Retry`` arguments (``total``, ``connect``, ``read``,
        ``status``, ``status_forcelist``, ``allowed_methods``, ``backoff_factor``, ...),
        defaulting to the rules above.
    """

    #: The statuses the SDK's default policy retries.
    DEFAULT_STATUSES = frozenset([429, 502, 503, 504])
    #: How many more tries the default policy allows, per kind of failure.
    DEFAULT_TRIES = 3

    def __init__(
        self,
        *args: Any,
        retry_after_max: Optional[float] = 60.0,
        retry_timeouts: bool = False,
        **kwargs: Any,
    ) -> None:
        if not args:
            for name, value in _SDK_RULES.items():
                kwargs.setdefault(name, value)
        # inf is how urllib3 2.6+ hands "no cap" back to new().
        no_cap = retry_after_max is None or retry_after_max == math.inf
        cap = math.inf if no_cap else check_retry_after_max(retry_after_max)
        if _NATIVE_CAP:
            kwargs["retry_after_max"] = cap
        super().__init__(*args, **kwargs)
        # urllib3 2.6+ declares it an int; inf (no cap) is what its own new() hands back.
        self.retry_after_max = cap  # type: ignore[assignment, unused-ignore]
        self.retry_timeouts = retry_timeouts

    @classmethod
    def adopt(cls, retry: Retry, retry_after_max: Optional[float]) -> "RetryPolicy":
        """A ``RetryPolicy`` with the counts and rules of a plain urllib3 ``Retry``, plus
        ``retry_after_max``; read timeouts are not retried."""
        if isinstance(retry, cls):
            return retry
        arguments = {
            name: getattr(retry, name) for name in _RETRY_ARGUMENTS if hasattr(retry, name)
        }
        return cls(retry_after_max=retry_after_max, **arguments)

    def new(self, **kw: Any) -> Any:
        clone = super().new(**kw)
        clone.retry_after_max = self.retry_after_max
        clone.retry_timeouts = self.retry_timeouts
        return clone

    def get_retry_after(self, response: Any) -> Optional[float]:
        try:
            seconds = super().get_retry_after(response)
        except (ValueError, OverflowError, urllib3.exceptions.InvalidHeader):
            seconds = None  # unreadable: back off as if the server had said nothing
        return None if seconds is None else min(seconds, self.retry_after_max)

    def increment(self, *args: Any, **kwargs: Any) -> Any:
        error = kwargs.get("error")
        if (
            not self.retry_timeouts
            and isinstance(error, urllib3.exceptions.TimeoutError)
            and not isinstance(error, urllib3.exceptions.ConnectTimeoutError)
        ):
            raise error
        return super().increment(*args, **kwargs)

    def wait_before_next(self, response: Any) -> float:
        """Seconds to wait before the next try: the server's ``Retry-After`` (capped),
        when honoured and sent, else the exponential backoff."""
        if response is not None and self.respect_retry_after_header:
            seconds = self.get_retry_after(response)
            if seconds is not None:
                return seconds
        return float(self.get_backoff_time())


def build_retry(setting: Any, retry_after_max: Optional[float]) -> RetryPolicy:
    """Turn ``configuration.retries`` into a ``RetryPolicy``.

    :param setting: an int (tries after the first), a ``RetryPolicy`` (used as is), a
        plain urllib3 ``Retry`` (adopted), or 0/None for none.
    :param float retry_after_max: the cap on a server's ``Retry-After``, in seconds.
    """
    if isinstance(setting, Retry):
        return RetryPolicy.adopt(setting, retry_after_max)
    count = check_retries(setting) or 0
    return RetryPolicy(connect=count, read=count, status=count, retry_after_max=retry_after_max)


# The default rules of RetryPolicy(), as urllib3 Retry arguments.
_SDK_RULES: Dict[str, Any] = dict(
    total=None,
    connect=RetryPolicy.DEFAULT_TRIES,
    read=RetryPolicy.DEFAULT_TRIES,
    status=RetryPolicy.DEFAULT_TRIES,
    other=0,
    redirect=0,
    allowed_methods=_ALL_METHODS,
    status_forcelist=RetryPolicy.DEFAULT_STATUSES,
    backoff_factor=0.5,
    raise_on_status=False,
    respect_retry_after_header=True,
)
if "backoff_jitter" in _RETRY_ARGUMENTS:  # came with urllib3 2.0
    _SDK_RULES["backoff_jitter"] = 0.25
