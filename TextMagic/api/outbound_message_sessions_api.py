"""The six Outbound Message Sessions endpoints.

Each method is a thin, documented front for an ``Operation`` declared in
``TextMagic.api.operations``; checking the arguments, building the request and decoding
the answer all happen in ``ApiClient``. The deletes and the typed pages are mixed in from
``TextMagic.api.deleting`` and ``TextMagic.api.paging``.

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

from typing import Any, Dict, Literal, Optional, Union, cast, overload

from TextMagic.api.deleting import DeletingMethods
from TextMagic.api.operations import (
    GET_ALL_MESSAGE_SESSIONS,
    GET_MESSAGE_SESSION,
    GET_MESSAGE_SESSION_STAT,
    GET_MESSAGES_BY_SESSION_ID,
    Statuses,
    WithHttpInfo,
)
from TextMagic.api.paging import PagingMethods
from TextMagic.api_client import AsyncResult
from TextMagic.models import GetMessageSessionStatResponse, MessageSession

__all__ = ["OutboundMessageSessionsApi"]


class OutboundMessageSessionsApi(DeletingMethods, PagingMethods):
    """List, inspect, count and delete SMS sending sessions through ``api_client`` (an
    ``ApiClient``; one with the default configuration when omitted)."""

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
