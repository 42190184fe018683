"""The generated client's seams, used the way its users' own tests use them: patching
``ApiClient.call_api``, ``ApiClient.request`` or ``RESTClientObject.request``, a fake
``pool_manager``, ``rest_client.GET(...)``, text bodies, ``last_response``; and the
request object every call becomes."""

import concurrent.futures
import json
import threading
from unittest import mock

import pytest

import TextMagic
from TextMagic import ApiClient, DeleteMessageSessionsBulkInputObject, MessageSession
from TextMagic.request import Request
from TextMagic.rest import ApiException, RESTClientObject

SIX_CALLS = [
    ("delete_message_session", (3,), {}),
    ("delete_message_sessions_bulk", (DeleteMessageSessionsBulkInputObject(ids="1,2"),), {}),
    ("get_all_message_sessions", (), {"page": 2, "limit": 5}),
    ("get_message_session", (7,), {}),
    ("get_message_session_stat", (7,), {}),
    ("get_messages_by_session_id", (7,), {"statuses": "d"}),
]


@pytest.mark.parametrize("async_req", [False, True])
def test_patching_call_api_intercepts_every_operation(api, sandbox, async_req):
    with mock.patch.object(ApiClient, "call_api") as call_api:
        call_api.return_value = "intercepted"
        for name, args, kwargs in SIX_CALLS:
            result = getattr(api, name)(*args, async_req=async_req, **kwargs)
            assert result == "intercepted"
    assert sandbox.requests == []  # nothing reached the server
    assert call_api.call_count == 6
    paths = [(c.args[0], c.args[1]) for c in call_api.call_args_list]
    assert paths == [
        ("/api/v2/sessions/{id}", "DELETE"),
        ("/api/v2/sessions/delete", "POST"),
        ("/api/v2/sessions", "GET"),
        ("/api/v2/sessions/{id}", "GET"),
        ("/api/v2/sessions/{id}/stat", "GET"),
        ("/api/v2/sessions/{id}/messages", "GET"),
    ]
    get_call = call_api.call_args_list[3]
    # The generated clients' call shape: three positional dicts, the rest by keyword.
    assert get_call.args[2] == {"id": 7}
    assert get_call.kwargs["response_type"] == "MessageSession"
    assert get_call.kwargs["auth_settings"] == ["BasicAuth"]
    assert get_call.kwargs["async_req"] is async_req
    assert get_call.kwargs["_return_http_data_only"] is True
    assert get_call.kwargs["_preload_content"] is True
    assert get_call.kwargs["_request_timeout"] is None
    assert get_call.kwargs["post_params"] == [] and get_call.kwargs["files"] == {}
    list_call = call_api.call_args_list[2]
    assert list_call.args[3] == [("page", 2), ("limit", 5)]
    bulk_call = call_api.call_args_list[1]
    assert bulk_call.kwargs["body"] == DeleteMessageSessionsBulkInputObject(ids="1,2")


def test_patching_request_and_rest_request_intercepts(api, sandbox):
    fake = mock.Mock(status=200, reason="OK", data='{"id": 5, "text": "fake"}', headers={})
    with mock.patch.object(ApiClient, "request", return_value=fake) as request:
        session = api.get_message_session(5)
    assert session == MessageSession(id=5, text="fake")
    assert request.call_args.args[:2] == ("GET", sandbox.url + "/api/v2/sessions/5")
    with mock.patch.object(RESTClientObject, "request", return_value=fake) as rest_request:
        api.get_message_session_stat(5, async_req=True).get(10)
    assert rest_request.call_args.args[:2] == (
        "GET",
        sandbox.url + "/api/v2/sessions/5/stat",  # only the parameters passed
    )
    assert sandbox.requests == []


class FakePoolManager(object):
    """A test double in the generated clients' style: records, answers canned JSON."""

    def __init__(self, payload):
        self.payload = payload
        self.calls = []

    def request(self, method, url, **kwargs):
        self.calls.append((method, url, kwargs))
        return mock.Mock(
            status=200,
            reason="OK",
            data=json.dumps(self.payload).encode(),
            headers={"Content-Type": "application/json"},
        )

    def clear(self):
        pass


def test_a_fake_pool_manager_receives_the_request(client, sandbox):
    fake = FakePoolManager({"id": 9, "text": "from the fake"})
    client.rest_client.pool_manager = fake
    session = TextMagic.OutboundMessageSessionsApi(client).get_message_session("9")
    assert session.id == 9 and session.text == "from the fake"
    method, url, kwargs = fake.calls[0]
    assert (method, url) == ("GET", sandbox.url + "/api/v2/sessions/9")
    assert kwargs["headers"]["Authorization"].startswith("Basic ")
    assert sandbox.requests == []


def test_rest_client_verbs_reach_the_server_with_query_params(client, sandbox):
    auth = {"Authorization": client.configuration.get_basic_auth_token()}
    rest = client.rest_client
    response = rest.GET(
        sandbox.url + "/api/v2/sessions", headers=auth, query_params={"page": 2, "limit": 3}
    )
    assert response.status == 200 and json.loads(response.data)["page"] == 2
    assert sandbox.requests[-1].query == {"page": "2", "limit": "3"}
    rest.GET(sandbox.url + "/api/v2/sessions?page=3", headers=auth, query_params=[("limit", 4)])
    assert sandbox.requests[-1].query == {"page": "3", "limit": "4"}
    with pytest.raises(TextMagic.ApiException) as caught:  # the sandbox allows no HEAD
        rest.HEAD(sandbox.url + "/api/v2/sessions/1", headers=auth)
    assert caught.value.status == 405 and sandbox.requests[-1].method == "HEAD"
    assert rest.DELETE(sandbox.url + "/api/v2/sessions/1", headers=auth).status == 204
    assert (sandbox.requests[-1].method, sandbox.requests[-1].path) == (
        "DELETE",
        "/api/v2/sessions/1",
    )
    response = rest.POST(sandbox.url + "/api/v2/sessions/delete", headers=auth, body={"ids": "2"})
    assert response.status == 204 and sandbox.requests[-1].json() == {"ids": "2"}
    with pytest.raises(TextMagic.ApiException) as caught:
        rest.PUT(sandbox.url + "/api/v2/sessions/3", headers=auth, body={})
    assert caught.value.status == 405 and caught.value.method == "PUT"
    with pytest.raises(TextMagic.ApiException):
        rest.PATCH(sandbox.url + "/api/v2/sessions/3", headers=auth, body={})
    with pytest.raises(TextMagic.ApiException):
        rest.OPTIONS(sandbox.url + "/api/v2/sessions/3", headers=auth)


def test_api_client_request_honours_query_params_and_refuses_what_it_cannot_send(client, sandbox):
    auth = {"Authorization": client.configuration.get_basic_auth_token()}
    response = client.request(
        "GET", sandbox.url + "/api/v2/sessions", query_params=[("page", 3)], headers=auth
    )
    assert json.loads(response.data)["page"] == 3
    assert sandbox.requests[-1].query == {"page": "3"}
    count = len(sandbox.requests)
    with pytest.raises(ValueError, match="GET"):
        client.request("GET", sandbox.url + "/api/v2/sessions", body={"a": 1})
    with pytest.raises(ValueError, match="DELETE"):
        client.request("DELETE", sandbox.url + "/api/v2/sessions/1", post_params={"a": 1})
    with pytest.raises(ValueError, match="GET"):
        client.call_api("/api/v2/sessions", "GET", post_params={"a": 1})
    with pytest.raises(ValueError, match="method"):
        client.request("FETCH", sandbox.url + "/api/v2/sessions")
    assert len(sandbox.requests) == count


def test_post_params_are_sent_as_a_form_or_refused(client, sandbox):
    auth = {"Authorization": client.configuration.get_basic_auth_token()}
    url = sandbox.url + "/api/v2/sessions/delete"
    with pytest.raises(TextMagic.BadRequestException):  # the API wants JSON: 400
        client.rest_client.POST(url, headers=auth, post_params={"ids": "1,2"})
    received = sandbox.requests[-1]
    assert received.headers.get("Content-Type") == "application/x-www-form-urlencoded"
    assert received.body == b"ids=1%2C2"
    with pytest.raises(ValueError, match="together"):
        client.rest_client.POST(url, headers=auth, post_params={"a": 1}, body={"ids": "1"})
    with pytest.raises(ValueError, match="form"):
        client.rest_client.POST(
            url, headers=dict(auth, **{"Content-Type": "application/json"}), post_params={"a": 1}
        )
    count = len(sandbox.requests)
    with pytest.raises(ValueError, match="file uploads"):
        client.call_api("/api/v2/sessions/delete", "POST", files={"f": "x"})
    assert len(sandbox.requests) == count


def test_multipart_post_params(client, sandbox):
    auth = {"Authorization": client.configuration.get_basic_auth_token()}
    headers = dict(auth, **{"Content-Type": "multipart/form-data"})
    with pytest.raises(TextMagic.BadRequestException):
        client.rest_client.POST(
            sandbox.url + "/api/v2/sessions/delete", headers=headers, post_params=[("ids", "1")]
        )
    received = sandbox.requests[-1]
    assert received.headers.get("Content-Type").startswith("multipart/form-data; boundary=")
    assert b'name="ids"' in received.body


def test_bodies_are_text_and_the_bytes_are_kept(api, client, sandbox):
    sandbox.add_fault(
        status=404,
        body="Sitzung nicht gefunden: \u00e4".encode("latin-1") + b"\xff",
        headers={"Content-Type": "text/plain; charset=latin-1"},
    )
    with pytest.raises(ApiException) as caught:
        api.get_message_session(1)
    error = caught.value
    assert isinstance(error.body, str) and "Sitzung nicht gefunden: \u00e4\u00ff" == error.body
    assert error.raw_body == "Sitzung nicht gefunden: \u00e4".encode("latin-1") + b"\xff"
    with pytest.raises(ApiException) as caught:
        api.get_message_session(999999)
    assert "Session not found" in caught.value.body  # str: the generated clients' test
    sandbox.add_fault(status=500, body=b"\xff\xfe broken \x80", headers={})
    with pytest.raises(ApiException) as caught:
        api.get_message_session(1)
    assert caught.value.body == "\ufffd\ufffd broken \ufffd"  # undecodable: replaced
    response = client.rest_client.GET(
        sandbox.url + "/api/v2/sessions/1",
        headers={"Authorization": client.configuration.get_basic_auth_token()},
    )
    assert isinstance(response.data, str) and isinstance(response.raw_data, bytes)
    assert json.loads(response.data) == json.loads(response.raw_data)


def test_last_response_is_per_thread(client, sandbox):
    api = TextMagic.OutboundMessageSessionsApi(client)
    both_called = threading.Barrier(2, timeout=10)

    def call(session_id):
        api.get_message_session(session_id)
        both_called.wait()  # each thread has made its call before either reads
        return json.loads(client.last_response.data)["id"], client.last_response.status

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(call, [4, 6]))
    assert results == [(4, 200), (6, 200)]
    assert client.last_response is None  # this thread made no call
    api.get_message_session_stat(2)
    assert client.last_response.status == 200
    assert "all" in json.loads(client.last_response.data)


def test_dict_bodies_and_digit_string_ids(api, sandbox):
    api.delete_message_sessions_bulk({"ids": "1,2"})
    assert sandbox.requests[-1].json() == {"ids": "1,2"}
    api.delete_message_sessions_bulk({"ids": [3, 4], "all": 0})
    assert sandbox.requests[-1].json() == {"ids": "3,4", "all": 0}
    assert api.get_message_session("7").id == 7
    assert sandbox.requests[-1].path == "/api/v2/sessions/7"
    page = api.get_all_message_sessions(page="2", limit="3")
    assert page["page"] == 2 and sandbox.requests[-1].query == {"page": "2", "limit": "3"}
    api.get_messages_by_session_id("5", page="1")
    assert sandbox.requests[-1].path == "/api/v2/sessions/5/messages"


def test_a_307_on_the_bulk_delete_is_sent_once_per_hop(api, sandbox):
    moved = sandbox.url + "/api/v2/sessions/delete?hop=2"
    sandbox.add_fault(
        status=307, headers={"Location": moved}, path="/api/v2/sessions/delete", method="POST"
    )
    api.delete_message_sessions_bulk(DeleteMessageSessionsBulkInputObject(ids="1"))
    hops = [(r.method, r.path, r.query, r.json()) for r in sandbox.requests]
    assert hops == [
        ("POST", "/api/v2/sessions/delete", {}, {"ids": "1"}),
        ("POST", "/api/v2/sessions/delete", {"hop": "2"}, {"ids": "1"}),
    ]
    # Same origin: the credentials went along.
    assert sandbox.requests[1].headers.get("Authorization", "").startswith("Basic ")


def test_redirects_stop_after_five_hops(api, sandbox):
    sandbox.add_fault(
        status=302, headers={"Location": sandbox.url + "/api/v2/sessions/1"}, times=10
    )
    with pytest.raises(ApiException) as caught:
        api.get_message_session(1)
    assert caught.value.status == 302
    assert len(sandbox.requests) == 6  # the request and five redirects


def test_a_303_turns_into_a_get_without_body(api, sandbox):
    sandbox.add_fault(
        status=303, headers={"Location": "/api/v2/sessions/2"}, path="/api/v2/sessions/delete"
    )
    api.delete_message_sessions_bulk({"ids": "1"})
    first, second = sandbox.requests
    assert (first.method, second.method, second.path, second.body) == (
        "POST",
        "GET",
        "/api/v2/sessions/2",
        b"",
    )
    assert second.headers.get("Content-Type") is None


def test_exceptions_name_the_request_without_credentials(sandbox):
    configuration = sandbox.configuration()
    configuration.host = sandbox.url + "/textmagic"  # a prefix this server does not serve
    with ApiClient(configuration) as client:
        with pytest.raises(TextMagic.NotFoundException) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(9)
    error = caught.value
    assert error.summary() == "(404) Not Found: Not found [GET /textmagic/api/v2/sessions/9]"
    assert error.method == "GET" and error.url == sandbox.url + "/textmagic/api/v2/sessions/9"
    assert "method='GET'" in repr(error)


def test_bad_request_repr_shows_field_errors(api):
    with pytest.raises(TextMagic.BadRequestException) as caught:
        api.get_messages_by_session_id(1, statuses="zz")
    assert "errors={" in repr(caught.value) and "statuses" in repr(caught.value)


def test_network_errors_name_the_request(sandbox):
    from test.servers import free_port

    configuration = sandbox.configuration(retries=0, timeout=2)
    configuration.host = "http://127.0.0.1:%d" % free_port()
    with ApiClient(configuration) as client:
        with pytest.raises(TextMagic.ApiConnectionError) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(9)
    assert str(caught.value).endswith("[GET /api/v2/sessions/9]")
    assert caught.value.url == configuration.host + "/api/v2/sessions/9"


def test_the_request_object(client, sandbox):
    request = client.build_request(
        "/api/v2/sessions/{id}",
        "get",
        {"id": 5},
        [("x", "1 2")],
        {"X-Trace": "t"},
        response_type="MessageSession",
        auth_settings=["BasicAuth"],
        _request_timeout=3,
    )
    assert isinstance(request, Request)
    assert request.method == "GET" and request.url == sandbox.url + "/api/v2/sessions/5?x=1%202"
    assert request.headers["X-Trace"] == "t" and "Authorization" in request.headers
    assert request.timeout.connect_timeout == 3
    with pytest.raises(AttributeError):
        request.url = "http://elsewhere"
    with pytest.raises(TypeError):
        request.headers["X-Trace"] = "changed"
    assert "Basic" not in repr(request) and sandbox.api_key not in repr(request)
    assert client.send(request)[0] == client.send(request)[0]  # the same object, sent twice
    assert client.last_response.status == 200
    assert [r.path for r in sandbox.requests] == ["/api/v2/sessions/5"] * 2
