"""Shared fixtures: a fresh sandbox per test and a client pointed at it."""

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox


@pytest.fixture
def sandbox():
    with Sandbox() as server:
        yield server


@pytest.fixture
def client(sandbox):
    with TextMagic.ApiClient(sandbox.configuration(timeout=(5, 10))) as api_client:
        yield api_client


@pytest.fixture
def api(client):
    return TextMagic.OutboundMessageSessionsApi(client)
