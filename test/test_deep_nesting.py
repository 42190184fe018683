"""Deeply nested answers. Before Python 3.12 the standard library's json recurses against
Python's recursion limit, and a finalizer the garbage collector runs near that limit
fails: on 3.8 the interpreter aborts, so there such answers are refused before decoding,
their depth counted without recursion and without the brackets inside strings."""

import gc
import json
import random
import sys
import weakref

import pytest

import TextMagic
from test.benchmarks.memory import Answer
from test.servers import CannedServer, http_answer
from TextMagic import _json
from TextMagic.exceptions import MalformedResponseError

LIMIT = 50
DEEP_CASES = [
    ("[" * 51 + "]" * 51, True),
    ("[" * 50 + "]" * 50, False),
    ('{"a":' * 51 + "1" + "}" * 51, True),
    ("[1," * 51 + "2" + "]" * 51, True),
    # siblings before each deeper level: no run of openers gives the depth away
    ("[[[]]," * 51 + "1" + "]" * 51, True),
    (json.dumps([[{"a": [1]}] for _ in range(200)]), False),  # wide: 800 openers, 4 deep
    (json.dumps({"text": "[" * 200, "b": [[1]]}), False),
    (json.dumps({"text": 'x\\"[{' * 100, "b": [[1]]}), False),  # escapes in the string
    ("[" * 60 + '"' + "]" * 60, True),  # an unterminated string hides nothing
    # closers inside strings never pair with the brackets around them
    ("[" + '"]",[' * 55 + "1" + "]" * 56, True),
    ("[" + '"\\"]",[' * 55 + "1" + "]" * 56, True),
]


@pytest.mark.parametrize("text, deep", DEEP_CASES)
@pytest.mark.parametrize("as_bytes", [True, False])
def test_nesting_is_counted_without_recursion(text, deep, as_bytes):
    assert _json.too_deep(text.encode() if as_bytes else text, LIMIT) is deep


def test_a_small_limit_is_kept_too():
    """Fewer passes than the limit's levels: emptied within them proves nothing more."""
    assert _json.too_deep("[" * 5 + "]" * 5 + " " * 20, 2)
    assert not _json.too_deep("[" * 2 + "]" * 2 + " " * 20, 2)


def test_a_deep_answer_from_a_server_is_malformed(monkeypatch):
    monkeypatch.setattr(_json, "_fast", None)  # the standard library's json
    body = b"[" * 600 + b"]" * 600
    answer = http_answer(200, body, [("Content-Type", "application/json")])
    with CannedServer(answer) as server:
        configuration = TextMagic.Configuration(
            host=server.url, username="u", password="p", retries=0, rate_limit=None, deadline=10
        )
        with TextMagic.ApiClient(configuration) as client:
            with pytest.raises(MalformedResponseError) as caught:
                TextMagic.OutboundMessageSessionsApi(client).get_all_message_sessions()
    if sys.version_info < (3, 9):
        assert "nested deeper than %d levels" % _json.MAX_NESTING in str(caught.value)


@pytest.mark.xfail(
    (3, 9) <= sys.version_info < (3, 12),
    reason="3.9-3.11 report a finalizer's RecursionError near the limit and go on; refusing "
    "deep answers there would cost every large body a scan (see _json.MAX_NESTING)",
    raises=AssertionError,
    strict=True,
)
def test_finalizers_run_normally_while_a_deep_answer_is_decoded(monkeypatch):
    """The garbage collector runs finalizers wherever it is triggered, here during the
    decoding (thresholds picked so that it comes at every depth): about one in thirty
    fails near the recursion limit on 3.9-3.11, and 3.8 aborted before answers this
    deep were refused."""
    monkeypatch.setattr(_json, "_fast", None)
    client = TextMagic.ApiClient(TextMagic.Configuration())
    failures = []
    # What a finalizer raises goes here, not to pytest's hook (Python code that would
    # itself fail near the limit): list.append runs no Python frame.
    monkeypatch.setattr(sys, "unraisablehook", failures.append)

    def finalizer():
        def down(levels):
            return down(levels - 1) if levels else 0

        try:
            down(10)
        except RecursionError as error:
            failures.append(error)

    class Cycle(object):
        pass

    body = b"[" * 3000 + b"]" * 3000  # beyond the recursion limit
    rng = random.Random(7)
    thresholds = gc.get_threshold()
    try:
        for _ in range(300):
            gc.collect()
            gc.set_threshold(rng.randrange(900, 1100), 1000, 1000)
            garbage = Cycle()
            garbage.me = garbage
            weakref.finalize(garbage, finalizer)
            del garbage
            try:
                client.deserialize(Answer(body), "object")
            except MalformedResponseError:
                pass  # refused (3.8), or deeper than json's limit: the finalizers are the point
    finally:
        gc.set_threshold(*thresholds)
        client.close()
    assert failures == []
