"""The SDK deployed as web apps and workers deploy it: forked processes with a client the
parent has used (os.fork, multiprocessing with fork, forkserver and spawn, a real gunicorn
--preload), where every answer must match its request; and bounded waits for a pooled
connection.

The sandbox runs in a process of its own, so that this process has no other thread when
it forks (as a gunicorn master has none).
"""

import concurrent.futures
import gc
import json
import multiprocessing
import os
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings

import pytest
import urllib3

import TextMagic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHILDREN = 4
CALLS_PER_CHILD = 300
IDS = range(1, 301)  # the sandbox seeds 300 sessions

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX-only")


@pytest.fixture(scope="module")
def sandbox_url():
    process = subprocess.Popen(
        [sys.executable, "-m", "TextMagic.sandbox", "--port", "0", "--quiet", "--rate-limit", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        line = _readline(process.stdout, 20)
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        yield url
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def _readline(stream, seconds):
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, "the server said nothing in %s s" % seconds
    return stream.readline()


def configuration(url):
    from TextMagic.sandbox.server import DEFAULT_API_KEY, DEFAULT_USERNAME

    return TextMagic.Configuration(
        host=url,
        username=DEFAULT_USERNAME,
        password=DEFAULT_API_KEY,
        timeout=(5, 10),
        rate_limit=None,  # thousands of calls: the sandbox runs without its limit too
    )


def check_many(api, ids, threads=16):
    """Fetch each id from ``threads`` threads at once; return the mismatches."""
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        answers = list(pool.map(lambda i: (i, api.get_message_session(i).id), ids))
    return [(asked, got) for asked, got in answers if asked != got]


def _wait_for_children(pids, seconds):
    deadline = time.monotonic() + seconds
    statuses = {}
    while pids and time.monotonic() < deadline:
        for pid in list(pids):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                statuses[pid] = status >> 8 if os.WIFEXITED(status) else -1
                pids.remove(pid)
        time.sleep(0.02)
    for pid in pids:  # still running: a hang, which is a failure
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        statuses[pid] = "killed after %s s" % seconds
    return statuses


def test_os_fork_children_get_their_own_answers(sandbox_url):
    client = TextMagic.ApiClient(configuration(sandbox_url))
    api = TextMagic.OutboundMessageSessionsApi(client)
    assert api.get_message_session(1).id == 1  # warm-up: a pooled keep-alive connection
    client.close()  # closed before forking: the children still get a usable client
    client = TextMagic.ApiClient(configuration(sandbox_url))
    api = TextMagic.OutboundMessageSessionsApi(client)
    assert api.get_message_session(2).id == 2
    assert api.get_message_session_stat(2, async_req=True).get(10).all is not None
    readers, pids = [], []
    for child in range(CHILDREN):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: report, then leave without running pytest's teardown
            code = 1
            try:
                os.close(read_end)
                ids = [IDS[(child * 37 + n) % len(IDS)] for n in range(CALLS_PER_CHILD)]
                mismatches = check_many(api, ids)
                pending = [api.get_message_session(i, async_req=True) for i in ids[:20]]
                async_ok = [p.get(10).id for p in pending] == ids[:20]
                report = {"mismatches": mismatches, "async_ok": async_ok, "pid": os.getpid()}
                os.write(write_end, json.dumps(report).encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        readers.append(read_end)
        pids.append(pid)
    # The parent keeps using its client while the children use theirs.
    parent_mismatches = check_many(api, list(IDS)[:200], threads=4)
    statuses = _wait_for_children(list(pids), 120)
    reports = []
    for read_end in readers:
        with os.fdopen(read_end, "rb") as stream:
            reports.append(json.loads(stream.read() or b"{}"))
    client.close()
    assert statuses == {pid: 0 for pid in pids}, statuses
    assert [r.get("mismatches") for r in reports] == [[]] * CHILDREN
    assert all(r.get("async_ok") for r in reports), reports
    assert parent_mismatches == []


def test_a_fork_while_a_parent_thread_holds_a_pool_lock(sandbox_url):
    """The lock of the pool's connection queue is held by another parent thread (as in
    the middle of taking a connection) when the process forks: the child must never wait
    on it, neither calling, nor closing the client, nor collecting the inherited pools."""
    client = TextMagic.ApiClient(configuration(sandbox_url))
    api = TextMagic.OutboundMessageSessionsApi(client)
    assert api.get_message_session(1).id == 1
    lock = client.rest_client.pool_manager.connection_from_url(sandbox_url).pool._lock
    taken, release = threading.Event(), threading.Event()

    def hold():
        with lock:
            taken.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(10)
        with warnings.catch_warnings():  # the holder thread: a multi-threaded fork
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = 0 if api.get_message_session(2).id == 2 else 1
                client.close()
                del client, api
                gc.collect()  # the inherited pools, collected: their sockets closed
            finally:
                os._exit(code)
    finally:
        release.set()
        holder.join(10)
    assert _wait_for_children([pid], 30) == {pid: 0}
    assert api.get_message_session(3).id == 3
    client.close()


def test_a_closed_client_stays_closed_in_its_own_process(sandbox_url):
    client = TextMagic.ApiClient(configuration(sandbox_url))
    client.close()
    with pytest.raises(RuntimeError, match="closed"):
        TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)


# -- multiprocessing ------------------------------------------------------------------

_SHARED = {}  # the parent's client, inherited by 'fork' children; absent elsewhere


def _api_for(url):
    api = _SHARED.get(url)
    if api is None:  # a spawned or forkserver child: a fresh client of its own
        api = _SHARED[url] = TextMagic.OutboundMessageSessionsApi(
            TextMagic.ApiClient(configuration(url))
        )
    return api


def fetch_chunk(url, ids):
    """A pool worker: fetch ``ids``, some in async_req; return the mismatches."""
    api = _api_for(url)
    mismatches = check_many(api, ids, threads=8)
    pending = [(i, api.get_message_session(i, async_req=True)) for i in ids[:10]]
    mismatches += [(i, p.get(10).id) for i, p in pending if p.get(10).id != i]
    return mismatches


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_multiprocessing_pools(sandbox_url, method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip("no %s start method on this platform" % method)
    api = _api_for(sandbox_url)
    assert api.get_message_session(3).id == 3  # the parent's pooled connection
    context = multiprocessing.get_context(method)
    chunks = [[IDS[(n * 7 + k) % len(IDS)] for k in range(75)] for n in range(8)]
    with context.Pool(4) as pool:
        result = pool.starmap_async(fetch_chunk, [(sandbox_url, chunk) for chunk in chunks])
        mismatches = result.get(120)
    assert mismatches == [[]] * len(chunks)
    assert api.get_message_session(4).id == 4  # the parent's client still works


# -- gunicorn --preload ---------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_preload_workers_never_mix_answers(sandbox_url):
    import gunicorn  # noqa: F401 - a test dependency: missing, this test fails

    port = _free_port()
    env = dict(os.environ, SANDBOX_URL=sandbox_url, PYTHONPATH=ROOT)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--preload",
            "--workers",
            "4",
            "--worker-class",
            "sync",
            "--bind",
            "127.0.0.1:%d" % port,
            "--timeout",
            "30",
            "test.gunicorn_app:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        manager = urllib3.PoolManager(maxsize=16, retries=False, timeout=10)
        deadline = time.monotonic() + 30
        while True:  # wait until the workers answer
            try:
                if manager.request("GET", "http://127.0.0.1:%d/health" % port).status == 200:
                    break
            except urllib3.exceptions.HTTPError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not start"
            assert server.poll() is None, server.stderr.read().decode()
            time.sleep(0.1)
        lock = threading.Lock()
        mismatches, slowest = [], [0.0]

        def client_thread(offset):
            for n in range(125):  # 16 threads x 125 = 2,000 requests
                asked = IDS[(offset * 125 + n) % len(IDS)]
                started = time.monotonic()
                response = manager.request("GET", "http://127.0.0.1:%d/s/%d" % (port, asked))
                elapsed = time.monotonic() - started
                answer = json.loads(response.data)
                with lock:
                    slowest[0] = max(slowest[0], elapsed)
                    if response.status != 200 or answer.get("got") != asked:
                        mismatches.append((asked, response.status, answer))

        threads = [threading.Thread(target=client_thread, args=(k,)) for k in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert not any(thread.is_alive() for thread in threads)
        manager.clear()
        assert mismatches == []
        assert slowest[0] < 5.0
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        server.stderr.close()


# -- bounded waits for a pooled connection ----------------------------------------------


def test_a_pool_held_by_unread_responses_times_out(sandbox_url):
    settings = configuration(sandbox_url)
    settings.connection_pool_maxsize = 2
    settings.timeout = (0.5, 5)
    with TextMagic.ApiClient(settings) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        held = [api.get_message_session(i, _preload_content=False) for i in (1, 2)]
        started = time.monotonic()
        with pytest.raises(TextMagic.PoolTimeoutError) as caught:
            api.get_message_session(3)
        waited = time.monotonic() - started
        assert isinstance(caught.value, TextMagic.ApiTimeoutError)
        assert "connection_pool_maxsize" in str(caught.value) and "all 2" in str(caught.value)
        assert 0.4 < waited < 1.5
        for response in held:
            response.read()
            response.release_conn()
        assert api.get_message_session(3).id == 3  # connections back: calls go through


@pytest.mark.parametrize("value, error", [(0, ValueError), (-1, ValueError), ("4", TypeError)])
def test_invalid_pool_sizes_are_refused_when_set(value, error):
    with pytest.raises(error, match="connection_pool_maxsize"):
        TextMagic.Configuration(connection_pool_maxsize=value)
    settings = TextMagic.Configuration()
    with pytest.raises(error):
        settings.connection_pool_maxsize = value
    assert settings.connection_pool_maxsize >= 1


# A script that uses async_req, collects the results, then forks, with warnings as errors:
# from Python 3.12 on, os.fork() in a process with other threads warns (DeprecationWarning).
_FORK_AFTER_ASYNC = r"""
import os, sys
import TextMagic
from TextMagic.sandbox.server import DEFAULT_API_KEY, DEFAULT_USERNAME

configuration = TextMagic.Configuration(
    host=sys.argv[1], username=DEFAULT_USERNAME, password=DEFAULT_API_KEY, rate_limit=None
)
client = TextMagic.ApiClient(configuration)
api = TextMagic.OutboundMessageSessionsApi(client)
assert api.get_message_session(1, async_req=True).get(10).id == 1
pending = [api.get_message_session(i, async_req=True) for i in range(1, 9)]
assert [p.get(10).id for p in pending] == list(range(1, 9))
pid = os.fork()
if pid == 0:
    os._exit(0 if api.get_message_session(3).id == 3 else 1)
_, status = os.waitpid(pid, 0)
print("child", os.WEXITSTATUS(status), "parent", api.get_message_session(4).id)
"""


def test_a_fork_after_async_calls_is_single_threaded(sandbox_url):
    child = subprocess.run(
        [sys.executable, "-W", "error", "-c", _FORK_AFTER_ASYNC, sandbox_url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["child", "0", "parent", "4"], child.stderr


def test_a_pending_result_carried_into_a_child_says_so(sandbox_url):
    client = TextMagic.ApiClient(configuration(sandbox_url))
    api = TextMagic.OutboundMessageSessionsApi(client)
    pending = api.get_message_session(2, async_req=True)
    with warnings.catch_warnings():  # a call in flight: the process has another thread
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:
        code = 1
        try:
            pending.get(5)
        except RuntimeError as error:
            code = 0 if "another process" in str(error) else 2
        finally:
            os._exit(code)
    assert pending.get(10).id == 2
    assert _wait_for_children([pid], 30) == {pid: 0}
    client.close()
