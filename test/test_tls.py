"""TLS: verified by default, a custom CA, verification off, client certificates."""

import ssl

import pytest
import trustme
import urllib3

import TextMagic
from TextMagic.sandbox import Sandbox


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def https_sandbox(ca, client_ca=None):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        client_ca.configure_trust(context)
    return Sandbox(ssl_context=context)


def get_session(configuration):
    with TextMagic.ApiClient(configuration) as client:
        return TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)


def test_certificates_are_verified_by_default(ca):
    with https_sandbox(ca) as sandbox:
        assert sandbox.url.startswith("https://127.0.0.1:")
        configuration = sandbox.configuration()
        assert configuration.verify_ssl is True
        with pytest.raises(TextMagic.ApiConnectionError) as caught:
            get_session(configuration)
    text = str(caught.value)
    assert "TLS failure with %s" % sandbox.url in text
    assert "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text
    assert sandbox.requests == []


def test_a_custom_ca_bundle_is_trusted(ca, tmp_path):
    with https_sandbox(ca) as sandbox:
        with ca.cert_pem.tempfile() as bundle:
            assert get_session(sandbox.configuration(ssl_ca_cert=bundle)).id == 1
    assert sandbox.requests[0].headers.get("Authorization")


def test_verification_off_works_with_urllib3s_warning(ca):
    with https_sandbox(ca) as sandbox:
        with pytest.warns(urllib3.exceptions.InsecureRequestWarning):
            assert get_session(sandbox.configuration(verify_ssl=False)).id == 1


def test_client_certificates_reach_the_server(ca, tmp_path):
    client_ca = trustme.CA()
    client_cert = client_ca.issue_cert("client@example.com")
    cert_file, key_file = tmp_path / "client.pem", tmp_path / "client.key"
    cert_file.write_bytes(client_cert.cert_chain_pems[0].bytes())
    key_file.write_bytes(client_cert.private_key_pem.bytes())
    with https_sandbox(ca, client_ca=client_ca) as sandbox, ca.cert_pem.tempfile() as bundle:
        with pytest.raises(TextMagic.ApiConnectionError):
            get_session(sandbox.configuration(ssl_ca_cert=bundle))
        assert sandbox.requests == []
        session = get_session(
            sandbox.configuration(
                ssl_ca_cert=bundle, cert_file=str(cert_file), key_file=str(key_file)
            )
        )
        assert session.id == 1 and len(sandbox.requests) == 1
