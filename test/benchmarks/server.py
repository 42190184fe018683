"""A fast loopback HTTP server for the benchmarks, run in its own process.

Responses are encoded once and written in one send, Nagle is off, connections are kept
alive. ``python -m test.benchmarks.server`` prints its port, then serves until killed.
"""

import socket
import sys
import threading

from test.benchmarks import payloads

ROUTES = {
    b"/api/v2/sessions/1": payloads.encode(payloads.session(1)),
    b"/api/v2/sessions?page=1&limit=1000": payloads.encode(payloads.page(payloads.sessions(1000))),
    # The API's largest page: 100 sessions, each with a timestamp of its own.
    b"/api/v2/sessions?page=1&limit=100": payloads.encode(
        dict(payloads.page(payloads.sessions(100)), pageCount=10)
    ),
    b"/api/v2/sessions/1/messages?page=1&limit=1000&includeDeleted=0": payloads.encode(
        payloads.page(payloads.messages(1000))
    ),
}
_HEAD = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
    b"Connection: keep-alive\r\n\r\n"
)
_NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
RESPONSES = {path: _HEAD % len(body) + body for path, body in ROUTES.items()}


def serve_connection(sock):
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buffer = b""
    with sock:
        while True:
            while b"\r\n\r\n" not in buffer:
                chunk = sock.recv(65536)
                if not chunk:
                    return
                buffer += chunk
            head, buffer = buffer.split(b"\r\n\r\n", 1)
            target = head.split(b" ", 2)[1]
            sock.sendall(RESPONSES.get(target, _NOT_FOUND))


def main():
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print(listener.getsockname()[1], flush=True)
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=serve_connection, args=(sock,), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
