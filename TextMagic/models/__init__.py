"""The models: one module each, on the shared base in ``TextMagic.models.base``.

A model's module is imported when the model is first named (``TextMagic.MessageSession``,
``from TextMagic.models import MessageSession``) or first decoded, not with the package:
a process that imports the SDK and never calls it does not pay for the models.
"""

from typing import TYPE_CHECKING

from TextMagic._lazy import lazy_attributes

#: Each public name of this package, and the module (under it) that defines it.
MODULES = {
    "Model": "base",
    "MessageSession": "message_session",
    "GetMessageSessionStatResponse": "get_message_session_stat_response",
    "DeleteMessageSessionsBulkInputObject": "delete_message_sessions_bulk_input_object",
    "MessageOut": "message_out",
    "GetAllMessageSessionsPaginatedResponse": "paginated_responses",
    "GetMessagesBySessionIdPaginatedResponse": "paginated_responses",
    "Page": "paginated_responses",
}

__all__ = list(MODULES)

if TYPE_CHECKING:  # what type checkers see: the names as if imported here
    from TextMagic.models.base import Model as Model
    from TextMagic.models.delete_message_sessions_bulk_input_object import (
        DeleteMessageSessionsBulkInputObject as DeleteMessageSessionsBulkInputObject,
    )
    from TextMagic.models.get_message_session_stat_response import (
        GetMessageSessionStatResponse as GetMessageSessionStatResponse,
    )
    from TextMagic.models.message_out import MessageOut as MessageOut
    from TextMagic.models.message_session import MessageSession as MessageSession
    from TextMagic.models.paginated_responses import (
        GetAllMessageSessionsPaginatedResponse as GetAllMessageSessionsPaginatedResponse,
    )
    from TextMagic.models.paginated_responses import (
        GetMessagesBySessionIdPaginatedResponse as GetMessagesBySessionIdPaginatedResponse,
    )
    from TextMagic.models.paginated_responses import Page as Page
else:  # an unknown name stays an error for type checkers
    __getattr__, __dir__ = lazy_attributes(
        __name__,
        {name: "%s.%s" % (__name__, module) for name, module in MODULES.items()},
        set(MODULES.values()) | {"timestamps"},
    )
