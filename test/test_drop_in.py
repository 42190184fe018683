"""Tests written the way users of swagger-codegen / openapi-generator Python clients write
them (unittest style, ``mock``, a bare ``ApiClient()``, mocked transports): each pins one
behaviour this SDK shares with the generated TextMagic clients."""

import json
import unittest
from unittest import mock

import certifi
import pytest

import TextMagic
from TextMagic.api.outbound_message_sessions_api import OutboundMessageSessionsApi
from TextMagic.api_client import ApiClient
from TextMagic.configuration import Configuration
from TextMagic.rest import ApiException, RESTClientObject

SESSION = {"id": 7, "startTime": "2019-08-05T08:14:54+0000", "text": "hi", "source": "A"}


def urllib3_like(status=200, body=SESSION, reason="OK"):
    """What a mocked pool manager's ``request`` returns in generated-client tests."""
    data = json.dumps(body).encode() if not isinstance(body, bytes) else body
    response = mock.Mock(status=status, reason=reason, data=data)
    response.headers = {"Content-Type": "application/json"}
    response.getheaders.return_value = response.headers
    return response


@pytest.fixture(autouse=True)
def no_credentials_in_the_environment(monkeypatch):
    for name in ("TEXTMAGIC_USERNAME", "TEXTMAGIC_API_KEY", "TEXTMAGIC_HOST") + (
        "SSL_CERT_FILE",
        "REQUESTS_CA_BUNDLE",
    ):
        monkeypatch.delenv(name, raising=False)


class TestMockedTransport(unittest.TestCase):
    """A bare ``ApiClient()``: no credentials, and a host no test can reach."""

    def setUp(self):
        self.api_client = ApiClient()
        self.api = OutboundMessageSessionsApi(self.api_client)

    def tearDown(self):
        self.api_client.close()

    def test_a_mocked_pool_manager_answers_without_credentials(self):
        with mock.patch.object(self.api_client.rest_client, "pool_manager") as pool_manager:
            pool_manager.request.return_value = urllib3_like()
            session = self.api.get_message_session(7)
        self.assertEqual(session.id, 7)
        method, url = pool_manager.request.call_args[0][:2]
        self.assertEqual((method, url), ("GET", "https://rest.textmagic.com/api/v2/sessions/7"))

    def test_a_mock_host_over_plain_http_is_fine_when_nothing_leaves(self):
        self.api_client.configuration.host = "http://api.example.test"
        self.api_client.configuration.username = "user"
        self.api_client.configuration.password = "key"
        with mock.patch.object(RESTClientObject, "request", return_value=urllib3_like()) as req:
            self.api.get_message_session(7)
        self.assertEqual(req.call_args[0][1], "http://api.example.test/api/v2/sessions/7")

    def test_only_the_parameters_passed_are_sent(self):
        with mock.patch.object(RESTClientObject, "request") as request:
            request.return_value = urllib3_like(body={"all": 1})
            self.api.get_message_session_stat(3)
            self.api.get_message_session_stat(3, include_deleted=1)
            request.return_value = urllib3_like(body={"page": 1, "resources": []})
            self.api.get_all_message_sessions()
            self.api.get_all_message_sessions(limit=5)
        urls = [c[0][1] for c in request.call_args_list]
        self.assertEqual(
            urls,
            [
                "https://rest.textmagic.com/api/v2/sessions/3/stat",
                "https://rest.textmagic.com/api/v2/sessions/3/stat?includeDeleted=1",
                "https://rest.textmagic.com/api/v2/sessions",
                "https://rest.textmagic.com/api/v2/sessions?limit=5",
            ],
        )

    def test_the_generators_deserialize_hook(self):
        session = self.api_client._ApiClient__deserialize(SESSION, "MessageSession")
        self.assertIsInstance(session, TextMagic.MessageSession)
        self.assertEqual(session.start_time.year, 2019)
        sessions = self.api_client._ApiClient__deserialize([SESSION], "list[MessageSession]")
        self.assertEqual([s.id for s in sessions], [7])

    def test_models_have_no_discriminator(self):
        self.assertIsNone(TextMagic.MessageSession().discriminator)
        self.assertIsNone(TextMagic.GetMessageSessionStatResponse.discriminator)

    def test_the_ca_bundle_is_none_until_set_and_certifi_is_used(self):
        configuration = Configuration()
        self.assertIsNone(configuration.ssl_ca_cert)
        client = ApiClient(configuration)
        pool = client.rest_client.pool_manager.connection_from_url("https://example.test")
        self.assertEqual(pool.ca_certs, certifi.where())
        client.close()

    def test_str_of_an_api_exception(self):
        self.assertEqual(str(ApiException(404, "Not Found")), "(404)\nReason: Not Found\n")
        error = ApiException(http_resp=urllib3_like(404, {"message": "gone"}, "Not Found"))
        text = str(error)
        self.assertTrue(text.startswith("(404)\nReason: Not Found\n"), text)
        self.assertIn("HTTP response headers: {'Content-Type': 'application/json'}\n", text)
        self.assertIn('HTTP response body: {"message": "gone"}\n', text)
        self.assertIn("Message: gone\n", text)


class TestAgainstTheSandbox(unittest.TestCase):
    def setUp(self):
        self.sandbox = TextMagic.sandbox.Sandbox().start()
        self.configuration = self.sandbox.configuration()

    def tearDown(self):
        self.sandbox.stop()

    def test_a_subclass_sees_request_bodies_in_sanitize_for_serialization(self):
        seen = []

        class Recording(ApiClient):
            def sanitize_for_serialization(self, obj):
                seen.append(obj)
                return super().sanitize_for_serialization(obj)

        with Recording(self.configuration) as client:
            body = TextMagic.DeleteMessageSessionsBulkInputObject(ids="1,2")
            OutboundMessageSessionsApi(client).delete_message_sessions_bulk(body)
        self.assertIn(body, seen)

    def test_last_response_holds_an_error_response_too(self):
        with ApiClient(self.configuration) as client:
            api = OutboundMessageSessionsApi(client)
            with self.assertRaises(ApiException) as caught:
                api.get_message_session(100000)
            self.assertEqual(client.last_response.status, 404)
            self.assertEqual(json.loads(client.last_response.data)["code"], 404)
            self.assertIs(caught.exception.http_resp, client.last_response)
            self.assertIn("Request: GET /api/v2/sessions/100000\n", str(caught.exception))

    def test_a_real_send_without_credentials_is_refused_before_anything_leaves(self):
        self.configuration.username = self.configuration.password = ""
        with ApiClient(self.configuration) as client:
            with self.assertRaisesRegex(ValueError, "no TextMagic credentials"):
                OutboundMessageSessionsApi(client).get_message_session(1)
        self.assertEqual(self.sandbox.requests, [])
