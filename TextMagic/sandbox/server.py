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
import json
import math
import re
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Deque, Dict, List, Optional
from urllib.parse import parse_qs, urlsplit

from TextMagic._http import escape_controls
from TextMagic.configuration import MAX_SECONDS
from TextMagic.sandbox.data import DEFAULT_LIMIT, DELIVERY_STATUSES, MAX_LIMIT, SandboxData

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

_SESSION = re.compile(r"^/api/v2/sessions/([^/]+)(/stat|/messages)?$")
# Ids and numbers of more than 18 digits are not ids or numbers this API has.
_ID = re.compile(r"^[0-9]{1,18}$")
_IDS = re.compile(r"^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$")
# Bodies this short are read even when refused, so that the answer is not lost to a
# reset from closing a socket with unread data.
_DRAINED_BODY_SIZE = 65536
_REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
    b"Connection: close\r\n\r\n"
)


class RecordedRequest(object):
    """One request as the sandbox received it.

    ``method``, ``path`` (without the query), ``query`` (name -> last value),
    ``headers`` (case-insensitive ``.get``), ``body`` (bytes).
    """

    __slots__ = ("method", "path", "query", "headers", "body")

    def __init__(
        self, method: str, path: str, query: Dict[str, str], headers: Any, body: bytes
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)

    def __repr__(self):
        return "RecordedRequest(%s %s %r)" % (self.method, self.path, self.query)


class _Fault(object):
    __slots__ = ("status", "body", "headers", "delay", "times", "path", "method", "drop")

    def __init__(self, status, body, headers, delay, times, path, method, drop):
        self.status = status
        self.body = body
        self.headers = headers or {}
        self.delay = delay
        self.times = times
        self.path = path
        self.method = method
        self.drop = drop

    def matches(self, method, path):
        return (
            self.times > 0
            and (self.path is None or path.startswith(self.path))
            and (self.method is None or self.method == method)
        )


class _ApiError(Exception):
    def __init__(self, status, message, fields=None, common=None, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields
        self.common = common
        self.headers = headers or {}

    def body(self):
        # As TextMagic answers: "errors" is null but for a failed validation.
        errors = None
        if self.status == 400:
            errors = {"common": self.common or [], "fields": self.fields or {}}
        return {"code": self.status, "message": self.message, "errors": errors}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address, sandbox, max_connections):
        self.sandbox = sandbox
        self.open_sockets = set()
        self.connections_opened = 0
        self.connections_refused = 0
        self.sockets_lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(max_connections)
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def process_request(self, request, client_address):
        # One thread per connection, at most max_connections of them: beyond that a
        # connection is told to come back later, so idle or slow clients cannot pile up
        # threads.
        if not self.slots.acquire(blocking=False):
            self.connections_refused += 1
            try:
                request.setblocking(False)
                request.send(_REFUSAL)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def get_request(self):
        sock, address = super().get_request()
        with self.sockets_lock:
            self.connections_opened += 1
            self.open_sockets.add(sock)
        return sock, address

    def shutdown_request(self, request):
        with self.sockets_lock:
            self.open_sockets.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request, client_address):
        # A client that hangs up mid-answer is ordinary; anything else is a sandbox bug,
        # reported unless the sandbox is quiet.
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)) or self.sandbox.quiet:
            return
        super().handle_error(request, client_address)

    def close_all_connections(self):
        with self.sockets_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            try:
                sock.shutdown(2)
            except OSError:
                pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "TextMagicSandbox"

    def do_GET(self):
        self._handle()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def setup(self):
        # Every read waits at most this long: a silent or half-open connection ends.
        self.timeout = self.server.sandbox.header_timeout
        super().setup()
        # Headers and body go out in separate writes; without this, delayed ACKs add ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def version_string(self):
        return self.server_version

    def log_message(self, format, *args):
        if not self.server.sandbox.quiet:
            # What clients send is escaped: no control sequence reaches the terminal.
            text = escape_controls(format % args)
            sys.stderr.write("%s %s\n" % (self.log_date_time_string(), text))
            sys.stderr.flush()

    def _handle(self):
        sandbox = self.server.sandbox
        length = self._body_length()
        if length is None:
            return
        username = sandbox._authorized(self.headers)
        authorized = username is not None
        if authorized or length <= _DRAINED_BODY_SIZE:
            body = self.rfile.read(length) if length else b""
        else:
            body, self.close_connection = b"", True  # not read: the connection ends
        parts = urlsplit(self.path)
        query = {
            name: values[-1]
            for name, values in parse_qs(parts.query, keep_blank_values=True).items()
        }
        recorded = body if authorized else b""  # strangers' bodies are not kept
        sandbox._record(RecordedRequest(self.command, parts.path, query, self.headers, recorded))

        fault = sandbox._take_fault(self.command, parts.path)
        if fault is not None:
            if fault.delay and sandbox._stopping.wait(fault.delay):
                self.close_connection = True
                return  # the sandbox stopped while this answer waited: none comes
            if fault.drop:
                self.close_connection = True
                self.connection.shutdown(2)
                return
            if fault.status is not None:
                self._send(fault.status, fault.body, fault.headers)
                return
        try:
            if not authorized:
                raise _ApiError(
                    401, "Unauthorized", headers={"WWW-Authenticate": 'Basic realm="API"'}
                )
            sandbox._throttle(username)
            status, payload = sandbox._route(self.command, parts.path, query, body)
        except _ApiError as error:
            self._send(error.status, error.body(), error.headers)
            return
        except Exception as error:  # keep serving; answer like a failing server would
            self._send(500, {"code": 500, "message": "sandbox error: %s" % error})
            return
        self._send(status, payload)

    def _body_length(self):
        """The request body's length, or None once a malformed or refused framing has
        been answered (4xx, connection closed, body unread)."""
        if self.headers.get("Transfer-Encoding") is not None:
            return self._refuse(411, "Length Required: send a Content-Length, not chunks")
        values = self.headers.get_all("Content-Length") or []
        if not values:
            return 0
        if len(set(values)) != 1 or not re.fullmatch(r"[0-9]{1,18}", values[0].strip()):
            return self._refuse(400, "Bad Request: malformed Content-Length")
        length = int(values[0])
        if length > self.server.sandbox.max_body_size:
            return self._refuse(
                413, "Payload Too Large: at most %d bytes" % self.server.sandbox.max_body_size
            )
        return length

    def _refuse(self, status, message):
        self.close_connection = True
        self._send(status, {"code": status, "message": message}, {"Connection": "close"})
        return None

    def _send(self, status, payload, headers=None):
        if payload is None:
            data = b""
        elif isinstance(payload, bytes):
            data = payload
        elif isinstance(payload, str):
            data = payload.encode("utf-8")
        else:
            data = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        headers = dict(headers or {})
        self.send_response(status)
        if data and not any(name.lower() == "content-type" for name in headers):
            self.send_header("Content-Type", "application/json")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data and self.command != "HEAD":
            self.wfile.write(data)


def _positive(query, name, default, maximum=None):
    raw = query.get(name)
    if raw is None:
        return default
    if not _ID.match(raw) or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        rule = "a positive integer" + (" up to %d" % maximum if maximum else "")
        raise _ApiError(
            400, "Validation Failed", fields={name: ["This value should be %s." % rule]}
        )
    return int(raw)


def _limit(query):
    """TextMagic's rule: a ``limit`` outside 1 to 100 (or not a number) silently becomes
    10; the page then says ``limit: 10``."""
    raw = query.get("limit")
    if raw is None or not _ID.match(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        return DEFAULT_LIMIT
    return int(raw)


def _flag(query, name):
    raw = query.get(name, "0")
    if raw not in ("0", "1"):
        raise _ApiError(400, "Validation Failed", fields={name: ["This value should be 0 or 1."]})
    return raw == "1"


def _statuses(query):
    raw = query.get("statuses")
    if not raw:
        return None
    letters = raw.split(",")
    if any(len(letter) != 1 or letter not in DELIVERY_STATUSES for letter in letters):
        raise _ApiError(
            400,
            "Validation Failed",
            fields={"statuses": ["Each status should be one of %s." % ",".join(DELIVERY_STATUSES)]},
        )
    return set(letters)


class Sandbox(object):
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
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError("%s must be an int of 1 or more, got %r" % (name, value))
        if not (isinstance(header_timeout, (int, float)) and 0 < header_timeout <= MAX_SECONDS):
            raise ValueError(
                "header_timeout must be a number of seconds above 0 and at most %g" % MAX_SECONDS
            )
        self.max_body_size = max_body_size
        self.header_timeout = float(header_timeout)
        if rate_limit is not None and not (
            isinstance(rate_limit, (int, float)) and not isinstance(rate_limit, bool)
        ):
            raise TypeError("rate_limit must be a number of requests per second or None")
        if rate_limit is not None and not rate_limit > 0:
            raise ValueError("rate_limit must be positive, got %r" % (rate_limit,))
        #: Requests per second per account before 429, or None.
        self.rate_limit = None if rate_limit is None else float(rate_limit)
        #: How many requests it has answered 429 because of the rate limit.
        self.throttled = 0
        self._buckets: Dict[Any, Any] = {}
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
        """TextMagic's ceiling: ``rate_limit`` requests per second per account, a bucket
        of that many tokens refilled at that rate; beyond it 429 with ``Retry-After``."""
        if self.rate_limit is None:
            return
        with self._lock:
            now = time.monotonic()
            tokens, then = self._buckets.get(username, (self.rate_limit, now))
            tokens = min(self.rate_limit, tokens + (now - then) * self.rate_limit)
            if tokens >= 1:
                self._buckets[username] = (tokens - 1, now)
                return
            self._buckets[username] = (tokens, now)
            self.throttled += 1
            wait = (1 - tokens) / self.rate_limit
        raise _ApiError(429, "Too Many Requests", headers={"Retry-After": str(math.ceil(wait))})

    def _route(self, method, path, query, body):
        if path in ("/api/v2/sessions", "/api/v2/sessions/"):
            self._allow(method, "GET")
            return 200, self.data.list_sessions(_positive(query, "page", 1), _limit(query))
        if path == "/api/v2/sessions/delete":
            self._allow(method, "POST")
            return self._delete_bulk(body)
        match = _SESSION.match(path)
        if match is None:
            raise _ApiError(404, "Not found")
        raw_id, tail = match.groups()
        if not tail:
            self._allow(method, "GET", "DELETE")
        else:
            self._allow(method, "GET")
        if not _ID.match(raw_id) or int(raw_id) < 1:
            raise _ApiError(404, "Session not found")
        session_id = int(raw_id)
        if tail == "/stat":
            result = self.data.stat(session_id, _flag(query, "includeDeleted"))
        elif tail == "/messages":
            result = self.data.list_messages(
                session_id,
                _positive(query, "page", 1),
                _limit(query),
                _statuses(query),
                _flag(query, "includeDeleted"),
            )
        elif method == "DELETE":
            result = True if self.data.delete_session(session_id) else None
        else:
            result = self.data.get_session(session_id)
        if result is None:
            raise _ApiError(404, "Session not found")
        return (204, None) if method == "DELETE" else (200, result)

    @staticmethod
    def _allow(method, *allowed):
        if method not in allowed:
            raise _ApiError(405, "Method Not Allowed", headers={"Allow": ", ".join(allowed)})

    def _delete_bulk(self, body):
        try:
            payload = json.loads(body or b"null")
        except (ValueError, RecursionError):
            payload = None
        if not isinstance(payload, dict):
            raise _ApiError(400, "Validation Failed", common=["The body must be a JSON object."])
        ids, everything = payload.get("ids"), payload.get("all")
        fields = {}
        if ids is not None and not (isinstance(ids, str) and _IDS.match(ids)):
            fields["ids"] = ["This value should be comma-separated positive integers."]
        if everything is not None and everything not in (0, 1):
            fields["all"] = ["This value should be 0 or 1."]
        if fields:
            raise _ApiError(400, "Validation Failed", fields=fields)
        if not everything and not ids:
            raise _ApiError(
                400, "Validation Failed", common=["Either ids or all must be specified."]
            )
        if everything:
            self.data.delete_sessions(everything=True)
        else:
            self.data.delete_sessions([int(i) for i in ids.split(",")])
        return 204, None
