"""TextMagic Python SDK: list, inspect, count and delete SMS sending sessions.

The public surface::

    import TextMagic
    configuration = TextMagic.Configuration(username="me", password="API key")
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    session = api.get_message_session(7)

The API class and the models are imported when first named, not with the package (see
``TextMagic.models``); everything else comes with ``import TextMagic``.
"""

import importlib
from typing import TYPE_CHECKING, Any, List

from TextMagic import models
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

# The names imported when first used, and the module each comes from.
_ON_FIRST_USE = dict.fromkeys(models.__all__, "TextMagic.models")
del _ON_FIRST_USE["Model"]  # TextMagic.models.Model: not part of the top-level surface
_ON_FIRST_USE["OutboundMessageSessionsApi"] = "TextMagic.api.outbound_message_sessions_api"
# Modules an ``import TextMagic`` used to bring along, still reachable as attributes.
_MODULES_ON_FIRST_USE = frozenset(["api", "operation", "pagination"])

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


def __getattr__(name: str) -> Any:
    if name in _MODULES_ON_FIRST_USE:
        return importlib.import_module("%s.%s" % (__name__, name))
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups find it without this function
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
