"""Walking an account at the pace of the rate limit: ``python -m test.benchmarks.paging``.

A sandbox holding 5,000 sessions answers every request after 100 ms and throttles as
TextMagic does (20 requests per second per account); a default client walks all 50 pages
of 100 with ``iter_all_message_sessions``, once with the default ``concurrency`` and once
one page after another. The floor is what the rate limit allows: one round trip, then
the other 49 requests at 20 per second (0.1 s + 49/20 s = 2.55 s).
"""

import sys
import time

import TextMagic
from TextMagic.pagination import DEFAULT_CONCURRENCY
from TextMagic.sandbox import Sandbox

PAGES, PER_PAGE, LATENCY, LIMIT = 50, 100, 0.1, 20.0
FLOOR = LATENCY + (PAGES - 1) / LIMIT
BAR = 1.25


def walk(concurrency):
    """``(seconds, session IDs, 429s the server sent)`` of one walk of every page."""
    with Sandbox(sessions=PAGES * PER_PAGE, rate_limit=LIMIT) as sandbox:
        sandbox.add_fault(delay=LATENCY, times=10**6)  # every answer after 100 ms
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            started = time.monotonic()
            ids = [s.id for s in api.iter_all_message_sessions(concurrency=concurrency)]
            seconds = time.monotonic() - started
        return seconds, ids, sandbox.throttled


def report():
    """The report's table: both walks against the floor, and the bar."""
    concurrent, concurrent_ids, throttled = walk(DEFAULT_CONCURRENCY)
    sequential, sequential_ids, _ = walk(1)
    same = concurrent_ids == sequential_ids == list(range(1, PAGES * PER_PAGE + 1))
    verdict = "met" if concurrent <= BAR * FLOOR and same else "MISSED"
    return [
        "| walk | wall time | vs the floor (%.2f s) | items | 429s | target |" % FLOOR,
        "|---|---|---|---|---|---|",
        "| concurrency=%d (the default) | %.2f s | %.2fx | %s | %d | %s (≤ %.2fx, same items) |"
        % (
            DEFAULT_CONCURRENCY,
            concurrent,
            concurrent / FLOOR,
            "the sequential walk's" if same else "DIFFERENT",
            throttled,
            verdict,
            BAR,
        ),
        "| concurrency=1 (one page after another) | %.2f s | %.2fx | %d | - |  |"
        % (sequential, sequential / FLOOR, len(sequential_ids)),
    ]


if __name__ == "__main__":
    print(__doc__.split("\n\n")[0] + "\n")
    print("\n".join(report()))
    sys.exit(0)
