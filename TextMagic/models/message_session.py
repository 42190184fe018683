"""The ``MessageSession`` model: one SMS sending session."""

from datetime import datetime
from typing import Optional

from TextMagic.models.base import Model

__all__ = ["MessageSession"]


class MessageSession(Model):
    """One sending session: a text sent to one or more numbers at once.

    :param int id: the session's ID.
    :param datetime start_time: when sending started (the wire text is kept).
    :param str text: the message text.
    :param str source: ``O`` TextMagic Online, ``A`` API, ``M`` Messenger,
        ``E`` Email to SMS, ``X`` distribution lists.
    :param str reference_id: the caller's reference, or None.
    :param float price: the session's cost, in the account's currency.
    :param int numbers_count: how many numbers the session was sent to.
    :param str destination: ``t`` text SMS, ``s`` text-to-speech, ``v`` voice broadcast.
    """

    id: Optional[int] = None
    start_time: Optional[datetime] = None
    text: Optional[str] = None
    source: Optional[str] = None
    reference_id: Optional[str] = None
    price: Optional[float] = None
    numbers_count: Optional[int] = None
    destination: Optional[str] = None

    attribute_map = {
        "id": "id",
        "start_time": "startTime",
        "text": "text",
        "source": "source",
        "reference_id": "referenceId",
        "price": "price",
        "numbers_count": "numbersCount",
        "destination": "destination",
    }
