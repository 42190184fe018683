"""The sandbox survives hostile clients: a bounded request log, bounded bodies, bounded
connections and header time, 4xx for malformed framing and parameters; it binds ``::1``
and serves HTTPS from its command line. (The full-size abuse run is
``python -m test.benchmarks.sandbox_abuse``.)"""

import base64
import json
import os
import re
import socket
import subprocess
import sys
import time

import pytest

import TextMagic
from TextMagic import cli
from TextMagic.models import MessageSession
from TextMagic.sandbox import Sandbox

AUTH = "Basic " + base64.b64encode(b"sandbox:sandbox-api-key").decode()


def exchange(sandbox, raw, timeout=5.0):
    """Send raw bytes on a new connection; return all the server sends until it closes."""
    host, port = sandbox.url.rsplit(":", 1)
    with socket.create_connection(("127.0.0.1", int(port)), timeout=timeout) as sock:
        sock.sendall(raw)
        received = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            received += chunk
    return received


def request(method, path, headers=(), body=b""):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: x", "Connection: close"]
    lines += ["%s: %s" % pair for pair in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def status_of(answer):
    return int(answer.split(b" ", 2)[1]) if answer else None


def test_the_request_log_is_a_ring():
    with Sandbox(rate_limit=None, request_log_size=5) as sandbox:
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(sandbox.configuration()))
        for number in range(1, 11):
            api.get_message_session(number)
        assert [r.path for r in sandbox.requests] == [
            "/api/v2/sessions/%d" % n for n in range(6, 11)
        ]


def test_strangers_bodies_are_not_kept():
    with Sandbox(rate_limit=None) as sandbox:
        body = b'{"ids": "1"}'
        answer = exchange(
            sandbox,
            request(
                "POST",
                "/api/v2/sessions/delete",
                [("Content-Length", len(body)), ("Authorization", "Basic eDp5")],
                body,
            ),
        )
        assert status_of(answer) == 401
        assert sandbox.requests[-1].body == b""


def test_a_body_over_the_limit_is_refused_unread():
    with Sandbox(rate_limit=None, max_body_size=1000) as sandbox:
        started = time.monotonic()
        answer = exchange(
            sandbox,
            request("POST", "/api/v2/sessions/delete", [("Content-Length", 100 * 1024 * 1024)]),
        )
        assert status_of(answer) == 413
        assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "headers, status",
    [
        ([("Content-Length", "abc")], 400),
        ([("Content-Length", "-1")], 400),
        ([("Content-Length", "1e11")], 400),
        ([("Content-Length", "9" * 40)], 400),
        ([("Content-Length", "3"), ("Content-Length", "4")], 400),
        ([("Transfer-Encoding", "chunked")], 411),
    ],
)
def test_malformed_framing_is_answered_4xx(headers, status):
    with Sandbox(rate_limit=None) as sandbox:
        answer = exchange(
            sandbox, request("POST", "/api/v2/sessions/delete", headers + [("Authorization", AUTH)])
        )
        assert status_of(answer) == status


@pytest.mark.parametrize(
    "method, path, body, status",
    [
        ("GET", "/api/v2/sessions?page=%C2%B2", b"", 400),
        ("GET", "/api/v2/sessions?page=" + "9" * 5000, b"", 400),
        ("GET", "/api/v2/sessions/" + "9" * 5000, b"", 404),
        ("GET", "/api/v2/sessions/%C2%B2", b"", 404),
        ("GET", "/api/v2/sessions/1/messages?page=" + "1" * 30, b"", 400),
        ("POST", "/api/v2/sessions/delete", b"[" * 100_000, 400),
        ("POST", "/api/v2/sessions/delete", b'{"ids": "' + b"9" * 5000 + b'"}', 400),
    ],
)
def test_hostile_parameters_are_answered_4xx(method, path, body, status):
    with Sandbox(rate_limit=None) as sandbox:
        headers = [("Authorization", AUTH), ("Content-Length", len(body))]
        answer = exchange(sandbox, request(method, path, headers, body))
        assert status_of(answer) == status, answer[:300]


def test_a_silent_connection_is_closed_after_the_header_timeout():
    with Sandbox(rate_limit=None, header_timeout=0.5) as sandbox:
        started = time.monotonic()
        assert exchange(sandbox, b"GET /api/v2/sess", timeout=5) == b""
        assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    "seconds, error",
    [(0, ValueError), (-1, ValueError), (1e10, ValueError), (float("nan"), ValueError)]
    + [("5", TypeError), (None, TypeError)],
)
def test_a_header_timeout_out_of_range_is_refused(seconds, error):
    """Beyond ``MAX_SECONDS`` a socket's timeout overflows: refused when the sandbox is made."""
    with pytest.raises(error, match="header_timeout"):
        Sandbox(rate_limit=None, header_timeout=seconds)


@pytest.mark.parametrize(
    "setting, value, error",
    [
        ("request_log_size", 0, ValueError),
        ("max_body_size", -1, ValueError),
        ("max_connections", "3", TypeError),
        ("rate_limit", 0, ValueError),
        ("rate_limit", float("inf"), ValueError),
        ("rate_limit", "20", TypeError),
    ],
)
def test_limits_that_cannot_work_are_refused(setting, value, error):
    with pytest.raises(error, match=setting):
        Sandbox(**{setting: value})


def test_connections_beyond_the_cap_are_refused_without_threads():
    with Sandbox(rate_limit=None, max_connections=3, header_timeout=5) as sandbox:
        port = int(sandbox.url.rsplit(":", 1)[1])
        idle = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
        time.sleep(0.2)
        threads_before = _handler_threads()
        refused = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(10)]
        try:
            for sock in refused:
                assert sock.recv(100).startswith(b"HTTP/1.1 503")
            assert _handler_threads() <= threads_before
            assert sandbox.connections_refused == 10
        finally:
            for sock in idle + refused:
                sock.close()
        # The slots come free as the idle connections end.
        deadline = time.monotonic() + 5
        configuration = sandbox.configuration(retries=0)
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        while True:
            try:
                assert api.get_message_session(1).id == 1
                break
            except TextMagic.ServiceException:
                assert time.monotonic() < deadline
                time.sleep(0.05)


def _handler_threads():
    import threading

    return sum(1 for t in threading.enumerate() if "process_request_thread" in t.name)


def test_it_binds_ipv6_loopback():
    with Sandbox(host="::1", rate_limit=None) as sandbox:
        assert sandbox.url.startswith("http://[::1]:")
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(sandbox.configuration()))
        assert api.get_message_session(1).id == 1


def test_its_log_escapes_control_characters(capfd):
    with Sandbox(rate_limit=None, quiet=False) as sandbox:
        exchange(sandbox, request("GET", "/api/v2/\x1b[2Jsessions\x07", [("Authorization", AUTH)]))
    err = capfd.readouterr().err
    assert "\\x1b[2J" in err and "\\x07" in err
    assert "\x1b" not in err and "\x07" not in err


def test_the_cli_escapes_what_the_server_sends(capsys):
    table = cli.sessions_table([MessageSession(id=1, text="\x1b]0;owned\x07 hi\x9b")])
    assert "\x1b" not in table and "\x07" not in table and "\x9b" not in table
    assert "\\x1b]0;owned\\x07" in table
    with Sandbox(rate_limit=None) as sandbox:
        sandbox.add_fault(status=500, body={"message": "\x1b[2Jboom"}, times=10)
        code = cli.main(
            [
                "sessions",
                "get",
                "1",
                "--host",
                sandbox.url,
                "--username",
                sandbox.username,
                "--api-key",
                sandbox.api_key,
            ]
        )
    err = capsys.readouterr().err
    assert code == 1 and "\\x1b[2Jboom" in err and "\x1b" not in err


def test_the_cli_json_output_escapes_c1_controls(capsys):
    with Sandbox(rate_limit=None) as sandbox:
        sandbox.data.sessions[1]["text"] = "a\x9b2Jb\x1b"
        cli.main(
            ["sessions", "get", "1", "--json", "--host", sandbox.url]
            + ["--username", sandbox.username, "--api-key", sandbox.api_key]
        )
    out = capsys.readouterr().out
    assert json.loads(out)["text"] == "a\x9b2Jb\x1b"
    assert "\x9b" not in out and "\x1b" not in out


def test_https_from_the_command_line(tmp_path):
    trustme = pytest.importorskip("trustme")  # a test dependency, always installed
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    chain, key, ca = tmp_path / "chain.pem", tmp_path / "key.pem", tmp_path / "ca.pem"
    certificate.private_key_pem.write_to_path(str(key))
    with open(str(chain), "wb") as out:
        for blob in certificate.cert_chain_pems:
            out.write(blob.bytes())
    authority.cert_pem.write_to_path(str(ca))
    server = subprocess.Popen(
        [sys.executable, "-m", "TextMagic.sandbox", "--port", "0", "--quiet"]
        + ["--tls-cert", str(chain), "--tls-key", str(key)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )
    try:
        line = server.stdout.readline()
        url = re.search(r"https://\S+", line).group(0)
        configuration = TextMagic.Configuration(
            host=url,
            username="sandbox",
            password="sandbox-api-key",
            ssl_ca_cert=str(ca),
            rate_limit=None,
            timeout=(5, 5),
        )
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        assert api.get_message_session(1).id == 1
    finally:
        server.terminate()
        server.wait(10)
        server.stdout.close()


def test_a_json_answer_still_decodes_after_abuse():
    with Sandbox(rate_limit=None, max_body_size=100) as sandbox:
        exchange(sandbox, request("POST", "/api/v2/sessions/delete", [("Content-Length", 10**9)]))
        exchange(sandbox, b"GARBAGE\r\n\r\n")
        answer = exchange(sandbox, request("GET", "/api/v2/sessions/1", [("Authorization", AUTH)]))
        assert status_of(answer) == 200
        assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["id"] == 1
