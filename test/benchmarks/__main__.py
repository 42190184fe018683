"""Run the benchmarks: ``python -m test.benchmarks [--repeat N] [--quick]``.

Every figure is printed beside its baseline measured in the same run, and as a ratio to
it. Timings interleave the contenders in short batches over many rounds and take the
median per call, so that a slow moment of the machine hits all of them alike. CPU time
is the client process's (``time.process_time``); the server runs in another process, and
on a machine with two or more cores the two are pinned to different cores.
"""

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc

import urllib3

import TextMagic
from test.benchmarks import payloads

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


class Server(object):
    """The benchmark server, in its own process (on its own core when there are two)."""

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "test.benchmarks.server"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = "http://127.0.0.1:%s" % self.process.stdout.readline().strip()
        if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) >= 2:
            os.sched_setaffinity(self.process.pid, {1})
            os.sched_setaffinity(0, {0})
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait(10)


def interleaved(functions, rounds, batch):
    """Time each function in ``batch`` calls per round, contenders taking turns, for
    ``rounds`` rounds; return {name: (median CPU s/call, median wall s/call)}."""
    samples = {name: [] for name in functions}
    for function in functions.values():  # warm up connections and caches
        for _ in range(max(20, batch // 4)):
            function()
    for _ in range(rounds):
        for name, function in functions.items():
            gc.collect()
            cpu, wall = time.process_time(), time.perf_counter()
            for _ in range(batch):
                function()
            samples[name].append(
                ((time.process_time() - cpu) / batch, (time.perf_counter() - wall) / batch)
            )
    return {
        name: (statistics.median(s[0] for s in runs), statistics.median(s[1] for s in runs))
        for name, runs in samples.items()
    }


def median_of(repeat, run):
    """Call ``run()`` ``repeat`` times; return the median of each figure it returns."""
    results = [run() for _ in range(repeat)]
    return tuple(statistics.median(r[i] for r in results) for i in range(len(results[0])))


def sdk_client(url):
    configuration = TextMagic.Configuration(host=url, username="bench", password="key")
    return TextMagic.ApiClient(configuration)


# -- the measurements --------------------------------------------------------------------


def small_get(url, rounds, batch):
    client = sdk_client(url)
    api = TextMagic.OutboundMessageSessionsApi(client)
    manager = urllib3.PoolManager()
    # The same request the SDK sends, header for header: the floor is urllib3's cost of
    # that exchange.
    headers = {
        "User-Agent": client.user_agent,
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Authorization": client.configuration.get_basic_auth_token(),
    }
    target = url + "/api/v2/sessions/1"
    import requests

    session = requests.Session()

    def bare():
        return json.loads(manager.request("GET", target, headers=headers).data)

    def via_requests():
        return session.get(target, headers=headers).json()

    def via_sdk():
        return api.get_message_session(1)

    assert via_sdk().id == bare()["id"] == via_requests()["id"] == 1
    figures = interleaved(
        {"urllib3": bare, "sdk": via_sdk, "requests": via_requests}, rounds, batch
    )
    client.close()
    return figures


class _Body(object):
    status, reason, headers = 200, "OK", {}

    def __init__(self, data):
        self.data = data


def decode_page(rounds, body, response_type):
    client = TextMagic.ApiClient(TextMagic.Configuration())
    response = _Body(body)
    page = client.deserialize(response, response_type)
    assert len(page.resources) == 1000
    return interleaved(
        {
            "json.loads": lambda: json.loads(body),
            "sdk": lambda: client.deserialize(response, response_type),
        },
        rounds,
        5,
    )


_IMPORT_SDK = (
    "import time; t = time.process_time(); import TextMagic; "
    "TextMagic.ApiClient(); print(time.process_time() - t)"
)
_IMPORT_URLLIB3 = (
    "import time; t = time.process_time(); import urllib3; print(time.process_time() - t)"
)


def import_time(repeat):
    # pip compiles an installed package's bytecode, as it did urllib3's; do the same for
    # the SDK's source tree, which PYTHONDONTWRITEBYTECODE would otherwise leave uncompiled.
    import compileall

    compileall.compile_dir(os.path.dirname(TextMagic.__file__), quiet=1)

    def once(code):
        output = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        return float(output)

    figures = median_of(min(max(repeat, 9), 25), lambda: (once(_IMPORT_URLLIB3), once(_IMPORT_SDK)))
    return {"import urllib3": figures[0], "sdk": figures[1]}


def memory(count=100000):
    body = payloads.encode(payloads.sessions(count))

    def traced(build):
        gc.collect()
        tracemalloc.start()
        kept = build()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(kept) == count
        del kept
        return current, peak

    client = TextMagic.ApiClient(TextMagic.Configuration())
    as_dicts = traced(lambda: json.loads(body))
    as_models = traced(lambda: client.deserialize(_Body(body), "list[MessageSession]"))
    return {"dicts": as_dicts, "sdk": as_models}


def threads(url, total_calls):
    client = sdk_client(url)
    api = TextMagic.OutboundMessageSessionsApi(client)
    results = {}
    for count in (1, 4, 16):
        per_thread = total_calls // count

        def work(per_thread=per_thread):
            for _ in range(per_thread):
                api.get_message_session(1)

        workers = [threading.Thread(target=work) for _ in range(count)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        results[count] = per_thread * count / (time.perf_counter() - started)
    client.close()
    return results


def async_overhead(url, rounds, batch):
    client = sdk_client(url)
    api = TextMagic.OutboundMessageSessionsApi(client)
    figures = interleaved(
        {
            "sync": lambda: api.get_message_session(1),
            "async_req": lambda: api.get_message_session(1, async_req=True).get(),
        },
        rounds,
        batch,
    )
    client.close()
    return figures


# -- the report ---------------------------------------------------------------------------


def row(name, value, baseline, unit, target=None, lower_is_better=True):
    ratio = value / baseline if baseline else float("nan")
    verdict = ""
    if target is not None:
        verdict = "ok" if (ratio <= target if lower_is_better else ratio >= target) else "MISSED"
        verdict = "%s (target %s %.2fx)" % (verdict, "<=" if lower_is_better else ">=", target)
    return "| %s | %s | %s | %.2fx | %s |" % (name, unit(value), unit(baseline), ratio, verdict)


def us(seconds):
    return "%.1f µs" % (seconds * 1e6)


def ms(seconds):
    return "%.2f ms" % (seconds * 1e3)


def mb(size):
    return "%.1f MB" % (size / 1e6)


def per_second(rate):
    return "%.0f/s" % rate


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m test.benchmarks", description=__doc__)
    parser.add_argument("--rounds", type=int, default=40, help="rounds of interleaved batches")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    args = parser.parse_args(argv)
    rounds = 8 if args.quick else args.rounds
    batch = 50

    print(
        "TextMagic SDK %s benchmarks: Python %s, urllib3 %s, %s, %d CPUs"
        % (
            TextMagic.__version__,
            platform.python_version(),
            urllib3.__version__,
            platform.platform(),
            os.cpu_count() or 0,
        )
    )
    print("medians over %d interleaved rounds; CPU = client process time\n" % rounds)
    sessions_page = payloads.encode(payloads.page(payloads.sessions(1000)))
    messages_page = payloads.encode(payloads.page(payloads.messages(1000)))
    with Server() as server:
        small = small_get(server.url, rounds, batch)
        sessions = decode_page(rounds, sessions_page, "GetAllMessageSessionsPaginatedResponse")
        messages = decode_page(rounds, messages_page, "GetMessagesBySessionIdPaginatedResponse")
        imports = import_time(rounds)
        held = memory()
        rates = threads(server.url, 20 * rounds * batch // 8)
        overhead = async_overhead(server.url, rounds, batch)
    # (measure, SDK figure, baseline figure, unit, target ratio or None, lower is better)
    rows = [
        (
            "small GET, CPU/call (vs bare urllib3 + json.loads)",
            small["sdk"][0],
            small["urllib3"][0],
            us,
            1.05,
            True,
        ),
        (
            "small GET, wall/call (vs bare urllib3 + json.loads)",
            small["sdk"][1],
            small["urllib3"][1],
            us,
            None,
            True,
        ),
        (
            "small GET, CPU/call (vs requests.Session)",
            small["sdk"][0],
            small["requests"][0],
            us,
            0.5,
            True,
        ),
        (
            "1000-session page to typed objects (vs json.loads), CPU",
            sessions["sdk"][0],
            sessions["json.loads"][0],
            ms,
            1.5,
            True,
        ),
        (
            "1000-message page to typed objects (vs json.loads), CPU",
            messages["sdk"][0],
            messages["json.loads"][0],
            ms,
            1.5,
            True,
        ),
        (
            "import TextMagic + ApiClient(), CPU (vs import urllib3)",
            imports["sdk"],
            imports["import urllib3"],
            ms,
            1.3,
            True,
        ),
        (
            "100,000 sessions held, values included (vs dicts)",
            held["sdk"][0],
            held["dicts"][0],
            mb,
            0.65,
            True,
        ),
        (
            "100,000 sessions, peak while decoding (vs dicts)",
            held["sdk"][1],
            held["dicts"][1],
            mb,
            None,
            True,
        ),
        (
            "throughput, 4 threads on one client (vs 1 thread)",
            rates[4],
            rates[1],
            per_second,
            1.0,
            False,
        ),
        (
            "throughput, 16 threads on one client (vs 1 thread)",
            rates[16],
            rates[1],
            per_second,
            1.0,
            False,
        ),
        (
            "async_req + get(), CPU/call (vs a synchronous call)",
            overhead["async_req"][0],
            overhead["sync"][0],
            us,
            None,
            True,
        ),
    ]
    lines = ["| measure | SDK | baseline | ratio | verdict |", "|---|---|---|---|---|"]
    lines += [
        row(name, value, baseline, unit, target, lower_is_better=lower)
        for name, value, baseline, unit, target, lower in rows
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
