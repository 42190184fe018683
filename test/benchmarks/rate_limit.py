"""Throughput under TextMagic's ceiling: ``python -m test.benchmarks.rate_limit``.

16 threads share one client and make 400 calls against the sandbox with its rate limit
of 20 requests per second on, once with the client's own pacing (the default) and once
with it off (retries only). Reported per run: calls per second, the 429s the server sent,
wall time, and calls per second as a share of the ceiling.
"""

import concurrent.futures
import sys
import time

import TextMagic
from TextMagic.sandbox import Sandbox

CALLS, THREADS = 400, 16


def run(pacing):
    with Sandbox() as sandbox:
        settings = {} if pacing else {"rate_limit": None, "retries": 20}
        with TextMagic.ApiClient(sandbox.configuration(**settings)) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
                ids = list(
                    pool.map(lambda n: api.get_message_session(1 + n % 300).id, range(CALLS))
                )
            wall = time.monotonic() - started
        assert ids == [1 + n % 300 for n in range(CALLS)]
        return wall, sandbox.throttled, sandbox.rate_limit


def main():
    print(
        "TextMagic SDK %s, Python %s: %d calls from %d threads on one client, sandbox "
        "limit 20 requests/s" % (TextMagic.__version__, sys.version.split()[0], CALLS, THREADS)
    )
    print()
    print("| client | calls/s | 429s from the server | wall time | share of the ceiling |")
    print("|---|---|---|---|---|")
    for name, pacing in (
        ("paced (rate_limit=20, the default)", True),
        ("not paced (retries only)", False),
    ):
        wall, throttled, ceiling = run(pacing)
        # The ceiling allows 20 at once, then 20 per second: (400 - 20) / 20 = 19 s.
        best = (CALLS - ceiling) / ceiling
        print(
            "| %s | %.1f | %d | %.2f s | %.0f%% |"
            % (name, CALLS / wall, throttled, wall, 100 * best / wall)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
