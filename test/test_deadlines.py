"""The per-call deadline and the retry policy, against servers that misbehave for real:
slow drips, slow 503s, a gateway timeout before a delete's 404, plain urllib3 Retry."""

import threading
import time

import pytest
import urllib3
from urllib3.util import Retry

import TextMagic
from test import servers

SLACK = 0.5  # what a call may take beyond its deadline


def api_for(target, **settings):
    """A client for a raw server's URL, or for a sandbox (with its credentials)."""
    settings.setdefault("timeout", (2, 2))
    if isinstance(target, str):
        configuration = TextMagic.Configuration(host=target, username="u", password="p")
    else:
        configuration = target.configuration()
    for name, value in settings.items():
        setattr(configuration, name, value)
    client = TextMagic.ApiClient(configuration)
    return client, TextMagic.OutboundMessageSessionsApi(client)


@pytest.mark.parametrize(
    "handler", [servers.drips_body, servers.drips_head, servers.drips_until_close]
)
def test_a_dripping_server_cannot_hold_a_call_past_its_deadline(handler):
    with servers.RawServer(handler) as server:
        client, api = api_for(server.url, retries=0)
        with client:
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError) as caught:
                api.get_message_session(1, _deadline=1.5)
            elapsed = time.monotonic() - started
    assert 1.4 < elapsed < 1.5 + SLACK, elapsed
    assert "deadline" in str(caught.value) and caught.value.method == "GET"


def test_the_configured_deadline_bounds_a_drip_too():
    with servers.RawServer(servers.drips_body) as server:
        client, api = api_for(server.url, retries=2, deadline=1.0)
        with client:
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError, match="deadline"):
                api.get_message_session(1)
            assert time.monotonic() - started < 1.0 + SLACK


def test_slow_503s_end_within_the_deadline(sandbox):
    sandbox.add_fault(status=503, delay=0.8, times=20)
    client, api = api_for(sandbox, retries=5)
    with client:
        started = time.monotonic()
        with pytest.raises(TextMagic.ApiException) as caught:
            api.get_message_session(1, _deadline=2)
        elapsed = time.monotonic() - started
    assert elapsed < 2 + SLACK, elapsed
    assert isinstance(caught.value, (TextMagic.ServiceException, TextMagic.ApiTimeoutError))
    assert len(sandbox.requests) >= 2  # it did try again while there was time


def test_a_retry_after_longer_than_the_deadline_is_not_slept(sandbox):
    sandbox.add_fault(status=503, headers={"Retry-After": "30"}, times=5)
    client, api = api_for(sandbox, retries=3, retry_after_max=60)
    with client:
        started = time.monotonic()
        with pytest.raises(TextMagic.ServiceException):
            api.get_message_session(1, _deadline=3)
        assert time.monotonic() - started < 1.0
    assert len(sandbox.requests) == 1


def test_a_delete_whose_first_try_went_through_succeeds(sandbox):
    client, api = api_for(sandbox, retries=2)
    with client:
        api.delete_message_session(5)  # the origin deletes session 5 ...
        sandbox.clear_requests()
        # ... and a gateway in front answered 504 to that try: the SDK tries again.
        sandbox.add_fault(status=504, path="/api/v2/sessions/6", method="DELETE")
        api.delete_message_session(6)  # the fault hides the real delete: 504, then 204
        sandbox.add_fault(status=504, path="/api/v2/sessions/5", method="DELETE")
        assert api.delete_message_session(5) is None  # 504, then 404: gone, as asked
        with pytest.raises(TextMagic.NotFoundException):
            api.delete_message_session(5)  # a 404 at the first try is still an error
        with pytest.raises(TextMagic.NotFoundException):
            api.get_message_session(5)  # and reads are never turned into success
    paths = [(r.method, r.path) for r in sandbox.requests]
    assert paths.count(("DELETE", "/api/v2/sessions/5")) == 3


def test_with_http_info_reports_the_404_of_a_delete_already_done(sandbox):
    client, api = api_for(sandbox, retries=1)
    with client:
        api.delete_message_session(7)
        sandbox.add_fault(status=502, path="/api/v2/sessions/7", method="DELETE")
        data, status, headers = api.delete_message_session_with_http_info(7)
    assert (data, status) == (None, 404)


def test_a_plain_urllib3_retry_keeps_the_sdks_error_types(sandbox):
    sandbox.add_fault(status=503, times=10)
    retry = Retry(total=2, status_forcelist=[503])
    client, api = api_for(sandbox, retries=retry)
    with client:
        with pytest.raises(TextMagic.ServiceException) as caught:
            api.get_message_session(1)
    assert caught.value.status == 503
    assert len(sandbox.requests) == 3
    assert isinstance(client.rest_client.retries, TextMagic.RetryPolicy)


def test_a_plain_urllib3_retry_never_retries_timeouts_and_honours_retry_after_max(sandbox):
    with servers.RawServer(servers.never_answers) as server:
        client, api = api_for(server.url, retries=Retry(total=3, read=3), timeout=(1, 0.5))
        with client:
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError):
                api.get_message_session(1)
            assert time.monotonic() - started < 0.5 + SLACK  # one try only
        assert len(server.accepted) == 1
    sandbox.add_fault(status=503, headers={"Retry-After": "30"})
    client, api = api_for(
        sandbox, retries=Retry(total=1, status_forcelist=[503]), retry_after_max=0.3
    )
    with client:
        started = time.monotonic()
        assert api.get_message_session(1).id == 1  # the second try succeeded
        assert time.monotonic() - started < 1.5


def test_the_retry_policy_is_a_public_value_object():
    policy = TextMagic.RetryPolicy(total=2, status_forcelist=[503], retry_after_max=5)
    clone = policy.new(total=1)
    assert isinstance(clone, TextMagic.RetryPolicy) and clone.retry_timeouts is False
    assert clone.total == 1 and clone.retry_after_max == 5.0
    assert TextMagic.RetryPolicy(retry_timeouts=True).new().retry_timeouts is True
    default = TextMagic.RetryPolicy()  # the SDK's rules
    assert (default.connect, default.read, default.status) == (3, 3, 3)
    assert set(default.status_forcelist) == {429, 502, 503, 504}
    assert default.retry_after_max == 60.0 and default.retry_timeouts is False
    assert default.is_retry("POST", 503) and not default.is_retry("GET", 500)


@pytest.mark.parametrize("value, error", [(0, ValueError), (-1, ValueError), ("5", TypeError)])
def test_bad_deadlines_are_refused_before_sending(sandbox, value, error):
    with pytest.raises(error, match="deadline"):
        TextMagic.Configuration(deadline=value)
    client, api = api_for(sandbox)
    with client:
        with pytest.raises(error, match="_deadline"):
            api.get_message_session(1, _deadline=value)
    assert sandbox.requests == []
    assert TextMagic.Configuration(deadline=None).deadline is None


@pytest.mark.parametrize(
    "timeout",
    [
        urllib3.Timeout(total=5),
        urllib3.Timeout(read=5),
        urllib3.Timeout(connect=2),
        urllib3.Timeout(connect=2, total=4),
    ],
    ids=repr,
)
def test_urllib3_timeout_objects_work_as_request_timeouts(sandbox, timeout):
    client, api = api_for(sandbox)
    with client:
        assert api.get_message_session(1, _request_timeout=timeout).id == 1
        # The seams below the operation methods take them too, as the client's default.
        url = sandbox.configuration().host + "/api/v2/sessions/1"
        headers = {"Authorization": client.configuration.get_basic_auth_token()}
        answers = [
            client.request("GET", url, headers=headers, _request_timeout=timeout),
            client.rest_client.GET(url, headers=headers, _request_timeout=timeout),
        ]
        client.rest_client.default_timeout = timeout
        answers.append(client.rest_client.request("GET", url, headers=headers))
        assert [answer.status for answer in answers] == [200, 200, 200]


def test_a_total_timeout_bounds_a_silent_server():
    with servers.RawServer(servers.never_answers) as server:
        client, api = api_for(server.url, retries=0)
        with client:
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError):
                api.get_message_session(1, _request_timeout=urllib3.Timeout(total=0.5))
            assert time.monotonic() - started < 0.5 + SLACK
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError):
                client.rest_client.GET(server.url, _request_timeout=urllib3.Timeout(total=0.5))
            assert time.monotonic() - started < 0.5 + SLACK


@pytest.mark.parametrize(
    "connect, read, deadline",
    [(5.0, 10.0, None), (None, 2, 123.5), (urllib3.Timeout.DEFAULT_TIMEOUT, None, 1.0)],
)
def test_a_call_timeout_is_a_value_that_tries_leave_unchanged(connect, read, deadline):
    # urllib3 clones a try's timeout and starts the clone's connect timer: the call's
    # own timeout, shared by every try, stays as it was made.
    original = TextMagic.CallTimeout(connect, read, deadline)
    state = dict(vars(original))
    for _try in range(3):
        assert isinstance(original.clone().start_connect(), float)
    assert vars(original) == state == vars(TextMagic.CallTimeout(connect, read, deadline))
    assert (original.connect_timeout, original.read_timeout) == (
        TextMagic.CallTimeout(connect, read).connect_timeout,
        TextMagic.CallTimeout(connect, read).read_timeout,
    )
    later = original.with_deadline(99.0)
    assert later is not original and later.deadline == 99.0
    assert vars(original) == state  # the copy's deadline is its own
    assert vars(later) == vars(TextMagic.CallTimeout(connect, read, 99.0))
    assert repr(later) == repr(TextMagic.CallTimeout(connect, read, 99.0))


@pytest.mark.parametrize("deadline", [30.0, None])
def test_one_call_timeout_serves_every_try_of_a_retried_call(sandbox, deadline):
    # Three tries through urllib3 with one CallTimeout (the call's own, or with no
    # deadline the client's, shared by every call): a later try must not find its
    # connect timer "already started" (urllib3's TimeoutStateError).
    sandbox.add_fault(status=503, headers={"Retry-After": "0"}, times=2)
    configuration = sandbox.configuration(retries=2, deadline=deadline, timeout=(5, 10))
    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        assert api.get_message_session(1).id == 1
        assert len(sandbox.requests) == 3
        assert api.get_message_session(1).id == 1


def test_a_total_becomes_the_read_bound_of_a_call_timeout():
    converted = TextMagic.CallTimeout.of(urllib3.Timeout(connect=5, total=3), 7.0)
    assert (converted.connect_timeout, converted.read_timeout, converted.deadline) == (3, 3, 7.0)


def test_a_default_timeout_replaced_on_the_rest_client_applies_to_the_next_call():
    with servers.RawServer(servers.never_answers) as server:
        client, api = api_for(server.url, retries=0, timeout=5)
        with client:
            with pytest.raises(TextMagic.ApiTimeoutError):
                api.get_message_session(1, _request_timeout=0.2)
            client.rest_client.default_timeout = urllib3.Timeout(connect=2, read=0.3)
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError):
                api.get_message_session(1)
            assert time.monotonic() - started < 0.3 + SLACK


@pytest.mark.parametrize(
    "timeout",
    [
        TextMagic.CallTimeout(5.0, 10.0),
        TextMagic.CallTimeout(None, 10.0),
        TextMagic.CallTimeout(5.0, None),
        urllib3.Timeout(connect=5.0, read=10.0),
        urllib3.Timeout(connect=5.0),
    ],
    ids=["both", "no-connect", "no-read", "urllib3", "urllib3-no-read"],
)
def test_each_try_waits_at_most_what_the_deadline_leaves(timeout):
    from TextMagic.transport.timeouts import attempt_timeout as _attempt_timeout

    def waits(attempt):
        return attempt.connect_timeout, attempt.read_timeout

    far = _attempt_timeout(timeout, time.monotonic() + 60, "http://h")
    given = waits(timeout)
    if all(isinstance(w, (int, float)) for w in given):
        assert far is timeout  # the deadline is further away than either wait
    else:  # a wait without end becomes what is left; the other stays
        for wait, cut in zip(given, waits(far)):
            assert cut == wait if isinstance(wait, (int, float)) else 59 < cut <= 60
    near = _attempt_timeout(timeout, time.monotonic() + 2, "http://h")
    assert all(1.5 < w <= 2 for w in waits(near))
    with pytest.raises(TextMagic.ApiTimeoutError):
        _attempt_timeout(timeout, time.monotonic() - 0.01, "http://h")
    assert _attempt_timeout(timeout, None, "http://h") is timeout


def _fast_or_dripping(head, sock, stop):
    """``/api/v2/sessions/1`` at once; any other session's body one byte every 50 ms, so
    that it ends about when the calls' deadlines do."""
    body = b'{"id": 1, "text": "' + b"z" * 19 + b'"}'
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
        % len(body)
    )
    if b" /api/v2/sessions/1 " in head:
        sock.sendall(body)
        return
    for byte in body:
        if stop.wait(0.05):
            return
        sock.sendall(bytes([byte]))


def test_a_deadline_never_breaks_a_connection_another_call_holds():
    # 50 calls at once on one pool: half drip until about their deadline (some end just
    # before it, some are cut), half are answered at once on the same kept-alive
    # connections. Every fast call succeeds; a dripping one succeeds or times out.
    with servers.RawServer(servers.keeps_alive(_fast_or_dripping)) as server:
        client, api = api_for(server.url, retries=0, connection_pool_maxsize=50, rate_limit=None)
        outcomes = {"fast": [], "drip": []}

        def call(index):
            kind = "fast" if index % 2 else "drip"
            try:
                for _round in range(3 if kind == "drip" else 12):
                    session_id = 1 if kind == "fast" else 2
                    api.get_message_session(session_id, _deadline=0.9 + (index % 5) * 0.05)
                outcomes[kind].append("ok")
            except TextMagic.ApiTimeoutError:
                outcomes[kind].append("timeout")
            except Exception as error:  # noqa: B902 - any other failure is the finding
                outcomes[kind].append(repr(error))

        with client:
            threads = [threading.Thread(target=call, args=(i,)) for i in range(50)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert not any(thread.is_alive() for thread in threads)
    assert outcomes["fast"] == ["ok"] * 25, outcomes["fast"]
    assert set(outcomes["drip"]) <= {"ok", "timeout"} and len(outcomes["drip"]) == 25
    assert "timeout" in outcomes["drip"], "no call reached its deadline: the test proves nothing"
