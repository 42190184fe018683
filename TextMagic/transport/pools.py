"""Connection pools: one per origin, of classes that keep the SDK's promises.

- Each answer reads through :class:`~TextMagic.transport.deadline.DeadlineResponse`
  (the call's deadline bounds every read).
- Each pool keeps its idle connections in a :class:`ConnectionQueue`, whose lock a
  Ctrl-C cannot leave taken for good, and which a forked child never waits on.
- :class:`PoolSet` notices a new process by its pid and starts afresh there, never
  touching what it inherited; after a Ctrl-C it lets go of whatever the interrupted
  thread held and closes every pool, so that the next call starts clean.

All of it through urllib3's public extension points: a pool's ``QueueCls`` and
``ConnectionCls`` class attributes, and a ``PoolManager``'s ``connection_from_host``.
"""

from __future__ import annotations

import collections
import os
import queue
import threading
import weakref
from typing import Any, Dict, List, Optional

import urllib3
import urllib3.connection
from urllib3.util.url import parse_url

from TextMagic.transport.deadline import DeadlineResponse

__all__ = ["ConnectionQueue", "PoolSet"]


class ConnectionQueue(object):
    """A pool's idle connections, last in first out, on a re-entrant lock.

    Python may raise a ``KeyboardInterrupt`` between any two steps of Python code. The
    lock is taken by a ``with`` on the lock itself, which leaves no step between taking
    and the ``with`` that gives it back; but waiting for a connection goes through
    ``threading.Condition``'s Python code, and a thread interrupted there can tell that
    it still holds this lock and let go of it (:meth:`let_go`). In a forked child, a lock
    that some parent thread held stays held forever: a queue the child inherited (see
    :meth:`PoolSet._start`) takes no lock (only closing an inherited pool gets there, and
    it does so once).
    """

    def __init__(self, maxsize: int = 0) -> None:
        self.maxsize = maxsize
        self._items: List[Any] = []
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._waiting = 0  # threads waiting in get(): put() wakes one, if any
        #: Set in a forked child, for the parent's queue: used without its lock.
        self.inherited = False

    def qsize(self) -> int:
        return len(self._items)

    def get(self, block: bool = True, timeout: Optional[float] = None) -> Any:
        """Take the most recently returned connection (or placeholder).

        :raises queue.Empty: none came within ``timeout`` (at once with ``block`` off).
        """
        if self.inherited:
            return self._pop()
        with self._lock:
            if self._items or not block:
                return self._pop()
            self._waiting += 1
            try:
                if not self._changed.wait_for(lambda: self._items, timeout):
                    raise queue.Empty()
            finally:
                self._waiting -= 1
            return self._pop()

    def put(self, item: Any, block: bool = True, timeout: Optional[float] = None) -> None:
        """Give a connection (or placeholder) back.

        :raises queue.Full: the queue already holds ``maxsize`` items.
        """
        if self.inherited:
            self._items.append(item)
            return
        with self._lock:
            if self.maxsize and len(self._items) >= self.maxsize:
                raise queue.Full()
            self._items.append(item)
            if self._waiting:
                self._changed.notify()

    def _pop(self) -> Any:
        if not self._items:
            raise queue.Empty()
        return self._items.pop()

    def let_go(self) -> None:
        """Release the lock as often as the calling thread holds it."""
        while True:
            try:
                self._lock.release()
            except RuntimeError:  # not held by this thread (any more)
                return


class _HTTPConnection(urllib3.connection.HTTPConnection):
    response_class = DeadlineResponse


class _HTTPSConnection(urllib3.connection.HTTPSConnection):
    response_class = DeadlineResponse


# The class attributes urllib3 documents for this; its 1.26 type stubs and 2.x's own
# annotations declare them differently, hence the ignores.
class _HTTPPool(urllib3.HTTPConnectionPool):
    QueueCls = ConnectionQueue  # type: ignore[assignment, misc, unused-ignore]
    ConnectionCls = _HTTPConnection  # type: ignore[assignment, misc, unused-ignore]


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    QueueCls = ConnectionQueue  # type: ignore[assignment, misc, unused-ignore]
    ConnectionCls = _HTTPSConnection  # type: ignore[assignment, misc, unused-ignore]


_POOL_CLASSES = {"http": _HTTPPool, "https": _HTTPSPool}
_DEFAULT_PORTS = {"http": 80, "https": 443}


class PoolSet(urllib3.PoolManager):
    """A urllib3 ``PoolManager`` whose pools are the SDK's (see the module's text).

    :param int num_pools: how many origins to keep pools for; the least recently
        opened is closed to make room.
    :param dict tls_args: pool arguments for ``https://`` origins only.
    :param pool_args: the arguments of every pool.
    """

    def __init__(self, num_pools: int, tls_args: Dict[str, Any], **pool_args: Any) -> None:
        super().__init__(num_pools=num_pools, **pool_args, **tls_args)
        self._num_pools = num_pools
        self._plain_args = pool_args
        self._tls_args = tls_args
        self._by_origin: Dict[str, Any] = collections.OrderedDict()
        self._owner = [os.getpid()]  # the process whose pools these are
        self._start()
        # Dropped without clear(), it closes its pools' sockets when collected (urllib3
        # 1.26's pools, unlike 2.x's, leave them open).
        weakref.finalize(self, _close_dropped, self._by_origin, self._owner)

    def _start(self) -> None:
        """Start with no pools (again, in a forked child: the parent's are left to be
        collected, their queues marked as inherited so that closing them takes no lock
        a parent thread may have held at the fork)."""
        self._pid = self._owner[0] = os.getpid()
        self._lock = threading.Lock()
        _mark_inherited(self._by_origin)
        self._by_origin.clear()

    def connection_from_host(
        self,
        host: Optional[str],
        port: Optional[int] = None,
        scheme: Optional[str] = "http",
        pool_kwargs: Optional[Dict[str, Any]] = None,
    ) -> Any:
        if pool_kwargs or scheme not in _POOL_CLASSES or not host:
            parent: Any = super()  # 1.26's type stubs lack pool_kwargs, which 1.26 has
            return parent.connection_from_host(host, port, scheme, pool_kwargs)
        if ":" in host and not host.startswith("["):
            host = "[%s]" % host
        return self.pool_for("%s://%s:%d" % (scheme, host, port or _DEFAULT_PORTS[scheme]))

    def pool_for(self, origin: str) -> Any:
        """The pool of ``origin`` (``scheme://host[:port]``), made on first use."""
        if self._pid != os.getpid():
            self._start()  # a forked child: what the parent left is not ours to touch
        pool = self._by_origin.get(origin)
        if pool is not None:
            return pool
        parts = parse_url(origin)
        scheme = parts.scheme or "http"
        arguments = dict(self._plain_args, **(self._tls_args if scheme == "https" else {}))
        made = _POOL_CLASSES[scheme](parts.host, parts.port, **arguments)
        evicted = None
        with self._lock:
            pool = self._by_origin.setdefault(origin, made)
            if len(self._by_origin) > self._num_pools:
                evicted = self._by_origin.popitem(last=False)[1]  # type: ignore[call-arg]
        if pool is not made:
            made.close()
        if evicted is not None:
            evicted.close()
        return pool

    def forget(self, origin: str, pool: Any) -> None:
        """Stop handing out ``pool`` for ``origin`` (it was found closed)."""
        with self._lock:
            if self._by_origin.get(origin) is pool:
                del self._by_origin[origin]

    def let_go(self) -> None:
        """After a Ctrl-C: release every pool lock the calling thread was left holding,
        and close every pool (urllib3 may have counted a connection it never took)."""
        for pool in list(self._by_origin.values()):
            idle = pool.pool
            if isinstance(idle, ConnectionQueue):
                idle.let_go()
        self.clear()

    def clear(self) -> None:
        """Close every pooled connection (the manager stays usable)."""
        if self._pid != os.getpid():
            self._start()
        _close_all(self._by_origin, self._lock)
        super().clear()


def _mark_inherited(pools: Dict[str, Any]) -> None:
    for pool in pools.values():
        idle = pool.pool
        if isinstance(idle, ConnectionQueue):
            idle.inherited = True


def _close_dropped(pools: Dict[str, Any], owner: List[int]) -> None:
    """Close the pools of a dropped ``PoolSet``; in a forked child, without their locks."""
    if owner[0] != os.getpid():
        _mark_inherited(pools)
    _close_all(pools)


def _close_all(pools: Dict[str, Any], lock: Any = None) -> None:
    """Close and forget every pool of ``pools``."""
    with lock or threading.Lock():
        closing = list(pools.values())
        pools.clear()
    for pool in closing:
        pool.close()
