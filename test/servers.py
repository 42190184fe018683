"""Small purpose-built TCP servers on 127.0.0.1 for network-fault tests."""

import json
import socket
import struct
import threading
import time


class RawServer(object):
    """Accepts connections and hands each to ``handler(sock)`` in its own thread.

    Every accepted socket is closed when the server stops, so no test hangs on it.
    """

    def __init__(self, handler):
        self.handler = handler
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)  # many clients may connect at once
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.accepted = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self._stop.is_set():
            try:
                sock, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.accepted.append(sock)
            threading.Thread(target=self._run, args=(sock,), daemon=True).start()

    def _run(self, sock):
        try:
            self.handler(sock, self._stop)
        except OSError:
            pass

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(2)
        self.listener.close()
        for sock in self.accepted:
            try:
                sock.close()
            except OSError:
                pass


def read_request(sock):
    """Read one request's head (enough for these tests) from ``sock``."""
    data = b""
    sock.settimeout(5)
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def never_answers(sock, stop):
    """Reads the request, then says nothing until the server stops."""
    read_request(sock)
    stop.wait(30)


def answers_then_stalls(sock, stop):
    """Sends the status line and headers, then never sends the promised body."""
    read_request(sock)
    sock.sendall(
        b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id": '
    )
    stop.wait(30)


def free_port():
    """A port on 127.0.0.1 that nothing listens on (just released)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def reset(sock):
    """Close ``sock`` with a TCP reset instead of an orderly close."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def resets_before_any_byte(sock, stop):
    read_request(sock)
    reset(sock)


def resets_mid_body(sock, stop):
    read_request(sock)
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n" + b'{"id": 1, "text": "' + b"x" * 100
    )
    time.sleep(0.1)
    reset(sock)


def sends_short_body(sock, stop):
    read_request(sock)
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\nConnection: close\r\n\r\n" + b'{"id": 1}'
    )
    sock.close()


def breaks_off_chunked(sock, stop):
    read_request(sock)
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n" + b'9\r\n{"id": 1,\r\n' + b'20\r\n"te'
    )
    sock.close()


def redirects_to(location, status):
    """A handler answering every request with a redirect to ``location``."""

    def handler(sock, stop):
        read_request(sock)
        sock.sendall(
            (
                "HTTP/1.1 %d Moved\r\nLocation: %s\r\nContent-Length: 0\r\n"
                "Connection: close\r\n\r\n" % (status, location)
            ).encode()
        )
        sock.close()

    return handler


def answers_json(payload, received):
    """A handler answering 200 with ``payload`` as JSON, keeping each request's head."""
    body = json.dumps(payload).encode()

    def handler(sock, stop):
        received.append(read_request(sock))
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body
        )
        sock.close()

    return handler


def drips_body(sock, stop):
    """Sends the head at once, then the promised body one byte every 0.3 s."""
    read_request(sock)
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
    )
    for byte in (b'{"id": 1, "text": "' + b"x" * 170 + b'"}')[:200]:
        if stop.wait(0.3):
            return
        sock.sendall(bytes([byte]))


def drips_head(sock, stop):
    """Sends the status line and headers one byte every 0.3 s."""
    read_request(sock)
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Padding: " + b"p" * 100:
        if stop.wait(0.3):
            return
        sock.sendall(bytes([byte]))


def drips_until_close(sock, stop):
    """No Content-Length: the body ends when the connection closes; drips meanwhile."""
    read_request(sock)
    sock.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n")
    for byte in b'{"id": 1, "text": "' + b"y" * 100:
        if stop.wait(0.3):
            return
        sock.sendall(bytes([byte]))


def read_full_request(sock):
    """Read one request (head and, by its Content-Length, body); (b"", b"") at EOF."""
    head = read_request(sock)
    if b"\r\n\r\n" not in head:
        return b"", b""
    head, _, body = head.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip() or 0)
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head, body


class CannedServer(RawServer):
    """Answers every request, one per connection, with ``answer``: raw bytes, or a
    function ``answer(sock, stop)`` that writes what it likes. Keeps each request's head
    in ``requests``."""

    def __init__(self, answer=b""):
        self.answer = answer
        self.requests = []
        super().__init__(self._answer)

    def _answer(self, sock, stop):
        head, _ = read_full_request(sock)
        if not head:
            return
        self.requests.append(head)
        answer = self.answer
        if callable(answer):
            answer(sock, stop)
        else:
            sock.sendall(answer)
        try:
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        sock.close()


def http_answer(status=200, body=b"", headers=(), length=True, reason="OK"):
    """The bytes of an HTTP/1.1 answer; ``length`` adds a true Content-Length."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    lines = ["HTTP/1.1 %d %s" % (status, reason)]
    lines += ["%s: %s" % pair for pair in headers]
    if length:
        lines.append("Content-Length: %d" % len(body))
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def keeps_alive(answer_for):
    """A handler serving every request of a kept-alive connection with
    ``answer_for(head, sock, stop)``, which writes the whole answer."""

    def handler(sock, stop):
        while not stop.is_set():
            head, _ = read_full_request(sock)
            if not head:
                return
            answer_for(head, sock, stop)

    return handler
