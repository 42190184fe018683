"""The call's deadline inside a try: every read from the server waits at most what is left.

A per-read socket timeout cannot bound a server that sends a byte now and then. So
while a call runs, its thread holds the call's deadline (:func:`start`), and the
answers of the SDK's connections read through :class:`DeadlineResponse`, which before
each read from the socket cuts its timeout to the time left, and past the deadline
raises ``socket.timeout``. Each try bounds only its own reads, in its own thread: no
watcher, no other thread ever touches a connection.
"""

from __future__ import annotations

import http.client
import io
import socket
import threading
import time
from typing import Any, Optional

__all__ = ["DeadlineResponse", "start", "stop"]

_local = threading.local()


def start(deadline: Optional[float]) -> None:
    """From now until :func:`stop`, the reads of this thread's answers end by
    ``deadline`` (a ``time.monotonic()`` instant, or None for none)."""
    _local.deadline = deadline


def stop() -> None:
    """The reads of this thread's answers are bounded by their socket timeout alone."""
    _local.deadline = None


class _DeadlineReader(io.RawIOBase):
    """A socket's reading end whose every read waits at most the running deadline's
    time left (and at most the socket's own timeout). http.client is handed it in the
    socket's place: ``makefile`` is all it asks of a socket when an answer begins."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._timeout = sock.gettimeout()  # what urllib3 set for reading
        self._cut = False
        self._keep_open: Optional[io.RawIOBase] = None

    def keep_socket_open(self) -> None:
        """Keep the socket open until this reader closes: http.client closes the
        connection's own end once an answer read until the server closes it begins."""
        self._keep_open = self._sock.makefile("rb", buffering=0)

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(self)

    def readable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._sock.fileno()

    def readinto(self, buffer: Any) -> Optional[int]:
        deadline = getattr(_local, "deadline", None)
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise socket.timeout("the call's deadline passed")
            if self._timeout is None or left < self._timeout:
                self._sock.settimeout(left)
                self._cut = True
        elif self._cut:  # read later, outside the call (_preload_content=False)
            self._sock.settimeout(self._timeout)
            self._cut = False
        return self._sock.recv_into(buffer)

    def close(self) -> None:
        if self._keep_open is not None:
            self._keep_open.close()
        super().close()


class DeadlineResponse(http.client.HTTPResponse):
    """http.client's answer, reading through a :class:`_DeadlineReader`."""

    def __init__(self, sock: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(_DeadlineReader(sock), *args, **kwargs)  # type: ignore[arg-type]

    def begin(self) -> None:
        super().begin()
        if self.will_close:
            reader: Any = self.fp.raw
            reader.keep_socket_open()
