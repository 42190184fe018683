"""The SDK's pytest plugin: a ``textmagic_sandbox`` fixture for an application's own tests.

Installed with the SDK and found by pytest through the ``pytest11`` entry point, so a
project needs no conftest of its own::

    def test_lists_sessions(textmagic_sandbox):
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient())
        assert api.list_message_sessions().page == 1
        assert textmagic_sandbox.requests[-1].path == "/api/v2/sessions"

One sandbox serves the whole test session; each test gets it reset (seeded data, no
faults, no recorded requests, a fresh rate-limit count) and, while the test runs,
``TEXTMAGIC_HOST``, ``TEXTMAGIC_USERNAME`` and ``TEXTMAGIC_API_KEY`` point at it, so that
code calling ``Configuration()`` or the command line talks to it unchanged. The sandbox
throttles as TextMagic does (20 requests per second per account); a test may set
``textmagic_sandbox.rate_limit = None``, which lasts for that test only.
Nothing of the SDK is imported until a test asks for the fixture; ``-p no:textmagic``
turns the plugin off.
"""

from typing import Any, Iterator

import pytest

__all__ = ["textmagic_sandbox"]


@pytest.fixture(scope="session")
def _textmagic_sandbox_server() -> Iterator[Any]:
    """The session's one sandbox, started on first use, stopped at the session's end."""
    from TextMagic.sandbox import Sandbox

    with Sandbox() as server:
        yield server


@pytest.fixture
def textmagic_sandbox(_textmagic_sandbox_server: Any) -> Iterator[Any]:
    """A running ``TextMagic.sandbox.Sandbox``, fresh for this test, with the
    ``TEXTMAGIC_*`` environment pointing at it while the test runs."""
    server = _textmagic_sandbox_server
    rate_limit = server.rate_limit
    server.reset()
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("TEXTMAGIC_HOST", server.url)
        environment.setenv("TEXTMAGIC_USERNAME", server.username)
        environment.setenv("TEXTMAGIC_API_KEY", server.api_key)
        try:
            yield server
        finally:
            server.rate_limit = rate_limit
