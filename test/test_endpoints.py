"""The six endpoints against the sandbox, checked by what the server received."""

import base64
import concurrent.futures
import json

import pytest
import urllib3

import TextMagic
from TextMagic import DeleteMessageSessionsBulkInputObject
from TextMagic.rest import ApiException


def last(sandbox):
    return sandbox.requests[-1]


def assert_common_headers(request, sandbox, accept=True):
    token = base64.b64encode(("%s:%s" % (sandbox.username, sandbox.api_key)).encode()).decode()
    assert request.headers.get("Authorization") == "Basic " + token
    assert request.headers.get("Content-Type") == "application/json"
    assert request.headers.get("User-Agent") == "TextMagic-Python/" + TextMagic.__version__
    assert request.headers.get("Accept") == ("application/json" if accept else None)


# -- get_all_message_sessions ------------------------------------------------------------


def test_get_all_message_sessions_defaults(api, sandbox):
    page = api.get_all_message_sessions()
    assert type(page) is dict
    assert page["page"] == 1 and page["limit"] == 10 and page["pageCount"] == 30
    assert [item["id"] for item in page["resources"]] == list(range(1, 11))
    request = last(sandbox)
    assert (request.method, request.path) == ("GET", "/api/v2/sessions")
    assert request.query == {}  # only what the caller passed: the server's defaults apply
    assert request.body == b""
    assert_common_headers(request, sandbox)


def test_get_all_message_sessions_page_and_limit(api, sandbox):
    page = api.get_all_message_sessions(page=3, limit=25)
    assert page["page"] == 3 and page["limit"] == 25 and page["pageCount"] == 12
    assert page["resources"][0]["id"] == 51
    assert last(sandbox).query == {"page": "3", "limit": "25"}


def test_get_all_message_sessions_none_means_server_default(api, sandbox):
    api.get_all_message_sessions(page=None, limit=None)
    assert last(sandbox).query == {}


def test_get_all_message_sessions_with_http_info(api):
    data, status, headers = api.get_all_message_sessions_with_http_info(page=1, limit=2)
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert len(data["resources"]) == 2


# -- get_message_session -------------------------------------------------------------------


def test_get_message_session(api, sandbox):
    session = api.get_message_session(5)
    assert isinstance(session, TextMagic.MessageSession)
    wire = sandbox.data.sessions[5]
    assert session.id == 5 and session.text == wire["text"]
    assert session.numbers_count == wire["numbersCount"]
    assert session.start_time.isoformat().startswith(wire["startTime"][:19])
    request = last(sandbox)
    assert (request.method, request.path, request.query) == ("GET", "/api/v2/sessions/5", {})
    assert_common_headers(request, sandbox)


def test_get_message_session_with_null_reference(api, sandbox):
    assert sandbox.data.sessions[3]["referenceId"] is None
    assert api.get_message_session(3).reference_id is None


def test_get_message_session_with_http_info(api):
    session, status, headers = api.get_message_session_with_http_info(1)
    assert status == 200 and session.id == 1
    assert int(headers["Content-Length"]) > 0


# -- get_message_session_stat ------------------------------------------------------------


def test_get_message_session_stat(api, sandbox):
    stat = api.get_message_session_stat(7)
    assert isinstance(stat, TextMagic.GetMessageSessionStatResponse)
    visible = [m for m in sandbox.data.messages[7] if not m["deleted"]]
    assert stat.all == len(visible)
    assert stat.delivered == sum(1 for m in visible if m["status"] == "d")
    request = last(sandbox)
    assert request.path == "/api/v2/sessions/7/stat"
    assert request.query == {}  # includeDeleted is the server's 0 unless passed


@pytest.mark.parametrize("flag, wire", [(1, "1"), (0, "0"), (True, "1"), (False, "0")])
def test_get_message_session_stat_include_deleted(api, sandbox, flag, wire):
    stat = api.get_message_session_stat(7, include_deleted=flag)
    assert last(sandbox).query == {"includeDeleted": wire}
    everything = sandbox.data.messages[7]
    expected = [m for m in everything if wire == "1" or not m["deleted"]]
    assert stat.all == len(expected)


# -- get_messages_by_session_id ------------------------------------------------------------


def test_get_messages_by_session_id_defaults(api, sandbox):
    page = api.get_messages_by_session_id(2)
    assert type(page) is dict and page["page"] == 1
    assert all(m["sessionId"] == 2 for m in page["resources"])
    request = last(sandbox)
    assert request.path == "/api/v2/sessions/2/messages"
    assert request.query == {}
    assert_common_headers(request, sandbox)


def test_get_messages_by_session_id_every_parameter(api, sandbox):
    session_id = next(sid for sid, messages in sandbox.data.messages.items() if len(messages) >= 5)
    page = api.get_messages_by_session_id(
        session_id, page=1, limit=2, statuses="d,f,q,r,a", include_deleted=1
    )
    request = last(sandbox)
    assert request.query == {
        "page": "1",
        "limit": "2",
        "statuses": "d,f,q,r,a",
        "includeDeleted": "1",
    }
    assert len(page["resources"]) <= 2
    assert all(m["status"] in "dfqra" for m in page["resources"])


def test_get_messages_statuses_as_a_list(api, sandbox):
    api.get_messages_by_session_id(2, statuses=["d", "f"])
    assert last(sandbox).query["statuses"] == "d,f"


def test_messages_have_every_delivery_status_and_nulls(api, sandbox):
    seen = set()
    nulls = set()
    for session_id in range(1, 40):
        page = api.get_messages_by_session_id(session_id, limit=100, include_deleted=1)
        for message in page["resources"]:
            seen.add(message["status"])
            nulls.update(key for key, value in message.items() if value is None)
    assert seen == set("qrabsdfeju")
    assert {"avatar", "firstName", "lastName"} <= nulls


def test_get_messages_by_session_id_with_http_info(api):
    data, status, _ = api.get_messages_by_session_id_with_http_info(1, limit=1)
    assert status == 200 and data["limit"] == 1


# -- delete_message_session ------------------------------------------------------------------


def test_delete_message_session(api, sandbox):
    assert api.delete_message_session(4) is None
    request = last(sandbox)
    assert (request.method, request.path, request.body) == ("DELETE", "/api/v2/sessions/4", b"")
    assert_common_headers(request, sandbox, accept=False)
    assert 4 not in sandbox.data.sessions
    with pytest.raises(TextMagic.NotFoundException):
        api.get_message_session(4)


def test_delete_message_session_with_http_info(api):
    data, status, headers = api.delete_message_session_with_http_info(4)
    assert (data, status) == (None, 204)
    assert headers["Content-Length"] == "0"


# -- delete_message_sessions_bulk ------------------------------------------------------------


def test_delete_message_sessions_bulk_by_ids(api, sandbox):
    body = DeleteMessageSessionsBulkInputObject(ids="1,2,3")
    assert api.delete_message_sessions_bulk(body) is None
    request = last(sandbox)
    assert (request.method, request.path) == ("POST", "/api/v2/sessions/delete")
    assert request.json() == {"ids": "1,2,3"}
    assert request.headers.get("X-Ignore-Null-Values") == "true"
    assert_common_headers(request, sandbox, accept=False)
    assert not {1, 2, 3} & set(sandbox.data.sessions)
    assert len(sandbox.data.sessions) == 297


def test_delete_message_sessions_bulk_header_false(api, sandbox):
    body = DeleteMessageSessionsBulkInputObject(ids=[9])
    api.delete_message_sessions_bulk(body, x_ignore_null_values=False)
    assert last(sandbox).headers.get("X-Ignore-Null-Values") == "false"
    assert last(sandbox).json() == {"ids": "9"}


def test_delete_message_sessions_bulk_all(api, sandbox):
    _, status, _ = api.delete_message_sessions_bulk_with_http_info(
        DeleteMessageSessionsBulkInputObject(all=1)
    )
    assert status == 204
    assert last(sandbox).json() == {"all": 1}
    assert api.get_all_message_sessions()["resources"] == []


def test_delete_message_sessions_bulk_empty_body_is_sent(api, sandbox):
    with pytest.raises(TextMagic.BadRequestException) as caught:
        api.delete_message_sessions_bulk(DeleteMessageSessionsBulkInputObject())
    assert last(sandbox).body == b"{}"
    assert caught.value.errors["common"] == ["Either ids or all must be specified."]


# -- the call options ---------------------------------------------------------------------


def test_async_req_returns_a_result_with_get(api):
    pending = api.get_message_session(2, async_req=True)
    session = pending.get(timeout=10)
    assert session.id == 2
    assert pending.ready() and pending.successful()


def test_async_req_result_waits_within_a_timeout(api, sandbox):
    sandbox.add_fault(delay=1.0, path="/api/v2/sessions/3")
    pending = api.get_message_session(3, async_req=True)
    with pytest.raises(concurrent.futures.TimeoutError):
        pending.get(timeout=0.05)
    pending.wait(0.05)
    assert not pending.ready()
    with pytest.raises(ValueError, match="not ended"):
        pending.successful()
    pending.wait(10)
    assert pending.ready() and pending.successful()
    assert pending.get(timeout=0).id == 3 and pending.get().id == 3  # as often as asked
    assert pending.future.result(0).id == 3  # the concurrent.futures.Future behind it


def test_async_req_raises_the_calls_exception_from_get(api):
    pending = api.get_message_session(100000, async_req=True)
    with pytest.raises(TextMagic.NotFoundException):
        pending.get(timeout=10)
    assert not pending.successful()


def test_async_req_on_every_method(api):
    pending = [
        api.get_all_message_sessions(limit=1, async_req=True),
        api.get_message_session(1, async_req=True),
        api.get_message_session_stat(1, async_req=True),
        api.get_messages_by_session_id(1, async_req=True),
        api.delete_message_session(2, async_req=True),
        api.delete_message_sessions_bulk(
            DeleteMessageSessionsBulkInputObject(ids="3"), async_req=True
        ),
        api.get_message_session_with_http_info(1, async_req=True),
    ]
    results = [p.get(timeout=10) for p in pending]
    assert results[1].id == 1 and results[4] is None and results[5] is None
    assert results[6][1] == 200


def test_preload_content_false_returns_the_raw_unread_response(api):
    raw = api.get_message_session(6, _preload_content=False)
    assert isinstance(raw, urllib3.response.HTTPResponse)
    assert raw.status == 200
    assert json.loads(raw.read())["id"] == 6
    raw.release_conn()


def test_preload_content_false_still_raises_for_errors(api):
    with pytest.raises(TextMagic.NotFoundException):
        api.get_message_session(100000, _preload_content=False)


def test_return_http_data_only_on_with_http_info(api):
    session = api.get_message_session_with_http_info(1, _return_http_data_only=True)
    assert isinstance(session, TextMagic.MessageSession)


@pytest.mark.parametrize("timeout", [5, 5.0, (2, 5)])
def test_request_timeout_forms_are_accepted(api, timeout):
    assert api.get_message_session(1, _request_timeout=timeout).id == 1


# -- the error paths --------------------------------------------------------------------------


def test_404_for_a_missing_session(api):
    with pytest.raises(TextMagic.NotFoundException) as caught:
        api.get_message_session(123456)
    error = caught.value
    assert isinstance(error, ApiException)
    assert error.status == 404 and error.reason == "Not Found"
    assert error.message == "Session not found"
    assert json.loads(error.body) == {"code": 404, "message": "Session not found", "errors": None}
    assert error.summary() == "(404) Not Found: Session not found [GET /api/v2/sessions/123456]"
    assert str(error).startswith(
        "(404)\nReason: Not Found\nMessage: Session not found\n"
        "Request: GET /api/v2/sessions/123456\nHTTP response headers: HTTPHeaderDict("
    )
    assert str(error).endswith("\nHTTP response body: %s\n" % error.body)
    assert error.method == "GET" and error.url.endswith("/api/v2/sessions/123456")
    assert isinstance(error.body, str) and "Session not found" in error.body


@pytest.mark.parametrize(
    "call",
    [
        lambda api: api.get_message_session_stat(123456),
        lambda api: api.get_messages_by_session_id(123456),
        lambda api: api.delete_message_session(123456),
    ],
)
def test_404_on_every_per_session_endpoint(api, call):
    with pytest.raises(TextMagic.NotFoundException):
        call(api)


def test_400_carries_field_errors(api):
    with pytest.raises(TextMagic.BadRequestException) as caught:
        api.get_messages_by_session_id(1, statuses="zz")
    error = caught.value
    assert error.status == 400
    assert list(error.errors["fields"]) == ["statuses"]
    assert "statuses" in str(error)


def test_401_for_a_wrong_api_key(sandbox):
    configuration = sandbox.configuration()
    configuration.password = "wrong"
    with TextMagic.ApiClient(configuration) as client:
        with pytest.raises(TextMagic.UnauthorizedException) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert caught.value.status == 401
    assert "wrong" not in str(caught.value)


def test_no_credentials_fail_before_sending(sandbox):
    with TextMagic.ApiClient(TextMagic.Configuration(host=sandbox.url)) as client:
        with pytest.raises(ValueError) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_all_message_sessions()
    assert "configuration.username" in str(caught.value)
    assert "TEXTMAGIC_USERNAME" in str(caught.value) and "TEXTMAGIC_API_KEY" in str(caught.value)
    assert sandbox.requests == []


def test_credentials_of_ones_own_in_a_header_are_sent(sandbox):
    with TextMagic.ApiClient(TextMagic.Configuration(host=sandbox.url)) as client:
        client.set_default_header("X-TM-Username", sandbox.username)
        client.set_default_header("X-TM-Key", sandbox.api_key)
        assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(1).id == 1


def test_405_for_a_wrong_method(client):
    with pytest.raises(ApiException) as caught:
        client.call_api("/api/v2/sessions/delete", "GET", auth_settings=["BasicAuth"])
    assert caught.value.status == 405
    assert caught.value.headers["Allow"] == "POST"
    assert type(caught.value) is ApiException


def test_default_api_client_uses_the_default_configuration(sandbox):
    TextMagic.Configuration.set_default(sandbox.configuration())
    try:
        api = TextMagic.OutboundMessageSessionsApi()
        try:
            assert api.get_message_session(1).id == 1
        finally:
            api.api_client.close()
    finally:
        TextMagic.Configuration.set_default(None)
