"""Shared fixtures: a fresh sandbox per test and a client pointed at it.

The fixture's sandbox does not throttle (and so its clients do not pace themselves):
most tests make more than TextMagic's 20 calls per second. test_rate_limit.py runs the
limit on both sides.
"""

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox


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
