"""The sandbox as a product: data, auth, errors, pagination, records, faults, CLI."""

import base64
import json
import re
import socket
import subprocess
import sys
import threading
import time

import pytest
import urllib3

from TextMagic.sandbox import SandboxData


@pytest.fixture
def http():
    manager = urllib3.PoolManager(retries=False, timeout=10)
    yield manager
    manager.clear()


def basic(username, key):
    return {
        "Authorization": "Basic " + base64.b64encode(("%s:%s" % (username, key)).encode()).decode()
    }


def call(http, sandbox, method, path, headers=None, body=None):
    auth = basic(sandbox.username, sandbox.api_key) if headers is None else headers
    response = http.request(method, sandbox.url + path, headers=auth, body=body)
    return response.status, (json.loads(response.data) if response.data else None), response


def test_seeded_data_is_deterministic_and_varied():
    first, second = SandboxData(), SandboxData()
    assert first.sessions == second.sessions and first.messages == second.messages
    assert len(first.sessions) == 300
    messages = [m for ms in first.messages.values() for m in ms]
    assert {m["status"] for m in messages} == set("qrabsdfeju")
    assert any(m["deleted"] for m in messages)
    assert any(s["referenceId"] is None for s in first.sessions.values())
    assert {s["source"] for s in first.sessions.values()} == set("OAMEX")
    assert {s["destination"] for s in first.sessions.values()} == set("tsv")
    for session in first.sessions.values():
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000", session["startTime"])
        assert session["numbersCount"] == len(first.messages[session["id"]])
    assert SandboxData(sessions=5, seed=1).sessions != SandboxData(sessions=5, seed=2).sessions


def test_auth_by_basic_and_by_tm_headers(http, sandbox):
    assert call(http, sandbox, "GET", "/api/v2/sessions/1")[0] == 200
    tm = {"X-TM-Username": sandbox.username, "X-TM-Key": sandbox.api_key}
    assert call(http, sandbox, "GET", "/api/v2/sessions/1", headers=tm)[0] == 200
    for bad in (
        {},
        basic(sandbox.username, "nope"),
        basic("someone", sandbox.api_key),
        {"Authorization": "Basic !!!"},
        {"X-TM-Username": sandbox.username},
    ):
        status, body, response = call(http, sandbox, "GET", "/api/v2/sessions/1", headers=bad)
        assert (status, body) == (401, {"code": 401, "message": "Unauthorized", "errors": None})
        assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_pagination(http, sandbox):
    status, page, _ = call(http, sandbox, "GET", "/api/v2/sessions?page=4&limit=100")
    assert status == 200
    assert (page["page"], page["pageCount"], page["limit"]) == (4, 3, 100)
    assert page["resources"] == []
    _, page, _ = call(http, sandbox, "GET", "/api/v2/sessions?page=3&limit=100")
    assert [s["id"] for s in page["resources"]] == list(range(201, 301))


@pytest.mark.parametrize(
    "path, field",
    [
        ("/api/v2/sessions?page=x", "page"),
        ("/api/v2/sessions/1/stat?includeDeleted=2", "includeDeleted"),
        ("/api/v2/sessions/1/messages?statuses=d,zz", "statuses"),
    ],
)
def test_validation_errors(http, sandbox, path, field):
    status, body, _ = call(http, sandbox, "GET", path)
    assert status == 400
    assert body["code"] == 400 and body["message"] == "Validation Failed"
    assert set(body["errors"]) == {"common", "fields"} and field in body["errors"]["fields"]


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"not json", "common"),
        (b"[]", "common"),
        (b"{}", "common"),
        (b'{"ids": "1,,2"}', "ids"),
        (b'{"ids": 5}', "ids"),
        (b'{"all": 3}', "all"),
    ],
)
def test_bulk_delete_validation(http, sandbox, body, problem):
    status, answer, _ = call(http, sandbox, "POST", "/api/v2/sessions/delete", body=body)
    assert status == 400
    errors = answer["errors"]
    assert errors["common"] if problem == "common" else problem in errors["fields"]
    assert len(sandbox.data.sessions) == 300


def test_not_found_and_wrong_method(http, sandbox):
    assert call(http, sandbox, "GET", "/api/v2/sessions/0")[:2] == (
        404,
        {"code": 404, "message": "Session not found", "errors": None},
    )
    assert call(http, sandbox, "GET", "/api/v2/sessions/abc")[0] == 404
    assert call(http, sandbox, "GET", "/api/v2/nothing")[0] == 404
    status, body, response = call(http, sandbox, "PUT", "/api/v2/sessions/1")
    assert (status, body["code"]) == (405, 405)
    assert response.headers["Allow"] == "GET, DELETE"
    assert call(http, sandbox, "GET", "/api/v2/sessions/delete")[0] == 405
    assert call(http, sandbox, "DELETE", "/api/v2/sessions/1/stat")[0] == 405


def test_deletion_removes_sessions_and_their_messages(http, sandbox):
    assert call(http, sandbox, "DELETE", "/api/v2/sessions/10")[0] == 204
    assert call(http, sandbox, "DELETE", "/api/v2/sessions/10")[0] == 404
    assert call(http, sandbox, "GET", "/api/v2/sessions/10/messages")[0] == 404
    assert (
        call(http, sandbox, "POST", "/api/v2/sessions/delete", body=b'{"ids": "11,12,99999"}')[0]
        == 204
    )
    assert not {10, 11, 12} & set(sandbox.data.sessions)
    assert call(http, sandbox, "GET", "/api/v2/sessions?limit=1")[1]["pageCount"] == 297
    sandbox.reset()
    assert len(sandbox.data.sessions) == 300 and sandbox.requests == []


def test_requests_are_recorded(http, sandbox):
    call(http, sandbox, "POST", "/api/v2/sessions/delete?x=1", body=b'{"ids": "1"}')
    request = sandbox.requests[-1]
    assert (request.method, request.path, request.query) == (
        "POST",
        "/api/v2/sessions/delete",
        {"x": "1"},
    )
    assert request.json() == {"ids": "1"}
    assert request.headers.get("authorization").startswith("Basic ")
    sandbox.clear_requests()
    assert sandbox.requests == []


def test_faults(http, sandbox):
    sandbox.add_fault(
        status=503,
        body="<html>down</html>",
        headers={"Content-Type": "text/html"},
        times=2,
        path="/api/v2/sessions/",
    )
    for _ in range(2):
        response = http.request("GET", sandbox.url + "/api/v2/sessions/1")
        assert response.status == 503 and response.data == b"<html>down</html>"
    assert call(http, sandbox, "GET", "/api/v2/sessions/1")[0] == 200
    sandbox.add_fault(delay=0.3, method="GET")
    started = time.monotonic()
    assert call(http, sandbox, "GET", "/api/v2/sessions/1")[0] == 200
    assert time.monotonic() - started >= 0.3
    sandbox.add_fault(drop=True)
    with pytest.raises(urllib3.exceptions.ProtocolError):
        http.request("GET", sandbox.url + "/api/v2/sessions/1")


def test_stopping_ends_the_wait_of_a_delayed_answer():
    """A handler holding an answer back (a delay fault) ends when the sandbox stops,
    instead of sleeping out the delay with its socket open."""
    from TextMagic.sandbox import Sandbox

    before = set(threading.enumerate())
    sandbox = Sandbox(rate_limit=None).start()
    sandbox.add_fault(delay=60.0)
    client = socket.create_connection(("127.0.0.1", int(sandbox.url.rsplit(":", 1)[1])), 5)
    try:
        client.sendall(b"GET /api/v2/sessions/1 HTTP/1.1\r\nHost: x\r\n\r\n")
        ends = time.monotonic() + 5
        while not sandbox.requests and time.monotonic() < ends:
            time.sleep(0.02)
        assert sandbox.requests, "the request never arrived"
        sandbox_threads = set(threading.enumerate()) - before  # the server's and the handler's
        assert len(sandbox_threads) >= 2
        stopped = time.monotonic()
        sandbox.stop()
        for thread in sandbox_threads:
            thread.join(5)
        assert not any(thread.is_alive() for thread in sandbox_threads)
        assert time.monotonic() - stopped < 3  # not the 60 s delay
        client.settimeout(5)
        assert client.recv(1024) == b""  # closed, no answer
    finally:
        client.close()


def test_connections_are_counted_and_kept_alive(http, sandbox):
    for _ in range(5):
        call(http, sandbox, "GET", "/api/v2/sessions/1")
    assert sandbox.connections_opened == 1


def test_command_line_prints_url_and_credentials():
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "TextMagic.sandbox",
            "--port",
            "0",
            "--username",
            "me",
            "--api-key",
            "k3y",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", first).group(0)
        rest = [process.stdout.readline() for _ in range(4)]
        assert "'me'" in rest[1] and "'k3y'" in rest[2]
        manager = urllib3.PoolManager(retries=False, timeout=10)
        response = manager.request("GET", url + "/api/v2/sessions/2", headers=basic("me", "k3y"))
        manager.clear()
        assert response.status == 200 and json.loads(response.data)["id"] == 2
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=10)
    assert "GET /api/v2/sessions/2" in errors
    assert "k3y" not in errors and "Basic" not in errors
