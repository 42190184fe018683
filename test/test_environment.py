"""Proxies and CA bundles from the environment, through real loopback proxies that record
what they see: a forward proxy for http://, a CONNECT tunnel to a TLS sandbox for https://.
"""

import base64
import json
import select
import socket
import ssl
import subprocess
import sys
import threading

import pytest
import trustme

import TextMagic
from test import servers
from TextMagic.sandbox import Sandbox

PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"]
CA_VARIABLES = ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"]
HOST = "textmagic.invalid"  # never resolved: only the proxies below ever see it


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in PROXY_VARIABLES + CA_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("REQUEST_METHOD", raising=False)  # CGI: Python then skips HTTP_PROXY


def forward_proxy(seen):
    """An HTTP forward proxy that answers for the origin itself, keeping each head."""
    body = json.dumps({"id": 1, "text": "via the proxy"}).encode()

    def handler(sock, stop):
        seen.append(servers.read_request(sock).decode("latin-1"))
        sock.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body
        )
        sock.close()

    return handler


def tunnel_to(port, seen):
    """A CONNECT proxy that keeps each head and tunnels every target to ``port``."""

    def handler(sock, stop):
        seen.append(servers.read_request(sock).decode("latin-1"))
        upstream = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        sockets = [sock, upstream]
        try:
            while not stop.is_set():
                readable, _, _ = select.select(sockets, [], [], 0.2)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is sock else sock).sendall(data)
        finally:
            upstream.close()

    return handler


def basic(user, password):
    return "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()


def test_http_proxy_from_the_environment_with_credentials(monkeypatch):
    seen = []
    with servers.RawServer(forward_proxy(seen)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", "http://me:p%%40ss@127.0.0.1:%d" % proxy.port)
        configuration = TextMagic.Configuration(
            host="http://%s" % HOST, username="u", password="k", allow_insecure_http=True
        )
        configuration.debug = True
        with TextMagic.ApiClient(configuration) as client:
            session = TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
            assert "p%40ss" not in repr(client.rest_client.pool_manager.proxy)
    assert session.text == "via the proxy"
    head = seen[0]
    assert head.startswith("GET http://%s/api/v2/sessions/1 HTTP/1.1" % HOST)
    assert "Proxy-Authorization: %s" % basic("me", "p@ss") in head
    assert "p@ss" not in repr(configuration) and "p%40ss" not in repr(configuration)


def test_https_proxy_tunnels_to_a_tls_origin_and_sees_only_connect(monkeypatch, tmp_path):
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(HOST).configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    seen = []
    with Sandbox(ssl_context=context) as sandbox:
        port = int(sandbox.url.rsplit(":", 1)[1])
        with servers.RawServer(tunnel_to(port, seen)) as proxy:
            monkeypatch.setenv("https_proxy", "http://agent:007@127.0.0.1:%d" % proxy.port)
            monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # verifies the origin
            configuration = TextMagic.Configuration(
                host="https://%s:%d" % (HOST, port),
                username=sandbox.username,
                password=sandbox.api_key,
            )
            with TextMagic.ApiClient(configuration) as client:
                api = TextMagic.OutboundMessageSessionsApi(client)
                assert api.get_message_session(2).id == 2
    connect = seen[0]
    assert connect.startswith("CONNECT %s:%d HTTP/1." % (HOST, port))
    assert "Proxy-Authorization: %s" % basic("agent", "007") in connect
    assert "Authorization: Basic" not in connect.replace("Proxy-Authorization", "")


def test_no_proxy_all_proxy_and_explicit_settings():
    def proxy_for(host, **environ):
        with pytest.MonkeyPatch.context() as patch:
            for name, value in environ.items():
                patch.setenv(name, value)
            return TextMagic.Configuration(host=host).effective_proxy()[0]

    assert proxy_for("https://api.example", HTTPS_PROXY="http://p:1") == "http://p:1"
    assert proxy_for("https://api.example", HTTP_PROXY="http://p:1") is None
    assert proxy_for("http://api.example", http_proxy="http://p:2") == "http://p:2"
    assert proxy_for("https://api.example", ALL_PROXY="http://p:3") == "http://p:3"
    assert proxy_for("https://api.example", HTTPS_PROXY="http://p:1", NO_PROXY="example") is None
    assert (
        proxy_for("https://api.example", HTTPS_PROXY="http://p:1", no_proxy="other.org")
        == "http://p:1"
    )
    assert proxy_for("https://api.example", HTTPS_PROXY="http://p:1", NO_PROXY="*") is None
    assert proxy_for("https://api.example", HTTPS_PROXY="http://p:1", NO_PROXY=".example") is None
    assert (
        proxy_for("https://api.example", HTTPS_PROXY="http://p:1", NO_PROXY="api.example:8443")
        == "http://p:1"
    )
    assert (
        proxy_for("https://api.example", HTTPS_PROXY="http://p:1", NO_PROXY="pi.example")
        == "http://p:1"
    )
    assert proxy_for("http://127.0.0.1:8080", HTTP_PROXY="http://p:1") is None  # the sandbox
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HTTPS_PROXY", "http://env:1")
        explicit = TextMagic.Configuration(proxy="http://mine:2")
        assert explicit.effective_proxy()[0] == "http://mine:2"  # explicit wins
        assert TextMagic.Configuration(trust_env=False).effective_proxy() == (None, {})


def test_the_sandbox_is_reached_directly_whatever_the_environment(monkeypatch, sandbox):
    seen = []
    with servers.RawServer(forward_proxy(seen)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:%d" % proxy.port)
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(3).id == 3
    assert seen == []


@pytest.fixture(scope="module")
def tls():
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return ca, context


@pytest.mark.parametrize("variable", CA_VARIABLES)
def test_ca_bundle_from_the_environment(monkeypatch, tmp_path, tls, variable):
    ca, context = tls
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with Sandbox(ssl_context=context) as sandbox:
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            with pytest.raises(TextMagic.ApiConnectionError, match="TLS"):
                TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
        monkeypatch.setenv(variable, str(ca_file))
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(1).id == 1
        ignoring = sandbox.configuration(trust_env=False)
        with TextMagic.ApiClient(ignoring) as client:
            with pytest.raises(TextMagic.ApiConnectionError, match="TLS"):
                TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)


def test_command_line_proxy_and_ca_cert(tmp_path, tls):
    ca, context = tls
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    with Sandbox(ssl_context=context) as sandbox:
        env = {
            "PATH": "/usr/bin:/bin",
            "TEXTMAGIC_USERNAME": sandbox.username,
            "TEXTMAGIC_API_KEY": sandbox.api_key,
        }
        command = [sys.executable, "-m", "TextMagic", "sessions", "get", "4", "--json"]
        command += ["--host", sandbox.url]
        failed = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
        assert failed.returncode == 1 and "TLS" in failed.stderr
        passed = subprocess.run(
            command + ["--ca-cert", str(ca_file)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )
        assert passed.returncode == 0, passed.stderr
        assert json.loads(passed.stdout)["id"] == 4
    seen = []
    with servers.RawServer(forward_proxy(seen)) as proxy:
        result = subprocess.run(
            [sys.executable, "-m", "TextMagic", "sessions", "get", "1", "--json"]
            + ["--host", "https://%s" % HOST, "--proxy", "http://x:y@127.0.0.1:%d" % proxy.port]
            + ["--username", "u", "--api-key", "k"],
            capture_output=True,
            text=True,
            timeout=60,
            env={"PATH": "/usr/bin:/bin"},
        )
    # An https:// origin through a plain forward proxy: the CONNECT reaches the proxy,
    # whose canned answer is no tunnel; the proxy's password stays out of the output.
    assert seen and seen[0].startswith("CONNECT %s:443" % HOST)
    assert "Proxy-Authorization: %s" % basic("x", "y") in seen[0]
    assert result.returncode == 1 and ":y@" not in result.stderr


def test_proxy_credentials_stay_out_of_logs_and_errors(monkeypatch, caplog):
    monkeypatch.setenv("HTTP_PROXY", "http://me:hunter2@127.0.0.1:%d" % servers.free_port())
    configuration = TextMagic.Configuration(
        host="http://%s" % HOST, username="u", password="k", allow_insecure_http=True, retries=0
    )
    configuration.debug = True
    with TextMagic.ApiClient(configuration) as client:
        with pytest.raises(TextMagic.ApiConnectionError) as caught:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert "hunter2" not in str(caught.value) and "hunter2" not in repr(caught.value)
    assert "hunter2" not in caplog.text
    assert threading.active_count() >= 1
