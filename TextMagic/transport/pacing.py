"""Rate limiting: at most ``configuration.rate_limit`` requests per second to one host as
one user, shared by every client and thread of the process."""

from __future__ import annotations

import collections
import os
import threading
import time
from typing import Any, Deque, Dict, Optional
from urllib.parse import urlsplit

__all__ = ["RateWindow", "window_for"]


# Headroom over the limit's period: requests sent a period apart may arrive closer
# together (the network, the server's own scheduling), and a server counting arrivals in
# any one second would answer the extra ones 429.
MARGIN = 0.1


class RateWindow(object):
    """At most ``rate`` requests per second, in any second, with a margin: a request may
    go when the one ``count`` places before it went at least ``count / rate`` seconds
    (plus ``MARGIN`` of that) ago. Callers take turns in order, each sleeping until its
    own turn (no polling)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.count = max(1, int(rate))
        self.period = self.count / rate * (1 + MARGIN)
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


class _Windows(object):
    """(origin, username, rate) -> the window every client of this process shares; a
    forked child starts with none (the parent's turns and locks are not its own)."""

    def __init__(self) -> None:
        self._pid = -1

    def get(self, key: Any, rate: float) -> RateWindow:
        if self._pid != os.getpid():
            self._pid, self._lock, self._by_key = os.getpid(), threading.Lock(), {}
        with self._lock:
            window = self._by_key.get(key)
            if window is None:
                window = self._by_key[key] = RateWindow(rate)
            return window

    _by_key: Dict[Any, RateWindow]


_windows = _Windows()


def window_for(configuration: Any) -> Optional[RateWindow]:
    """The rate window of a configuration's host, username and limit; None for no limit."""
    rate = configuration.rate_limit
    if rate is None:
        return None
    parts = urlsplit(configuration.host)
    return _windows.get(
        (parts.scheme, parts.hostname, parts.port, configuration.username, rate), rate
    )
