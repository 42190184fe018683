"""A local TextMagic-compatible HTTP server for the Outbound Message Sessions API.

Standard library only. It speaks the wire contract of the real API (paths, Basic auth or
the ``X-TM-Username``/``X-TM-Key`` pair, JSON bodies, 400/401/404/405 errors), keeps its
data in memory, records the latest requests it receives, and can be told to misbehave.
It is built to survive a hostile client: bounded request log, request bodies, connection
count and header time; malformed framing and parameters are answered 4xx.
"""

import base64
import binascii
import collections
import hmac
import math
import threading
import time
from typing import TYPE_CHECKING, Any, Deque, Dict, List, Optional

from TextMagic.checks import check_pool_size, check_rate_limit, check_seconds
from TextMagic.sandbox.data import SandboxData
from TextMagic.sandbox.http import RecordedRequest, _ApiError, _Fault, _Server
from TextMagic.sandbox.routes import Routes

__all__ = ["Sandbox", "RecordedRequest", "DEFAULT_USERNAME", "DEFAULT_API_KEY"]

if TYPE_CHECKING:
    from TextMagic.configuration import Configuration

DEFAULT_USERNAME = "sandbox"
DEFAULT_API_KEY = "sandbox-api-key"

#: TextMagic's published ceiling: requests per second per account.
DEFAULT_RATE_LIMIT = 20.0

#: How many recent requests ``Sandbox.requests`` keeps.
DEFAULT_REQUEST_LOG_SIZE = 1000
#: The largest request body accepted (bytes); a larger one is answered 413 unread.
DEFAULT_MAX_BODY_SIZE = 1024 * 1024
#: Connections served at once; more are answered 503 and closed.
DEFAULT_MAX_CONNECTIONS = 100
#: Seconds a connection may stay silent while a request is due (and between requests).
DEFAULT_HEADER_TIMEOUT = 10.0


class Sandbox(Routes):
    """A TextMagic-compatible server on 127.0.0.1, for tests and local development.

    ::

        with Sandbox() as sb:
            api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(sb.configuration()))

    :param str host: the address to listen on.
    :param int port: the port; 0 picks a free one.
    :param str username: the username it accepts.
    :param str api_key: the API key it accepts.
    :param int sessions: how many sessions to seed.
    :param int seed: the random seed of the data.
    :param bool quiet: do not log requests to stderr.
    :param ssl_context: an ``ssl.SSLContext`` (server side) to serve HTTPS instead of HTTP.
    :param float rate_limit: requests per second per account before it answers 429, as
        TextMagic does (20, its published ceiling, by default); None for no limit.
    :param int request_log_size: how many recent requests ``requests`` keeps (1000).
    :param int max_body_size: the largest request body, in bytes, it reads (1 MiB); a
        larger one is answered 413 and not read.
    :param int max_connections: connections served at once (100), each by its own
        thread; more are answered 503 and closed.
    :param float header_timeout: seconds a connection may stay silent while a request
        is due, or between requests (10); then it is closed.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str = DEFAULT_USERNAME,
        api_key: str = DEFAULT_API_KEY,
        sessions: int = 300,
        seed: int = 2019,
        quiet: bool = True,
        ssl_context: Any = None,
        rate_limit: Optional[float] = DEFAULT_RATE_LIMIT,
        request_log_size: int = DEFAULT_REQUEST_LOG_SIZE,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    ) -> None:
        for name, value in (
            ("request_log_size", request_log_size),
            ("max_body_size", max_body_size),
            ("max_connections", max_connections),
        ):
            check_pool_size(value, name)
        if header_timeout is None:
            raise TypeError("header_timeout must be a number of seconds, not None")
        check_seconds(header_timeout, "header_timeout")
        check_rate_limit(rate_limit)
        self.max_body_size = max_body_size
        self.header_timeout = float(header_timeout)
        #: Requests per second per account before 429, or None.
        self.rate_limit = None if rate_limit is None else float(rate_limit)
        #: How many requests it has answered 429 because of the rate limit.
        self.throttled = 0
        self._buckets: Dict[Any, Any] = {}  # account -> the arrivals of the last second
        self.username = username
        self.api_key = api_key
        self.quiet = quiet
        self._sessions = sessions
        self._seed = seed
        self.data = SandboxData(sessions, seed)
        self._lock = threading.Lock()
        self._requests: Deque[RecordedRequest] = collections.deque(maxlen=request_log_size)
        self._faults: List[_Fault] = []
        self._server = _Server((host, port), self, max_connections)
        self._scheme = "http"
        if ssl_context is not None:
            # The handshake happens in the connection's own thread, bounded by
            # header_timeout, not in the accepting one (a silent client would stall it).
            self._server.socket = ssl_context.wrap_socket(
                self._server.socket, server_side=True, do_handshake_on_connect=False
            )
            self._scheme = "https"
        self._thread: Optional[threading.Thread] = None
        # Set by stop(): ends the waits of delay faults (their threads would outlive it).
        self._stopping = threading.Event()

    # -- lifetime -------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The base URL to use as ``configuration.host``."""
        address, port = self._server.server_address[:2]
        host = str(address)
        if ":" in host:
            host = "[%s]" % host
        return "%s://%s:%d" % (self._scheme, host, int(port))

    def start(self) -> "Sandbox":
        """Serve in a background thread; returns self."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.01},
                name="TextMagic-sandbox",
                daemon=True,
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until interrupted."""
        self._server.serve_forever(poll_interval=0.2)

    def stop(self) -> None:
        """Stop serving and close every connection (answers still held back by a delay
        fault are never sent)."""
        self._stopping.set()
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(5)
            self._thread = None
        self._server.close_all_connections()
        self._server.server_close()

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.stop()

    def configuration(self, **settings: Any) -> "Configuration":
        """A ``TextMagic.Configuration`` pointed at this sandbox with its credentials.

        :param settings: other ``Configuration`` attributes to set.
        """
        from TextMagic.configuration import Configuration

        values: Dict[str, Any] = dict(
            host=self.url,
            username=self.username,
            password=self.api_key,
            rate_limit=self.rate_limit,  # a client paced as this server throttles
        )
        values.update(settings)
        return Configuration(**values)

    # -- what tests look at and change ----------------------------------------------

    @property
    def requests(self) -> List[RecordedRequest]:
        """The requests received so far, the latest ``request_log_size`` of them (a
        copy), oldest first. Bodies of requests without valid credentials are not kept."""
        with self._lock:
            return list(self._requests)

    @property
    def connections_opened(self) -> int:
        """How many TCP connections clients have opened to this sandbox."""
        return self._server.connections_opened

    @property
    def connections_refused(self) -> int:
        """How many connections were answered 503 because ``max_connections`` were busy."""
        return self._server.connections_refused

    def clear_requests(self) -> None:
        """Forget the recorded requests."""
        with self._lock:
            self._requests.clear()

    def reset(self) -> None:
        """Restore the seeded data, forget requests, faults and the rate limit's count."""
        self.data = SandboxData(self._sessions, self._seed)
        with self._lock:
            self._buckets.clear()
            self.throttled = 0
            self._requests.clear()
            del self._faults[:]

    def add_fault(
        self,
        status: Optional[int] = None,
        body: Any = None,
        headers: Optional[Dict[str, str]] = None,
        delay: float = 0.0,
        times: int = 1,
        path: Optional[str] = None,
        method: Optional[str] = None,
        drop: bool = False,
    ) -> None:
        """Make the next matching requests misbehave.

        :param int status: answer with this status (and ``body``, ``headers``) instead.
        :param body: bytes, text, or a JSON-ready object.
        :param dict headers: extra response headers.
        :param float delay: seconds to wait before answering.
        :param int times: how many requests it applies to.
        :param str path: only requests whose path starts with this.
        :param str method: only requests with this method.
        :param bool drop: close the connection without answering.
        """
        with self._lock:
            self._faults.append(_Fault(status, body, headers, delay, times, path, method, drop))

    def _record(self, request):
        with self._lock:
            self._requests.append(request)

    def _take_fault(self, method, path):
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    return fault
        return None

    # -- the API ----------------------------------------------------------------------

    def _authorized(self, headers):
        """The username of valid credentials in ``headers``, or None."""
        username = password = None
        authorization = headers.get("Authorization") or ""
        if authorization[:6].lower() == "basic ":
            try:
                pair = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                pair = ""
            username, _, password = pair.partition(":")
        elif headers.get("X-TM-Username") is not None:
            username, password = headers.get("X-TM-Username"), headers.get("X-TM-Key")
        if (
            username is not None
            and password is not None
            and hmac.compare_digest(username.encode(), self.username.encode())
            and hmac.compare_digest(password.encode(), self.api_key.encode())
        ):
            return username
        return None

    def _throttle(self, username):
        """TextMagic's ceiling, counted strictly: at most ``rate_limit`` requests per
        account arrive in any one second; beyond it 429 with ``Retry-After``."""
        if self.rate_limit is None:
            return
        with self._lock:
            now = time.monotonic()
            arrivals = self._buckets.setdefault(username, collections.deque())
            while arrivals and arrivals[0] <= now - 1.0:
                arrivals.popleft()
            if len(arrivals) < self.rate_limit:
                arrivals.append(now)
                return
            self.throttled += 1
            wait = arrivals[0] + 1.0 - now
        raise _ApiError(429, "Too Many Requests", headers={"Retry-After": str(math.ceil(wait))})
