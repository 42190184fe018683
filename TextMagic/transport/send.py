"""The one loop every request goes through: pacing, tries, redirects and the deadline."""

from __future__ import annotations

import functools
import logging
import os
import time
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urljoin, urlsplit

import urllib3

from TextMagic._http import display_url
from TextMagic.checks import check_pool_size, is_loopback_url
from TextMagic.exceptions import ApiConnectionError, ApiException, ApiTimeoutError
from TextMagic.request import Request
from TextMagic.transport import body as bodies
from TextMagic.transport import deadline as deadlines
from TextMagic.transport.errors import (
    HookFailed,
    interrupt_in,
    may_have_reached_the_server,
    redact_headers,
    translate_network_error,
)
from TextMagic.transport.pacing import window_for
from TextMagic.transport.pools import PoolSet
from TextMagic.transport.retry import RetryPolicy, build_retry
from TextMagic.transport.timeouts import (
    attempt_timeout,
    build_timeout,
    deadline_error,
    fits,
    past,
)

__all__ = ["Transport", "MAX_REDIRECTS"]

logger = logging.getLogger("TextMagic")

MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset([301, 302, 303, 307, 308])
# Credentials: never sent over plain HTTP to another machine, never carried to another
# origin by a redirect.
_CREDENTIAL_HEADERS = frozenset(["authorization", "x-tm-key", "x-tm-username"])
_REDIRECT_STRIPPED = _CREDENTIAL_HEADERS | {"proxy-authorization", "cookie"}
_BODY_HEADERS = frozenset(["content-type", "content-length", "transfer-encoding"])
# Answers after which the request may have been carried out (a gateway gave up waiting).
_MAYBE_APPLIED_STATUSES = frozenset([502, 503, 504])
# What urllib3 does itself on each try: nothing the SDK's loop does instead.
_NO_RETRIES = urllib3.util.Retry(False, redirect=False)
# How the transport has urllib3 send each try: no tries or redirects of urllib3's own,
# the body left for the SDK to read within its cap.
_OPTIONS = dict(
    retries=_NO_RETRIES, redirect=False, preload_content=False, enforce_content_length=True
)


class Answer(object):
    """A try's outcome: the response, its body (None when not read), and whether an
    earlier try may have been carried out by the server."""

    __slots__ = ("response", "body", "maybe_applied")

    def __init__(self, response: Any, body: Optional[bytes], maybe_applied: bool = False) -> None:
        self.response, self.body, self.maybe_applied = response, body, maybe_applied


class Transport(object):
    """Sends requests through urllib3 for one configuration.

    :param configuration: the ``Configuration`` (TLS, proxy, pool size, retries, timeout).
    :param int pools_size: how many origins to keep pools for.
    :param int maxsize: connections per origin (``configuration.connection_pool_maxsize``).
    """

    def __init__(self, configuration: Any, pools_size: int = 4, maxsize: Optional[int] = None):
        self.configuration = configuration
        self.default_timeout = build_timeout(configuration.timeout)
        self.retries = build_retry(configuration.retries, configuration.retry_after_max)
        if maxsize is not None:
            check_pool_size(maxsize, "maxsize")
        self.maxsize = maxsize or configuration.connection_pool_maxsize
        self._pools_size = pools_size
        self.pool_manager: Any = None  # what requests go through: own_manager, or a stand-in
        self.own_manager: Any = None
        self._start()

    def _start(self) -> None:
        """Build the pools and the rate window (again, in a forked child)."""
        config = self.configuration
        pool_args: Dict[str, Any] = dict(
            maxsize=self.maxsize, block=True, timeout=self.default_timeout, retries=_NO_RETRIES
        )
        tls: Dict[str, Any] = {"cert_reqs": "CERT_NONE"}
        if config.verify_ssl:
            tls = {"cert_reqs": "CERT_REQUIRED", "ca_certs": config.effective_ca_cert()}
        for name in ("cert_file", "key_file", "assert_hostname"):
            if getattr(config, name) is not None:
                tls[name] = getattr(config, name)
        proxy, proxy_headers = config.effective_proxy()
        if proxy:
            manager: Any = urllib3.ProxyManager(
                proxy_url=proxy,
                proxy_headers=proxy_headers,
                num_pools=self._pools_size,
                **pool_args,
                **tls,
            )
        else:
            manager = PoolSet(self._pools_size, tls, **pool_args)
        if self.pool_manager is self.own_manager:  # a test double put in place stays
            self.pool_manager = manager
        self.own_manager = manager
        self._pace = window_for(config)
        self._pid = os.getpid()

    def _after_fork(self) -> None:
        """In a forked child: a rate allowance of its own, and pools of its own (the
        SDK's pool manager starts afresh by itself; urllib3's, behind a proxy, is
        replaced)."""
        if isinstance(self.own_manager, PoolSet):
            self._pace = window_for(self.configuration)
            self._pid = os.getpid()
        else:
            self._start()

    def clear(self) -> None:
        """Close every pooled connection (the transport stays usable)."""
        self.pool_manager.clear()

    # -- the loop -------------------------------------------------------------------

    def send(self, request: Request) -> Answer:
        """Send ``request`` (its body bytes, its timeout a ``CallTimeout``, whose deadline
        counts from now), trying again as the retry policy allows, following redirects.

        :return: the final :class:`Answer`, whatever its status.
        :raises ApiException: a network fault that is not retried, or the deadline;
            the exception names the request.
        """
        if self._pid != os.getpid():
            self._after_fork()
        seconds = request.timeout.deadline
        deadline = None if seconds is None else time.monotonic() + seconds
        debug = self.configuration.debug
        if debug:
            logger.debug(
                "request: %s %s headers=%s body=%s",
                request.method,
                display_url(request.url),
                redact_headers(request.headers),
                request.body,
            )
        deadlines.start(deadline)
        try:
            answer = self._tries(request, deadline)
        except ApiException as error:
            error.name_request(request.method, request.url)
            raise
        except HookFailed as failure:
            raise failure.error from None
        except BaseException as error:
            interrupt = interrupt_in(error)
            if interrupt is None:
                raise
            # A Ctrl-C ended the call, perhaps inside urllib3's pool: start clean pools.
            if isinstance(self.own_manager, PoolSet):
                self.own_manager.let_go()
            else:  # urllib3's own pools (through a proxy): left as they are
                self._start()
            raise interrupt from None
        finally:
            deadlines.stop()
        if debug:
            response = answer.response
            logger.debug(
                "response: %s %s -> %s %s headers=%s",
                request.method,
                display_url(request.url),
                response.status,
                response.reason,
                redact_headers(response.headers),
            )
        return answer

    def _tries(self, request: Request, deadline: Optional[float]) -> Answer:
        """Try as often as the retry policy allows, within the deadline."""
        retry = self.retries
        if not isinstance(retry, RetryPolicy):  # a plain Retry or a count, assigned later
            retry = self.retries = build_retry(retry, self.configuration.retry_after_max)
        maybe_applied = False
        method, url = request.method, request.url
        started = time.monotonic()
        while True:
            try:
                answer = self._follow_redirects(request, deadline)
            except (urllib3.exceptions.HTTPError, OSError) as error:
                if interrupt_in(error) is not None:
                    raise  # urllib3's cleanup failed under a Ctrl-C: see send()
                if past(deadline):
                    raise deadline_error(url) from error
                try:
                    next_retry = retry.increment(method, url, error=error)
                except Exception:  # exhausted, or not to be retried: the error stands
                    raise self._gave_up(error, retry, started, url) from error
                maybe_applied = maybe_applied or may_have_reached_the_server(error)
                wait = next_retry.wait_before_next(None)
                if not fits(wait, deadline):
                    raise self._gave_up(error, retry, started, url) from error
                retry = next_retry
                time.sleep(wait)
                continue
            response = answer.response
            answer.maybe_applied = maybe_applied
            if response.status < 300:
                return answer  # a success is never tried again
            has_retry_after = bool(response.headers.get("Retry-After"))
            if not retry.is_retry(method, response.status, has_retry_after):
                return answer
            try:
                next_retry = retry.increment(method, url, response=response)
            except urllib3.exceptions.MaxRetryError:
                return answer  # out of tries: this answer is the result
            wait = next_retry.wait_before_next(response)
            if not fits(wait, deadline):
                return answer  # no time left to try again
            if answer.body is None:
                bodies.discard(response)
            maybe_applied = maybe_applied or response.status in _MAYBE_APPLIED_STATUSES
            retry = next_retry
            time.sleep(wait)

    def _gave_up(self, error: BaseException, retry: Any, started: float, url: str) -> Any:
        """The SDK's error for a network fault no more tries will mend, saying how many
        tries were made (each earlier one is in the policy's history) over how long."""
        return translate_network_error(
            error, url, self.maxsize, len(retry.history) + 1, time.monotonic() - started
        )

    def _follow_redirects(self, request: Request, deadline: Optional[float]) -> Answer:
        """Send, and again to each redirect's target, at most ``MAX_REDIRECTS`` times.
        Credentials stay behind when a redirect leads to another origin; a 303 turns the
        request into a body-less GET. The answer after the last hop is returned as it is."""
        for _hop in range(MAX_REDIRECTS):
            answer = self._exchange(request, deadline)
            response = answer.response
            if response.status not in _REDIRECT_STATUSES:
                return answer
            location = response.headers.get("Location")
            if not location:
                return answer
            try:
                target = urljoin(request.url, location)
                same_origin = _origin(target) == _origin(request.url)
            except ValueError:
                raise ApiConnectionError(
                    "the server redirected to an unusable location %r" % (location[:200],)
                ) from None
            if answer.body is None:
                bodies.discard(response)
            headers = request.headers
            if not same_origin:
                headers = bodies.without(headers, _REDIRECT_STRIPPED)
            if response.status == 303 and request.method != "HEAD":
                request = request._replace(method="GET", body=None)
                headers = bodies.without(headers, _BODY_HEADERS)
            request = request._replace(url=target, headers=headers)
        return self._exchange(request, deadline)

    def _exchange(self, request: Request, deadline: Optional[float]) -> Answer:
        """One exchange, told to the configuration's request hooks, if any."""
        hooks = self.configuration.event_hooks
        if not (hooks["request"] or hooks["response"]):
            return self._send_once(request, deadline)
        from TextMagic.transport.hooks import exchange_with_hooks  # only where hooks are set

        return exchange_with_hooks(hooks, request, lambda: self._send_once(request, deadline))

    def _send_once(self, request: Request, deadline: Optional[float]) -> Answer:
        """One exchange, redirects not followed, through the pool of the URL's origin."""
        if self._pace is not None and not self._pace.take_turn(deadline):
            raise ApiTimeoutError(
                "the rate limit (%g requests per second to this host as this user, "
                "configuration.rate_limit) leaves no turn before the call's deadline"
                % self._pace.rate
            )
        timeout = attempt_timeout(request.timeout, deadline, request.url)
        manager = self.pool_manager
        if manager is not self.own_manager:  # a stand-in: its answers taken as they come
            response = manager.request(
                request.method,
                request.url,
                body=request.body,
                headers=request.headers,
                timeout=timeout,
                preload_content=request.preload_content,
                redirect=False,
                retries=_NO_RETRIES,
            )
            return Answer(response, response.data if request.preload_content else None)
        origin, path = _split(request.url)
        self._check_leaving(request, origin)
        response = self._urlopen(manager, request, timeout, origin, path)
        if not request.preload_content:
            return Answer(response, None)
        # The SDK reads the body itself, within configuration.max_response_size.
        body = bodies.read_body(response, self.configuration.max_response_size)
        return Answer(response, body)

    def _urlopen(self, manager: Any, request: Request, timeout: Any, origin: str, path: str) -> Any:
        # Waiting for a free pooled connection is bounded like connecting.
        pool_timeout = timeout.connect_timeout
        if not isinstance(pool_timeout, (int, float)):
            pool_timeout = None
        method, url, body, headers = request.method, request.url, request.body, request.headers
        if not isinstance(manager, PoolSet):
            return manager.urlopen(
                method,
                url,
                body=body,
                headers=headers,
                timeout=timeout,
                pool_timeout=pool_timeout,
                **_OPTIONS,
            )
        for _again in range(2):  # the pool may have been closed since it was looked up
            pool = manager.pool_for(origin)
            try:
                return pool.urlopen(
                    method,
                    path,
                    body=body,
                    headers=headers,
                    timeout=timeout,
                    pool_timeout=pool_timeout,
                    assert_same_host=False,
                    **_OPTIONS,
                )
            except urllib3.exceptions.ClosedPoolError:
                manager.forget(origin, pool)
        raise urllib3.exceptions.ClosedPoolError(pool, "the connection pool was closed")

    def _check_leaving(self, request: Request, origin: str) -> None:
        """Refuse, before any byte leaves, a request that would expose credentials or
        that has none to send."""
        config = self.configuration
        url = request.url
        carried = _carries_credentials(request.headers)
        if not carried and not (config.username or config.password):
            if _origin(url) == _origin(config.host):
                raise ValueError(_NO_CREDENTIALS)
        if carried and origin.startswith("http:") and not _is_loopback(origin):
            if not config.allow_insecure_http:
                raise ValueError(
                    "refusing to send credentials over plain http:// to http://%s; use "
                    "https://, or set configuration.allow_insecure_http = True if you really "
                    "mean it" % urlsplit(url).netloc.rpartition("@")[2]
                )


def _carries_credentials(headers: Any) -> bool:
    if "Authorization" in headers:  # the usual case, spelt as the SDK spells it
        return True
    return any(name.lower() in _CREDENTIAL_HEADERS for name in headers)


_NO_CREDENTIALS = (
    "no TextMagic credentials to send: set configuration.username and "
    "configuration.password (your API key), or the TEXTMAGIC_USERNAME and "
    "TEXTMAGIC_API_KEY environment variables before the Configuration is made"
)


def _split(url: str) -> Tuple[str, str]:
    """``url``'s origin (``scheme://host[:port]``) and the rest of it (path and query)."""
    cut = url.find("/", url.find("://") + 3)
    return (url, "/") if cut < 0 else (url[:cut], url[cut:])


@functools.lru_cache(maxsize=64)
def _is_loopback(origin: str) -> bool:
    """Whether ``origin``'s host is this machine (worked out once per origin)."""
    return is_loopback_url(origin)


def _origin(url: str) -> Tuple[Any, Any, Any]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL")
    return (parts.scheme, parts.hostname, parts.port)
