"""Deleting sessions: one by ID, or many at once."""

from typing import Any, Dict, Literal, Optional, Union, cast, overload

from TextMagic.api.base import ApiBase
from TextMagic.api.operations import (
    DELETE_MESSAGE_SESSION,
    DELETE_MESSAGE_SESSIONS_BULK,
    WithHttpInfo,
)
from TextMagic.api_client import AsyncResult
from TextMagic.models import (
    DeleteMessageSessionsBulkInputObject,
)


class DeletingMethods(ApiBase):
    """The two delete endpoints of :class:`OutboundMessageSessionsApi`."""

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
