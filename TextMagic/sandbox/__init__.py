"""A local TextMagic-compatible server: ``with Sandbox() as sb: ...`` or
``python -m TextMagic.sandbox --port 8080``. Standard library only."""

from TextMagic.sandbox.data import SandboxData
from TextMagic.sandbox.server import DEFAULT_API_KEY, DEFAULT_USERNAME, RecordedRequest, Sandbox

__all__ = ["Sandbox", "SandboxData", "RecordedRequest", "DEFAULT_USERNAME", "DEFAULT_API_KEY"]
