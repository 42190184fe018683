"""Memory of 100,000 sessions decoded from one body: as the dicts ``json.loads`` gives,
and as the SDK's models, measured by tracemalloc (in this process) and as the growth of
a fresh process's resident set (RSS), which also counts what the allocator keeps.

``python -m test.benchmarks.memory dicts|models COUNT UNKNOWN`` is one RSS measurement
(what ``rss_growth`` runs): it prints the growth in bytes.
"""

import gc
import json
import os
import statistics
import subprocess
import sys
import tracemalloc

from test.benchmarks import payloads

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Answer(object):
    """A successful answer with ``data`` as its body, for ``ApiClient.deserialize``."""

    status, reason, headers = 200, "OK", {}

    def __init__(self, data):
        self.data = data


def _decoders():
    """``{"dicts": decode, "sdk": decode}``, each taking a body, without orjson."""
    import TextMagic
    from TextMagic import _json

    _json._fast = None
    client = TextMagic.ApiClient(TextMagic.Configuration())
    return {
        "dicts": json.loads,
        "sdk": lambda body: client.deserialize(Answer(body), "list[MessageSession]"),
    }


def traced(count=100000, unknown=True):
    """``{"dicts": (held, peak), "sdk": (held, peak)}`` in bytes, by tracemalloc."""
    body = payloads.encode(payloads.sessions(count, unknown))
    figures = {}
    for name, decode in _decoders().items():
        gc.collect()
        tracemalloc.start()
        kept = decode(body)
        gc.collect()
        figures[name] = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(kept) == count
        del kept
    return figures


def rss_growth(count=100000, unknown=True, repeat=3):
    """``{"dicts": [(bytes, bytes)], "sdk": [(bytes, bytes)]}``: the median RSS growth of
    a fresh process decoding one body and keeping the result, of ``repeat`` interleaved
    runs each (twice, as the report's rows take samples)."""
    if not os.path.exists("/proc/self/status"):
        return None  # no /proc (not Linux): no RSS figure
    figures = {"dicts": [], "sdk": []}
    for _ in range(repeat):
        for name in figures:
            result = subprocess.run(
                [sys.executable, "-m", "test.benchmarks.memory", name, str(count), str(unknown)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
                timeout=600,
            )
            figures[name].append(int(result.stdout))
    medians = {name: statistics.median(values) for name, values in figures.items()}
    return {name: [(median, median)] for name, median in medians.items()}


def _rss():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) * 1024


def _one_process(name, count, unknown):
    body = payloads.encode(payloads.sessions(count, unknown))
    decode = _decoders()[name]
    decode(payloads.encode(payloads.sessions(10, unknown)))  # imports and first-use work
    gc.collect()
    before = _rss()
    kept = decode(body)
    gc.collect()
    growth = _rss() - before
    assert len(kept) == count
    return growth


if __name__ == "__main__":
    print(_one_process(sys.argv[1], int(sys.argv[2]), sys.argv[3] == "True"))
