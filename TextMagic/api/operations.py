"""The six Outbound Message Sessions endpoints, declared: method, path, parameters (their
wire names and checks) and what each answers with; and the types their methods share."""

from typing import List, Mapping, Tuple, TypeVar, Union

from TextMagic.models import DeleteMessageSessionsBulkInputObject
from TextMagic.operation import (
    Operation,
    Param,
    boolean,
    model_or_dict,
    page_limit,
    positive_int,
    statuses,
    zero_or_one,
)

T = TypeVar("T")
#: What ``*_with_http_info`` returns: the data, the HTTP status and the response headers.
WithHttpInfo = Tuple[T, int, Mapping[str, str]]

#: What ``statuses`` accepts: "d,f" or ["d", "f"].
Statuses = Union[str, List[str], None]

_ID = Param("id", "path", positive_int, required=True)
_PAGE = Param("page", "query", positive_int)
_LIMIT = Param("limit", "query", page_limit)
_INCLUDE_DELETED = Param("include_deleted", "query", zero_or_one, wire_name="includeDeleted")

DELETE_MESSAGE_SESSION = Operation(
    "delete_message_session", "DELETE", "/api/v2/sessions/{id}", [_ID]
)

DELETE_MESSAGE_SESSIONS_BULK = Operation(
    "delete_message_sessions_bulk",
    "POST",
    "/api/v2/sessions/delete",
    [
        Param(
            "delete_message_sessions_bulk_input_object",
            "body",
            model_or_dict(DeleteMessageSessionsBulkInputObject),
            required=True,
        ),
        Param("x_ignore_null_values", "header", boolean, wire_name="X-Ignore-Null-Values"),
    ],
)

GET_ALL_MESSAGE_SESSIONS = Operation(
    "get_all_message_sessions",
    "GET",
    "/api/v2/sessions",
    [_PAGE, _LIMIT],
    response_type="dict(str, object)",
)

GET_MESSAGE_SESSION = Operation(
    "get_message_session", "GET", "/api/v2/sessions/{id}", [_ID], response_type="MessageSession"
)

GET_MESSAGE_SESSION_STAT = Operation(
    "get_message_session_stat",
    "GET",
    "/api/v2/sessions/{id}/stat",
    [_ID, _INCLUDE_DELETED],
    response_type="GetMessageSessionStatResponse",
)

GET_MESSAGES_BY_SESSION_ID = Operation(
    "get_messages_by_session_id",
    "GET",
    "/api/v2/sessions/{id}/messages",
    [_ID, _PAGE, _LIMIT, Param("statuses", "query", statuses), _INCLUDE_DELETED],
    response_type="dict(str, object)",
)

# The same two list endpoints, answering with typed pages.
LIST_MESSAGE_SESSIONS = GET_ALL_MESSAGE_SESSIONS.variant(
    "list_message_sessions", "GetAllMessageSessionsPaginatedResponse"
)
LIST_MESSAGES_BY_SESSION_ID = GET_MESSAGES_BY_SESSION_ID.variant(
    "list_messages_by_session_id", "GetMessagesBySessionIdPaginatedResponse"
)
