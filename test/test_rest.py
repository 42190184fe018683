"""TextMagic.rest: responses, the exception types, timeouts and network faults."""

import subprocess
import sys
import textwrap
import time

import pytest
import urllib3

import TextMagic
from TextMagic import exceptions, rest

from .servers import RawServer, answers_then_stalls, free_port, never_answers

# Calls refuse to go without credentials; these servers take any.
CREDENTIALS = {"username": "u", "password": "p"}


def test_api_exception_is_importable_from_rest_and_the_package():
    from TextMagic.rest import ApiException

    assert ApiException is TextMagic.ApiException is exceptions.ApiException
    for name in (
        "BadRequestException",
        "UnauthorizedException",
        "ForbiddenException",
        "NotFoundException",
        "TooManyRequestsException",
        "ServiceException",
        "ApiConnectionError",
        "ApiTimeoutError",
        "MalformedResponseError",
    ):
        cls = getattr(rest, name)
        assert issubclass(cls, ApiException)
        assert getattr(TextMagic, name) is cls


def test_rest_response_accessors(client):
    raw = client.rest_client.request(
        "GET",
        client.configuration.host + "/api/v2/sessions/1",
        headers={"Authorization": client.configuration.get_basic_auth_token()},
    )
    assert isinstance(raw, rest.RESTResponse)
    assert raw.status == 200 and raw.reason == "OK"
    assert raw.data.startswith("{") and raw.raw_data.startswith(b"{")
    assert raw.getheaders() is raw.headers
    assert raw.getheader("content-type") == "application/json"
    assert raw.getheader("X-Missing", "none") == "none"


@pytest.mark.parametrize(
    "status, cls",
    [
        (400, exceptions.BadRequestException),
        (401, exceptions.UnauthorizedException),
        (403, exceptions.ForbiddenException),
        (404, exceptions.NotFoundException),
        (409, exceptions.ApiException),
        (429, exceptions.TooManyRequestsException),
        (500, exceptions.ServiceException),
        (503, exceptions.ServiceException),
    ],
)
def test_exception_for_each_status(status, cls):
    error = exceptions.exception_for_response(
        status, "Reason", b'{"code": %d, "message": "M"}' % status, {}
    )
    assert type(error) is cls
    assert (error.status, error.reason, error.message) == (status, "Reason", "M")
    assert error.summary() == "(%d) Reason: M" % status


@pytest.mark.parametrize(
    "body, words",
    [
        (b"", "empty response body"),
        (None, None),
        (b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>", "HTML page"),
        (b'{"code": 502, "mess', '{"code": 502, "mess'),
        (b"upstream timed out", "upstream timed out"),
        (b"x" * 500, "..."),
    ],
)
def test_unreadable_error_bodies_give_readable_messages(body, words):
    error = exceptions.exception_for_response(502, "Bad Gateway", body, {})
    assert isinstance(error, exceptions.ServiceException)
    text = error.summary()
    assert text.startswith("(502) Bad Gateway")
    if words:
        assert words in text
    assert len(text) < 300


def test_retry_after_seconds_and_date():
    error = exceptions.exception_for_response(429, "Too Many Requests", b"", {"Retry-After": "7"})
    assert error.retry_after == 7.0
    assert exceptions.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert exceptions.parse_retry_after("soon") is None
    assert exceptions.parse_retry_after(None) is None


def test_bad_request_errors_are_parsed():
    body = (
        b'{"code":400,"message":"Validation Failed","errors":{"common":["Bad"],'
        b'"fields":{"limit":["Too big"]}}}'
    )
    error = exceptions.exception_for_response(400, "Bad Request", body, {})
    assert error.errors == {"common": ["Bad"], "fields": {"limit": ["Too big"]}}
    assert error.summary() == "(400) Bad Request: Validation Failed (Bad, limit: Too big)"
    assert exceptions.exception_for_response(400, "Bad Request", b"nope", {}).errors == {
        "common": [],
        "fields": {},
    }


def test_exceptions_pickle():
    import pickle

    error = exceptions.exception_for_response(404, "Not Found", b'{"message":"gone"}', {})
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is exceptions.NotFoundException and clone.message == "gone"


def test_connection_refused_is_an_api_connection_error():
    configuration = TextMagic.Configuration(
        host="http://127.0.0.1:%d" % free_port(), retries=0, **CREDENTIALS
    )
    with TextMagic.ApiClient(configuration) as client:
        started = time.monotonic()
        with pytest.raises(exceptions.ApiConnectionError) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert time.monotonic() - started < 5
    error = caught.value
    assert error.status == 0
    assert str(error).startswith("cannot connect to %s: " % configuration.host)
    assert "Connection refused" in str(error) and "object at" not in str(error)
    assert isinstance(error.__cause__, urllib3.exceptions.HTTPError)


@pytest.mark.parametrize("handler", [never_answers, answers_then_stalls])
def test_request_timeout_against_a_server_that_never_answers(handler):
    with RawServer(handler) as server:
        configuration = TextMagic.Configuration(host=server.url, retries=0, **CREDENTIALS)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError) as caught:
                api.get_message_session(1, _request_timeout=0.5)
            elapsed = time.monotonic() - started
    assert 0.4 < elapsed < 3
    assert isinstance(caught.value, exceptions.ApiConnectionError)
    assert "timed out" in str(caught.value)
    assert caught.value.__cause__ is not None


def test_request_timeout_pair_and_async(tmp_path):
    with RawServer(never_answers) as server:
        configuration = TextMagic.Configuration(host=server.url, retries=0, **CREDENTIALS)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            started = time.monotonic()
            pending = api.get_message_session_stat(1, _request_timeout=(1, 0.5), async_req=True)
            with pytest.raises(TextMagic.ApiTimeoutError):
                pending.get(timeout=10)
            assert time.monotonic() - started < 3


def test_default_timeout_applies_without_request_timeout():
    with RawServer(never_answers) as server:
        configuration = TextMagic.Configuration(
            host=server.url, retries=0, timeout=0.5, **CREDENTIALS
        )
        with TextMagic.ApiClient(configuration) as client:
            started = time.monotonic()
            with pytest.raises(TextMagic.ApiTimeoutError):
                TextMagic.OutboundMessageSessionsApi(client).get_all_message_sessions()
            assert time.monotonic() - started < 3


def _run_warning_free(code):
    script = textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_no_deprecation_warnings_on_success_and_error_paths(sandbox):
    result = _run_warning_free(
        """
        import TextMagic
        configuration = TextMagic.Configuration(host=%r, username=%r, password=%r)
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            api.get_message_session(1)
            data, status, headers = api.get_all_message_sessions_with_http_info()
            try:
                api.get_message_session(99999)
            except TextMagic.NotFoundException as error:
                assert error.status == 404
                error.headers.get("Content-Type")
            from TextMagic.rest import RESTResponse
            response = client.rest_client.request(
                "GET", configuration.host + "/api/v2/sessions/1",
                headers={"Authorization": configuration.get_basic_auth_token()})
            response.getheaders(); response.getheader("Content-Type")
        print("ok")
    """
        % (sandbox.url, sandbox.username, sandbox.api_key)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_a_pool_closed_behind_the_clients_back_is_replaced(client, sandbox):
    api = TextMagic.OutboundMessageSessionsApi(client)
    assert api.get_message_session(1).id == 1
    client.rest_client.pool_manager.clear()  # closes the pool the client holds on to
    assert api.get_message_session(2).id == 2
    assert api.get_message_session(3).id == 3


def test_one_connection_serves_sequential_calls(client, sandbox):
    api = TextMagic.OutboundMessageSessionsApi(client)
    for session_id in range(1, 30):
        api.get_message_session(session_id)
    assert sandbox.connections_opened == 1


@pytest.mark.parametrize(
    "host",
    [
        "http://127.0.0.1:80/a b",
        "http://127.0.0.1:80/\n",
        "https://rest.textmagic.com?x=1",
        "https://rest.textmagic.com#top",
    ],
)
def test_hosts_that_cannot_prefix_a_path_are_refused(host):
    with pytest.raises(ValueError, match="host"):
        TextMagic.Configuration(host=host)
