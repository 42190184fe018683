"""The sandbox's HTTP layer: the threaded server (bounded connections) and the request
handler (bounded framing and bodies), which hand each request to the ``Sandbox``."""

import json
import re
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict
from urllib.parse import parse_qs, urlsplit

from TextMagic._http import escape_controls

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
