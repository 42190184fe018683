"""The API classes."""

from TextMagic.api.outbound_message_sessions_api import OutboundMessageSessionsApi

__all__ = ["OutboundMessageSessionsApi"]
