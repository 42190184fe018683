"""What a small GET's instructions beyond the floor pay for, under callgrind.

``python -m test.benchmarks.breakdown`` measures the SDK's small GET as users get it,
then with pacing off, with the deadline off, with both off, and the same exchange sent
through ``call_api`` directly (decoded into a model, then into plain JSON values); each
difference is one part of the cost. Needs valgrind. Reports only; never fails.
"""

import sys

from test.benchmarks import instructions
from test.benchmarks.__main__ import Server

# (part, workload with it, workload without it)
PARTS = [
    ("pacing under the rate limit", "sdk-get", "sdk-get-unpaced"),
    ("the per-read deadline", "sdk-get", "sdk-get-no-deadline"),
    (
        "the operation method: argument checks, `call_operation`, `Operation.bind`",
        "sdk-get-neither",
        "call-api-get-model",
    ),
    (
        "decoding into a `MessageSession` beyond JSON values",
        "call-api-get-model",
        "call-api-get-json",
    ),
    (
        "building the request: headers checked, credentials, URL, the `Request` object",
        "build-request",
        "nothing",
    ),
]
# What is left: sending through the seams (`call_api`, `ApiClient.request`,
# `RESTClientObject.GET`/`request`), the `CallTimeout`, the try and redirect loops, the
# body read within `max_response_size`, the `RESTResponse`.
REST = "the rest: sending through the seams, the `CallTimeout`, the body read within the cap"


def main():
    if instructions.valgrind() is None:
        print("valgrind is not installed: apt-get install valgrind")
        return 0
    instructions.compile_sources()
    names = {name for _, *pair in PARTS for name in pair} | {"call-api-get-json", "floor-get"}
    with Server() as server:
        counts = {name: instructions.per_operation(name, 200, server.url) for name in names}
    floor = counts["floor-get"]
    print(
        "small GET: SDK %s, floor %s instructions"
        % ("{:,.0f}".format(counts["sdk-get"]), "{:,.0f}".format(floor))
    )
    print("| part of the SDK's cost | instructions per call | share of the floor |")
    print("|---|---|---|")
    built = counts["build-request"] - counts["nothing"]
    rows = [(part, counts[with_it] - counts[without_it]) for part, with_it, without_it in PARTS]
    rows.append((REST, counts["call-api-get-json"] - floor - built))
    for part, extra in rows:
        print("| %s | %s | %.1f%% |" % (part, "{:,.0f}".format(extra), 100.0 * extra / floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
