"""One client shared by many threads, async calls in bulk, and the client's lifetime."""

import os
import subprocess
import sys
import textwrap
import threading
import time

import TextMagic
from TextMagic import DeleteMessageSessionsBulkInputObject

THREADS = 32
CALLS = 5000


def _in_threads(worker, count, wait):
    """``worker(i)`` in ``count`` threads at once, each waited for at most ``wait``
    seconds; the seconds it all took."""
    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(wait)
    return time.monotonic() - started


def test_32_threads_5000_mixed_calls_on_one_client(sandbox):
    configuration = sandbox.configuration(timeout=(5, 30))
    pool_size = configuration.connection_pool_maxsize
    errors, done = [], []
    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)

        def check(n):
            kind = n % 5
            session_id = 1 + n % 250  # sessions 251..300 are the ones deleted
            if kind == 0:
                assert api.get_message_session(session_id).id == session_id
            elif kind == 1:
                stat = api.get_message_session_stat(session_id, include_deleted=1)
                assert stat.all == len(sandbox.data.messages[session_id])
            elif kind == 2:
                page = api.get_messages_by_session_id(session_id, limit=100, include_deleted=1)
                assert [m["sessionId"] for m in page["resources"]] == [session_id] * len(
                    sandbox.data.messages[session_id]
                )
            elif kind == 3:
                page_number = 1 + n % 5
                page = api.get_all_message_sessions(page=page_number, limit=50)
                assert page["page"] == page_number
                assert page["resources"][0]["id"] == 1 + (page_number - 1) * 50
            elif n % 10 == 4 and n < 500:
                doomed = 251 + n // 10  # n = 4, 14, ..., 494: sessions 251..300, once each
                _, status, _ = api.delete_message_session_with_http_info(doomed)
                assert status == 204
            else:
                _, status, _ = api.delete_message_sessions_bulk_with_http_info(
                    DeleteMessageSessionsBulkInputObject(ids="999999")
                )
                assert status == 204

        def worker(index):
            try:
                for n in range(index, CALLS, THREADS):
                    check(n)
                    done.append(n)
            except Exception as error:  # collected, then reported by the assertion below
                errors.append((index, repr(error)))

        elapsed = _in_threads(worker, THREADS, 300)
    assert not errors, errors[:5]
    assert sorted(done) == list(range(CALLS))
    assert not set(range(251, 301)) & set(sandbox.data.sessions)
    assert 1 <= sandbox.connections_opened <= pool_size
    print(
        "\n%d calls from %d threads in %.1fs (%.0f calls/s); %d TCP connections opened "
        "(pool size %d)"
        % (CALLS, THREADS, elapsed, CALLS / elapsed, sandbox.connections_opened, pool_size)
    )


def test_threads_beyond_the_pool_wait_for_a_connection_and_are_woken(sandbox):
    # 8 threads, 2 connections: each call past the second waits in the pool's queue until
    # a connection is given back, and must be woken then (not at its pool timeout, which
    # would raise PoolTimeoutError).
    configuration = sandbox.configuration(timeout=(20, 30), connection_pool_maxsize=2)
    errors, done = [], []
    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)

        def worker(index):
            try:
                for n in range(25):
                    assert api.get_message_session(1 + (index * 25 + n) % 200).id
                    done.append(n)
            except Exception as error:  # collected, then reported by the assertion below
                errors.append((index, repr(error)))

        elapsed = _in_threads(worker, 8, 120)
    assert not errors, errors[:5]
    assert len(done) == 200
    assert sandbox.connections_opened <= 2
    assert elapsed < 60, "waiting threads were not woken when a connection came back"


def test_1000_async_calls_in_flight(sandbox):
    with TextMagic.ApiClient(sandbox.configuration(timeout=(5, 30))) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        pending = [(n, api.get_message_session(1 + n % 300, async_req=True)) for n in range(1000)]
        for n, result in pending:
            assert result.get(timeout=60).id == 1 + n % 300
    assert sum(1 for t in threading.enumerate() if t.name.startswith("TextMagic_")) == 0


def run_python(code, timeout):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_a_process_that_leaves_an_async_client_open_exits_promptly(sandbox):
    started = time.monotonic()
    result = run_python(
        """
        import TextMagic
        configuration = TextMagic.Configuration(host=%r, username=%r, password=%r)
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        results = [api.get_message_session(i, async_req=True) for i in range(1, 30)]
        print(results[0].get(10).id)
        # no close(): the interpreter must still exit at once
    """
        % (sandbox.url, sandbox.username, sandbox.api_key),
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    assert time.monotonic() - started < 10


def test_works_without_multiprocessing_semaphores(sandbox):
    result = run_python(
        """
        import sys
        sys.modules["_multiprocessing"] = None   # as on AWS Lambda: no POSIX semaphores
        try:
            import multiprocessing.synchronize
        except ImportError:
            pass
        else:
            raise SystemExit("the simulation did not take")
        import TextMagic
        configuration = TextMagic.Configuration(host=%r, username=%r, password=%r)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            assert api.get_message_session(3).id == 3
            assert api.get_message_session(4, async_req=True).get(10).id == 4
        print("ok")
    """
        % (sandbox.url, sandbox.username, sandbox.api_key),
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
