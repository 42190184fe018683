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


class _Ahead(object):
    """The pages after the one the walk is on, requested ahead of it through ``submit``
    (the client's ``async_req`` threads, so its rate limit and each call's deadline
    apply): at most ``limit`` pages pending or held at once."""

    def __init__(self, submit: Callable[[int], Any], limit: int) -> None:
        self.submit = submit
        self.limit = limit
        self.pending: Dict[int, Any] = {}

    def page(self, number: int, last: int) -> Any:
        """Page ``number`` (waited for), the pages after it up to ``last`` requested."""
        for ahead in range(number, min(number + self.limit, last + 1)):
            if ahead not in self.pending:
                self.pending[ahead] = self.submit(ahead)
        return self.pending.pop(number).get()

    def close(self) -> None:
        """Cancel what has not started, and wait for what has: nothing is left running."""
        for result in self.pending.values():
            result.future.cancel()
        for result in self.pending.values():
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
    order, fetching the pages after the first ``concurrency`` at a time.

    At most ``concurrency`` pages are held or on their way at once. The walk always ends:

    - after ``max_items`` items (no page is requested once they are yielded);
    - after the page numbered ``pageCount`` (read afresh from every page, so it follows a
      list that shrinks), or at the first empty page;
    - at a page that brings nothing new (every item was on the page before), or at a
      page seen earlier in the walk: the server is not moving forward.

    An item already yielded from the previous page is not yielded again, should items
    move back a page while walking. A page whose ``pageCount`` or ``page`` is not a whole
    number of 0 or more, whose ``page`` is not the one asked for, or whose items are not
    objects with an integer ``id`` raises ``MalformedResponseError``; a page that fails
    raises its error where its items would have been. When the walk ends or the loop
    stops (the iterator closed or dropped), pages requested ahead and not yet started are
    cancelled and those on their way waited for: nothing is left running.

    :param fetch_page: ``fetch_page(number)`` returns a typed page (``page``,
        ``page_count``, ``resources``).
    :param int max_items: the most items to yield; None for all.
    :param first_page: a page already fetched to start from (its ``page`` says which).
    :param int concurrency: the most pages fetched at once (1: one after another).
    :param submit: ``submit(number)`` requests a page in another thread and returns its
        ``AsyncResult``; needed for a ``concurrency`` above 1.
    :raises MalformedResponseError: a page of the shape described above.
    """
    remaining = check_max_items(max_items)
    concurrency = check_concurrency(concurrency)
    ahead = _Ahead(submit, concurrency) if submit is not None and concurrency > 1 else None
    number = 1
    if first_page is not None and first_page.page.__class__ is int and first_page.page > 0:
        number = first_page.page
    previous_ids: FrozenSet[int] = frozenset()
    pages_seen: Set[int] = set()  # one hash per page: memory stays nearly flat
    page_count = per_page = None
    try:
        while remaining is None or remaining > 0:
            if first_page is not None:
                page, first_page = first_page, None
            elif ahead is not None and page_count is not None:
                page = ahead.page(number, _last_needed(number, page_count, remaining, per_page))
            else:
                page = fetch_page(number)
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
            previous_ids, per_page = frozenset(ids), len(resources)
            number += 1
    finally:
        if ahead is not None:
            ahead.close()


def _last_needed(
    number: int, page_count: int, remaining: Optional[int], per_page: Optional[int]
) -> int:
    """The last page worth requesting from page ``number`` on: the last there is, or,
    with ``remaining`` items still wanted, the last that holds one of them."""
    if remaining is None or not per_page:
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
