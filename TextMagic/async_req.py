"""Calls made with ``async_req=True``: a few threads that run them and end when idle.

The threads are started as calls come (at most ``limit`` at a time) and each ends as
soon as no call waits, so that a process that used ``async_req`` and then forks is
single-threaded again once its calls have ended and their results were collected. A
forked child starts with no threads and no queued calls of the parent's. Waiting for a
result takes only locks acquired in C, so that a Ctrl-C during the wait leaves nothing
locked.
"""

from __future__ import annotations

import os
import queue
import threading
from typing import Any, Callable, Generic, Optional, Set, TypeVar

__all__ = ["AsyncResult", "Workers"]

T = TypeVar("T")
# How long collecting a result waits for the thread that ran it to end (it has nothing
# left to do but return).
_LEAVING_WAIT = 5.0


class _Ending(object):
    """A call's outcome, handed over by the thread that ran it, which then releases
    ``lock``; ``leaving`` is that thread when it ends after this call."""

    __slots__ = ("over", "value", "error", "lock", "leaving")

    def __init__(self) -> None:
        self.over = False
        self.value: Any = None
        self.error: Optional[BaseException] = None
        self.leaving: Optional[threading.Thread] = None
        self.lock = threading.Lock()
        self.lock.acquire()

    def finish(self, value: Any, error: Optional[BaseException]) -> None:
        self.value, self.error = value, error
        # The flag before the release: a waiter interrupted between taking the lock and
        # giving it back must not hold up the others.
        self.over = True
        self.lock.release()

    def wait(self, timeout: Optional[float]) -> bool:
        if not self.over:
            if timeout is None:
                self.lock.acquire()
            elif not self.lock.acquire(True, min(max(timeout, 0), threading.TIMEOUT_MAX)):
                return self.over
            self.lock.release()
        leaving = self.leaving
        if leaving is not None and leaving is not threading.current_thread():
            leaving.join(_LEAVING_WAIT)
        return True


class AsyncResult(Generic[T]):
    """The pending result of a call made with ``async_req=True``.

    :param future: a ``concurrent.futures.Future`` that gets the call's outcome too.
    """

    __slots__ = ("future", "_ending", "_pid")

    def __init__(self, future: Any) -> None:
        self.future = future
        self._ending = _Ending()
        self._pid = os.getpid()

    def _check_process(self) -> None:
        if self._pid != os.getpid():
            raise RuntimeError(
                "this call was made in another process (before a fork): only that process "
                "gets its result"
            )

    def get(self, timeout: Optional[float] = None) -> T:
        """Wait for the call and return its result, or raise its exception.

        :param float timeout: seconds to wait; None waits until the call ends (every call
            is itself bounded by its request timeout and deadline).
        :raises concurrent.futures.TimeoutError: the call did not end in time.
        :raises RuntimeError: called in a process forked while the call was pending.
        """
        self._check_process()
        ending = self._ending
        if not ending.wait(timeout):
            from concurrent.futures import TimeoutError

            raise TimeoutError("the call did not end within %r seconds" % (timeout,))
        if ending.error is not None:
            raise ending.error
        result: T = ending.value
        return result

    def wait(self, timeout: Optional[float] = None) -> None:
        """Wait until the call has ended, or ``timeout`` seconds have passed."""
        self._check_process()
        self._ending.wait(timeout)

    def ready(self) -> bool:
        """Return whether the call has ended."""
        return self._ending.over

    def successful(self) -> bool:
        """Return whether the call ended without an exception (it must have ended)."""
        if not self._ending.over:
            raise ValueError("the call has not ended yet")
        return self._ending.error is None


class Workers(object):
    """Runs calls in threads of their own, at most ``limit`` at a time.

    :param int limit: the most threads running calls at once.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._pid = -1

    def _fresh(self) -> None:
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._jobs: "queue.SimpleQueue[Any]" = queue.SimpleQueue()
        self._threads: Set[threading.Thread] = set()  # started, counted against the limit
        self._pending: Set[_Ending] = set()

    def submit(self, function: Callable[..., Any], *args: Any) -> AsyncResult[Any]:
        """Run ``function(*args)`` in a worker thread; return its pending result."""
        if self._pid != os.getpid():
            self._fresh()  # a forked child: the parent's threads are not here
        from concurrent.futures import Future

        result: AsyncResult[Any] = AsyncResult(Future())
        with self._lock:
            self._pending.add(result._ending)
        self._jobs.put((result, function, args))
        with self._lock:
            if len(self._threads) >= self.limit:
                return result  # a running thread takes it
            thread = threading.Thread(target=self._work, daemon=True)
            thread.name = "TextMagic_async_%s" % thread.name
            self._threads.add(thread)
        thread.start()
        return result

    def _work(self) -> None:
        me = threading.current_thread()
        while True:
            try:
                result, function, args = self._jobs.get_nowait()
            except queue.Empty:
                result = None
            if result is not None:
                value, error = _run(result, function, args)
            with self._lock:
                leaving = self._jobs.empty()
                if leaving:
                    self._threads.discard(me)
                if result is not None:
                    self._pending.discard(result._ending)
            if result is not None:
                _deliver(result, value, error, me if leaving else None)
            if leaving:
                return

    def join(self) -> None:
        """Wait for every call submitted so far to end, and their threads with them."""
        if self._pid != os.getpid():
            return
        with self._lock:
            pending = list(self._pending)
        for ending in pending:
            ending.wait(None)


def _run(result: AsyncResult[Any], function: Callable[..., Any], args: Any) -> Any:
    """``(value, None)`` or ``(None, exception)`` of a call, unless it was cancelled
    through its future."""
    if not result.future.set_running_or_notify_cancel():
        from concurrent.futures import CancelledError

        return None, CancelledError()
    try:
        return function(*args), None
    except BaseException as failure:  # noqa: B036 - handed to the caller
        return None, failure


def _deliver(result: AsyncResult[Any], value: Any, error: Any, leaving: Any) -> None:
    ending = result._ending
    ending.leaving = leaving
    future = result.future
    if future.cancelled():
        pass  # the future told its waiters already
    elif error is None:
        future.set_result(value)
    else:
        future.set_exception(error)
    ending.finish(value, error)
