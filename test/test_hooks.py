"""Request hooks (configuration.event_hooks): told of every exchange, retries and
redirects included, never of a credential; what they raise reaches the caller."""

import pytest

import TextMagic


def recording(sandbox, **settings):
    seen = {"request": [], "response": []}
    configuration = sandbox.configuration(**settings)
    configuration.event_hooks = {
        "request": [seen["request"].append],
        "response": [seen["response"].append],
    }
    client = TextMagic.ApiClient(configuration)
    return client, TextMagic.OutboundMessageSessionsApi(client), seen


def test_hooks_see_every_try_with_its_status_and_time(sandbox):
    sandbox.add_fault(status=503, headers={"Retry-After": "0"}, times=2)
    client, api, seen = recording(sandbox, retries=3)
    with client:
        assert api.get_message_session(4).id == 4
    assert [r.method for r in seen["request"]] == ["GET"] * 3
    assert [r.url for r in seen["request"]] == [sandbox.url + "/api/v2/sessions/4"] * 3
    assert [r.status for r in seen["response"]] == [503, 503, 200]
    assert all(r.elapsed > 0 and r.request.method == "GET" for r in seen["response"])
    assert seen["response"][-1].headers["Content-Type"].startswith("application/json")
    assert len(sandbox.requests) == 3


def test_hooks_never_see_a_credential(sandbox):
    client, api, seen = recording(sandbox)
    client.set_default_header("X-TM-Key", "a-key-set-as-a-header")
    with client:
        api.get_message_session_stat(1, include_deleted=1)
    headers = seen["request"][0].headers
    assert headers["Authorization"] == "***" and headers["X-TM-Key"] == "***"
    assert sandbox.api_key not in repr(seen) and "a-key-set-as-a-header" not in repr(seen)
    assert seen["request"][0].url.endswith("/api/v2/sessions/1/stat?includeDeleted=1")


class Refused(Exception):
    pass


def test_what_a_request_hook_raises_reaches_the_caller_and_nothing_is_sent(sandbox):
    refusal = Refused("not now")

    def refuse(request):
        raise refusal

    configuration = sandbox.configuration(retries=3)
    configuration.event_hooks = {"request": [refuse]}
    with TextMagic.ApiClient(configuration) as client:
        with pytest.raises(Refused) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert caught.value is refusal
    assert sandbox.requests == []


def test_a_hook_raising_a_network_like_error_is_not_retried(sandbox):
    calls = []

    def flaky(response):
        calls.append(response.status)
        raise ConnectionResetError("a hook's own fault")

    configuration = sandbox.configuration(retries=3)
    configuration.event_hooks = {"response": [flaky]}
    with TextMagic.ApiClient(configuration) as client:
        with pytest.raises(ConnectionResetError, match="a hook's own fault"):
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert calls == [200] and len(sandbox.requests) == 1


@pytest.mark.parametrize(
    "value, error",
    [
        ([], TypeError),
        ({"sent": []}, ValueError),
        ({"request": print}, TypeError),
        ({"response": ["not callable"]}, TypeError),
    ],
)
def test_bad_event_hooks_are_refused_when_set(value, error):
    with pytest.raises(error, match="event_hooks"):
        TextMagic.Configuration(event_hooks=value)
    assert TextMagic.Configuration(event_hooks={"request": [print]}).event_hooks == {
        "request": [print],
        "response": [],
    }
