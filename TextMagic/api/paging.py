"""Typed pages and auto-paging of the two list endpoints (beyond the seed)."""

from typing import Any, Callable, Dict, Iterator, Literal, Optional, Union, overload

from TextMagic.api.base import ApiBase
from TextMagic.api.operations import (
    LIST_MESSAGE_SESSIONS,
    LIST_MESSAGES_BY_SESSION_ID,
    Statuses,
)
from TextMagic.api_client import AsyncResult
from TextMagic.models import (
    GetAllMessageSessionsPaginatedResponse,
    GetMessagesBySessionIdPaginatedResponse,
    MessageOut,
    MessageSession,
    Page,
)
from TextMagic.pagination import (
    DEFAULT_CONCURRENCY,
    check_concurrency,
    check_max_items,
    iterate_pages,
)


class PagingMethods(ApiBase):
    """``list_*`` (typed pages) and ``iter_*`` (every item, lazily) of
    :class:`OutboundMessageSessionsApi`."""

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
            page._fetch = self._page_fetcher(operation, arguments, options)
        return page

    def _page_fetcher(
        self, operation: Any, arguments: Dict[str, Any], options: Dict[str, Any]
    ) -> Callable[..., Any]:
        """``fetch(number, async_req=False)``: page ``number`` of the same list, with the
        same arguments and options (in the client's threads with ``async_req``)."""

        def fetch(number: int, async_req: bool = False) -> Any:
            numbered = dict(arguments, page=number)
            return self._typed_page(operation, numbered, dict(options, async_req=async_req))

        return fetch

    def iter_all_message_sessions(
        self,
        limit: int = 100,
        max_items: Optional[int] = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        **kwargs: Any,
    ) -> Iterator[MessageSession]:
        """Yield every session, in order, fetching pages as the loop goes on.

        Once the first page says how many there are, the following pages are fetched
        ``concurrency`` at a time, under the client's rate limit. Memory stays flat however
        many pages there are; breaking out of the loop stops fetching. Arguments are
        checked at once.

        :param int limit: sessions fetched per request (default 100).
        :param int max_items: stop after this many sessions; None for all.
        :param int concurrency: the most pages fetched at once (default 4; 1 fetches one
            page after another).
        :param kwargs: ``_request_timeout`` for each request.
        :return: an iterator of MessageSession
        """
        arguments = {"page": 1, "limit": limit}
        return self._walk(LIST_MESSAGE_SESSIONS, arguments, max_items, concurrency, kwargs)

    def iter_messages_by_session_id(
        self,
        id: int,
        limit: int = 100,
        statuses: Statuses = None,
        include_deleted: Optional[int] = None,
        max_items: Optional[int] = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        **kwargs: Any,
    ) -> Iterator[MessageOut]:
        """Yield every message of a session, in order, fetching pages as the loop goes on
        (``concurrency`` at a time, as :meth:`iter_all_message_sessions`).

        :param int id: the session's ID (required).
        :param int limit: messages fetched per request (default 100).
        :param str statuses: only messages in these delivery statuses, e.g. ``"d,f"``.
        :param int include_deleted: 1 to include deleted messages (default 0).
        :param int max_items: stop after this many messages; None for all.
        :param int concurrency: the most pages fetched at once (default 4).
        :param kwargs: ``_request_timeout`` for each request.
        :return: an iterator of MessageOut
        """
        arguments = {
            "id": id,
            "page": 1,
            "limit": limit,
            "statuses": statuses,
            "include_deleted": include_deleted,
        }
        return self._walk(LIST_MESSAGES_BY_SESSION_ID, arguments, max_items, concurrency, kwargs)

    def _walk(
        self,
        operation: Any,
        arguments: Dict[str, Any],
        max_items: Optional[int],
        concurrency: int,
        options: Dict[str, Any],
    ) -> Iterator[Any]:
        """Every item of a list endpoint's pages; arguments and options checked first."""
        operation.bind(arguments)
        check_max_items(max_items)
        check_concurrency(concurrency)
        for name in options:
            if name != "_request_timeout":
                raise TypeError("auto-paging takes no %r option (only _request_timeout)" % name)

        fetch = self._page_fetcher(operation, arguments, options)
        return iterate_pages(
            fetch,
            max_items,
            concurrency=concurrency,
            submit=lambda number: fetch(number, async_req=True),
        )
