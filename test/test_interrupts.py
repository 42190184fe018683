"""A Ctrl-C in the middle of a call: the caller gets its ``KeyboardInterrupt``, and the
client keeps working for every thread (no pool lock left taken).

Python raises a pending ``KeyboardInterrupt`` between any two steps of Python code. The
moments that broke the client are inside the queue of urllib3's connection pool; a trace
function raises the interrupt at exactly such a moment, in a thread of the test (a real
signal would land at a random one, and only in the main thread).
"""

import linecache
import signal
import subprocess
import sys
import threading
import time

import pytest

import TextMagic

WAIT = 15  # seconds any call of these tests may take before it counts as hung


def _in_a_call(frame):
    """Whether ``frame`` runs for urllib3 taking or giving back a call's connection (not,
    say, for a finalizer of an earlier test's client closing its pool in this thread)."""
    for _depth in range(4):
        frame = frame.f_back
        if frame is None:
            return False
        code = frame.f_code
        if code.co_name in ("_get_conn", "_put_conn") and code.co_filename.endswith(
            "connectionpool.py"
        ):
            return True
    return False


def _about_to_run(function, module, text):
    """Just before the line of ``function`` in ``module`` that contains ``text``."""

    def reached(frame, event):
        code = frame.f_code
        return (
            event == "line"
            and code.co_name == function
            and code.co_filename.endswith(module)
            and text in linecache.getline(code.co_filename, frame.f_lineno)
            and _in_a_call(frame)
        )

    return reached


MOMENTS = {
    # urllib3 gave back a slot it never took: FullPoolError replaced the interrupt. (With
    # urllib3's own queue, whose lock is taken by Python code, a Ctrl-C landing just after
    # the lock was taken left it taken: every later call hung. The SDK's queue takes its
    # lock in a ``with`` of its own, which leaves no such moment.)
    "taking a connection, lock held": _about_to_run("get", "pools.py", "return self._pop()"),
    "giving the connection back, lock held": _about_to_run(
        "put", "pools.py", "self._items.append(item)"
    ),
    # The lock was let go while waiting for a free connection, then released again on the
    # way out: RuntimeError replaced the interrupt.
    "waiting for a free connection": _about_to_run("wait", "threading.py", "gotit = False"),
}


def _started(function):
    """Run ``function`` in a thread; return a function that waits (at most WAIT) for its
    result or exception, or says "hung"."""
    outcome = {}

    def run():
        try:
            outcome["result"] = function()
        except BaseException as error:  # noqa: B036 - the interrupt is what is tested
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def wait():
        thread.join(WAIT)
        return "hung" if thread.is_alive() else outcome

    return wait


def _in_thread(function):
    return _started(function)()


def _interrupted_at(reached, call):
    """``call()``, with a KeyboardInterrupt raised the first time ``reached`` says so."""
    fired = []

    def tracer(frame, event, arg):
        if fired:
            return None
        if reached(frame, event):
            fired.append(True)
            raise KeyboardInterrupt("Ctrl-C, as the test sends it")
        return tracer

    def traced():
        sys.settrace(tracer)
        try:
            return call()
        finally:
            sys.settrace(None)

    return _in_thread(traced), bool(fired)


def _until(condition):
    ends = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < ends, "gave up waiting"
        time.sleep(0.05)


@pytest.mark.parametrize("moment", sorted(MOMENTS))
def test_a_ctrl_c_inside_the_pool_reaches_the_caller_and_leaves_the_client_working(sandbox, moment):
    configuration = sandbox.configuration(timeout=(5, 5), connection_pool_maxsize=1)
    client = TextMagic.ApiClient(configuration)
    try:
        _interrupt_and_carry_on(sandbox, TextMagic.OutboundMessageSessionsApi(client), moment)
    finally:
        closed = _in_thread(client.close)  # a lock left taken would hang it
    assert closed == {"result": None}, closed


def _interrupt_and_carry_on(sandbox, api, moment):
    assert api.get_message_session(1).id == 1  # a pooled connection to take
    busy = None
    if moment == "waiting for a free connection":  # another thread holds the only one
        sandbox.add_fault(delay=2.0, times=1)
        busy = _started(lambda: api.get_message_session(1).id)
        _until(lambda: len(sandbox.requests) == 2)

    outcome, fired = _interrupted_at(MOMENTS[moment], lambda: api.get_message_session(2))

    assert fired, "the moment was never reached: the test proves nothing"
    assert outcome != "hung", "the interrupted call hung"
    assert isinstance(outcome.get("error"), KeyboardInterrupt), outcome
    if busy is not None:  # its answer, whatever the pool went through meanwhile
        assert busy() == {"result": 1}
    # Another thread, then this one: the pool is usable, its lock free.
    assert _in_thread(lambda: api.get_message_session(3).id) == {"result": 3}
    assert _in_thread(lambda: api.get_message_session(1).id) == {"result": 1}


# -- async_req: a real SIGINT, in a process of its own ------------------------------------

# The child: an async call interrupted at a moment, then later calls, closing, exiting.
# Each moment's real SIGINT reaches the main thread (where Python handles signals): sent
# by a trace function at the moment, or by a timer while the caller waits.
_ASYNC_CHILD = r"""
import linecache, os, signal, sys, threading
import TextMagic

moment, host, username, password = sys.argv[1:5]
configuration = TextMagic.Configuration(
    host=host, username=username, password=password, rate_limit=None, timeout=(5, 5)
)
client = TextMagic.ApiClient(configuration)
api = TextMagic.OutboundMessageSessionsApi(client)
assert api.get_message_session(1, async_req=True).get(10).id == 1  # a worker, idle
fired = []

def under(frame, function):
    for _depth in range(6):
        frame = frame.f_back
        if frame is None:
            return False
        if frame.f_code.co_name == function:
            return True
    return False

def lock_just_taken(frame, event):
    code = frame.f_code
    if event == "return" and code.co_name == "__enter__":  # a Condition's, in Python code
        return code.co_filename.endswith("threading.py")
    # the lock of an async result, taken in C, just before it is given back
    return (
        event == "line"
        and code.co_name == "wait"
        and code.co_filename.endswith("async_req.py")
        and "release" in linecache.getline(code.co_filename, frame.f_lineno)
    )

def tracer(frame, event, arg):
    watched = {"submitting": "submit", "collecting": "get"}[moment]
    if not fired and lock_just_taken(frame, event) and under(frame, watched):
        fired.append(True)
        signal.raise_signal(signal.SIGINT)
    return tracer

pending = api.get_message_session(2, async_req=True) if moment != "submitting" else None
try:
    if moment == "waiting":  # the sandbox holds this answer back for 2 s
        fired.append(True)
        threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
        pending.get(10)
    else:
        sys.settrace(tracer)
        try:
            (pending or api.get_message_session(2, async_req=True)).get(10)
        finally:
            sys.settrace(None)
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted", bool(fired))
outcome = {}

def later():
    if pending is not None:
        outcome["pending"] = pending.get(10).id
    outcome["later"] = [api.get_message_session(i, async_req=True).get(10).id for i in (1, 3)]
    client.close()
    outcome["closed"] = True

thread = threading.Thread(target=later, daemon=True)
thread.start()
thread.join(20)
print(sorted(outcome.items()) if not thread.is_alive() else "hung")
"""


@pytest.mark.parametrize("moment", ["submitting", "collecting", "waiting"])
def test_a_ctrl_c_around_an_async_call_reaches_the_caller_and_the_process_still_exits(
    sandbox, moment
):
    # Before: a Ctrl-C just after concurrent.futures took a lock in Python code left it
    # taken: later async calls hung ("submitting"), and closing the client and the
    # interpreter's exit waited forever on a worker ("submitting", "collecting").
    if moment != "submitting":  # the answer comes once the caller waits for it
        sandbox.add_fault(delay=2.0 if moment == "waiting" else 0.5, path="/api/v2/sessions/2")
    configuration = sandbox.configuration()
    child = subprocess.run(
        [sys.executable, "-c", _ASYNC_CHILD, moment]
        + [configuration.host, configuration.username, configuration.password],
        capture_output=True,
        text=True,
        timeout=60,  # an exit that hangs fails here
    )
    assert child.returncode == 0, child.stderr
    expected = [("closed", True), ("later", [1, 3])]
    if moment != "submitting":
        expected.append(("pending", 2))  # the interrupted wait's call still ends
    assert child.stdout.splitlines() == ["interrupted True", repr(expected)], child.stderr


def test_the_applications_own_sigint_handler_is_left_alone(sandbox, monkeypatch):
    """The SDK installs no signal handler, not even for a moment: an application's
    handler stays in place across sync and async_req calls, and is never set again."""

    def handler(signum, frame):
        raise KeyboardInterrupt("the application's own")

    original = signal.signal(signal.SIGINT, handler)
    set_calls = []
    real_set = signal.signal
    monkeypatch.setattr(signal, "signal", lambda *args: set_calls.append(args) or real_set(*args))
    try:
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            assert api.get_message_session(1).id == 1
            pending = [api.get_message_session(i, async_req=True) for i in (2, 3)]
            assert signal.getsignal(signal.SIGINT) is handler
            assert [p.get(WAIT).id for p in pending] == [2, 3]
            assert api.get_message_session_stat(1).all >= 0
        assert set_calls == []
        assert signal.getsignal(signal.SIGINT) is handler
    finally:
        real_set(signal.SIGINT, original)
