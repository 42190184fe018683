"""The typed page models of the two list endpoints."""

from typing import List, Optional

from TextMagic.models.base import Model
from TextMagic.models.message_out import MessageOut
from TextMagic.models.message_session import MessageSession

__all__ = ["GetAllMessageSessionsPaginatedResponse", "GetMessagesBySessionIdPaginatedResponse"]

_PAGE_MAP = {"page": "page", "page_count": "pageCount", "limit": "limit", "resources": "resources"}


class GetAllMessageSessionsPaginatedResponse(Model):
    """One page of sessions.

    :param int page: this page's number (from 1).
    :param int page_count: how many pages there are.
    :param int limit: the most items a page holds.
    :param list[MessageSession] resources: the sessions on this page.
    """

    page: Optional[int] = None
    page_count: Optional[int] = None
    limit: Optional[int] = None
    resources: Optional[List[MessageSession]] = None

    attribute_map = _PAGE_MAP


class GetMessagesBySessionIdPaginatedResponse(Model):
    """One page of a session's messages.

    :param int page: this page's number (from 1).
    :param int page_count: how many pages there are.
    :param int limit: the most items a page holds.
    :param list[MessageOut] resources: the messages on this page.
    """

    page: Optional[int] = None
    page_count: Optional[int] = None
    limit: Optional[int] = None
    resources: Optional[List[MessageOut]] = None

    attribute_map = _PAGE_MAP
