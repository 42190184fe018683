"""The models: one module each, on the shared base in ``TextMagic.models.base``."""

from TextMagic.models.base import Model
from TextMagic.models.delete_message_sessions_bulk_input_object import (
    DeleteMessageSessionsBulkInputObject,
)
from TextMagic.models.get_message_session_stat_response import GetMessageSessionStatResponse
from TextMagic.models.message_out import MessageOut
from TextMagic.models.message_session import MessageSession
from TextMagic.models.paginated_responses import (
    GetAllMessageSessionsPaginatedResponse,
    GetMessagesBySessionIdPaginatedResponse,
    Page,
)

__all__ = [
    "Model",
    "MessageSession",
    "GetMessageSessionStatResponse",
    "DeleteMessageSessionsBulkInputObject",
    "MessageOut",
    "GetAllMessageSessionsPaginatedResponse",
    "GetMessagesBySessionIdPaginatedResponse",
    "Page",
]
