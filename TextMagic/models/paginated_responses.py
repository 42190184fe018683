"""The typed page models of the two list endpoints."""

from TextMagic.models.base import Model

__all__ = ["GetAllMessageSessionsPaginatedResponse", "GetMessagesBySessionIdPaginatedResponse"]

_PAGE_MAP = {"page": "page", "page_count": "pageCount", "limit": "limit",
             "resources": "resources"}


class GetAllMessageSessionsPaginatedResponse(Model):
    """One page of sessions.

    :param int page: this page's number (from 1).
    :param int page_count: how many pages there are.
    :param int limit: the most items a page holds.
    :param list[MessageSession] resources: the sessions on this page.
    """

    swagger_types = {"page": "int", "page_count": "int", "limit": "int",
                     "resources": "list[MessageSession]"}
    attribute_map = _PAGE_MAP


class GetMessagesBySessionIdPaginatedResponse(Model):
    """One page of a session's messages.

    :param int page: this page's number (from 1).
    :param int page_count: how many pages there are.
    :param int limit: the most items a page holds.
    :param list[MessageOut] resources: the messages on this page.
    """

    swagger_types = {"page": "int", "page_count": "int", "limit": "int",
                     "resources": "list[MessageOut]"}
    attribute_map = _PAGE_MAP
