"""Ctrl-C held back for the few steps of ``async_req`` that take locks in Python code.

Python runs a signal's handler (Ctrl-C's ``KeyboardInterrupt``) in the main thread
between any two steps of Python code, and ``concurrent.futures`` and ``threading`` take
their locks in Python code (``Condition.__enter__``): an interrupt landing just after one
was taken leaves it taken for good, and the executor's threads, later ``async_req`` calls
and the interpreter's exit then wait on it forever. Across such steps, which never wait
for anything, the SDK stands in for the ``SIGINT`` handler: a Ctrl-C arriving meanwhile is
handed to the real handler as soon as they are done. Only ``SIGINT``, and only in the main
thread, the one thread where Python runs signal handlers.
"""

import signal
import threading
from typing import Any


class _State(object):
    active = False  # within held steps
    replaced: Any = None  # the handler the stand-in stands in for
    arrived: Any = None  # [frame] of a Ctrl-C that arrived while active, else None


_state = _State()


def _stand_in(signum: int, frame: Any) -> None:
    if _state.active:
        _state.arrived = [frame]
        return
    # Left in place by an exception between hold() and release(): act as the real one.
    _deliver(_state.replaced, signum, frame)


def _deliver(handler: Any, signum: int, frame: Any) -> None:
    if handler is signal.SIG_DFL:
        signal.raise_signal(signum)  # the handler is back in place: the default action
    elif callable(handler):
        handler(signum, frame)  # signal.default_int_handler raises KeyboardInterrupt
    # SIG_IGN: ignored, as it would have been


def hold() -> bool:
    """Hold back Ctrl-C until :func:`release`; False (nothing held) outside the main
    thread, or when the handler in place was not set from Python."""
    if threading.current_thread() is not threading.main_thread():
        return False
    current = signal.getsignal(signal.SIGINT)
    if current is None:
        return False
    if current is not _stand_in:
        _state.replaced = current
    _state.arrived = None
    try:
        # A Ctrl-C already pending reaches the real handler here, before the stand-in
        # takes over; one arriving before ``active`` is set reaches it through the stand-in.
        signal.signal(signal.SIGINT, _stand_in)
    except ValueError:  # not the main interpreter's main thread: handlers cannot be set
        return False
    _state.active = True
    return True


def release() -> None:
    """Put the real handler back; a Ctrl-C held back meanwhile reaches it now."""
    replaced = _state.replaced
    signal.signal(signal.SIGINT, replaced)
    _state.active = False
    arrived, _state.arrived = _state.arrived, None
    if arrived is not None:
        _deliver(replaced, signal.SIGINT, arrived[0])


__all__ = ["hold", "release"]
