"""TextMagic's published limits, on both sides: the sandbox applies them as the API does,
and the client paces itself under the 20 requests per second ceiling."""

import base64
import concurrent.futures
import json
import os
import re
import select
import subprocess
import sys
import time

import pytest
import urllib3

import TextMagic
from TextMagic.sandbox import Sandbox
from TextMagic.sandbox.server import DEFAULT_API_KEY, DEFAULT_USERNAME

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CALLS, THREADS = 400, 16


def get(http, sandbox, path):
    token = base64.b64encode(("%s:%s" % (sandbox.username, sandbox.api_key)).encode()).decode()
    response = http.request("GET", sandbox.url + path, headers={"Authorization": "Basic " + token})
    return response.status, json.loads(response.data), response.headers


@pytest.fixture
def http():
    manager = urllib3.PoolManager(retries=False, timeout=10)
    yield manager
    manager.clear()


@pytest.mark.parametrize(
    "limit, served", [("0", 10), ("101", 10), ("500", 10), ("x", 10), ("100", 100), ("7", 7)]
)
def test_the_sandbox_serves_10_for_a_limit_outside_1_to_100(http, limit, served):
    with Sandbox(rate_limit=None) as sandbox:
        status, page, _ = get(http, sandbox, "/api/v2/sessions?limit=%s" % limit)
        assert status == 200 and page["limit"] == served and len(page["resources"]) == served
        status, page, _ = get(http, sandbox, "/api/v2/sessions/1/messages?limit=%s" % limit)
        assert status == 200 and page["limit"] == served


def test_the_sandbox_throttles_a_burst_with_retry_after(http):
    with Sandbox() as sandbox:  # TextMagic's 20 per second, on by default
        answers = [get(http, sandbox, "/api/v2/sessions/1") for _ in range(60)]
    throttled = [(body, headers) for status, body, headers in answers if status == 429]
    assert throttled and len(throttled) == sandbox.throttled
    body, headers = throttled[0]
    assert body == {"code": 429, "message": "Too Many Requests", "errors": None}
    assert int(headers["Retry-After"]) >= 1
    assert sum(1 for status, _, _ in answers if status == 200) >= 20


def test_error_bodies_carry_errors_null_but_for_validation(http):
    with Sandbox(rate_limit=None) as sandbox:
        assert get(http, sandbox, "/api/v2/sessions/99999")[1]["errors"] is None
        status, body, _ = get(http, sandbox, "/api/v2/sessions/1/messages?statuses=zz")
        assert status == 400 and set(body["errors"]) == {"common", "fields"}


def _run(sandbox, call, threads=THREADS, calls=CALLS):
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        ids = [pool.submit(call, 1 + n % 300) for n in range(calls)]
        results = [future.result(120) for future in ids]
    return results, time.monotonic() - started


@pytest.fixture(scope="module")
def strict_sandbox_url():
    """A sandbox counting arrivals strictly (20 in any one second), in a process of its
    own: arrivals are timed by a server that does not share this process's threads."""
    process = subprocess.Popen(
        [sys.executable, "-m", "TextMagic.sandbox", "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "the sandbox said nothing in 20 s"
        yield re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline()).group(0)
    finally:
        process.terminate()
        process.wait(10)
        process.stdout.close()


def strict_configuration(url):
    """A default client's settings for the strict sandbox, but no retries: a single 429
    fails a call."""
    return TextMagic.Configuration(
        host=url, username=DEFAULT_USERNAME, password=DEFAULT_API_KEY, retries=0
    )


@pytest.mark.parametrize("threads", [1, 8])
def test_one_shared_client_stays_under_a_ceiling_counted_strictly(strict_sandbox_url, threads):
    # The margin keeps each of 400 calls, from one thread or eight, under a server that
    # counts arrivals in any one second: with no retries, a single 429 would fail a call.
    with TextMagic.ApiClient(strict_configuration(strict_sandbox_url)) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        results, elapsed = _run(None, lambda i: api.get_message_session(i).id, threads)
    assert results == [1 + n % 300 for n in range(CALLS)]
    # 20 at once, then 20 every 1.1 s: the last of 400 cannot start before 20.9 s.
    assert 20.8 <= elapsed < 60, elapsed


def test_a_new_client_per_call_shares_the_same_allowance(strict_sandbox_url):
    # Every call from a client of its own, none retried: a single 429 would fail one.
    def call(session_id):
        with TextMagic.ApiClient(strict_configuration(strict_sandbox_url)) as client:
            return TextMagic.OutboundMessageSessionsApi(client).get_message_session(session_id).id

    results, elapsed = _run(None, call)
    assert results == [1 + n % 300 for n in range(CALLS)]
    assert 20.8 <= elapsed < 60, elapsed


def test_without_pacing_the_server_throttles_and_retries_carry_the_calls_through():
    with Sandbox() as sandbox:
        configuration = sandbox.configuration(rate_limit=None, retries=20)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            # 100 calls from 16 threads are well over 20 a second: throttled, then carried
            # through by retries. (With 400, every throttled call retrying after the same
            # Retry-After, a loaded 2-core machine took over 120 s.)
            results, _ = _run(sandbox, lambda i: api.get_message_session(i).id, calls=100)
    assert results == [1 + n % 300 for n in range(100)]
    assert sandbox.throttled > 0


def test_pacing_waits_within_the_deadline_and_validates_its_setting():
    with Sandbox(rate_limit=None) as sandbox:
        configuration = sandbox.configuration(rate_limit=2)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            api.get_message_session(1)
            api.get_message_session(2)  # two turns in the first second
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError, match="rate limit"):
                api.get_message_session(3, _deadline=0.3)  # the next turn is ~1 s away
            assert time.monotonic() - started < 0.2  # refused at once, not after waiting
            assert api.get_message_session(4).id == 4  # waits for its turn, then goes
    assert len(sandbox.requests) == 3
    for bad, error in ((0, ValueError), (-5, ValueError), ("20", TypeError)):
        with pytest.raises(error, match="rate_limit"):
            TextMagic.Configuration(rate_limit=bad)
    with pytest.raises(ValueError, match="rate_limit"):
        Sandbox(rate_limit=0)


def test_limits_above_100_are_refused_before_sending():
    with Sandbox(rate_limit=None) as sandbox:
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            for call in (
                lambda: api.get_all_message_sessions(limit=101),
                lambda: api.list_message_sessions(limit=500),
                lambda: api.get_messages_by_session_id(1, limit=1000),
                lambda: api.iter_all_message_sessions(limit=101),
            ):
                with pytest.raises(ValueError, match="at most 100"):
                    call()
            assert api.get_all_message_sessions(limit=100)["limit"] == 100
    assert len(sandbox.requests) == 1
