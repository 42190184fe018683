"""Shared fixtures: a fresh sandbox per test and a client pointed at it.

The fixture's sandbox does not throttle (and so its clients do not pace themselves):
most tests make more than TextMagic's 20 calls per second. test_rate_limit.py runs the
limit on both sides.
"""

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox


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
