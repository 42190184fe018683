"""Walking a list endpoint page after page, lazily."""

import numbers
from typing import Any, Callable, Iterator, Optional, TypeVar

__all__ = ["iterate_pages", "check_max_items"]

T = TypeVar("T")


def check_max_items(max_items: Optional[int]) -> Optional[int]:
    """Check ``max_items``: None (no limit) or an int of 0 or more."""
    if max_items is None:
        return None
    if isinstance(max_items, bool) or not isinstance(max_items, numbers.Integral):
        raise TypeError("max_items must be an int or None, got %r" % (max_items,))
    if max_items < 0:
        raise ValueError("max_items must be 0 or more, got %r" % (max_items,))
    return int(max_items)


def iterate_pages(
    fetch_page: Callable[[int], Any], max_items: Optional[int] = None
) -> Iterator[Any]:
    """Yield the items of page 1, 2, ... as each page is fetched.

    Only one page is held at a time. The walk ends after the page numbered ``pageCount``
    (read afresh from every page, so it follows a list that shrinks), at the first empty
    page, or after ``max_items`` items. An item already yielded from the previous page is
    not yielded again, should items move back a page while walking.

    :param fetch_page: ``fetch_page(number)`` returns a typed page (``page_count``,
        ``resources``).
    :param int max_items: the most items to yield; None for all.
    """
    remaining = check_max_items(max_items)
    number = 1
    previous_ids: frozenset = frozenset()
    while remaining is None or remaining > 0:
        page = fetch_page(number)
        resources = page.resources or []
        for item in resources:
            if item.id is not None and item.id in previous_ids:
                continue
            yield item
            if remaining is not None:
                remaining -= 1
                if remaining == 0:
                    return
        if not resources or number >= (page.page_count or 0):
            return
        previous_ids = frozenset(item.id for item in resources)
        number += 1
