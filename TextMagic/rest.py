"""The only module that touches urllib3: one pool manager per client, one ``request``.

``ApiException`` and its subclasses are re-exported here so that the generated clients'
``from TextMagic.rest import ApiException`` keeps working.
"""

from __future__ import annotations

import collections
import json
import logging
import math
import os
import queue
import socket
import threading
import time
import weakref
import zlib
from typing import Any, Deque, Dict, List, Mapping, Optional
from urllib.parse import urlencode, urljoin, urlsplit

import urllib3
import urllib3.connection
from urllib3.util.retry import Retry

from TextMagic._http import body_text, display_url
from TextMagic._lazy import lazy_pattern
from TextMagic.configuration import (
    MAX_SECONDS,
    check_pool_size,
    check_retries,
    check_retry_after_max,
    check_seconds,
    check_timeout,
)
from TextMagic.exceptions import *  # noqa: F401,F403 - the historical import path
from TextMagic.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    MalformedResponseError,
    PoolTimeoutError,
    exception_for_response,
)

__all__ = ["RESTClientObject", "RESTResponse", "ApiException"]

logger = logging.getLogger("TextMagic")

# Headers that never follow a redirect, and never appear in a debug log.
SECRET_HEADERS = frozenset(
    ["authorization", "x-tm-key", "proxy-authorization", "cookie", "set-cookie"]
)
_REDIRECT_STRIPPED = frozenset(
    ["Authorization", "X-TM-Key", "X-TM-Username", "Proxy-Authorization", "Cookie"]
)
_ALL_METHODS = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
_URLLIB3_1 = urllib3.__version__.startswith("1.")
# Since 2.6 or so, urllib3's Retry caps Retry-After itself (``retry_after_max``).
_URLLIB3_CAPS_RETRY_AFTER = hasattr(Retry, "DEFAULT_RETRY_AFTER_MAX")
# urllib3 1.26 silently accepts a body shorter than its Content-Length unless asked not to;
# 2.x refuses it by default.
_RESPONSE_OPTIONS: Dict[str, Any] = {"enforce_content_length": True} if _URLLIB3_1 else {}
# What urllib3 makes of ``retries=False`` on every request, made once (it is never changed:
# a Retry's increment returns a new one).
_NO_RETRIES = Retry(False, redirect=False)


class RESTResponse(object):
    """A finished HTTP answer with its body read.

    ``data`` is the body as text, decoded as the response's charset says (UTF-8 by
    default; undecodable bytes are replaced), as in the generated clients; ``raw_data``
    holds the bytes as they arrived.

    :param resp: the urllib3 response it wraps (or any object with ``status``, ``reason``,
        ``data`` and ``headers``).
    :param bytes body: the body, when read apart from ``resp`` (the SDK reads it itself,
        within ``configuration.max_response_size``); None takes ``resp.data``.
    """

    __slots__ = ("urllib3_response", "status", "reason", "raw_data", "headers", "_text")

    def __init__(self, resp: Any, body: Optional[bytes] = None) -> None:
        self.urllib3_response = resp
        self.status = resp.status
        self.reason = resp.reason
        self.headers = resp.headers
        data = resp.data if body is None else body
        self._text: Optional[str] = data if isinstance(data, str) else None
        self.raw_data: bytes = data.encode("utf-8") if isinstance(data, str) else data

    @property
    def data(self) -> Optional[str]:
        """The body as text (decoded on first use)."""
        if self._text is None and self.raw_data is not None:
            self._text = body_text(self.raw_data, self.headers)
        return self._text

    @data.setter
    def data(self, value: Any) -> None:
        self._text = value if isinstance(value, str) else None
        self.raw_data = value.encode("utf-8") if isinstance(value, str) else value

    def getheaders(self) -> Any:
        """Return the response headers (kept for compatibility; same as ``headers``)."""
        return self.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """Return one response header (kept for compatibility).

        :param str name: the header's name, in any case.
        :param default: what to return when it is absent.
        """
        return self.headers.get(name, default)


class RetryPolicy(Retry):
    """When a call is tried again: urllib3's ``Retry``, with the SDK's rules as arguments.

    The SDK drives the tries itself, asking this object what to do after each failed
    one (``is_retry``, ``increment``, ``get_retry_after``, ``get_backoff_time``), so that
    the call's deadline also bounds the waits between tries, and a run of failures ends
    in the exception of the last answer (``ServiceException`` for a 503, ...), never in
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
            for name, value in _SDK_RETRY_RULES.items():
                kwargs.setdefault(name, value)
        # urllib3 2.6 and newer make each try's policy with the cap they hold: inf, no cap.
        no_cap = retry_after_max is None or retry_after_max == math.inf
        cap = math.inf if no_cap else check_retry_after_max(retry_after_max)
        if _URLLIB3_CAPS_RETRY_AFTER:
            kwargs["retry_after_max"] = cap
        super().__init__(*args, **kwargs)
        # Newer urllib3 caps Retry-After itself, under the same name; older ones do not.
        self.__dict__["retry_after_max"] = cap
        self.retry_timeouts = retry_timeouts

    @classmethod
    def adopt(cls, retry: Retry, retry_after_max: Optional[float]) -> "RetryPolicy":
        """A ``RetryPolicy`` with the counts and rules of a plain urllib3 ``Retry``, plus
        ``retry_after_max`` and timeouts not retried."""
        if isinstance(retry, cls):
            return retry
        policy = cls.__new__(cls)
        policy.__dict__.update(vars(retry))  # what Retry.new() copies, on every version
        policy.__dict__["retry_after_max"] = (
            math.inf if retry_after_max is None else float(retry_after_max)
        )
        policy.retry_timeouts = False
        return policy

    def get_retry_after(self, response: Any) -> Optional[float]:
        try:
            seconds = super().get_retry_after(response)
        except (ValueError, OverflowError, urllib3.exceptions.InvalidHeader):
            seconds = None  # unreadable: back off as if the server had said nothing
        if seconds is not None:
            seconds = min(seconds, self.__dict__.get("retry_after_max", math.inf))
        return seconds

    def increment(
        self,
        method: Optional[str] = None,
        url: Optional[str] = None,
        response: Any = None,
        error: Optional[Exception] = None,
        _pool: Any = None,
        _stacktrace: Any = None,
    ) -> Any:
        if (
            not self.retry_timeouts
            and isinstance(error, urllib3.exceptions.TimeoutError)
            and not isinstance(error, urllib3.exceptions.ConnectTimeoutError)
        ):
            raise error.with_traceback(_stacktrace)
        return super().increment(
            method=method,
            url=url,
            response=response,
            error=error,
            _pool=_pool,
            _stacktrace=_stacktrace,
        )

    def new(self, **kw: Any) -> Any:
        clone = super().new(**kw)
        clone.__dict__["retry_after_max"] = self.__dict__.get("retry_after_max", math.inf)
        clone.retry_timeouts = self.retry_timeouts
        return clone

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
        plain urllib3 ``Retry`` (adopted: its counts and rules, with ``retry_after_max``
        and timeouts not retried), or 0/None for none.
    :param float retry_after_max: the cap on a server's ``Retry-After``, in seconds.
    """
    if isinstance(setting, Retry):
        return RetryPolicy.adopt(setting, retry_after_max)
    count = check_retries(setting) or 0
    return RetryPolicy(connect=count, read=count, status=count, retry_after_max=retry_after_max)


# The default rules of RetryPolicy(), as urllib3 Retry arguments.
_SDK_RETRY_RULES: Dict[str, Any] = dict(
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
if not _URLLIB3_1:  # backoff_jitter came with urllib3 2.0
    _SDK_RETRY_RULES["backoff_jitter"] = 0.25


class CallTimeout(urllib3.Timeout):
    """urllib3's ``Timeout`` (``connect``, ``read``), plus the call's ``deadline``: the
    ``time.monotonic()`` instant by which the whole call must end, or None.

    ``connect`` bounds opening a connection, and waiting for a pooled one to come free;
    ``read`` bounds each wait for data from the server; the deadline bounds everything
    the call does: every try, every wait between tries, and reading the answer however
    slowly it arrives. ``ApiClient`` builds one per call and passes it on as
    ``_request_timeout``.
    """

    def __init__(self, connect: Any = None, read: Any = None, deadline: Optional[float] = None):
        if not _plain_seconds(connect):
            check_seconds(connect, "timeout")  # raises for what is out of range
        if not _plain_seconds(read):
            check_seconds(read, "timeout")
        super().__init__(connect=connect, read=read)
        self.deadline = deadline
        self._given = (connect, read)
        # Worked out once: what every try compares with the time left (_attempt_timeout).
        self._longest_wait = _longer_of(self.connect_timeout, self.read_timeout)

    @classmethod
    def of(cls, timeout: urllib3.Timeout, deadline: Optional[float] = None) -> "CallTimeout":
        """The call timeout of a checked urllib3 ``Timeout``: its ``total``, when it has
        one, bounds each read (urllib3 reads a total's share of read time only once
        connecting has begun); the deadline bounds the whole call."""
        total = timeout.total
        read = total if isinstance(total, (int, float)) else timeout.read_timeout
        return cls(timeout.connect_timeout, read, deadline)

    def clone(self) -> "CallTimeout":
        """This timeout itself: it never changes (see :meth:`start_connect`), so the
        clone urllib3 makes of it at every try (twice) need not be a copy."""
        return self

    def start_connect(self) -> float:
        """Record nothing: with no ``total`` (a call timeout has none), urllib3 never
        asks how long connecting took, and one unchanging object can serve every try,
        thread and call."""
        return time.monotonic()

    def with_deadline(self, deadline: Optional[float]) -> "CallTimeout":
        """A copy of this timeout bounded by ``deadline`` (a ``time.monotonic()`` instant)."""
        # The values were checked when this one was made: a copy of its state will do.
        copied = object.__new__(type(self))
        state = self.__dict__.copy()
        state["deadline"] = deadline
        copied.__dict__ = state
        return copied

    def __repr__(self) -> str:
        return "%s(connect=%r, read=%r, deadline=%r)" % (
            (type(self).__name__,) + self._given + (self.deadline,)
        )


# What urllib3's Timeout answers for a value left unset (both 1.26 and 2.x have it).
_DEFAULT_TIMEOUT: Any = getattr(urllib3.Timeout, "DEFAULT_TIMEOUT", object())


def _plain_seconds(value: Any) -> bool:
    """None, urllib3's "default" marker, or a float above 0 and at most ``MAX_SECONDS``:
    what needs no closer look (the usual case)."""
    return (
        value is None
        or value is _DEFAULT_TIMEOUT
        or (value.__class__ is float and 0.0 < value <= MAX_SECONDS)
    )


def build_timeout(value: Any) -> urllib3.Timeout:
    """Turn a timeout setting into a urllib3 ``Timeout``.

    :param value: seconds, a ``(connect, read)`` pair, a urllib3 ``Timeout``, or None;
        every number above 0 and at most ``MAX_SECONDS``.
    :return: a ``Timeout``.
    :raises TypeError: another kind of value.
    :raises ValueError: a number not above 0 and at most ``MAX_SECONDS``.
    """
    if value.__class__ is CallTimeout:
        return value  # its values were checked when it was made
    if isinstance(value, urllib3.Timeout):
        return check_timeout(value)
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, tuple) and len(value) == 2:
        connect, read = (check_seconds(v, "timeout") for v in value)
        return urllib3.Timeout(connect=connect, read=read)
    seconds = check_seconds(value, "timeout")
    return urllib3.Timeout(connect=seconds, read=seconds)


def _verb_with_body(method: str) -> Any:
    """``RESTClientObject.POST`` and its like: the generated clients' signature, sending
    through :meth:`RESTClientObject.request`."""

    def verb(
        self: "RESTClientObject",
        url: str,
        headers: Optional[Dict[str, str]] = None,
        query_params: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        return self.request(
            method,
            url,
            headers=headers,
            query_params=query_params,
            post_params=post_params,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
            body=body,
        )

    verb.__name__ = verb.__qualname__ = method
    verb.__doc__ = "Send a %s; see :meth:`request`." % method
    return verb


class RESTClientObject(object):
    """Sends requests through one urllib3 pool manager built from a ``Configuration``.

    Fork-safe: right after a fork, in the child, the client closes the child's copies of
    the connections inherited from the parent (the parent's stay open and untouched) and
    builds a fresh pool manager, so that no socket is ever used by two processes.

    :param configuration: the ``Configuration`` (TLS, proxy, pool size, retries, timeout).
    :param int pools_size: how many hosts to keep pools for.
    :param int maxsize: connections per host; defaults to
        ``configuration.connection_pool_maxsize``.
    """

    def __init__(
        self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None
    ) -> None:
        self.configuration = configuration
        self.default_timeout = build_timeout(configuration.timeout)
        self.retries = build_retry(configuration.retries, configuration.retry_after_max)
        if maxsize is not None:
            check_pool_size(maxsize, "maxsize")
        self._pool_args: Dict[str, Any] = dict(
            num_pools=pools_size,
            maxsize=maxsize or configuration.connection_pool_maxsize,
            block=True,  # never open more connections than the pool holds
            timeout=self.default_timeout,
            retries=self.retries,
        )
        if configuration.verify_ssl:
            self._pool_args["cert_reqs"] = "CERT_REQUIRED"
            self._pool_args["ca_certs"] = configuration.effective_ca_cert()
        else:
            self._pool_args["cert_reqs"] = "CERT_NONE"
        if configuration.cert_file:
            self._pool_args["cert_file"] = configuration.cert_file
        if configuration.key_file:
            self._pool_args["key_file"] = configuration.key_file
        if configuration.assert_hostname is not None:
            self._pool_args["assert_hostname"] = configuration.assert_hostname
        self.pool_manager: urllib3.PoolManager
        self._start_pools()
        self._pace = _rate_window_for(configuration)
        _live_clients.add(self)

    def _start_pools(self) -> None:
        """Build the pool manager (again, in a forked child)."""
        proxy, proxy_headers = self.configuration.effective_proxy()
        if proxy:
            self.pool_manager = urllib3.ProxyManager(
                proxy_url=proxy, proxy_headers=proxy_headers, **self._pool_args
            )
        else:
            self.pool_manager = urllib3.PoolManager(**self._pool_args)
        # Every pool the manager makes uses connections the deadline watchdog can see
        # (an attribute of both urllib3 1.26 and 2.x that 1.26's type stubs omit).
        manager: Any = self.pool_manager
        manager.pool_classes_by_scheme = _WATCHED_POOLS
        # The manager built here; a test double assigned to ``pool_manager`` replaces it.
        self._own_manager = self.pool_manager
        # Origin -> its connection pool, when no proxy is in the way (see _send_once).
        self._pools: Optional[Dict[str, Any]] = None if proxy else {}
        # A client dropped without close() closes its sockets when collected; older
        # urllib3 releases (1.26.5, the declared minimum, among them) leave them open.
        self._finalizer = weakref.finalize(self, self.pool_manager.clear)

    def _restart_after_fork(self) -> None:
        """In a forked child (see ``_after_fork_in_child``): drop the parent's connections
        and start anew."""
        replaced = None if self.pool_manager is self._own_manager else self.pool_manager
        self._finalizer.detach()
        _unlock_after_fork(self._own_manager)
        # Closing this process's copies of the sockets sends nothing on them (no FIN, no
        # TLS close_notify) while the parent still holds them open.
        self._own_manager.clear()
        self._start_pools()
        self._pace = _rate_window_for(self.configuration)
        if replaced is not None:
            self.pool_manager = replaced  # a test double stays the user's to manage

    def _let_go_of_pools(self) -> None:
        """After a Ctrl-C (or another ``BaseException`` that is not an ``Exception``)
        ended a call: release every pool lock the interrupted thread was left holding,
        and start afresh if a pool had to be closed (see ``_OwnPool``)."""
        closed = False
        for pool in _pools_of(self._own_manager):
            if isinstance(pool, _OwnPool) and not pool.let_go():
                closed = True
        if closed:
            self.clear()

    def clear(self) -> None:
        """Close every pooled connection (the client stays usable)."""
        if self._pools is not None:
            self._pools.clear()
        self.pool_manager.clear()

    # -- the generated clients' verbs -----------------------------------------------

    def GET(
        self,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a GET; see :meth:`request`."""
        return self.request(
            "GET",
            url,
            headers=headers,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
            query_params=query_params,
        )

    def HEAD(
        self,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        query_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a HEAD; see :meth:`request`."""
        return self.request(
            "HEAD",
            url,
            headers=headers,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
            query_params=query_params,
        )

    def DELETE(
        self,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        query_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a DELETE; see :meth:`request`."""
        return self.request(
            "DELETE",
            url,
            headers=headers,
            query_params=query_params,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
            body=body,
        )

    OPTIONS = _verb_with_body("OPTIONS")
    POST = _verb_with_body("POST")
    PUT = _verb_with_body("PUT")
    PATCH = _verb_with_body("PATCH")

    # -- sending ----------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Optional[Dict[str, str]] = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send one request, following redirects, and return its answer; raise for any
        unsuccessful one.

        :param str method: the HTTP method.
        :param str url: the full URL (it may carry a query string already).
        :param query_params: query parameters to add to the URL: a dict or a list of pairs.
        :param dict headers: the request headers.
        :param body: the body: bytes or str are sent as they are; anything else (even an
            empty dict) as JSON; None sends none.
        :param post_params: form fields (a dict or a list of pairs), sent URL-encoded, or
            as ``multipart/form-data`` when ``headers`` ask for it; not with ``body``.
        :param bool _preload_content: read the body (True) or return urllib3's response
            with its body unread (False).
        :param _request_timeout: seconds or ``(connect, read)`` for this call only.
        :return: a ``RESTResponse``, or the urllib3 response when not preloading.
        :raises ApiException: a subclass fitting the status or the network fault, naming
            the request.
        :raises ValueError: ``body`` and ``post_params`` together, or form fields with a
            JSON content type.
        """
        method = method.upper()
        if query_params:
            url += ("&" if "?" in url else "?") + urlencode(query_params)
        headers, payload = _encode_body(headers, body, post_params)
        timeout = (
            self.default_timeout if _request_timeout is None else build_timeout(_request_timeout)
        )
        started = time.monotonic()
        deadline = getattr(timeout, "deadline", None)
        if deadline is None and self.configuration.deadline is not None:
            deadline = started + self.configuration.deadline
        if not isinstance(timeout, CallTimeout):
            # Handed in below ApiClient (a number, a pair, a urllib3 Timeout, perhaps with
            # a total): the tries read its bounds before urllib3 starts any timer.
            timeout = CallTimeout.of(timeout, deadline)
        debug = self.configuration._debug
        if debug:
            logger.debug(
                "request: %s %s headers=%s body=%s",
                method,
                display_url(url),
                redact_headers(headers),
                payload,
            )
        try:
            response, body, maybe_applied = self._exchange(
                method, url, headers, payload, timeout, _preload_content, deadline
            )
        except ApiException as error:
            error.name_request(method, url)
            raise
        except BaseException as error:
            interrupt = _interrupt_in(error)
            if interrupt is None:
                raise
            self._let_go_of_pools()
            raise interrupt from None

        if debug:
            logger.debug(
                "response: %s %s -> %s %s in %.3fs headers=%s",
                method,
                display_url(url),
                response.status,
                response.reason,
                time.monotonic() - started,
                redact_headers(response.headers),
            )
        if not 200 <= response.status <= 299:
            if not _preload_content:
                body = _read_error_body(response, self.configuration.max_response_size)
            failure = exception_for_response(
                response.status, response.reason, body, response.headers
            )
            failure.earlier_try_may_have_applied = maybe_applied
            raise failure.name_request(method, url)
        return RESTResponse(response, body) if _preload_content else response

    def _exchange(
        self,
        method: str,
        url: str,
        headers: Optional[Dict[str, str]],
        payload: Optional[bytes],
        timeout: Any,
        preload: bool,
        deadline: Optional[float],
    ) -> Any:
        """Try the request as often as the retry policy allows, within the deadline.

        Returns the last answer, its body (None when not preloading, or when an
        unsuccessful answer's body could not be read), and whether an earlier try may have
        been carried out by the server (it was sent and then failed, or answered 502, 503
        or 504).
        :raises ApiException: a network fault that is not retried, or the deadline.
        """
        retry = self.retries
        maybe_applied = False
        while True:
            try:
                response, body = self._follow_redirects(
                    method,
                    url,
                    headers,
                    payload,
                    _attempt_timeout(timeout, deadline, url),
                    preload,
                    deadline,
                )
            except (urllib3.exceptions.HTTPError, OSError) as error:
                if _interrupt_in(error) is not None:
                    raise  # urllib3's cleanup failed under a Ctrl-C: see request()
                if isinstance(error, _DeadlineReached) or _past(deadline):
                    raise _deadline_error(url, deadline) from error
                try:
                    retry = retry.increment(method, url, error=error)
                except Exception:  # exhausted, or not to be retried: the error stands
                    raise translate_network_error(error, url) from error
                maybe_applied = maybe_applied or _may_have_reached_the_server(error)
                wait = retry.wait_before_next(None)
                if not _fits(wait, deadline):
                    raise translate_network_error(error, url) from error
                time.sleep(wait)
                continue
            if response.status < 300:
                return response, body, maybe_applied  # a success is never tried again
            has_retry_after = bool(response.headers.get("Retry-After"))
            if not retry.is_retry(method, response.status, has_retry_after):
                return response, body, maybe_applied
            try:
                next_retry = retry.increment(method, url, response=response)
            except urllib3.exceptions.MaxRetryError:
                return response, body, maybe_applied  # out of tries: this answer is the result
            wait = next_retry.wait_before_next(response)
            if not _fits(wait, deadline):
                return response, body, maybe_applied  # no time left to try again
            _discard(response)
            maybe_applied = maybe_applied or response.status in _MAYBE_APPLIED_STATUSES
            retry = next_retry
            time.sleep(wait)

    def _follow_redirects(
        self,
        method: str,
        url: str,
        headers: Optional[Dict[str, str]],
        payload: Optional[bytes],
        timeout: Any,
        preload: bool,
        deadline: Optional[float] = None,
    ) -> Any:
        """Send the request, and again to each redirect's target, at most
        ``MAX_REDIRECTS`` times: one exchange per hop. Credentials stay behind when a
        redirect leads to another origin; a 303 turns the request into a body-less GET.
        The answer after the last allowed hop is returned as it is (a 3xx: an error)."""
        for _hop in range(MAX_REDIRECTS):
            answer = self._send_once(method, url, headers, payload, timeout, preload, deadline)
            response = answer[0]
            if response.status not in _REDIRECT_STATUSES:
                return answer
            location = response.headers.get("Location")
            if not location:
                return answer
            try:
                target = urljoin(url, location)
                origin, target_origin = _origin(url), _origin(target)
            except ValueError:
                raise ApiConnectionError(
                    "the server redirected to an unusable location %r" % (location[:200],)
                ) from None
            _discard(response)
            if target_origin != origin:
                headers = _without(headers, _REDIRECT_STRIPPED)
            if response.status == 303 and method != "HEAD":
                method, payload = "GET", None
                headers = _without(headers, _BODY_HEADERS)
            url = target
        return self._send_once(method, url, headers, payload, timeout, preload, deadline)

    def _send_once(
        self,
        method: str,
        url: str,
        headers: Optional[Dict[str, str]],
        payload: Optional[bytes],
        timeout: Any,
        preload: bool,
        deadline: Optional[float] = None,
    ) -> Any:
        """One exchange, redirects not followed.

        ``PoolManager.urlopen`` parses the URL and derives the pool's key again for every
        request, which costs more than all of this SDK's own work on a call; a client
        talks to one origin, so its pool is looked up once. A proxy, or a ``pool_manager``
        put in place of the one built here (a test double, say), gets the request through
        the manager's ``request``, as generated clients send it.
        """
        if self._pace is not None and not self._pace.take_turn(deadline):
            raise ApiTimeoutError(
                "the rate limit (%g requests per second to this host as this user, "
                "configuration.rate_limit) leaves no turn before the call's deadline"
                % self._pace.rate
            )
        pool_timeout = timeout.connect_timeout
        # Waiting for a free pooled connection is bounded like connecting.
        if not isinstance(pool_timeout, (int, float)):
            pool_timeout = None
        manager = self.pool_manager
        stand_in = manager is not self._own_manager
        armed = _watchdog.arm(deadline)
        try:
            if self._pools is None or stand_in:
                response = manager.request(
                    method,
                    url,
                    body=payload,
                    headers=headers,
                    timeout=timeout,
                    pool_timeout=pool_timeout,
                    # A stand-in manager's answers are taken as they come.
                    preload_content=preload and stand_in,
                    redirect=False,
                    retries=_NO_RETRIES,
                    **_RESPONSE_OPTIONS,
                )
                if stand_in:
                    return response, response.data if preload else None
            else:
                response = self._urlopen(
                    manager, method, url, payload, headers, timeout, pool_timeout
                )
            if not preload:
                return response, None
            # The SDK reads the body itself, within configuration.max_response_size.
            return response, _read_answer_body(response, self.configuration.max_response_size)
        finally:
            if armed is not None and _watchdog.disarm(armed):
                raise _DeadlineReached("the call's deadline passed during this try")

    def _urlopen(
        self,
        manager: Any,
        method: str,
        url: str,
        payload: Optional[bytes],
        headers: Optional[Dict[str, str]],
        timeout: Any,
        pool_timeout: Optional[float],
    ) -> Any:
        """Send through the pool of the URL's origin, looked up once per origin; tries
        are _exchange's business (no retries here) and so are redirects."""
        cut = url.find("/", url.find("://") + 3)
        origin, path = (url, "/") if cut < 0 else (url[:cut], url[cut:])
        pools: Dict[str, Any] = self._pools  # type: ignore[assignment]
        tries = 2  # the pool may have been closed since it was looked up: one more
        while True:
            pool = pools.get(origin)
            if pool is None:
                pool = pools[origin] = manager.connection_from_url(origin)
            try:
                return pool.urlopen(
                    method,
                    path,
                    body=payload,
                    headers=headers,
                    retries=_NO_RETRIES,
                    redirect=False,
                    assert_same_host=False,
                    timeout=timeout,
                    pool_timeout=pool_timeout,
                    preload_content=False,
                    enforce_content_length=True,  # see _RESPONSE_OPTIONS
                )
            except urllib3.exceptions.ClosedPoolError:
                # The manager closed it (clear(), or evicted for another origin): ask anew.
                pools.pop(origin, None)
                tries -= 1
                if not tries:
                    raise


class _RateWindow(object):
    """At most ``rate`` requests per second, in any second: a request may go when the one
    ``count`` places before it went at least ``count / rate`` seconds ago. Callers take
    turns in order, each sleeping until its own turn (no polling)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.count = max(1, int(rate))
        self.period = self.count / rate
        self._lock = threading.Lock()
        self._turns: Deque[float] = collections.deque()

    def take_turn(self, deadline: Optional[float]) -> bool:
        """Wait for this caller's turn; False (without waiting) when it comes too late."""
        with self._lock:
            now = time.monotonic()
            turns = self._turns
            if len(turns) < self.count:
                turns.append(now)
                return True
            turn = max(now, turns[0] + self.period)
            if deadline is not None and turn >= deadline:
                return False
            turns.popleft()
            turns.append(turn)
        if turn > now:
            time.sleep(turn - now)
        return True


# (origin, username, rate) -> the window every client of this process shares.
_rate_windows: Dict[Any, _RateWindow] = {}
_rate_windows_lock = threading.Lock()


def _rate_window_for(configuration: Any) -> Optional[_RateWindow]:
    rate = configuration.rate_limit
    if rate is None:
        return None
    parts = urlsplit(configuration.host)
    key = (parts.scheme, parts.hostname, parts.port, configuration.username, rate)
    with _rate_windows_lock:
        window = _rate_windows.get(key)
        if window is None:
            window = _rate_windows[key] = _RateWindow(rate)
        return window


MAX_REDIRECTS = 5
# Answers after which the request may have been carried out (a gateway gave up waiting).
_MAYBE_APPLIED_STATUSES = frozenset([502, 503, 504])


def _interrupt_in(error: BaseException) -> Optional[BaseException]:
    """The ``KeyboardInterrupt`` (or ``SystemExit``, ...) that ``error`` is, or that was
    being raised when ``error`` was: urllib3's cleanup under a Ctrl-C can fail with an
    error of its own (a full pool, a lock released twice) that hides the interrupt."""
    for _depth in range(8):
        if not isinstance(error, Exception):
            return error
        if error.__context__ is None:
            return None
        error = error.__context__
    return None


def _past(deadline: Optional[float]) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _attempt_timeout(timeout: Any, deadline: Optional[float], url: str) -> Any:
    """The timeout of one try: the call's, cut to what is left before the deadline."""
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise _deadline_error(url, deadline)
    # Worked out once per CallTimeout: the usual try reads no urllib3 property.
    longest = getattr(timeout, "_longest_wait", None)
    if longest is None and not isinstance(timeout, CallTimeout):
        longest = _longer_of(timeout.connect_timeout, timeout.read_timeout)
    if longest is not None and longest <= left:
        return timeout  # the usual case: the deadline is further away than both waits
    connect, read = timeout.connect_timeout, timeout.read_timeout
    return urllib3.Timeout(
        connect=min(connect, left) if _is_number(connect) else left,
        read=min(read, left) if _is_number(read) else left,
    )


def _is_number(value: Any) -> bool:
    """Whether a timeout value is seconds (not None, nor urllib3's "default" marker)."""
    return isinstance(value, (int, float))


def _longer_of(connect: Any, read: Any) -> Optional[float]:
    """The longer of a timeout's two waits when both are seconds, else None."""
    if _is_number(connect) and _is_number(read):
        return max(connect, read)
    return None


def _fits(seconds: float, deadline: Optional[float]) -> bool:
    """Whether waiting ``seconds`` before the next try leaves time before the deadline;
    never beyond ``MAX_SECONDS`` (with no deadline and no cap on ``Retry-After``, a
    server could ask for a wait that ``time.sleep`` refuses)."""
    if deadline is None:
        return seconds <= MAX_SECONDS
    return time.monotonic() + seconds < deadline


def _may_have_reached_the_server(error: BaseException) -> bool:
    """Whether a failed try may have been carried out: anything but not connecting."""
    return not isinstance(
        error,
        (
            urllib3.exceptions.NewConnectionError,
            urllib3.exceptions.ConnectTimeoutError,
            urllib3.exceptions.EmptyPoolError,
        ),
    )


def _deadline_error(url: str, deadline: Optional[float]) -> ApiTimeoutError:
    parts = urlsplit(url)
    return ApiTimeoutError(
        "the call's deadline ran out talking to %s://%s (configuration.deadline, or "
        "_deadline for one call, bounds every try, the waits between them and reading "
        "the answer)" % (parts.scheme, parts.netloc)
    )


class _DeadlineReached(urllib3.exceptions.HTTPError):
    """A try's connection was shut down by the watchdog at the call's deadline."""


class _Watchdog(object):
    """Shuts down the socket of a try still running at its call's deadline.

    Per-read socket timeouts cannot bound a server that sends a byte now and then, so
    one thread per process keeps the connections of tries in flight with their
    deadlines, and at a deadline shuts the socket down: the blocked read ends at once.
    Only the operating system's socket is shut down, never a TLS layer above it, and
    only a connection whose try was still being watched when its deadline came (in the
    rare case that the try ended in that very moment and another call has just taken
    the connection from the pool, that call sees a broken connection and tries again).
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._start()

    def _start(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._watched: Dict[Any, List[Any]] = {}  # connection -> [deadline, fired]
        self._nearest: Optional[float] = None
        self._thread: Optional[threading.Thread] = None
        self._stopping = False

    def stop_before_fork(self) -> None:
        """Let an idle watchdog thread end before this process forks, so that a process
        with no call in flight forks single-threaded (as a gunicorn master that made a
        warm-up call should); the next call starts the thread again."""
        with self._lock:
            thread = self._thread
            if thread is None or self._watched:
                return  # calls in flight: their threads are there anyway
            self._stopping = True
            self._wake.notify()
        thread.join(1.0)

    def arm(self, deadline: Optional[float]) -> Optional[List[Any]]:
        """Watch the connections this thread's next try uses, until :meth:`disarm` with
        what this returns (None when there is no deadline)."""
        if deadline is None:
            return None
        armed: List[Any] = []
        local = self._local
        local.deadline, local.armed = deadline, armed
        return armed

    def disarm(self, armed: List[Any]) -> bool:
        """Stop watching a try's connections; True if the deadline shut one down."""
        self._local.deadline = None
        if not armed:
            return False
        fired = False
        with self._lock:
            for connection, entry in armed:
                if self._watched.get(connection) is entry:
                    del self._watched[connection]
                fired = fired or entry[1]
        return fired

    def watch(self, connection: Any) -> None:
        """Called with each connection a try takes from a pool (see ``_OwnPool``)."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is None:
            return
        entry = [deadline, False]
        with self._lock:
            self._watched[connection] = entry
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="TextMagic-deadlines", daemon=True
                )
                self._thread.start()
            if self._nearest is None or deadline < self._nearest:
                self._nearest = deadline
                self._wake.notify()
        self._local.armed.append((connection, entry))

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._stopping:
                    self._stopping = False
                    if not self._watched:
                        self._thread = None
                        return
                now = time.monotonic()
                due = [(c, e) for c, e in self._watched.items() if e[0] <= now]
                for connection, entry in due:
                    del self._watched[connection]
                    entry[1] = True
                self._nearest = min((e[0] for e in self._watched.values()), default=None)
                if not due:
                    wait = None if self._nearest is None else self._nearest - now
                    # Capped: a lock's wait beyond TIMEOUT_MAX raises (about 49 days on
                    # Windows); waking early only looks again.
                    self._wake.wait(None if wait is None else min(wait, threading.TIMEOUT_MAX))
            for connection, _ in due:
                _shut_down(connection)


def _shut_down(connection: Any) -> None:
    # http.client lets go of ``sock`` while a read-until-close body is still read from
    # it, so the socket the connection last opened is kept aside too.
    sock = getattr(connection, "sock", None) or getattr(connection, "_watched_sock", None)
    if isinstance(sock, socket.socket):
        try:
            # The plain socket's method: an SSLSocket's own would drop its TLS state
            # under the reading thread.
            socket.socket.shutdown(sock, socket.SHUT_RDWR)
        except OSError:
            pass  # already closed


_watchdog = _Watchdog()
# Every client of this process, for _after_fork_in_child.
_live_clients: "weakref.WeakSet[RESTClientObject]" = weakref.WeakSet()


def _unlock_after_fork(manager: Any) -> None:
    """Give an inherited pool manager fresh locks before closing it in a forked child.

    A lock some parent thread held at the instant of the fork stays held forever in the
    child (that thread does not exist there), and closing the pools takes the manager's
    and every pool's queue lock; the child has one thread, so new locks are safe.
    """
    pools = getattr(manager, "pools", None)
    if pools is None:
        return
    if hasattr(pools, "lock"):
        pools.lock = threading.RLock()
    for pool in _pools_of(manager):
        waiting = pool.pool_queue() if isinstance(pool, _OwnPool) else None
        if waiting is not None:
            waiting.use_lock(threading.RLock())


def _pools_of(manager: Any) -> List[Any]:
    """The connection pools a urllib3 pool manager holds (1.26 and 2.x keep them alike)."""
    return list(getattr(getattr(manager, "pools", None), "_container", {}).values())


def _after_fork_in_child() -> None:
    """Runs in a forked child before anything else does, while it has one thread: the
    parent's watchdog thread, locks, rate allowance and connections are not reused."""
    global _rate_windows, _rate_windows_lock
    _watchdog._start()
    _rate_windows, _rate_windows_lock = {}, threading.Lock()
    for client in list(_live_clients):
        client._restart_after_fork()


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(before=_watchdog.stop_before_fork, after_in_child=_after_fork_in_child)


class _Watched(object):
    """A connection that keeps the socket it opened, for the watchdog."""

    _watched_sock: Any = None

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        self._watched_sock = getattr(self, "sock", None)


class _WatchedHTTPConnection(_Watched, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, urllib3.connection.HTTPSConnection):
    pass


class _PoolQueue(queue.LifoQueue):  # type: ignore[type-arg]
    """urllib3's queue of a pool's connections (last in, first out) on a lock that a
    Ctrl-C cannot leave taken for good.

    Python may raise a ``KeyboardInterrupt`` between any two steps of Python code: also
    right after ``get`` or ``put`` took the queue's lock (inside ``Condition.__enter__``)
    and before the ``with`` that gives it back. With a plain lock, the next use of the
    pool waited forever. This lock is re-entrant, so the interrupted thread can tell that
    it still holds it and let go of it (:meth:`let_go`).
    """

    def __init__(self, maxsize: int = 0) -> None:
        super().__init__(maxsize)
        self.use_lock(threading.RLock())

    def use_lock(self, lock: Any) -> None:
        """Put the queue on ``lock`` (a new one in a forked child)."""
        self.mutex = lock
        self.not_empty = threading.Condition(lock)
        self.not_full = threading.Condition(lock)
        self.all_tasks_done = threading.Condition(lock)

    def let_go(self) -> None:
        """Release the lock as often as the calling thread holds it."""
        lock: Any = self.mutex  # an RLock (see use_lock): it knows its owner
        while lock._is_owned():
            lock.release()


class _OwnPool(object):
    """What the SDK's pools add to urllib3's: the watchdog hears of each connection a try
    takes (urllib3 1.26 and 2.x alike take it through ``_get_conn``), and the queue of
    connections is a ``_PoolQueue``."""

    QueueCls: Any = _PoolQueue

    def _get_conn(self, timeout: Optional[float] = None) -> Any:
        try:
            connection = super()._get_conn(timeout)  # type: ignore[misc]
        except BaseException as error:
            interrupt = _interrupt_in(error)
            if interrupt is None:
                raise
            # A Ctrl-C while taking a connection: urllib3 is about to give back a slot
            # that was never taken, which makes the pool's count of free connections
            # wrong. Closed, the pool takes nothing back; the client gets a new one.
            self.let_go()
            self.close()  # type: ignore[attr-defined]
            raise interrupt from None
        _watchdog.watch(connection)
        return connection

    def pool_queue(self) -> Optional[_PoolQueue]:
        """The queue of connections; None once the pool is closed."""
        waiting = getattr(self, "pool", None)
        return waiting if isinstance(waiting, _PoolQueue) else None

    def let_go(self) -> bool:
        """Release the queue's lock as often as the calling thread holds it; False when
        the pool is closed."""
        waiting = self.pool_queue()
        if waiting is None:
            return False
        waiting.let_go()
        return True


class _WatchedHTTPConnectionPool(_OwnPool, urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSConnectionPool(_OwnPool, urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPConnectionPool, "https": _WatchedHTTPSConnectionPool}
_REDIRECT_STATUSES = frozenset([301, 302, 303, 307, 308])
_BODY_HEADERS = frozenset(["Content-Type", "Content-Length", "Transfer-Encoding"])


def _origin(url: str) -> Any:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    return (parts.scheme, parts.hostname, parts.port)


def _without(headers: Optional[Dict[str, str]], names: Any) -> Dict[str, str]:
    lowered = {name.lower() for name in names}
    return {k: v for k, v in (headers or {}).items() if k.lower() not in lowered}


def _discard(response: Any) -> None:
    """Free a redirect answer's connection for the next hop: a short unread body is
    read away, a longer one (or a broken one) closes the connection instead."""
    try:
        _read_raw(response, _READ_STEP)
    except (urllib3.exceptions.HTTPError, _BodyProblem, OSError):
        response.close()  # what is left of the body is not read: the connection goes
    response.release_conn()


# Raw bytes read at a time from a body whose length the server did not declare.
_READ_STEP = 65536
_GZIP_CODINGS = frozenset(["gzip", "x-gzip"])


class _BodyProblem(Exception):
    """A body too large, compressed wrongly, or in an encoding the SDK cannot undo."""


def _read_answer_body(response: Any, limit: int) -> Optional[bytes]:
    """Read and decode a whole body, at most ``limit`` bytes once decoded.

    :return: the body; None for an unsuccessful answer whose body could not be read
        (its status says what matters).
    :raises MalformedResponseError: a successful answer's body could not be read.
    """
    try:
        return _decoded(_read_raw(response, limit), response.headers, limit)
    except _BodyProblem as problem:
        if 200 <= response.status <= 299:
            raise MalformedResponseError(
                status=response.status, reason=str(problem), headers=response.headers
            ) from None
        return None
    finally:
        response.release_conn()


def _read_raw(response: Any, limit: int) -> bytes:
    """The body's bytes as sent (not decompressed), at most ``limit`` of them; a longer
    body closes the connection. Malformed framing (a negative or absurd chunk size, ...)
    is a ``ProtocolError``, as urllib3 reports the framing faults it knows."""
    declared = getattr(response, "length_remaining", None)
    if declared is not None and declared > limit:
        response.close()
        raise _BodyProblem(_too_large(limit, "the server declared %d bytes" % declared))
    try:
        if declared is not None:  # the usual case: one read of a known, bounded length
            return response.read(decode_content=False) or b""
        chunks: List[bytes] = []
        total = 0
        while True:
            chunk = response.read(_READ_STEP, decode_content=False)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:
                response.close()
                raise _BodyProblem(_too_large(limit, "more bytes arrived"))
            chunks.append(chunk)
    except (ValueError, OverflowError) as error:
        # http.client parses chunk sizes with int(): "-5" or 2**70 end up here.
        response.close()
        raise urllib3.exceptions.ProtocolError("malformed response framing: %s" % error) from error


def _decoded(body: bytes, headers: Any, limit: int) -> bytes:
    """Undo the body's ``Content-Encoding`` (gzip and deflate, in any chain), never
    producing more than ``limit`` bytes."""
    if "Content-Encoding" not in headers:
        return body  # the usual case
    header = headers.get("Content-Encoding")
    if not header:
        return body
    codings = [c.strip().lower() for c in header.split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        if coding in _GZIP_CODINGS:
            body = _inflate(body, 16 + zlib.MAX_WBITS, limit, coding)
        elif coding == "deflate":
            # RFC 9110's deflate is zlib-wrapped; some servers send the raw stream.
            wrapped = len(body) > 1 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0
            body = _inflate(body, zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS, limit, coding)
        else:
            raise _BodyProblem(
                "the body's Content-Encoding %r is not one the SDK decodes" % (coding[:40],)
            )
    return body


def _inflate(data: bytes, wbits: int, limit: int, coding: str) -> bytes:
    pieces: List[bytes] = []
    total = 0
    while data:  # gzip bodies may hold several members, one after another
        inflater = zlib.decompressobj(wbits)
        try:
            piece = inflater.decompress(data, limit + 1 - total)
        except zlib.error as error:
            raise _BodyProblem("the %s body is corrupt (%s)" % (coding, error)) from None
        total += len(piece)
        if total > limit or inflater.unconsumed_tail:
            raise _BodyProblem(_too_large(limit, "it decompresses to more"))
        if not inflater.eof:
            raise _BodyProblem("the %s body is truncated" % coding)
        pieces.append(piece)
        if coding not in _GZIP_CODINGS:
            break  # deflate has one stream; anything after it is ignored
        data = inflater.unused_data
    return b"".join(pieces)


def _too_large(limit: int, detail: str) -> str:
    return "the response body is larger than configuration.max_response_size (%d bytes): %s" % (
        limit,
        detail,
    )


def _encode_body(headers: Optional[Dict[str, str]], body: Any, post_params: Any) -> Any:
    """The headers and payload bytes for ``body`` or ``post_params``."""
    if post_params:
        if body is not None:
            raise ValueError("body and post_params cannot be sent together")
        content_type = _header_value(headers, "Content-Type") or ""
        if content_type.startswith("multipart/form-data"):
            payload, content_type = urllib3.encode_multipart_formdata(post_params)
        elif content_type in ("", "application/x-www-form-urlencoded"):
            payload = urlencode(post_params).encode("ascii")
            content_type = "application/x-www-form-urlencoded"
        else:
            raise ValueError(
                "post_params are sent as a form; the Content-Type %r is not a form type"
                % content_type
            )
        headers = dict(_without(headers, ["Content-Type"]), **{"Content-Type": content_type})
        return headers, payload
    if body is None:
        return headers, None
    if isinstance(body, bytes):
        return headers, body
    if isinstance(body, str):
        return headers, body.encode("utf-8")
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if _header_value(headers, "Content-Type") is None:
        headers = dict(headers or {}, **{"Content-Type": "application/json"})
    return headers, payload


def _header_value(headers: Optional[Dict[str, str]], name: str) -> Optional[str]:
    lowered = name.lower()
    for key, value in (headers or {}).items():
        if key.lower() == lowered:
            return value
    return None


def _read_error_body(response: Any, limit: int) -> Optional[bytes]:
    """An unsuccessful answer's body, read by the SDK; None when it cannot be read (the
    status already says what matters)."""
    try:
        return _read_answer_body(response, limit)
    except (urllib3.exceptions.HTTPError, OSError):
        return None


def translate_network_error(error: BaseException, url: str = "") -> ApiConnectionError:
    """Map a urllib3 exception to ``ApiTimeoutError`` or ``ApiConnectionError``.

    :param error: the urllib3 exception.
    :param str url: the request's URL, whose origin the message names.
    :return: the SDK exception (the caller chains ``error`` as its cause).
    """
    cause = error
    if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
        cause = error.reason
    parts = urlsplit(url)
    where = "%s://%s" % (parts.scheme, parts.netloc) if parts.netloc else "the server"
    detail = _describe(cause)
    if isinstance(cause, urllib3.exceptions.EmptyPoolError):
        return PoolTimeoutError(
            "timed out waiting for a free connection to %s: all %s of the pool's "
            "connections are in use (a response read with _preload_content=False holds its "
            "connection until read or released); release them, or raise "
            "configuration.connection_pool_maxsize" % (where, _pool_size(cause))
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


def _pool_size(error: BaseException) -> Any:
    """How many connections the exhausted pool holds, as urllib3 keeps it."""
    queue = getattr(getattr(error, "pool", None), "pool", None)
    return getattr(queue, "maxsize", None) or "the"


# urllib3 starts many messages with the connection's repr; the rest is what matters.
_CONNECTION_REPR = lazy_pattern(r"^(<[^<>]*>|\w+\([^()]*\)|None): ")


def _describe(error: BaseException) -> str:
    return _CONNECTION_REPR().sub("", str(error)) or type(error).__name__


def redact_headers(headers: Optional[Mapping[str, str]]) -> Dict[str, str]:
    """Return ``headers`` as a dict with secret values replaced by ``***``.

    :param headers: a mapping of header names to values, or None.
    """
    return {
        name: ("***" if name.lower() in SECRET_HEADERS else value)
        for name, value in (headers or {}).items()
    }
