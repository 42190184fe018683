"""The six Outbound Message Sessions endpoints.

Each method is a thin, documented front for an ``Operation`` declared below; checking the
arguments, building the request and decoding the answer all happen in ``ApiClient``.

Every method also accepts these keyword options (type checkers see the result of
``async_req=True`` as ``AsyncResult[...]``; with ``_preload_content=False``, cast the
result to ``urllib3.HTTPResponse``):

- ``async_req`` (bool): run in a background thread and return an ``AsyncResult`` whose
  ``get(timeout=None)`` returns the result or raises the call's exception.
- ``_return_http_data_only`` (bool): the ``*_with_http_info`` methods return
  ``(data, status, headers)`` unless this is True.
- ``_preload_content`` (bool): False returns urllib3's response with its body unread.
- ``_request_timeout``: seconds, or a ``(connect, read)`` pair, for this call only.
"""

from typing import (
    Any,
    Dict,
    Iterator,
    List,
    Literal,
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    Union,
    cast,
    overload,
)

from TextMagic.api_client import ApiClient, AsyncResult
from TextMagic.models import (
    DeleteMessageSessionsBulkInputObject,
    GetAllMessageSessionsPaginatedResponse,
    GetMessagesBySessionIdPaginatedResponse,
    GetMessageSessionStatResponse,
    MessageOut,
    MessageSession,
    Page,
)
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
from TextMagic.pagination import check_max_items, iterate_pages

T = TypeVar("T")
#: What ``*_with_http_info`` returns: the data, the HTTP status and the response headers.
WithHttpInfo = Tuple[T, int, Mapping[str, str]]

#: What ``statuses`` accepts: "d,f" or ["d", "f"].
Statuses = Union[str, List[str], None]

__all__ = ["OutboundMessageSessionsApi"]

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


class OutboundMessageSessionsApi(object):
    """List, inspect, count and delete SMS sending sessions.

    :param ApiClient api_client: the client to send calls through; a new one with the
        default configuration when omitted.
    """

    def __init__(self, api_client: Optional[ApiClient] = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    @overload
    def delete_message_session(
        self, id: int, *, async_req: Literal[True], **kwargs: Any
    ) -> AsyncResult[None]: ...
    @overload
    def delete_message_session(
        self, id: int, *, async_req: Literal[False] = ..., **kwargs: Any
    ) -> None: ...

    def delete_message_session(self, id: int, **kwargs: Any) -> Optional[AsyncResult[None]]:
        """Delete a message session, together with all nested messages.

        :param int id: the session's ID (required).
        :return: None
        """
        kwargs["_return_http_data_only"] = True
        return cast(Any, self.delete_message_session_with_http_info(id, **kwargs))

    @overload
    def delete_message_session_with_http_info(
        self, id: int, *, async_req: Literal[True], **kwargs: Any
    ) -> AsyncResult[WithHttpInfo[None]]: ...
    @overload
    def delete_message_session_with_http_info(
        self, id: int, *, async_req: Literal[False] = ..., **kwargs: Any
    ) -> WithHttpInfo[None]: ...

    def delete_message_session_with_http_info(
        self, id: int, **kwargs: Any
    ) -> Union[WithHttpInfo[None], AsyncResult[WithHttpInfo[None]]]:
        """Delete a message session, together with all nested messages.

        :param int id: the session's ID (required).
        :return: ``(None, status, headers)``
        """
        return self.api_client.call_operation(DELETE_MESSAGE_SESSION, {"id": id}, kwargs)

    @overload
    def delete_message_sessions_bulk(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[None]: ...
    @overload
    def delete_message_sessions_bulk(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> None: ...

    def delete_message_sessions_bulk(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = True,
        **kwargs: Any,
    ) -> Optional[AsyncResult[None]]:
        """Delete messages sessions, together with all nested messages, by given ID(s) or
        delete all messages sessions.

        :param DeleteMessageSessionsBulkInputObject delete_message_sessions_bulk_input_object:
            which sessions to delete (required).
        :param bool x_ignore_null_values: sent as ``X-Ignore-Null-Values`` (default True).
        :return: None
        """
        kwargs["_return_http_data_only"] = True
        return cast(
            Any,
            self.delete_message_sessions_bulk_with_http_info(
                delete_message_sessions_bulk_input_object,
                x_ignore_null_values=x_ignore_null_values,
                **kwargs,
            ),
        )

    @overload
    def delete_message_sessions_bulk_with_http_info(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[WithHttpInfo[None]]: ...
    @overload
    def delete_message_sessions_bulk_with_http_info(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> WithHttpInfo[None]: ...

    def delete_message_sessions_bulk_with_http_info(
        self,
        delete_message_sessions_bulk_input_object: DeleteMessageSessionsBulkInputObject,
        *,
        x_ignore_null_values: bool = True,
        **kwargs: Any,
    ) -> Union[WithHttpInfo[None], AsyncResult[WithHttpInfo[None]]]:
        """Delete messages sessions, together with all nested messages, by given ID(s) or
        delete all messages sessions.

        :param DeleteMessageSessionsBulkInputObject delete_message_sessions_bulk_input_object:
            which sessions to delete (required).
        :param bool x_ignore_null_values: sent as ``X-Ignore-Null-Values`` (default True).
        :return: ``(None, status, headers)``
        """
        body = delete_message_sessions_bulk_input_object
        arguments: Dict[str, Any] = {"delete_message_sessions_bulk_input_object": body}
        arguments["x_ignore_null_values"] = x_ignore_null_values
        return self.api_client.call_operation(DELETE_MESSAGE_SESSIONS_BULK, arguments, kwargs)

    @overload
    def get_all_message_sessions(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[Dict[str, Any]]: ...
    @overload
    def get_all_message_sessions(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> Dict[str, Any]: ...

    def get_all_message_sessions(
        self, *, page: Optional[int] = None, limit: Optional[int] = None, **kwargs: Any
    ) -> Union[Dict[str, Any], AsyncResult[Dict[str, Any]]]:
        """Get all message sending sessions.

        :param int page: Fetch specified results page; the server's default is 1.
        :param int limit: How many results to return; the server's default is 10.
        :return: dict(str, object): ``page``, ``pageCount``, ``limit`` and ``resources``
            (a list of session objects).
        """
        kwargs["_return_http_data_only"] = True
        return cast(
            Any, self.get_all_message_sessions_with_http_info(page=page, limit=limit, **kwargs)
        )

    @overload
    def get_all_message_sessions_with_http_info(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[WithHttpInfo[Dict[str, Any]]]: ...
    @overload
    def get_all_message_sessions_with_http_info(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> WithHttpInfo[Dict[str, Any]]: ...

    def get_all_message_sessions_with_http_info(
        self, *, page: Optional[int] = None, limit: Optional[int] = None, **kwargs: Any
    ) -> Union[WithHttpInfo[Dict[str, Any]], AsyncResult[WithHttpInfo[Dict[str, Any]]]]:
        """Get all message sending sessions.

        :param int page: Fetch specified results page; the server's default is 1.
        :param int limit: How many results to return; the server's default is 10.
        :return: ``(dict(str, object), status, headers)``
        """
        return self.api_client.call_operation(
            GET_ALL_MESSAGE_SESSIONS, {"page": page, "limit": limit}, kwargs
        )

    @overload
    def get_message_session(
        self, id: int, *, async_req: Literal[True], **kwargs: Any
    ) -> AsyncResult[MessageSession]: ...
    @overload
    def get_message_session(
        self, id: int, *, async_req: Literal[False] = ..., **kwargs: Any
    ) -> MessageSession: ...

    def get_message_session(
        self, id: int, **kwargs: Any
    ) -> Union[MessageSession, AsyncResult[MessageSession]]:
        """Get a message session.

        :param int id: the session's ID (required).
        :return: MessageSession
        """
        kwargs["_return_http_data_only"] = True
        return cast(Any, self.get_message_session_with_http_info(id, **kwargs))

    @overload
    def get_message_session_with_http_info(
        self, id: int, *, async_req: Literal[True], **kwargs: Any
    ) -> AsyncResult[WithHttpInfo[MessageSession]]: ...
    @overload
    def get_message_session_with_http_info(
        self, id: int, *, async_req: Literal[False] = ..., **kwargs: Any
    ) -> WithHttpInfo[MessageSession]: ...

    def get_message_session_with_http_info(
        self, id: int, **kwargs: Any
    ) -> Union[WithHttpInfo[MessageSession], AsyncResult[WithHttpInfo[MessageSession]]]:
        """Get a message session.

        :param int id: the session's ID (required).
        :return: ``(MessageSession, status, headers)``
        """
        return self.api_client.call_operation(GET_MESSAGE_SESSION, {"id": id}, kwargs)

    @overload
    def get_message_session_stat(
        self,
        id: int,
        *,
        include_deleted: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[GetMessageSessionStatResponse]: ...
    @overload
    def get_message_session_stat(
        self,
        id: int,
        *,
        include_deleted: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> GetMessageSessionStatResponse: ...

    def get_message_session_stat(
        self, id: int, *, include_deleted: Optional[int] = None, **kwargs: Any
    ) -> Union[GetMessageSessionStatResponse, AsyncResult[GetMessageSessionStatResponse]]:
        """Get sending session statistics.

        :param int id: the session's ID (required).
        :param int include_deleted: Search also in deleted messages: 0 or 1; the
            server's default is 0.
        :return: GetMessageSessionStatResponse
        """
        kwargs["_return_http_data_only"] = True
        return cast(
            Any,
            self.get_message_session_stat_with_http_info(
                id, include_deleted=include_deleted, **kwargs
            ),
        )

    @overload
    def get_message_session_stat_with_http_info(
        self,
        id: int,
        *,
        include_deleted: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[WithHttpInfo[GetMessageSessionStatResponse]]: ...
    @overload
    def get_message_session_stat_with_http_info(
        self,
        id: int,
        *,
        include_deleted: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> WithHttpInfo[GetMessageSessionStatResponse]: ...

    def get_message_session_stat_with_http_info(
        self, id: int, *, include_deleted: Optional[int] = None, **kwargs: Any
    ) -> Union[
        WithHttpInfo[GetMessageSessionStatResponse],
        AsyncResult[WithHttpInfo[GetMessageSessionStatResponse]],
    ]:
        """Get sending session statistics.

        :param int id: the session's ID (required).
        :param int include_deleted: Search also in deleted messages: 0 or 1; the
            server's default is 0.
        :return: ``(GetMessageSessionStatResponse, status, headers)``
        """
        return self.api_client.call_operation(
            GET_MESSAGE_SESSION_STAT, {"id": id, "include_deleted": include_deleted}, kwargs
        )

    @overload
    def get_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[Dict[str, Any]]: ...
    @overload
    def get_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> Dict[str, Any]: ...

    def get_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = None,
        limit: Optional[int] = None,
        statuses: Statuses = None,
        include_deleted: Optional[int] = None,
        **kwargs: Any,
    ) -> Union[Dict[str, Any], AsyncResult[Dict[str, Any]]]:
        """Fetch messages by given session id.

        A useful synonym for "messages/search" command with provided "sessionId" parameter.

        :param int id: the session's ID (required).
        :param int page: Fetch specified results page; the server's default is 1.
        :param int limit: How many results to return; the server's default is 10.
        :param str statuses: Find messages by status: comma-separated letters such as
            ``"d,f"`` (a list of letters is accepted too).
        :param int include_deleted: Search also in deleted messages: 0 or 1; the
            server's default is 0.
        :return: dict(str, object): ``page``, ``pageCount``, ``limit`` and ``resources``
            (a list of message objects).
        """
        kwargs["_return_http_data_only"] = True
        return cast(
            Any,
            self.get_messages_by_session_id_with_http_info(
                id,
                page=page,
                limit=limit,
                statuses=statuses,
                include_deleted=include_deleted,
                **kwargs,
            ),
        )

    @overload
    def get_messages_by_session_id_with_http_info(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[WithHttpInfo[Dict[str, Any]]]: ...
    @overload
    def get_messages_by_session_id_with_http_info(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> WithHttpInfo[Dict[str, Any]]: ...

    def get_messages_by_session_id_with_http_info(
        self,
        id: int,
        *,
        page: Optional[int] = None,
        limit: Optional[int] = None,
        statuses: Statuses = None,
        include_deleted: Optional[int] = None,
        **kwargs: Any,
    ) -> Union[WithHttpInfo[Dict[str, Any]], AsyncResult[WithHttpInfo[Dict[str, Any]]]]:
        """Fetch messages by given session id.

        :param int id: the session's ID (required).
        :param int page: Fetch specified results page; the server's default is 1.
        :param int limit: How many results to return; the server's default is 10.
        :param str statuses: Find messages by status, e.g. ``"d,f"``.
        :param int include_deleted: Search also in deleted messages: 0 or 1; the
            server's default is 0.
        :return: ``(dict(str, object), status, headers)``
        """
        return self.api_client.call_operation(
            GET_MESSAGES_BY_SESSION_ID,
            {
                "id": id,
                "page": page,
                "limit": limit,
                "statuses": statuses,
                "include_deleted": include_deleted,
            },
            kwargs,
        )

    # -- typed pages and auto-paging (beyond the seed) -------------------------------

    @overload
    def list_message_sessions(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[GetAllMessageSessionsPaginatedResponse]: ...
    @overload
    def list_message_sessions(
        self,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> GetAllMessageSessionsPaginatedResponse: ...

    def list_message_sessions(
        self, *, page: Optional[int] = None, limit: Optional[int] = None, **kwargs: Any
    ) -> Union[
        GetAllMessageSessionsPaginatedResponse, AsyncResult[GetAllMessageSessionsPaginatedResponse]
    ]:
        """Get one page of sessions as a typed page.

        :param int page: the page number, from 1 (when not given, the server answers page 1).
        :param int limit: sessions per page (default 10).
        :return: GetAllMessageSessionsPaginatedResponse (``resources`` holds
            ``MessageSession`` objects)
        """
        return self._typed_page(LIST_MESSAGE_SESSIONS, {"page": page, "limit": limit}, kwargs)

    @overload
    def list_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[True],
        **kwargs: Any,
    ) -> AsyncResult[GetMessagesBySessionIdPaginatedResponse]: ...
    @overload
    def list_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = ...,
        limit: Optional[int] = ...,
        statuses: Statuses = ...,
        include_deleted: Optional[int] = ...,
        async_req: Literal[False] = ...,
        **kwargs: Any,
    ) -> GetMessagesBySessionIdPaginatedResponse: ...

    def list_messages_by_session_id(
        self,
        id: int,
        *,
        page: Optional[int] = None,
        limit: Optional[int] = None,
        statuses: Statuses = None,
        include_deleted: Optional[int] = None,
        **kwargs: Any,
    ) -> Union[
        GetMessagesBySessionIdPaginatedResponse,
        AsyncResult[GetMessagesBySessionIdPaginatedResponse],
    ]:
        """Get one page of a session's messages as a typed page.

        :param int id: the session's ID (required).
        :param int page: the page number, from 1 (when not given, the server answers page 1).
        :param int limit: messages per page (default 10).
        :param str statuses: only messages in these delivery statuses, e.g. ``"d,f"``.
        :param int include_deleted: 1 to include deleted messages (default 0).
        :return: GetMessagesBySessionIdPaginatedResponse (``resources`` holds
            ``MessageOut`` objects)
        """
        return self._typed_page(
            LIST_MESSAGES_BY_SESSION_ID,
            {
                "id": id,
                "page": page,
                "limit": limit,
                "statuses": statuses,
                "include_deleted": include_deleted,
            },
            kwargs,
        )

    def _typed_page(
        self, operation: Any, arguments: Dict[str, Any], options: Dict[str, Any]
    ) -> Any:
        """Fetch one typed page that can fetch the pages after it (same arguments and
        options); with ``async_req``, in the client's threads, the arguments checked first."""
        if options.get("async_req"):
            operation.bind(arguments)
            options = dict(options, async_req=False)
            return self.api_client._submit(self._typed_page, operation, arguments, options)
        options["_return_http_data_only"] = True
        page = self.api_client.call_operation(operation, arguments, options)
        if isinstance(page, Page):

            def fetch(number: int) -> Any:
                return self._typed_page(operation, dict(arguments, page=number), dict(options))

            page._fetch = fetch
        return page

    def iter_all_message_sessions(
        self, limit: int = 100, max_items: Optional[int] = None, **kwargs: Any
    ) -> Iterator[MessageSession]:
        """Yield every session, fetching page after page as the loop goes on.

        Memory stays flat however many pages there are. Arguments are checked at once.

        :param int limit: sessions fetched per request (default 100).
        :param int max_items: stop after this many sessions; None for all.
        :param kwargs: ``_request_timeout`` for each request.
        :return: an iterator of MessageSession
        """
        LIST_MESSAGE_SESSIONS.bind({"page": 1, "limit": limit})
        self._check_paging_options(kwargs, max_items)
        return iterate_pages(
            lambda number: self.list_message_sessions(page=number, limit=limit, **kwargs), max_items
        )

    def iter_messages_by_session_id(
        self,
        id: int,
        limit: int = 100,
        statuses: Statuses = None,
        include_deleted: Optional[int] = None,
        max_items: Optional[int] = None,
        **kwargs: Any,
    ) -> Iterator[MessageOut]:
        """Yield every message of a session, fetching page after page as the loop goes on.

        :param int id: the session's ID (required).
        :param int limit: messages fetched per request (default 100).
        :param str statuses: only messages in these delivery statuses, e.g. ``"d,f"``.
        :param int include_deleted: 1 to include deleted messages (default 0).
        :param int max_items: stop after this many messages; None for all.
        :param kwargs: ``_request_timeout`` for each request.
        :return: an iterator of MessageOut
        """
        LIST_MESSAGES_BY_SESSION_ID.bind(
            {
                "id": id,
                "page": 1,
                "limit": limit,
                "statuses": statuses,
                "include_deleted": include_deleted,
            }
        )
        self._check_paging_options(kwargs, max_items)
        return iterate_pages(
            lambda number: self.list_messages_by_session_id(
                id,
                page=number,
                limit=limit,
                statuses=statuses,
                include_deleted=include_deleted,
                **kwargs,
            ),
            max_items,
        )

    @staticmethod
    def _check_paging_options(kwargs: Dict[str, Any], max_items: Optional[int]) -> None:
        check_max_items(max_items)
        for name in kwargs:
            if name != "_request_timeout":
                raise TypeError("auto-paging takes no %r option (only _request_timeout)" % name)
