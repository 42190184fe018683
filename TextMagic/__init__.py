"""TextMagic Python SDK: list, inspect, count and delete SMS sending sessions.

The public surface::

    import TextMagic
    configuration = TextMagic.Configuration(username="me", password="API key")
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    session = api.get_message_session(7)
"""

from TextMagic._version import __version__
from TextMagic.api.outbound_message_sessions_api import OutboundMessageSessionsApi
from TextMagic.api_client import ApiClient, AsyncResult
from TextMagic.configuration import Configuration
from TextMagic.exceptions import (
    ApiConnectionError,
    ApiException,
    ApiTimeoutError,
    BadRequestException,
    ForbiddenException,
    MalformedResponseError,
    NotFoundException,
    PoolTimeoutError,
    ServiceException,
    TooManyRequestsException,
    UnauthorizedException,
)
from TextMagic.models import (
    DeleteMessageSessionsBulkInputObject,
    GetAllMessageSessionsPaginatedResponse,
    GetMessagesBySessionIdPaginatedResponse,
    GetMessageSessionStatResponse,
    MessageOut,
    MessageSession,
    Page,
)
from TextMagic.rest import CallTimeout, RetryPolicy

__all__ = [
    "__version__",
    "ApiClient",
    "AsyncResult",
    "CallTimeout",
    "RetryPolicy",
    "Configuration",
    "OutboundMessageSessionsApi",
    "MessageSession",
    "GetMessageSessionStatResponse",
    "DeleteMessageSessionsBulkInputObject",
    "MessageOut",
    "GetAllMessageSessionsPaginatedResponse",
    "GetMessagesBySessionIdPaginatedResponse",
    "Page",
    "ApiException",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "TooManyRequestsException",
    "ServiceException",
    "MalformedResponseError",
    "ApiConnectionError",
    "ApiTimeoutError",
    "PoolTimeoutError",
]
