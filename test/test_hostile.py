"""Each hostile answer found by the fuzzing run of issue 12, as a test: whatever a server
sends, a call ends in an ``ApiException`` subclass (cause chained), within its deadline."""

import gzip
import json
import math
import sys
import time
import tracemalloc
import zlib

import pytest

import TextMagic
from test.servers import CannedServer, http_answer
from TextMagic.exceptions import (
    ApiConnectionError,
    ApiException,
    MalformedResponseError,
    NotFoundException,
    ServiceException,
    TooManyRequestsException,
)
from TextMagic.pagination import DEFAULT_CONCURRENCY

JSON = ("Content-Type", "application/json")
SESSION = {"id": 1, "startTime": "2026-01-01T00:00:00+0000", "text": "hi", "source": "A"}


def make_api(url, **settings):
    options = dict(retries=0, rate_limit=None, deadline=5, timeout=(2, 2))
    options.update(settings)
    configuration = TextMagic.Configuration(host=url, username="u", password="p", **options)
    return TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))


def call_with(answer, call, **settings):
    """Serve ``answer`` to every request; return (exception raised by ``call``, server)."""
    with CannedServer(answer) as server:
        api = make_api(server.url, **settings)
        try:
            with pytest.raises(ApiException) as caught:
                call(api)
        finally:
            api.api_client.close()
    return caught.value, server


def get_one(api):
    return api.get_message_session(1)


def page_of(resources=(SESSION,), **fields):
    page = {"page": 1, "pageCount": 1, "limit": 10, "resources": list(resources)}
    page.update(fields)
    return http_answer(200, json.dumps(page), [JSON])


# -- decoding ---------------------------------------------------------------------


@pytest.mark.parametrize("status", [200, 404])
def test_json_nested_deeper_than_the_stack(status):
    error, _ = call_with(http_answer(status, b"[" * 100_000, [JSON]), get_one)
    expected = MalformedResponseError if status == 200 else NotFoundException
    assert type(error) is expected
    if status == 200 and sys.version_info < (3, 9):  # refused before json recurses
        assert isinstance(error.__cause__, ValueError)
        assert "nested deeper than" in str(error)
    elif status == 200:
        assert isinstance(error.__cause__, RecursionError)


def test_an_integer_too_large_for_a_float_price():
    """Read as json reads a float beyond range (``1e400``): infinite, never an
    ``OverflowError`` from the attribute."""
    body = '{"id": 1, "price": %s}' % ("9" * 401)
    with CannedServer(http_answer(200, body, [JSON])) as server:
        session = make_api(server.url).get_message_session(1)
    assert session.price == math.inf
    assert session.to_dict()["price"] == math.inf


def test_a_null_body_is_malformed_where_an_object_is_due():
    error, _ = call_with(http_answer(200, b"null", [JSON]), get_one)
    assert isinstance(error, MalformedResponseError)
    error, _ = call_with(http_answer(200, b"null", [JSON]), lambda api: api.list_message_sessions())
    assert isinstance(error, MalformedResponseError)


# -- framing ----------------------------------------------------------------------


@pytest.mark.parametrize("length", ["9223372036854775807", "100000000000"])
def test_a_content_length_beyond_the_size_limit(length):
    answer = http_answer(200, b"{}", [JSON, ("Content-Length", length)], length=False)
    error, _ = call_with(answer, get_one)
    assert isinstance(error, MalformedResponseError)
    assert "max_response_size" in str(error) and length in str(error)


@pytest.mark.parametrize("size", [b"-5", b"FFFFFFFFFFFFFFFFFF", b"zz"])
def test_absurd_chunk_sizes(size):
    answer = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + size
        + b"\r\n{}\r\n0\r\n\r\n"
    )
    error, _ = call_with(answer, get_one)
    assert isinstance(error, ApiConnectionError)
    assert error.__cause__ is not None


def test_an_undeclared_length_beyond_the_limit_stops_reading():
    body = b'{"id": 1, "text": "' + b"x" * 300_000 + b'"}'
    answer = http_answer(200, body, [JSON], length=False)
    error, _ = call_with(answer, get_one, max_response_size=100_000)
    assert isinstance(error, MalformedResponseError)
    assert "100000 bytes" in str(error)


# -- compression ------------------------------------------------------------------


def test_a_gzip_bomb_is_cut_at_the_size_limit():
    inflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    bomb = b"".join(inflater.compress(block) for _ in range(1024)) + inflater.flush()
    assert len(bomb) < 1_100_000  # 1 GiB of zeros in about 1 MB
    answer = http_answer(200, bomb, [JSON, ("Content-Encoding", "gzip")])
    tracemalloc.start()
    try:
        error, _ = call_with(answer, get_one)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, MalformedResponseError)
    assert "decompresses to more" in str(error)
    assert peak < 200 * 1024 * 1024, peak  # the default limit (64 MiB) and the 1 MB read


def test_corrupt_and_truncated_gzip_are_reported_as_such():
    whole = gzip.compress(json.dumps(SESSION).encode())
    corrupt = whole[:10] + bytes(b ^ 0x55 for b in whole[10:])
    error, _ = call_with(http_answer(200, corrupt, [JSON, ("Content-Encoding", "gzip")]), get_one)
    assert isinstance(error, MalformedResponseError) and "corrupt" in str(error)
    truncated = whole[:-6]
    error, _ = call_with(http_answer(200, truncated, [JSON, ("Content-Encoding", "gzip")]), get_one)
    assert isinstance(error, MalformedResponseError) and "truncated" in str(error)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "deflate-raw", "gzip, gzip"])
def test_compressed_answers_decode(coding):
    raw = json.dumps(SESSION).encode()
    if coding == "gzip":
        body = gzip.compress(raw)
    elif coding == "gzip, gzip":
        body = gzip.compress(gzip.compress(raw))
    elif coding == "deflate":
        body = zlib.compress(raw)
    else:
        packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
        body, coding = packer.compress(raw) + packer.flush(), "deflate"
    with CannedServer(http_answer(200, body, [JSON, ("Content-Encoding", coding)])) as server:
        session = make_api(server.url).get_message_session(1)
    assert session.id == 1 and session.text == "hi"


def test_an_encoding_the_sdk_cannot_undo():
    answer = http_answer(200, b"\x00\x01", [JSON, ("Content-Encoding", "br")])
    error, _ = call_with(answer, get_one)
    assert isinstance(error, MalformedResponseError) and "'br'" in str(error)


# -- Retry-After and redirects ----------------------------------------------------


@pytest.mark.parametrize(
    "value", ["9" * 5000, "Wed, 21 Oct 99999999999 07:28:00 GMT", "soon", "-1", "1e400"]
)
@pytest.mark.parametrize("status", [429, 503])
def test_unreadable_retry_after(status, value):
    answer = http_answer(status, b"{}", [JSON, ("Retry-After", value)])
    started = time.monotonic()
    error, _ = call_with(answer, get_one, retries=1, deadline=3)
    assert type(error) is (TooManyRequestsException if status == 429 else ServiceException)
    assert time.monotonic() - started < 3.5
    if status == 429:
        assert error.retry_after is None


@pytest.mark.parametrize("location", ["http://[::1", "http://[zz]/", "http://h:99999/", "ftp://x/"])
def test_redirects_to_unusable_locations(location):
    answer = http_answer(302, b"", [("Location", location)])
    error, _ = call_with(answer, get_one)
    assert isinstance(error, ApiConnectionError)


# -- paging -----------------------------------------------------------------------


@pytest.mark.parametrize("concurrency", [1, DEFAULT_CONCURRENCY])
def test_a_server_ignoring_the_page_parameter_ends_the_walk(concurrency):
    answer = page_of([dict(SESSION, id=1), dict(SESSION, id=2)], pageCount=1_000_000, page=None)
    with CannedServer(answer) as server:
        api = make_api(server.url)
        items = list(api.iter_all_message_sessions(max_items=5, concurrency=concurrency))
    assert [s.id for s in items] == [1, 2]
    # Page 2 repeats page 1: the walk ends there. Fetching ahead, it asked for page 3
    # too (the last that could hold one of the 5 items), and no more.
    assert len(server.requests) == (2 if concurrency == 1 else 3)


@pytest.mark.parametrize("concurrency", [1, DEFAULT_CONCURRENCY])
def test_a_server_cycling_through_pages_ends_the_walk(concurrency):
    pages = [
        page_of([dict(SESSION, id=1)], pageCount=1_000_000, page=None),
        page_of([dict(SESSION, id=2)], pageCount=1_000_000, page=None),
    ]
    served = []

    def answer(sock, stop):
        served.append(1)  # counted before answering: the next request comes after it
        sock.sendall(pages[(len(served) - 1) % 2])

    with CannedServer(answer) as server:
        api = make_api(server.url)
        items = list(api.iter_all_message_sessions(concurrency=concurrency))
    if concurrency == 1:
        assert [s.id for s in items] == [1, 2]
        assert len(served) == 3  # page 3 is page 1 again: the walk ends there
    else:
        # Pages asked for together arrive in any order, and this server answers by order
        # of arrival: page 2 may get page 1's session. Either way the walk ends, with no
        # session twice, at most concurrency - 1 pages beyond the one that ended it.
        assert [s.id for s in items] in ([1], [1, 2])
        assert 2 <= len(served) <= 3 + concurrency - 1


def test_max_items_is_a_hard_stop():
    answer = page_of([dict(SESSION, id=n) for n in range(1, 11)], pageCount=5)
    with CannedServer(answer) as server:
        items = list(make_api(server.url).iter_all_message_sessions(limit=10, max_items=3))
    assert [s.id for s in items] == [1, 2, 3]
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"pageCount": "3"},
        {"pageCount": float("nan")},
        {"pageCount": float("inf")},
        {"pageCount": -1},
        {"pageCount": True},
        {"page": "1"},
        {"page": 7},
        {"resources": [None]},
        {"resources": [dict(SESSION, id=[1])]},
        {"resources": [dict(SESSION, id="1")]},
        {"resources": "x"},
        {"resources": [5]},
    ],
)
def test_ill_typed_pages_are_malformed(fields):
    error, _ = call_with(page_of(**fields), lambda api: list(api.iter_all_message_sessions()))
    assert isinstance(error, MalformedResponseError)


def test_a_null_page_in_a_walk_is_malformed():
    error, _ = call_with(
        http_answer(200, b"null", [JSON]), lambda api: list(api.iter_messages_by_session_id(1))
    )
    assert isinstance(error, MalformedResponseError)
