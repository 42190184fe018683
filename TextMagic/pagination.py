"""Walking a list endpoint page after page, lazily."""

from __future__ import annotations

from typing import Any, Callable, FrozenSet, Iterator, List, Optional, Set, Tuple, TypeVar

from TextMagic.exceptions import MalformedResponseError
from TextMagic.operation import is_integral

__all__ = ["iterate_pages", "check_max_items"]

T = TypeVar("T")


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
    fetch_page: Callable[[int], Any], max_items: Optional[int] = None, first_page: Any = None
) -> Iterator[Any]:
    """Yield the items of page 1, 2, ... (or of ``first_page`` and the pages after it) as
    each page is fetched.

    Only one page is held at a time. The walk always ends:

    - after ``max_items`` items (no page is fetched once they are yielded);
    - after the page numbered ``pageCount`` (read afresh from every page, so it follows a
      list that shrinks), or at the first empty page;
    - at a page that brings nothing new (every item was on the page before), or at a
      page seen earlier in the walk: the server is not moving forward.

    An item already yielded from the previous page is not yielded again, should items
    move back a page while walking. A page whose ``pageCount`` or ``page`` is not a whole
    number of 0 or more, whose ``page`` is not the one asked for, or whose items are not
    objects with an integer ``id`` raises ``MalformedResponseError``.

    :param fetch_page: ``fetch_page(number)`` returns a typed page (``page``,
        ``page_count``, ``resources``).
    :param int max_items: the most items to yield; None for all.
    :param first_page: a page already fetched to start from (its ``page`` says which).
    :raises MalformedResponseError: a page of the shape described above.
    """
    remaining = check_max_items(max_items)
    number = 1
    if first_page is not None and first_page.page.__class__ is int and first_page.page > 0:
        number = first_page.page
    previous_ids: FrozenSet[int] = frozenset()
    pages_seen: Set[int] = set()  # one hash per page: memory stays nearly flat
    while remaining is None or remaining > 0:
        page = first_page if first_page is not None else fetch_page(number)
        first_page = None
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
        previous_ids = frozenset(ids)
        number += 1


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
    resources = page.resources or []
    for item in resources:
        item_id = getattr(item, "id", None)
        if item_id.__class__ is not int:
            raise _malformed("page %d holds an item without an integer id: %.80r" % (number, item))
    return resources, page_count


def _whole(value: Any) -> bool:
    return value.__class__ is int and value >= 0


def _malformed(problem: str) -> MalformedResponseError:
    return MalformedResponseError(status=200, reason=problem)
