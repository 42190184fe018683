"""Shared fixtures: a fresh sandbox per test and a client pointed at it.

The fixture's sandbox does not throttle (and so its clients do not pace themselves):
most tests make more than TextMagic's 20 calls per second. test_rate_limit.py runs the
limit on both sides.
"""

import signal

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_as_in_a_terminal():
    """Run with Ctrl-C handled as in a terminal, also when started where SIGINT is
    ignored (a background job of a script, ``nohup``): the Ctrl-C tests send it to this
    process and to the programs they start, which inherit an ignored SIGINT but not a
    handler."""
    ignored = signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    if ignored:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(autouse=True)
def _no_textmagic_environment(monkeypatch):
    """``Configuration()`` reads TEXTMAGIC_*: a developer's own settings must not leak
    into the tests (the tests that use them set them)."""
    for name in ("TEXTMAGIC_USERNAME", "TEXTMAGIC_API_KEY", "TEXTMAGIC_HOST"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def sandbox():
    with Sandbox(rate_limit=None) as server:
        yield server


@pytest.fixture
def client(sandbox):
    with TextMagic.ApiClient(sandbox.configuration(timeout=(5, 10))) as api_client:
        yield api_client


@pytest.fixture
def api(client):
    return TextMagic.OutboundMessageSessionsApi(client)
