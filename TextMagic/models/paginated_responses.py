"""The typed pages of the two list endpoints: one generic ``Page``, and the item type of
each endpoint's pages."""

from typing import TYPE_CHECKING, Any, Callable, Dict, Generic, Iterator, List, Optional, TypeVar

from TextMagic.models.base import Model
from TextMagic.models.message_out import MessageOut
from TextMagic.models.message_session import MessageSession
from TextMagic.pagination import DEFAULT_CONCURRENCY, iterate_pages

__all__ = [
    "Page",
    "GetAllMessageSessionsPaginatedResponse",
    "GetMessagesBySessionIdPaginatedResponse",
]

T = TypeVar("T")


class Page(Model, Generic[T]):
    """One page of a list: its number, how many pages there are, its size, its items.

    Iterating over a page yields its items. A page fetched by a client (``list_*``
    methods) knows how to fetch the pages after it, with the same arguments:
    :meth:`has_next_page`, :meth:`next_page`, :meth:`auto_paging_iter`. A page built by
    hand, copied or unpickled holds its data only.

    :param int page: this page's number (from 1).
    :param int page_count: how many pages there are.
    :param int limit: the most items a page holds.
    :param list resources: the items on this page.
    """

    __slots__ = ("_fetch",)
    if TYPE_CHECKING:  # not a field: set per page by the client that fetched it
        _fetch: Callable[..., Any]  # fetch(number, async_req=False)

    page: Optional[int] = None
    page_count: Optional[int] = None
    limit: Optional[int] = None

    resources: List[Any] = []  # the items (never None: absent or null is []); each
    # subclass names their type

    attribute_map = {
        "page": "page",
        "page_count": "pageCount",
        "limit": "limit",
        "resources": "resources",
    }

    def __iter__(self) -> Iterator[T]:
        return iter(self.resources)

    def has_next_page(self) -> bool:
        """Whether a page follows this one: this page has items, and its number is below
        ``page_count``."""
        number, count = self.page, self.page_count
        if not (isinstance(number, int) and isinstance(count, int)):
            return False
        return bool(self.resources) and number < count

    def next_page(self) -> "Optional[Page[T]]":
        """Fetch the page after this one (same list, same arguments), or return None when
        this is the last.

        :raises ValueError: this page was not fetched by a client, so it cannot fetch.
        :raises ApiException: the fetch failed.
        """
        if not self.has_next_page():
            return None
        return self._fetcher()(self.page + 1)  # type: ignore[operator]

    def auto_paging_iter(
        self, max_items: Optional[int] = None, concurrency: int = DEFAULT_CONCURRENCY
    ) -> Iterator[T]:
        """Yield the items of this page, then of every page after it, in order, fetching
        the following pages ``concurrency`` at a time (the rules of
        ``iter_all_message_sessions`` apply: the walk always ends).

        :param int max_items: the most items to yield; None for all.
        :param int concurrency: the most pages fetched at once (default 4; 1 fetches one
            page after another).
        """
        fetch = self._fetcher()
        return iterate_pages(
            fetch,
            max_items,
            first_page=self,
            concurrency=concurrency,
            submit=lambda number: fetch(number, async_req=True),
        )

    def _fetcher(self) -> Callable[..., Any]:
        fetch = getattr(self, "_fetch", None)
        if fetch is None:
            raise ValueError(
                "this page was not fetched by a client (built by hand, copied or unpickled): "
                "it cannot fetch other pages; call list_message_sessions() or "
                "list_messages_by_session_id() instead"
            )
        return fetch

    def __getstate__(self) -> Dict[str, Any]:
        state = super().__getstate__()
        state.pop("_fetch", None)  # a way of fetching belongs to a live client
        return state


class GetAllMessageSessionsPaginatedResponse(Page[MessageSession]):
    """One page of sessions: a ``Page`` of ``MessageSession``.

    :param list[MessageSession] resources: the sessions on this page.
    """

    resources: List[MessageSession] = []


class GetMessagesBySessionIdPaginatedResponse(Page[MessageOut]):
    """One page of a session's messages: a ``Page`` of ``MessageOut``.

    :param list[MessageOut] resources: the messages on this page.
    """

    resources: List[MessageOut] = []
