"""TextMagic Python SDK: list, inspect, count and delete SMS sending sessions.

The public surface::

    import TextMagic
    configuration = TextMagic.Configuration(username="me", password="API key")
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    session = api.get_message_session(7)

Every name is imported when first named, not with the package: ``import TextMagic``
alone (which pytest's loading of the SDK's plugin does) costs next to nothing.
"""

from typing import TYPE_CHECKING

from TextMagic._lazy import lazy_attributes
from TextMagic._version import __version__

if TYPE_CHECKING:
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


#: Each public name, and the module that defines it.
_SOURCES = dict(
    dict.fromkeys(["ApiClient", "AsyncResult"], "TextMagic.api_client"),
    Configuration="TextMagic.configuration",
    CallTimeout="TextMagic.rest",
    RetryPolicy="TextMagic.rest",
    OutboundMessageSessionsApi="TextMagic.api.outbound_message_sessions_api",
)
_SOURCES.update(
    (name, "TextMagic.exceptions") for name in __all__ if name.endswith(("Exception", "Error"))
)
_SOURCES.update(
    (name, "TextMagic.models") for name in __all__ if name not in _SOURCES and name != "__version__"
)

if not TYPE_CHECKING:  # type checkers see the imports above; an unknown name stays an error
    __getattr__, __dir__ = lazy_attributes(
        __name__,
        _SOURCES,
        # modules an ``import TextMagic`` used to bring along
        [
            "api",
            "api_client",
            "configuration",
            "exceptions",
            "models",
            "operation",
            "pagination",
            "rest",
        ],
    )
