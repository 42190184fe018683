"""The only module that touches urllib3: one pool manager per client, one ``request``.

``ApiException`` and its subclasses are re-exported here so that the generated clients'
``from TextMagic.rest import ApiException`` keeps working.
"""

import json
import logging
import re
import time
import weakref
from typing import Any, Dict, Mapping, Optional
from urllib.parse import urlsplit

import urllib3
from urllib3.util.retry import Retry

from TextMagic.exceptions import *  # noqa: F401,F403 - the historical import path
from TextMagic.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    exception_for_response,
)

__all__ = ["RESTClientObject", "RESTResponse", "ApiException"]

logger = logging.getLogger("TextMagic")

# Headers that never follow a redirect, and never appear in a debug log.
SECRET_HEADERS = frozenset(["authorization", "x-tm-key", "proxy-authorization", "cookie"])
_REDIRECT_STRIPPED = frozenset(
    ["Authorization", "X-TM-Key", "X-TM-Username", "Proxy-Authorization", "Cookie"]
)
_RETRY_STATUSES = frozenset([429, 502, 503, 504])
_ALL_METHODS = frozenset(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
_URLLIB3_1 = urllib3.__version__.startswith("1.")
# urllib3 1.26 silently accepts a body shorter than its Content-Length unless asked not to;
# 2.x refuses it by default.
_RESPONSE_OPTIONS = {"enforce_content_length": True} if _URLLIB3_1 else {}


class RESTResponse(object):
    """A finished HTTP answer with its body read.

    :param resp: the urllib3 response it wraps.
    """

    __slots__ = ("urllib3_response", "status", "reason", "data", "headers")

    def __init__(self, resp: Any) -> None:
        self.urllib3_response = resp
        self.status = resp.status
        self.reason = resp.reason
        self.data = resp.data
        self.headers = resp.headers

    def getheaders(self) -> Any:
        """Return the response headers (kept for compatibility; same as ``headers``)."""
        return self.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """Return one response header (kept for compatibility).

        :param str name: the header's name, in any case.
        :param default: what to return when it is absent.
        """
        return self.headers.get(name, default)


class _SdkRetry(Retry):
    """urllib3's ``Retry`` with two changes, the same on every urllib3 version: a
    ``Retry-After`` longer than ``retry_after_cap`` is cut to it, and timeouts are never
    retried, so that the timeout a caller sets bounds the whole call."""

    retry_after_cap: Optional[float] = None

    def get_retry_after(self, response: Any) -> Optional[float]:
        seconds = super().get_retry_after(response)
        if seconds is not None and self.retry_after_cap is not None:
            seconds = min(seconds, self.retry_after_cap)
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
        if isinstance(error, urllib3.exceptions.TimeoutError) and not isinstance(
            error, urllib3.exceptions.NewConnectionError
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
        clone.retry_after_cap = self.retry_after_cap
        return clone


def build_retry(setting: Any, retry_after_max: Optional[float]) -> Retry:
    """Turn ``configuration.retries`` into a urllib3 ``Retry``.

    :param setting: an int (tries after the first), a ``Retry`` (used as is), or 0/None.
    :param float retry_after_max: the cap on a server's ``Retry-After``, in seconds.
    :return: a ``Retry``.
    """
    if isinstance(setting, Retry):
        return setting
    if isinstance(setting, bool) or not isinstance(setting, (int, type(None))):
        raise TypeError("retries must be an int, a urllib3 Retry or None, got %r" % (setting,))
    count = setting or 0
    options: Dict[str, Any] = dict(
        total=None,
        connect=count,
        read=count,
        status=count,
        other=0,
        redirect=5,
        allowed_methods=_ALL_METHODS,
        status_forcelist=_RETRY_STATUSES,
        backoff_factor=0.5,
        raise_on_status=False,
        raise_on_redirect=False,
        respect_retry_after_header=True,
        remove_headers_on_redirect=_REDIRECT_STRIPPED,
    )
    if not _URLLIB3_1:  # backoff_jitter came with urllib3 2.0
        options["backoff_jitter"] = 0.25
    retry = _SdkRetry(**options)
    retry.retry_after_cap = retry_after_max
    return retry


def build_timeout(value: Any) -> urllib3.Timeout:
    """Turn a timeout setting into a urllib3 ``Timeout``.

    :param value: seconds, a ``(connect, read)`` pair, a urllib3 ``Timeout``, or None.
    :return: a ``Timeout``.
    """
    if isinstance(value, urllib3.Timeout):
        return value
    if value is None:
        return urllib3.Timeout(connect=None, read=None)
    if isinstance(value, tuple) and len(value) == 2:
        connect, read = (_seconds(v, "timeout") for v in value)
        return urllib3.Timeout(connect=connect, read=read)
    seconds = _seconds(value, "timeout")
    return urllib3.Timeout(connect=seconds, read=seconds)


def _seconds(value: Any, what: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(
            "%s must be a number of seconds or a (connect, read) pair, got %r" % (what, value)
        )
    if value <= 0:
        raise ValueError("%s must be positive, got %r" % (what, value))
    return float(value)


class RESTClientObject(object):
    """Sends requests through one urllib3 pool manager built from a ``Configuration``.

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
        pool_args: Dict[str, Any] = dict(
            num_pools=pools_size,
            maxsize=maxsize or configuration.connection_pool_maxsize,
            block=True,  # never open more connections than the pool holds
            timeout=self.default_timeout,
            retries=self.retries,
        )
        if configuration.verify_ssl:
            pool_args["cert_reqs"] = "CERT_REQUIRED"
            pool_args["ca_certs"] = configuration.ssl_ca_cert
        else:
            pool_args["cert_reqs"] = "CERT_NONE"
        if configuration.cert_file:
            pool_args["cert_file"] = configuration.cert_file
        if configuration.key_file:
            pool_args["key_file"] = configuration.key_file
        if configuration.assert_hostname is not None:
            pool_args["assert_hostname"] = configuration.assert_hostname
        self.pool_manager: urllib3.PoolManager
        if configuration.proxy:
            self.pool_manager = urllib3.ProxyManager(
                proxy_url=configuration.proxy,
                proxy_headers=configuration.proxy_headers,
                **pool_args,
            )
        else:
            self.pool_manager = urllib3.PoolManager(**pool_args)
        # Origin -> its connection pool, when no proxy is in the way (see _urlopen).
        self._pools: Optional[Dict[str, Any]] = {} if not configuration.proxy else None
        # A client dropped without close() closes its sockets when collected; urllib3
        # does so itself only from 1.26.12 on (older ones leave a ResourceWarning).
        weakref.finalize(self, self.pool_manager.clear)

    def clear(self) -> None:
        """Close every pooled connection (the client stays usable)."""
        if self._pools is not None:
            self._pools.clear()
        self.pool_manager.clear()

    def _urlopen(self, method: str, url: str, **kw: Any) -> Any:
        """Send through the origin's own connection pool, or through the pool manager.

        ``PoolManager.urlopen`` parses the URL and derives the pool's key again for every
        request, which costs more than all of this SDK's own work on a call; a client
        talks to one origin, so its pool is looked up once. Proxies, and redirects (rare:
        the manager follows them, dropping credentials when one leads to another host, and
        sends the request again to do so), take the manager's path.
        """
        if self._pools is not None:
            cut = url.find("/", url.find("://") + 3)
            origin, path = (url, "/") if cut < 0 else (url[:cut], url[cut:])
            pool = self._pools.get(origin)
            if pool is None:
                pool = self._pools[origin] = self.pool_manager.connection_from_url(origin)
            try:
                response = pool.urlopen(method, path, redirect=False, assert_same_host=False, **kw)
            except urllib3.exceptions.ClosedPoolError:
                self._pools.pop(origin, None)  # the manager closed it: ask the manager
            else:
                if not response.get_redirect_location():
                    return response
                response.drain_conn()
        return self.pool_manager.urlopen(method, url, **kw)

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
        """Send one request and return its answer, raising for any unsuccessful one.

        :param str method: the HTTP method.
        :param str url: the full URL, query string included.
        :param query_params: ignored (kept for compatibility; the URL carries the query).
        :param dict headers: the request headers.
        :param body: a JSON-ready object, sent as JSON when not None (even when empty).
        :param post_params: ignored (no operation of this API sends a form).
        :param bool _preload_content: read the body (True) or return urllib3's response
            with its body unread (False).
        :param _request_timeout: seconds or ``(connect, read)`` for this call only.
        :return: a ``RESTResponse``, or the urllib3 response when not preloading.
        :raises ApiException: a subclass fitting the status or the network fault.
        """
        payload = None
        if body is not None:
            payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        timeout = (
            self.default_timeout if _request_timeout is None else build_timeout(_request_timeout)
        )
        debug = self.configuration._debug
        if debug:
            started = time.monotonic()
            logger.debug(
                "request: %s %s headers=%s body=%s", method, url, redact_headers(headers), payload
            )
        try:
            response = self._urlopen(
                method.upper(),
                url,
                body=payload,
                headers=headers,
                timeout=timeout,
                preload_content=_preload_content,
                **_RESPONSE_OPTIONS,
            )
        except urllib3.exceptions.HTTPError as error:
            raise translate_network_error(error, url) from error
        except OSError as error:  # raised by a few socket faults outside urllib3's wrapping
            raise translate_network_error(error, url) from error

        if debug:
            logger.debug(
                "response: %s %s -> %s %s in %.3fs headers=%s",
                method,
                url,
                response.status,
                response.reason,
                time.monotonic() - started,
                redact_headers(response.headers),
            )
        if not 200 <= response.status <= 299:
            body_bytes = _read_error_body(response)
            raise exception_for_response(
                response.status, response.reason, body_bytes, response.headers
            )
        return RESTResponse(response) if _preload_content else response


def _read_error_body(response: Any) -> Optional[bytes]:
    try:
        return response.data
    except urllib3.exceptions.HTTPError:
        return None  # the error is already clear from the status; the body broke off


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


# urllib3 starts many messages with the connection's repr; the rest is what matters.
_CONNECTION_REPR = re.compile(r"^(<[^<>]*>|\w+\([^()]*\)|None): ")


def _describe(error: BaseException) -> str:
    return _CONNECTION_REPR.sub("", str(error)) or type(error).__name__


def redact_headers(headers: Optional[Mapping[str, str]]) -> Dict[str, str]:
    """Return ``headers`` as a dict with secret values replaced by ``***``.

    :param headers: a mapping of header names to values, or None.
    """
    return {
        name: ("***" if name.lower() in SECRET_HEADERS else value)
        for name, value in (headers or {}).items()
    }
