"""The ``[fast]`` extra: with orjson installed, answers decode to exactly what the
standard library's json gives. Each test runs both ways."""

import json
import math
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import TextMagic
from test.benchmarks import payloads
from TextMagic import _json
from TextMagic.exceptions import MalformedResponseError

orjson = pytest.importorskip("orjson")  # a test dependency: installed wherever tests run


@pytest.fixture(params=["orjson", "json"])
def decoder(request, monkeypatch):
    monkeypatch.setattr(_json, "_fast", orjson if request.param == "orjson" else None)
    return request.param


def same(a, b):
    """Equal, NaN equal to NaN, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(json_values, st.sampled_from(["utf-8", "utf-16", "text"]), st.booleans())
def test_any_document_decodes_alike(value, encoding, ascii_only):
    text = json.dumps(value, ensure_ascii=ascii_only)
    data = text if encoding == "text" else text.encode(encoding, "surrogatepass")
    expected = json.loads(data)
    saved = _json._fast
    try:
        _json._fast = orjson
        assert same(_json.loads(data), expected)
    finally:
        _json._fast = saved


@pytest.mark.parametrize(
    "data", [b"NaN", b"[Infinity]", b'"\\ud800"', b"9" * 30, b'{"a": 1, "a": 2}', b"1e400"]
)
def test_what_orjson_refuses_is_decoded_by_json(data):
    saved = _json._fast
    try:
        _json._fast = orjson
        assert same(_json.loads(data), json.loads(data))
    finally:
        _json._fast = saved


@pytest.mark.parametrize("data", [b"", b"{", b"[" * 100_000, b"\xff"])
def test_what_neither_takes_fails_alike(data, decoder):
    with pytest.raises((ValueError, RecursionError)):
        _json.loads(data)


def test_pages_decode_to_the_same_models_both_ways(monkeypatch):
    client = TextMagic.ApiClient(TextMagic.Configuration())

    class Answer(object):
        status, reason, headers = 200, "OK", {}

        def __init__(self, data):
            self.data = data

    decoded = {}
    for name, fast in (("orjson", orjson), ("json", None)):
        monkeypatch.setattr(_json, "_fast", fast)
        decoded[name] = (
            client.deserialize(
                Answer(payloads.encode(payloads.page(payloads.sessions(300)))),
                "GetAllMessageSessionsPaginatedResponse",
            ),
            client.deserialize(
                Answer(payloads.encode(payloads.page(payloads.messages(300)))),
                "GetMessagesBySessionIdPaginatedResponse",
            ),
        )
    assert decoded["orjson"] == decoded["json"]


def test_hostile_bodies_fail_alike_both_ways(decoder):
    client = TextMagic.ApiClient(TextMagic.Configuration())

    class Answer(object):
        status, reason, headers = 200, "OK", {}

        def __init__(self, data):
            self.data = data

    for body in (b"[" * 100_000, b"null", b"oops", b'{"page": 1, "resources": 5}'):
        with pytest.raises(MalformedResponseError):
            client.deserialize(Answer(body), "GetAllMessageSessionsPaginatedResponse")
    price = client.deserialize(Answer(b'{"id": 1, "price": NaN}'), "MessageSession").price
    assert math.isnan(price)
    # An integer too large for a float reads as JSON's too large floats do: infinite.
    huge = b'{"id": 1, "price": -' + b"9" * 401 + b"}"
    assert client.deserialize(Answer(huge), "MessageSession").price == -math.inf


@pytest.mark.parametrize(
    "page",
    [
        {"page": 1, "pageCount": 1, "resources": [{"id": 1, "source": [1]}, {"id": 2}]},
        {"page": 1, "pageCount": 1, "resources": [None, {"id": 2, "source": "A"}]},
        {"page": 1, "pageCount": 1, "resources": [{"id": 1, "source": "AB", "destination": 5}]},
        {"page": 1, "pageCount": 1, "resources": []},
    ],
)
def test_odd_pages_decode_alike_both_ways(page, monkeypatch):
    client = TextMagic.ApiClient(TextMagic.Configuration())

    class Answer(object):
        status, reason, headers = 200, "OK", {}
        data = json.dumps(page).encode()

    results = []
    for fast in (orjson, None):
        monkeypatch.setattr(_json, "_fast", fast)
        results.append(client.deserialize(Answer(), "GetAllMessageSessionsPaginatedResponse"))
    assert results[0] == results[1]


FAKE_ORJSON = """
import json, os, time
with open(os.environ["ORJSON_MARKER"], "a") as marker:
    marker.write("started\\n")
time.sleep(1.0)  # an initialisation long enough for a Ctrl-C to land in it
loads = json.loads
with open(os.environ["ORJSON_MARKER"], "a") as marker:
    marker.write("finished\\n")
"""

INTERRUPTED_FIRST_DECODE = """
import os, signal, threading
from TextMagic import _json
threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
try:
    _json.loads(b'{"id": 1}')
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted")
print(_json.loads(b'{"id": 1}'))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_at_the_first_decode_never_interrupts_the_orjson_import(tmp_path):
    """Interrupting orjson's initialisation crashes the interpreter (orjson 3.13, CPython
    3.11): the import runs where no signal lands, and is done once, whole."""
    (tmp_path / "orjson").mkdir()
    (tmp_path / "orjson" / "__init__.py").write_text(FAKE_ORJSON)
    marker = tmp_path / "marker"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env = dict(
        os.environ,
        ORJSON_MARKER=str(marker),
        PYTHONPATH=os.pathsep.join([str(tmp_path), root]),
    )
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_FIRST_DECODE],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["interrupted", "{'id': 1}"]
    assert marker.read_text().splitlines() == ["started", "finished"]
