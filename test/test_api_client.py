"""ApiClient: headers, bodies, (de)serialization, lifetime and sharing between threads."""

import collections.abc
import concurrent.futures
import datetime
import threading
from types import MappingProxyType

import pytest

import TextMagic
from TextMagic import ApiClient, MessageSession
from TextMagic.api_client import AsyncResult
from TextMagic.exceptions import MalformedResponseError


def test_constructor_header_and_cookie(sandbox):
    configuration = sandbox.configuration()
    with ApiClient(
        configuration, header_name="X-Trace", header_value="abc", cookie="session=1"
    ) as client:
        TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    request = sandbox.requests[-1]
    assert request.headers.get("X-Trace") == "abc"
    assert request.headers.get("Cookie") == "session=1"


def test_user_agent_default_and_override(client, sandbox):
    assert client.user_agent == "TextMagic-Python/%s" % TextMagic.__version__
    client.user_agent = "my-app/2.0"
    TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert sandbox.requests[-1].headers.get("User-Agent") == "my-app/2.0"


def test_per_call_headers_win_over_default_headers(client, sandbox):
    client.set_default_header("content-type", "text/plain")
    client.set_default_header("X-Ignore-Null-Values", "false")
    client.set_default_header("X-Extra", "kept")
    api = TextMagic.OutboundMessageSessionsApi(client)
    api.delete_message_sessions_bulk(TextMagic.DeleteMessageSessionsBulkInputObject(ids="1"))
    request = sandbox.requests[-1]
    assert request.headers.get_all("Content-Type") == ["application/json"]
    assert request.headers.get_all("X-Ignore-Null-Values") == ["true"]
    assert request.headers.get("X-Extra") == "kept"


@pytest.mark.parametrize(
    "name, value",
    [("X-Bad", "a\r\nInjected: 1"), ("X-Bad", "a\nb"), ("X-Bad\r\n", "a"), ("X-Bad", "a\0")],
)
def test_line_breaks_in_headers_are_refused(client, name, value):
    with pytest.raises(ValueError, match="line break"):
        client.set_default_header(name, value)


def test_line_breaks_in_user_agent_and_cookie_are_refused(sandbox):
    with ApiClient(sandbox.configuration()) as client:
        with pytest.raises(ValueError):
            client.user_agent = "x\r\nAuthorization: Basic AAAA"
        with pytest.raises(ValueError):
            client.cookie = "a=1\r\nX: y"
    with pytest.raises(ValueError):
        ApiClient(sandbox.configuration(), cookie="a\nb")


def test_header_smuggled_into_default_headers_is_refused_before_sending(client, sandbox):
    client.default_headers["X-Bad"] = "a\r\nb"
    with pytest.raises(ValueError):
        TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert sandbox.requests == []


def test_per_call_headers_are_merged_anew_whenever_they_or_the_defaults_change(client):
    def sent(headers):
        return dict(client.build_request("/api/v2/sessions", "GET", header_params=headers).headers)

    assert sent({"X-Flag": True})["X-Flag"] == "true"
    assert sent({"X-Flag": 1})["X-Flag"] == "1"  # equal to True as a key, not as text
    assert sent({"X-Flag": "on"})["X-Flag"] == "on"
    assert sent({"X-Flag": "on"})["X-Flag"] == "on"  # the merge kept from the call before
    client.default_headers["X-Default"] = "a"
    assert sent({"X-Flag": "on"})["X-Default"] == "a"
    client.default_headers["X-Default"] = "b"
    assert sent({"X-Flag": "on"})["X-Default"] == "b"
    client.cookie = "c=1"
    assert sent({"X-Flag": "on"})["Cookie"] == "c=1"
    # What a caller does to the headers it got changes no later call's.
    client._default_headers.merged(client.default_headers, client.cookie, {"X-Flag": "on"})[
        "X-Flag"
    ] = "changed"
    assert sent({"X-Flag": "on"})["X-Flag"] == "on"
    # More sets than a client keeps: each one still right.
    for number in range(100):
        assert sent({"X-Number": str(number)})["X-Number"] == str(number)

    class Unhashable(object):
        __hash__ = None

        def __str__(self):
            return "text"

    assert sent({"X-Object": Unhashable()})["X-Object"] == "text"
    for _ in range(2):  # refused every time: a refused set is never kept
        with pytest.raises(ValueError, match="line break"):
            sent({"X-Bad": "a\r\nInjected: 1"})


def test_a_request_changed_by_hand_is_sent_with_its_headers(client, sandbox):
    class Headers(collections.abc.Mapping):  # a mapping without copy()
        def __init__(self, items):
            self.items_ = dict(items)

        def __getitem__(self, name):
            return self.items_[name]

        def __iter__(self):
            return iter(self.items_)

        def __len__(self):
            return len(self.items_)

    request = client.build_request(
        "/api/v2/sessions/{id}",
        "GET",
        {"id": 1},
        header_params={"Accept": "application/json", "X-Trace": "t"},
        response_type="MessageSession",
        auth_settings=["BasicAuth"],
        _return_http_data_only=True,
    )
    for headers in (Headers(request.headers), MappingProxyType(Headers(request.headers))):
        assert client.send(request._replace(headers=headers)).id == 1
        assert sandbox.requests[-1].headers.get("X-Trace") == "t"


def test_an_empty_body_is_still_sent(client, sandbox):
    with pytest.raises(TextMagic.BadRequestException):
        client.call_api(
            "/api/v2/sessions/delete",
            "POST",
            body={},
            header_params={"Content-Type": "application/json"},
            auth_settings=["BasicAuth"],
        )
    assert sandbox.requests[-1].body == b"{}"


def test_call_api_returns_data_status_headers(client):
    data, status, headers = client.call_api(
        "/api/v2/sessions/{id}",
        "GET",
        path_params={"id": 3},
        response_type="MessageSession",
        auth_settings=["BasicAuth"],
    )
    assert isinstance(data, MessageSession) and data.id == 3 and status == 200
    assert headers.get("content-type") == "application/json"


def test_request_rejects_unknown_methods(client):
    with pytest.raises(ValueError, match="http method"):
        client.request("FETCH", client.configuration.host)


def test_select_headers():
    assert ApiClient.select_header_accept([]) is None
    assert (
        ApiClient.select_header_accept(["application/xml", "Application/JSON"])
        == "application/json"
    )
    assert ApiClient.select_header_accept(["text/plain", "text/csv"]) == "text/plain, text/csv"
    assert ApiClient.select_header_content_type([]) == "application/json"
    assert ApiClient.select_header_content_type(["text/plain"]) == "text/plain"


def test_sanitize_for_serialization(client):
    moment = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    data = {
        "a": [1, 2.5, "x", True, None],
        "b": (moment, datetime.date(2020, 1, 2)),
        "c": MessageSession(id=1, start_time=moment),
    }
    assert client.sanitize_for_serialization(data) == {
        "a": [1, 2.5, "x", True, None],
        "b": ["2020-01-02T03:04:05+00:00", "2020-01-02"],
        "c": {"id": 1, "startTime": "2020-01-02T03:04:05+00:00"},
    }
    with pytest.raises(TypeError, match="set"):
        client.sanitize_for_serialization({1, 2})


def test_deserialize_data_types(client):
    assert client.deserialize_data({"a": 1}, "dict(str, object)") == {"a": 1}
    assert client.deserialize_data({"a": {"id": 1}}, "dict(str, MessageSession)") == {
        "a": MessageSession(id=1)
    }
    assert client.deserialize_data([{"id": 1}, None], "list[MessageSession]") == [
        MessageSession(id=1),
        None,
    ]
    assert client.deserialize_data("2020-01-02T03:04:05Z", "datetime").year == 2020
    assert client.deserialize_data(None, "MessageSession") is None


class _Response(object):
    status, reason, headers = 200, "OK", {}

    def __init__(self, data):
        self.data = data


@pytest.mark.parametrize("body", [b"", b"{not json", b"<html>oops</html>", b"[1, 2]", b"42"])
def test_deserialize_malformed_bodies(client, body):
    with pytest.raises(MalformedResponseError) as caught:
        client.deserialize(_Response(body), "MessageSession")
    assert caught.value.status == 200
    assert caught.value.raw_body == body
    assert caught.value.body == body.decode()  # text, as in the generated clients
    assert str(caught.value)


def sdk_threads():
    return [t for t in threading.enumerate() if t.name.startswith("TextMagic_")]


def test_no_thread_until_async_req_is_used_and_none_once_its_calls_ended(client, api):
    api.get_message_session(1)
    assert sdk_threads() == []
    result = api.get_message_session(1, async_req=True)
    assert isinstance(result, AsyncResult)
    assert isinstance(result.future, concurrent.futures.Future)
    assert result.get(10).id == 1
    # The thread that ran it had nothing left to do: it ended, and get() waited for it.
    assert sdk_threads() == []
    results = [api.get_message_session(i, async_req=True) for i in range(1, 30)]
    assert [r.get(10).id for r in results] == list(range(1, 30))
    assert len(sdk_threads()) <= client.configuration.connection_pool_maxsize
    for r in results:
        r.wait()
    assert sdk_threads() == []


def test_close_stops_async_threads(sandbox):
    client = ApiClient(sandbox.configuration())
    api = TextMagic.OutboundMessageSessionsApi(client)
    results = [api.get_message_session(i, async_req=True) for i in range(1, 20)]
    client.close()
    assert [r.get(0).id for r in results] == list(range(1, 20))
    assert sdk_threads() == []
    with pytest.raises(RuntimeError, match="closed"):
        api.get_message_session(1)
    with pytest.raises(RuntimeError, match="closed"):
        api.get_message_session(1, async_req=True)


def test_context_manager_closes(sandbox):
    with ApiClient(sandbox.configuration()) as client:
        TextMagic.OutboundMessageSessionsApi(client).get_message_session(1, async_req=True).get(10)
    assert client._closed and sdk_threads() == []


def test_no_finalizer():
    assert "__del__" not in vars(ApiClient)
    assert not hasattr(ApiClient, "__del__")


def test_one_client_shared_by_threads(api, sandbox):
    """Several threads on one client: every answer matches its own request."""
    errors = []
    checked = []

    def work(worker):
        try:
            for round_ in range(15):
                session_id = 1 + (worker * 15 + round_) % 300
                session = api.get_message_session(session_id)
                assert session.id == session_id
                data, status, headers = api.get_messages_by_session_id_with_http_info(
                    session_id, limit=100
                )
                assert status == 200
                assert {m["sessionId"] for m in data["resources"]} <= {session_id}
                stat = api.get_message_session_stat(session_id, include_deleted=1)
                assert stat.all == len(sandbox.data.messages[session_id])
                checked.append(session_id)
        except Exception as error:  # reported below with the worker's number
            errors.append((worker, error))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert len(checked) == 8 * 15


def test_many_async_calls_in_flight(api):
    pending = {i: api.get_message_session(1 + i % 300, async_req=True) for i in range(200)}
    for i, result in pending.items():
        assert result.get(30).id == 1 + i % 300


def test_call_api_checks_the_timeout_before_sending(client, sandbox):
    with pytest.raises(TypeError, match="timeout"):
        client.call_api("/api/v2/sessions", "GET", async_req=True, _request_timeout="soon")
    assert sandbox.requests == []
