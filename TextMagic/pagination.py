"""Walking a list endpoint page after page, lazily."""

from __future__ import annotations

from typing import Any, Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple, TypeVar

from TextMagic.exceptions import MalformedResponseError
from TextMagic.operation import is_integral

__all__ = ["iterate_pages", "check_max_items", "check_concurrency", "DEFAULT_CONCURRENCY"]

T = TypeVar("T")

#: How many pages a walk fetches at once by default, once the first page says how many
#: there are: enough to keep TextMagic's 20 requests per second busy at up to about
#: 200 ms a request, without holding many pages.
DEFAULT_CONCURRENCY = 4


def check_concurrency(concurrency: Any) -> int:
    """Check ``concurrency``: an int of 1 or more (1 fetches one page after another)."""
    if isinstance(concurrency, bool) or not is_integral(concurrency):
        raise TypeError("concurrency must be an int, got %r" % (concurrency,))
    if concurrency < 1:
        raise ValueError("concurrency must be 1 or more, got %r" % (concurrency,))
    return int(concurrency)


class _Pages(object):
    """Where a walk's pages come from: ``fetch`` one after another, or, once the last
    page worth asking for is known, ``submit`` ahead of the walk (the client's
    ``async_req`` threads: its rate limit and each call's deadline apply), at most
    ``limit`` pages pending or held at once. Leaving it (``with``) cancels what has not
    started and waits for what has: nothing is left running (but after a Ctrl-C, which
    must return at once: each request then ends by itself, within its deadline)."""

    def __init__(self, fetch: Callable[[int], Any], submit: Any, limit: int) -> None:
        self.fetch, self.submit, self.limit = fetch, submit, limit
        self.pending: Dict[int, Any] = {}

    def get(self, number: int, last: Optional[int]) -> Any:
        """Page ``number``, with the pages after it up to ``last`` requested meanwhile."""
        if self.submit is None or last is None:
            return self.fetch(number)
        for ahead in range(number, min(number + self.limit, last + 1)):
            if ahead not in self.pending:
                self.pending[ahead] = self.submit(ahead)
        return self.pending.pop(number).get()

    def __enter__(self) -> "_Pages":
        return self

    def __exit__(self, kind: Any, error: Any, traceback: Any) -> None:
        for result in self.pending.values():
            result.future.cancel()
        # A Ctrl-C returns at once; what is on its way then ends by itself.
        for result in self.pending.values() if kind is not KeyboardInterrupt else ():
            result.wait()
        self.pending.clear()


def check_max_items(max_items: Optional[int]) -> Optional[int]:
    """Check ``max_items``: None (no limit) or an int of 0 or more."""
    if max_items is None:
        return None
    if isinstance(max_items, bool) or not is_integral(max_items):
        raise TypeError("max_items must be an int or None, got %r" % (max_items,))
    if max_items < 0:
        raise ValueError("max_items must be 0 or more, got %r" % (max_items,))
    return int(max_items)


def iterate_pages(
    fetch_page: Callable[[int], Any],
    max_items: Optional[int] = None,
    first_page: Any = None,
    concurrency: int = 1,
    submit: Optional[Callable[[int], Any]] = None,
) -> Iterator[Any]:
    """Yield the items of page 1, 2, ... (or of ``first_page`` and the pages after it) in
    order; once a page says how many there are, ``concurrency`` pages are fetched at once.

    The walk always ends: after ``max_items`` items, after the page numbered ``pageCount``
    (read afresh from every page, so it follows a list that shrinks), at the first empty
    page, or at a page that brings nothing new or was seen before (the server is not
    moving forward). An item of the previous page is not yielded again, should items move
    back a page. A page whose ``pageCount`` or ``page`` is not a whole number of 0 or
    more, whose ``page`` is not the one asked for, or whose items lack an integer ``id``
    raises ``MalformedResponseError``; a page that fails raises its error where its items
    would have been. When the loop stops, nothing is left running (see ``_Pages``).

    :param fetch_page: ``fetch_page(number)`` returns a typed page (``page``,
        ``page_count``, ``resources``).
    :param int max_items: the most items to yield; None for all.
    :param first_page: a page already fetched to start from (its ``page`` says which).
    :param int concurrency: the most pages held or on their way at once (1: in turn).
    :param submit: ``submit(number)`` returns page ``number``'s ``AsyncResult``.
    :raises MalformedResponseError: a page of the shape described above.
    """
    remaining = check_max_items(max_items)
    concurrency = check_concurrency(concurrency)
    pages = _Pages(fetch_page, submit if concurrency > 1 else None, concurrency)
    number = _first_number(first_page)
    previous_ids: FrozenSet[int] = frozenset()
    pages_seen: Set[int] = set()  # one hash per page: memory stays nearly flat
    page_count = per_page = None
    with pages:
        while remaining is None or remaining > 0:
            if first_page is not None:
                page, first_page = first_page, None
            else:
                page = pages.get(number, _last_needed(number, page_count, remaining, per_page))
            resources, page_count = _checked_page(page, number)
            ids = tuple(item.id for item in resources)
            fingerprint = hash(ids)
            if resources and (fingerprint in pages_seen or previous_ids.issuperset(ids)):
                return  # the server answers with what it sent before: going on would not end
            pages_seen.add(fingerprint)
            for item in resources:
                if item.id in previous_ids:
                    continue
                yield item
                if remaining is not None:
                    remaining -= 1
                    if remaining == 0:
                        return
            if not resources or number >= page_count:
                return
            previous_ids, per_page, number = frozenset(ids), len(resources), number + 1


def _first_number(first_page: Any) -> int:
    """The number of a walk's first page: ``first_page``'s, else 1."""
    number: Any = getattr(first_page, "page", None)
    return int(number) if _whole(number) and number > 0 else 1


def _last_needed(
    number: int, page_count: Optional[int], remaining: Optional[int], per_page: Optional[int]
) -> Optional[int]:
    """The last page worth requesting from page ``number`` on (None before a page count
    is known): the last there is, or the last that can hold one of ``remaining`` items."""
    if page_count is None or remaining is None or not per_page:
        return page_count
    return min(page_count, number + (remaining - 1) // per_page)


def _checked_page(page: Any, number: int) -> Tuple[List[Any], int]:
    """A page's items and ``pageCount``, once they are of a shape a walk can trust."""
    if page is None:
        raise _malformed("page %d came back empty (null)" % number)
    page_count = page.page_count
    if page_count is None:
        page_count = 0  # no count: this page is the last
    if not _whole(page_count):
        raise _malformed("page %d's pageCount is %.40r, not a whole number" % (number, page_count))
    answered = page.page
    if answered is not None and (not _whole(answered) or answered != number):
        raise _malformed(
            "asked for page %d, the server answered page %.40r: it does not page as asked"
            % (number, answered)
        )
    resources = page.resources or []  # a page built by hand may hold None
    for item in resources:
        item_id = getattr(item, "id", None)
        if item_id.__class__ is not int:
            raise _malformed("page %d holds an item without an integer id: %.80r" % (number, item))
    return resources, page_count


def _whole(value: Any) -> bool:
    return value.__class__ is int and value >= 0


def _malformed(problem: str) -> MalformedResponseError:
    return MalformedResponseError(status=200, reason=problem)
