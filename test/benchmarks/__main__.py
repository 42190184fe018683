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

import urllib3

import TextMagic
from test.benchmarks import memory, paging, payloads

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
    ``rounds`` rounds; return {name: [(CPU s/call, wall s/call) per round]}."""
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
    return samples


def median_of(repeat, run):
    """Call ``run()`` ``repeat`` times; return the figures of each call, per figure."""
    results = [run() for _ in range(repeat)]
    return tuple([r[i] for r in results] for i in range(len(results[0])))


def sdk_client(url, **settings):
    # Throughput is measured without pacing (TextMagic's ceiling is 20 calls per second;
    # this server has none); the instruction counts keep it on, as users get it.
    settings.setdefault("rate_limit", None)
    configuration = TextMagic.Configuration(host=url, username="bench", password="key", **settings)
    return TextMagic.ApiClient(configuration)


def request_headers(client):
    """The headers the SDK sends, header for header: every contender sends them."""
    return {
        "User-Agent": client.user_agent,
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Authorization": client.configuration.get_basic_auth_token(),
    }


# -- the measurements --------------------------------------------------------------------


def small_get(url, rounds, batch):
    client = sdk_client(url)
    api = TextMagic.OutboundMessageSessionsApi(client)
    headers = request_headers(client)
    path = "/api/v2/sessions/1"
    pool = urllib3.connection_from_url(url, maxsize=10, block=True)
    manager = urllib3.PoolManager()
    import requests

    session = requests.Session()

    def floor():
        return json.loads(pool.request("GET", path, headers=headers).data)

    def via_manager():
        return json.loads(manager.request("GET", url + path, headers=headers).data)

    def via_requests():
        return session.get(url + path, headers=headers).json()

    def via_sdk():
        return api.get_message_session(1)

    assert via_sdk().id == floor()["id"] == via_manager()["id"] == via_requests()["id"] == 1
    figures = interleaved(
        {"floor": floor, "manager": via_manager, "sdk": via_sdk, "requests": via_requests},
        rounds,
        batch,
    )
    client.close()
    return figures


def decode_page(rounds, body, response_type):
    """Decoding with the standard library's json (the default; the [fast] extra's orjson
    is left aside even where installed)."""
    from TextMagic import _json

    _json._fast = None
    client = TextMagic.ApiClient(TextMagic.Configuration())
    response = memory.Answer(body)
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
    return {"import urllib3": [(v, v) for v in figures[0]], "sdk": [(v, v) for v in figures[1]]}


def threads(url, total_calls, pool_size=None):
    """Calls per second of one shared client, by thread count: {threads: [rate]}."""
    settings = {} if pool_size is None else {"connection_pool_maxsize": pool_size}
    client = sdk_client(url, **settings)
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
        rate = per_thread * count / (time.perf_counter() - started)
        results[count] = [(rate, rate)]
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


def quartiles(values):
    ordered = sorted(values)
    if len(ordered) < 4:
        return ordered[0], ordered[-1]
    q = statistics.quantiles(ordered, n=4)
    return q[0], q[2]


def row(name, sdk, baseline, figure, unit, target=None, lower_is_better=True):
    """A table row: medians of the SDK's and the baseline's samples, the median of the
    per-round ratios with its interquartile spread, and the verdict against ``target``."""
    ratios = [a[figure] / b[figure] for a, b in zip(sdk, baseline)]
    ratio = statistics.median(ratios)
    low, high = quartiles(ratios)
    spread = "%.2f–%.2f" % (low, high) if len(ratios) > 1 else "-"
    verdict = ""
    if target is not None:
        met = ratio <= target if lower_is_better else ratio >= target
        verdict = "%s (%s %.2fx)" % (
            "met" if met else "MISSED",
            "≤" if lower_is_better else "≥",
            target,
        )
    return "| %s | %s | %s | %.2fx | %s | %s |" % (
        name,
        unit(statistics.median(a[figure] for a in sdk)),
        unit(statistics.median(b[figure] for b in baseline)),
        ratio,
        spread,
        verdict,
    )


def us(seconds):
    return "%.1f µs" % (seconds * 1e6)


def ms(seconds):
    return "%.2f ms" % (seconds * 1e3)


def mb(size):
    return "%.1f MB" % (size / 1e6)


def per_second(rate):
    return "%.0f/s" % rate


def instructions_unit(count):
    return "{:,.0f}".format(count)


TABLE = [
    "| measure | SDK | baseline | ratio | spread (IQR) | target |",
    "|---|---|---|---|---|---|",
]


def instruction_rows(url):
    """The callgrind section: instructions per operation, and the issue's bars."""
    from test.benchmarks import instructions

    if instructions.valgrind() is None:
        return ["(valgrind is not installed: no instruction counts; apt-get install valgrind)"]
    f = {name: [(value, value)] for name, value in instructions.measure(url).items()}
    rows = instructions.bars(f)
    return [
        row(name, f[sdk], f[base], 0, instructions_unit, target) for name, sdk, base, target in rows
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m test.benchmarks", description=__doc__)
    parser.add_argument("--rounds", type=int, default=40, help="rounds of interleaved batches")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, for a smoke run")
    parser.add_argument("--no-instructions", action="store_true", help="skip the callgrind section")
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
    sessions_page = payloads.encode(payloads.page(payloads.sessions(1000)))
    messages_page = payloads.encode(payloads.page(payloads.messages(1000)))
    with Server() as server:
        if not args.no_instructions:
            print("\n## Instructions per operation (callgrind; repeatable)\n")
            print("\n".join(TABLE + instruction_rows(server.url)), flush=True)
        from TextMagic import _json

        _json._fast = None  # the timings measure the SDK as installed without extras
        small = small_get(server.url, rounds, batch)
        sessions = decode_page(rounds, sessions_page, "GetAllMessageSessionsPaginatedResponse")
        messages = decode_page(rounds, messages_page, "GetMessagesBySessionIdPaginatedResponse")
        imports = import_time(rounds)
        held = memory.traced()
        held_known = memory.traced(unknown=False)
        resident = memory.rss_growth()
        pools = {size: threads(server.url, 20 * rounds * batch // 8, size) for size in (10, 16, 32)}
        default_pool = threads(server.url, 20 * rounds * batch // 8)
        overhead = async_overhead(server.url, rounds, batch)
    dicts, models = [held["dicts"]], [held["sdk"]]
    one_thread = default_pool[1]
    # (measure, SDK samples, baseline samples, figure index, unit, target, lower is better)
    rows = [
        (
            "small GET, CPU/call, vs `HTTPConnectionPool.request` + `json.loads` (the floor)",
            small["sdk"],
            small["floor"],
            0,
            us,
            None,  # the bar is on instructions (callgrind), above
            True,
        ),
        ("small GET, wall/call, vs the floor", small["sdk"], small["floor"], 1, us, None, True),
        (
            "small GET, CPU/call, vs `PoolManager.request` + `json.loads`",
            small["sdk"],
            small["manager"],
            0,
            us,
            None,
            True,
        ),
        (
            "small GET, CPU/call, vs requests `Session.get` + `.json()`",
            small["sdk"],
            small["requests"],
            0,
            us,
            None,
            True,
        ),
        (
            "1000-session page to typed objects, CPU, vs `json.loads`",
            sessions["sdk"],
            sessions["json.loads"],
            0,
            ms,
            None,  # the bar is on instructions (callgrind), above
            True,
        ),
        (
            "1000-message page to typed objects, CPU, vs `json.loads`",
            messages["sdk"],
            messages["json.loads"],
            0,
            ms,
            None,
            True,
        ),
        (
            "`import TextMagic` + `ApiClient()`, CPU, vs `import urllib3`",
            imports["sdk"],
            imports["import urllib3"],
            0,
            ms,
            None,  # the bar is on instructions (callgrind), above
            True,
        ),
        (
            "100,000 sessions (an unknown field each) held, traced, vs `json.loads`'s dicts",
            models,
            dicts,
            0,
            mb,
            1.10,
            True,
        ),
        (
            "100,000 sessions (no unknown field) held, traced, vs `json.loads`'s dicts",
            [held_known["sdk"]],
            [held_known["dicts"]],
            0,
            mb,
            1.10,
            True,
        ),
        ("100,000 sessions, peak while decoding, vs dicts", models, dicts, 1, mb, None, True),
        (
            "throughput, 4 threads on one client, vs 1 thread",
            default_pool[4],
            one_thread,
            0,
            per_second,
            1.0,
            False,
        ),
        (
            "throughput, 16 threads on one client (default pool), vs 1 thread",
            default_pool[16],
            one_thread,
            0,
            per_second,
            1.0,
            False,
        ),
    ]
    for size in (10, 16, 32):
        rows.append(
            (
                "throughput, 16 threads, pool of %d, vs the default pool" % size,
                pools[size][16],
                default_pool[16],
                0,
                per_second,
                None,
                False,
            )
        )
    rows.append(
        (
            "`async_req=True` + `get()`, CPU/call, vs a synchronous call",
            overhead["async_req"],
            overhead["sync"],
            0,
            us,
            None,
            True,
        )
    )
    if resident is not None:
        rows.append(
            (
                "100,000 sessions (an unknown field each) decoded from one body: RSS growth,"
                " median of 3 fresh processes, vs `json.loads`'s",
                resident["sdk"],
                resident["dicts"],
                0,
                mb,
                1.10,
                True,
            )
        )
    print("\n## Walking an account (50 pages, 100 ms a request, 20 requests/s)\n")
    print("\n".join(paging.report()))
    print("\n## Timings (medians over %d interleaved rounds; CPU = client process time)\n" % rounds)
    print("\n".join(TABLE + [row(*r) for r in rows]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
