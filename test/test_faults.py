"""Bad networks and bad servers: each fault gives the right exception, a readable message,
and returns within a bound."""

import json
import re
import time
from contextlib import contextmanager

import pytest

import TextMagic
from TextMagic import exceptions

from . import servers


@contextmanager
def api_for(host, **settings):
    settings.setdefault("retries", 0)
    configuration = TextMagic.Configuration(host=host, username="u", password="p", **settings)
    with TextMagic.ApiClient(configuration) as client:
        yield TextMagic.OutboundMessageSessionsApi(client)


def expect(error_class, call, within):
    started = time.monotonic()
    with pytest.raises(error_class) as caught:
        call()
    elapsed = time.monotonic() - started
    assert elapsed < within, "took %.2fs" % elapsed
    text = str(caught.value)
    assert text and len(text) < 400 and "object at 0x" not in text, text
    return caught.value


def raw_api(handler, **settings):
    server = servers.RawServer(handler)
    return server, settings


@pytest.mark.parametrize(
    "handler, words",
    [
        (servers.resets_before_any_byte, "connection to http://127.0.0.1"),
        (servers.resets_mid_body, "broken"),
        (servers.sends_short_body, "broken"),
        (servers.breaks_off_chunked, "broken"),
    ],
)
def test_broken_connections(handler, words):
    with servers.RawServer(handler) as server, api_for(server.url) as api:
        error = expect(exceptions.ApiConnectionError, lambda: api.get_message_session(1), within=5)
    assert not isinstance(error, exceptions.ApiTimeoutError)
    assert error.status == 0 and words in str(error)
    assert error.__cause__ is not None


def test_broken_connections_are_retried(sandbox):
    with servers.RawServer(servers.resets_before_any_byte) as server:
        with api_for(server.url, retries=2) as api:
            expect(exceptions.ApiConnectionError, lambda: api.get_message_session(1), within=10)
        assert len(server.accepted) == 3


def test_connection_refused():
    with api_for("http://127.0.0.1:%d" % servers.free_port(), retries=2) as api:
        error = expect(exceptions.ApiConnectionError, lambda: api.get_message_session(1), within=10)
    assert str(error).startswith("cannot connect to http://127.0.0.1:")


@pytest.mark.parametrize("handler", [servers.never_answers, servers.answers_then_stalls])
def test_stalls_time_out_without_retries_by_default(handler):
    with servers.RawServer(handler) as server:
        with api_for(server.url, retries=3, timeout=0.5) as api:
            error = expect(
                exceptions.ApiTimeoutError, lambda: api.get_message_session(1), within=2.5
            )
        assert len(server.accepted) == 1
    assert "timed out waiting for http://127.0.0.1" in str(error)


@pytest.mark.parametrize(
    "body, words",
    [
        (b"{not json", "{not json"),
        (b"", "empty response body"),
        (b"[1, 2, 3]", "unexpected JSON"),
        (b"<html><body>Welcome</body></html>", "HTML page"),
    ],
)
def test_bad_success_bodies(sandbox, body, words):
    sandbox.add_fault(status=200, body=body, times=1)
    with api_for(sandbox.url) as api:
        error = expect(
            exceptions.MalformedResponseError, lambda: api.get_message_session(1), within=5
        )
    assert error.status == 200 and error.raw_body == body and words in str(error)
    assert error.body == body.decode() and error.method == "GET"


def test_html_502_page(sandbox):
    page = b"<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    sandbox.add_fault(status=502, body=page, headers={"Content-Type": "text/html"}, times=1)
    with api_for(sandbox.url) as api:
        error = expect(exceptions.ServiceException, lambda: api.get_message_session(1), within=5)
    assert error.status == 502 and error.reason == "Bad Gateway"
    assert error.summary().startswith("(502) Bad Gateway: HTML page instead of JSON")


def test_text_plain_error(sandbox):
    sandbox.add_fault(
        status=500, body=b"Internal failure, request id 42", headers={"Content-Type": "text/plain"}
    )
    with api_for(sandbox.url) as api:
        error = expect(exceptions.ServiceException, lambda: api.get_message_session(1), within=5)
    assert error.summary() == (
        "(500) Internal Server Error: Internal failure, request id 42 [GET /api/v2/sessions/1]"
    )


def test_500_with_no_body_is_not_retried(sandbox):
    sandbox.add_fault(status=500, times=5)
    with api_for(sandbox.url, retries=3) as api:
        error = expect(exceptions.ServiceException, lambda: api.get_message_session(1), within=5)
    assert error.message == "empty response body"
    assert len(sandbox.requests) == 1


def test_503_twice_then_200_is_retried_and_succeeds(sandbox):
    sandbox.add_fault(status=503, body=b'{"code":503,"message":"Try later"}', times=2)
    with api_for(sandbox.url, retries=3) as api:
        api.api_client.configuration.username = sandbox.username
        api.api_client.configuration.password = sandbox.api_key
        started = time.monotonic()
        assert api.get_message_session(1).id == 1
        assert time.monotonic() - started < 5
    assert len(sandbox.requests) == 3


def test_retries_run_out_into_the_right_exception(sandbox):
    sandbox.add_fault(status=503, body=b'{"code":503,"message":"Try later"}', times=10)
    with api_for(sandbox.url, retries=2) as api:
        error = expect(
            exceptions.ServiceException, lambda: api.get_all_message_sessions(), within=10
        )
    assert error.message == "Try later" and len(sandbox.requests) == 3


def test_every_operation_is_retried(sandbox):
    with api_for(sandbox.url, retries=1) as api:
        api.api_client.configuration.username = sandbox.username
        api.api_client.configuration.password = sandbox.api_key
        calls = [
            lambda: api.get_all_message_sessions(),
            lambda: api.get_message_session(5),
            lambda: api.get_message_session_stat(5),
            lambda: api.get_messages_by_session_id(5),
            lambda: api.delete_message_session(5),
            lambda: api.delete_message_sessions_bulk(
                TextMagic.DeleteMessageSessionsBulkInputObject(ids="6")
            ),
        ]
        for call in calls:
            sandbox.clear_requests()
            sandbox.add_fault(status=504, times=1)
            call()
            assert len(sandbox.requests) == 2


def test_429_retry_after_seconds_is_honoured(sandbox):
    sandbox.add_fault(
        status=429,
        body=b'{"code":429,"message":"Slow down"}',
        headers={"Retry-After": "1"},
        times=1,
    )
    with api_for(sandbox.url, retries=1) as api:
        api.api_client.configuration.username = sandbox.username
        api.api_client.configuration.password = sandbox.api_key
        started = time.monotonic()
        assert api.get_message_session(2).id == 2
        assert 0.9 <= time.monotonic() - started < 5


def test_429_retry_after_http_date_is_honoured_and_capped(sandbox):
    from email.utils import formatdate

    sandbox.add_fault(
        status=429, headers={"Retry-After": formatdate(time.time() + 3600, usegmt=True)}, times=1
    )
    with api_for(sandbox.url, retries=1, retry_after_max=1) as api:
        api.api_client.configuration.username = sandbox.username
        api.api_client.configuration.password = sandbox.api_key
        started = time.monotonic()
        assert api.get_message_session(2).id == 2
        assert 0.5 <= time.monotonic() - started < 5


@pytest.mark.parametrize("retry_after, seconds", [("2", 2.0), ("date", 2.0)])
def test_429_without_retries_reports_retry_after(sandbox, retry_after, seconds):
    from email.utils import formatdate

    value = formatdate(time.time() + 2.4, usegmt=True) if retry_after == "date" else retry_after
    sandbox.add_fault(
        status=429,
        body=b'{"code":429,"message":"Too many requests"}',
        headers={"Retry-After": value},
    )
    with api_for(sandbox.url, retries=0) as api:
        error = expect(
            exceptions.TooManyRequestsException, lambda: api.get_message_session(1), within=5
        )
    assert seconds - 1.5 <= error.retry_after <= seconds + 0.5
    assert error.summary() == "(429) Too Many Requests: Too many requests [GET /api/v2/sessions/1]"


def test_a_retry_after_longer_than_any_wait_is_reported_not_slept(sandbox):
    """No deadline and no cap on Retry-After: a server asking for a wait beyond what
    ``time.sleep`` takes gets its 429 reported at once (it raised OverflowError)."""
    sandbox.add_fault(
        status=429,
        body=b'{"code":429,"message":"Come back later"}',
        headers={"Retry-After": "1" + "0" * 12},
        times=1,
    )
    retries = TextMagic.RetryPolicy(total=1, retry_after_max=None)
    with api_for(sandbox.url, retries=retries, deadline=None) as api:
        error = expect(
            exceptions.TooManyRequestsException, lambda: api.get_message_session(1), within=5
        )
    assert error.retry_after == 1e12


@pytest.mark.parametrize("status", [301, 302, 307])
def test_redirect_to_another_host_drops_credentials(sandbox, status):
    target = sandbox.url + "/api/v2/sessions/1"
    with servers.RawServer(servers.redirects_to(target, status)) as server:
        configuration = TextMagic.Configuration(
            host=server.url, username=sandbox.username, password=sandbox.api_key, retries=0
        )
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            expect(exceptions.UnauthorizedException, lambda: api.get_message_session(1), 5)
    assert len(sandbox.requests) == 1
    assert sandbox.requests[0].headers.get("Authorization") is None


def test_ten_megabyte_response(sandbox):
    item = {
        "id": 1,
        "startTime": "2019-08-05T08:14:54+0000",
        "text": "x" * 900,
        "source": "A",
        "referenceId": None,
        "price": 0.04,
        "numbersCount": 1,
        "destination": "t",
    }
    body = json.dumps(
        {"page": 1, "pageCount": 1, "limit": 1000, "resources": [item] * 10000}
    ).encode()
    assert len(body) > 10 * 1000 * 1000
    sandbox.add_fault(status=200, body=body)
    with api_for(sandbox.url) as api:
        started = time.monotonic()
        page = api.get_all_message_sessions(limit=100)
        assert time.monotonic() - started < 10
    assert len(page["resources"]) == 10000


def test_unknown_fields_and_nulls(sandbox):
    body = json.dumps(
        {
            "id": 9,
            "startTime": None,
            "text": None,
            "source": "A",
            "referenceId": None,
            "price": None,
            "numbersCount": 2,
            "destination": None,
            "campaign": {"name": "new"},
            "flags": None,
        }
    )
    sandbox.add_fault(status=200, body=body)
    with api_for(sandbox.url) as api:
        session = api.get_message_session(9)
    assert session.id == 9 and session.start_time is None and session.price is None
    assert session.additional_properties == {"campaign": {"name": "new"}, "flags": None}


def test_a_connection_error_says_how_many_tries_over_how_long():
    with api_for("http://127.0.0.1:%d" % servers.free_port(), retries=2) as api:
        error = expect(exceptions.ApiConnectionError, lambda: api.get_message_session(1), within=10)
    assert re.search(r"\(3 tries over \d+\.\d s\)", str(error)), str(error)
    with api_for("http://127.0.0.1:%d" % servers.free_port(), retries=0) as api:
        error = expect(exceptions.ApiConnectionError, lambda: api.get_message_session(1), within=10)
    assert "tries" not in str(error)  # one try: nothing to count
