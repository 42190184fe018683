"""Reading the API's timestamps: ISO 8601 text such as ``2019-08-05T08:14:54+0000``.

The forms the API sends are read by ``datetime.fromisoformat`` (on 3.8 to 3.10 after
spelling offset and fraction the way they accept: they take neither ``+0000`` nor ``Z``
nor a fraction of other than 3 or 6 digits); other ISO 8601 forms by
``dateutil.parser.isoparse``, imported only then. Text that is not an ISO 8601 timestamp
is never guessed at: it stays text.
"""

from __future__ import annotations

import datetime
import sys
from typing import Union

from TextMagic._lazy import lazy_pattern

__all__ = ["parse_datetime"]

# date, then optionally time (fraction optional) and offset (Z, +HH:MM, +HHMM or +HH)
_API_FORM = lazy_pattern(
    r"(\d{4}-\d{2}-\d{2})"
    r"(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d{1,9}))?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
# Python 3.11's fromisoformat reads every form the API sends without help.
NATIVE_ISO_FORMAT = sys.version_info >= (3, 11)


def parse_datetime(text: str) -> Union[datetime.datetime, str]:
    """Parse an ISO 8601 timestamp such as ``2019-08-05T08:14:54+0000``.

    :param str text: the wire value.
    :return: a ``datetime`` (timezone-aware when the text carries an offset, UTC as
        ``datetime.timezone.utc``), or the text itself when it is not an ISO 8601
        timestamp (``"5"``, ``"soon"``, ``""``): never a guess.
    """
    parsed = _parse(text)
    return text if parsed is None else parsed


def _parse(text: str) -> Union[datetime.datetime, None]:
    if NATIVE_ISO_FORMAT and text[:4].isdigit():
        try:
            return datetime.datetime.fromisoformat(text)  # 3.11+: +0000 and Z as they are
        except ValueError:
            pass  # a form it does not know (9-digit fractions, ...), or no timestamp
    match = _API_FORM().fullmatch(text)
    if match is not None:
        date, time, fraction, offset = match.groups()
        canonical = date
        if time is not None:
            canonical += "T" + (time if len(time) == 8 else time + ":00")
            if fraction:
                canonical += "." + (fraction + "00000")[:6]
            if offset == "Z":
                canonical += "+00:00"
            elif offset:
                digits = offset[1:].replace(":", "")
                canonical += offset[0] + digits[:2] + ":" + (digits[2:] or "00")
        try:
            return datetime.datetime.fromisoformat(canonical)
        except ValueError:
            return None  # ISO-shaped but impossible (month 13, hour 25): not a time
    if not text[:4].isdigit():
        return None
    from dateutil.parser import isoparse  # other ISO 8601 forms (week dates, ...): rare

    try:
        return isoparse(text)
    except (ValueError, OverflowError):
        return None
