"""Credentials never appear in logs, output, reprs, exception texts or debug reports."""

import base64
import logging
import traceback

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox

from . import servers

USERNAME = "acme-user"
API_KEY = "Zx9-very-secret-api-key-41"
SECRETS = [
    API_KEY,
    base64.b64encode(("%s:%s" % (USERNAME, API_KEY)).encode()).decode(),
    "%s:%s" % (USERNAME, API_KEY),
]


def assert_clean(text):
    for secret in SECRETS:
        assert secret not in text


def exception_texts(error):
    texts = [str(error), repr(error)]
    texts.extend(traceback.format_exception(type(error), error, error.__traceback__))
    cause = error.__cause__ or error.__context__
    while cause is not None:
        texts.extend([str(cause), repr(cause)])
        cause = cause.__cause__ or cause.__context__
    return "\n".join(texts)


def test_no_secret_anywhere_with_debug_on(capfd, caplog):
    seen = []
    with Sandbox(username=USERNAME, api_key=API_KEY, quiet=False) as sandbox:
        configuration = sandbox.configuration(debug=True, retries=0)
        with caplog.at_level(logging.DEBUG):  # every logger, every level
            with TextMagic.ApiClient(configuration) as client:
                api = TextMagic.OutboundMessageSessionsApi(client)
                api.get_message_session(1)
                api.get_all_message_sessions_with_http_info()
                api.delete_message_sessions_bulk(
                    TextMagic.DeleteMessageSessionsBulkInputObject(ids="2")
                )
                api.get_message_session(3, async_req=True).get(10)
                for call in (
                    lambda: api.get_message_session(99999),
                    lambda: api.get_messages_by_session_id(1, statuses="zz"),
                ):
                    with pytest.raises(TextMagic.ApiException) as caught:
                        call()
                    seen.append(exception_texts(caught.value))
                sandbox.add_fault(status=503, body=b"<html>down</html>")
                with pytest.raises(TextMagic.ServiceException) as caught:
                    api.get_message_session(1)
                seen.append(exception_texts(caught.value))
                seen += [
                    repr(client),
                    str(client),
                    repr(configuration),
                    str(configuration),
                    configuration.to_debug_report(),
                ]

            for handler in (servers.never_answers, servers.resets_before_any_byte):
                with servers.RawServer(handler) as raw:
                    configuration.host = raw.url
                    with TextMagic.ApiClient(configuration) as client:
                        api = TextMagic.OutboundMessageSessionsApi(client)
                        with pytest.raises(TextMagic.ApiConnectionError) as caught:
                            api.get_message_session(1, _request_timeout=0.3)
                        seen.append(exception_texts(caught.value))
    out, err = capfd.readouterr()
    log_text = "\n".join(record.getMessage() for record in caplog.records)
    assert "GET /api/v2/sessions/1" in err  # the sandbox did log each request
    assert "request: GET" in log_text  # and the SDK did log its exchanges
    for text in seen + [out, err, log_text, caplog.text]:
        assert_clean(text)


def test_insecure_http_refusal_is_explicit_and_can_be_overridden():
    configuration = TextMagic.Configuration(
        host="http://192.0.2.1", username=USERNAME, password=API_KEY, retries=0, timeout=0.2
    )
    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        with pytest.raises(ValueError) as caught:
            api.get_message_session(1)
    assert_clean(str(caught.value))
    assert "http://192.0.2.1" in str(caught.value)
    assert "allow_insecure_http" in str(caught.value)


def test_loopback_http_with_credentials_is_allowed(sandbox):
    for host in (sandbox.url, sandbox.url.replace("127.0.0.1", "localhost")):
        with TextMagic.ApiClient(sandbox.configuration(host=host)) as client:
            assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(1).id == 1


def test_opting_in_to_insecure_http_sends_the_credentials():
    # The "remote" host is reached through a proxy on 127.0.0.1: no traffic leaves here.
    received = []
    with servers.RawServer(servers.answers_json({"id": 1}, received)) as proxy:
        configuration = TextMagic.Configuration(
            host="http://api.example.test",
            username=USERNAME,
            password=API_KEY,
            proxy=proxy.url,
            retries=0,
        )
        with TextMagic.ApiClient(configuration) as client:
            with pytest.raises(ValueError):
                TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
        assert received == []
        configuration.allow_insecure_http = True
        with TextMagic.ApiClient(configuration) as client:
            assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(1).id == 1
    head = received[0].decode()
    assert head.startswith("GET http://api.example.test/api/v2/sessions/1 HTTP/1.1")
    assert "Authorization: Basic %s" % SECRETS[1] in head


@pytest.mark.parametrize(
    "where, name",
    [
        ("default", "X-TM-Key"),
        ("default", "Authorization"),
        ("default", "x-tm-username"),
        ("call", "X-TM-Key"),
        ("call", "authorization"),
    ],
)
def test_credentials_set_as_headers_never_travel_over_plain_http(where, name):
    # The "remote" host is reached through a proxy on 127.0.0.1: if anything were sent, the
    # proxy would see it. No username or password: the key travels only as a header.
    received = []
    with servers.RawServer(servers.answers_json({"id": 1}, received)) as proxy:
        configuration = TextMagic.Configuration(
            host="http://api.example.net", username="", password="", proxy=proxy.url, retries=0
        )
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            if where == "default":
                client.set_default_header(name, API_KEY)
                call = api.get_message_session
            else:
                url = configuration.host + "/api/v2/sessions/1"

                def call(_id):
                    return client.rest_client.GET(url, headers={name: API_KEY})

            with pytest.raises(ValueError, match="allow_insecure_http") as caught:
                call(1)
            assert received == []
            for text in exception_texts(caught.value):
                assert_clean(text)
            configuration.allow_insecure_http = True  # today's opt-out
            call(1)
    assert len(received) == 1 and API_KEY.encode() in received[0]
