"""TextMagic Python SDK: list, inspect, count and delete SMS sending sessions.

The public surface::

    import TextMagic
    configuration = TextMagic.Configuration(username="me", password="API key")
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    session = api.get_message_session(7)

The API class and the models are imported when first named, not with the package (see
``TextMagic.models``); everything else comes with ``import TextMagic``.
"""

from typing import TYPE_CHECKING

from TextMagic import models
from TextMagic._lazy import lazy_attributes
from TextMagic._version import __version__
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
from TextMagic.rest import CallTimeout, RetryPolicy

if TYPE_CHECKING:
    from TextMagic.api.outbound_message_sessions_api import OutboundMessageSessionsApi
    from TextMagic.models import (
        DeleteMessageSessionsBulkInputObject,
        GetAllMessageSessionsPaginatedResponse,
        GetMessagesBySessionIdPaginatedResponse,
        GetMessageSessionStatResponse,
        MessageOut,
        MessageSession,
        Page,
    )

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


if not TYPE_CHECKING:  # type checkers see the imports above; an unknown name stays an error
    _FROM_MODELS = [name for name in models.__all__ if name != "Model"]
    __getattr__, __dir__ = lazy_attributes(
        __name__,
        dict(
            dict.fromkeys(_FROM_MODELS, "TextMagic.models"),
            OutboundMessageSessionsApi="TextMagic.api.outbound_message_sessions_api",
        ),
        # modules an ``import TextMagic`` used to bring along
        ["api", "operation", "pagination"],
    )
