"""The ``DeleteMessageSessionsBulkInputObject`` model: what a bulk delete removes."""

from typing import Optional

from TextMagic._lazy import lazy_pattern
from TextMagic.models.base import Model

__all__ = ["DeleteMessageSessionsBulkInputObject"]

_IDS = lazy_pattern(r"[1-9][0-9]*(,[1-9][0-9]*)*")


def _check_ids(value):
    """Session IDs: a str such as ``"1,2,3"`` or a list of positive ints."""
    if isinstance(value, str):
        text = ",".join(part.strip() for part in value.split(","))
    elif isinstance(value, (list, tuple, set, frozenset)):
        parts = sorted(value) if isinstance(value, (set, frozenset)) else value
        if any(isinstance(v, bool) or not isinstance(v, int) for v in parts):
            raise ValueError("ids must hold positive ints, got %r" % (value,))
        text = ",".join(str(v) for v in parts)
    else:
        raise TypeError(
            "ids must be a str of comma-separated IDs or a list of ints, got %s"
            % type(value).__name__
        )
    if not _IDS().fullmatch(text):
        raise ValueError(
            "ids must be comma-separated positive integers such as '1,2,3', got %r" % (value,)
        )
    return text


def _check_all(value):
    """1 (or True) deletes every session; 0 (or False) deletes only ``ids``."""
    if value in (0, 1) and isinstance(value, int):
        return int(value)
    raise ValueError("all must be 0 or 1, got %r" % (value,))


class DeleteMessageSessionsBulkInputObject(Model):
    """The body of a bulk delete: some sessions by ID, or all of them.

    :param str ids: comma-separated session IDs, e.g. ``"1,2,3"`` (a list of ints is
        accepted and joined).
    :param int all: 1 to delete every session, else 0.
    """

    ids: Optional[str] = None
    all: Optional[int] = None

    attribute_map = {"ids": "ids", "all": "all"}
    validators = {"ids": _check_ids, "all": _check_all}
