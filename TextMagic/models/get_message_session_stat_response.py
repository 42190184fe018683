"""The ``GetMessageSessionStatResponse`` model: delivery counts of one session."""

from typing import Optional

from TextMagic.models.base import Model

__all__ = ["GetMessageSessionStatResponse"]


class GetMessageSessionStatResponse(Model):
    """How many of a session's messages are in each delivery state.

    :param int failed: messages whose delivery failed.
    :param int delivered: messages delivered.
    :param int accepted: messages accepted for sending.
    :param int rejected: messages the operator rejected.
    :param int scheduled: messages scheduled for later.
    :param int all: all messages of the session.
    :param int sent: messages sent to the operator.
    """

    failed: Optional[int] = None
    delivered: Optional[int] = None
    accepted: Optional[int] = None
    rejected: Optional[int] = None
    scheduled: Optional[int] = None
    all: Optional[int] = None
    sent: Optional[int] = None

    attribute_map = {
        name: name
        for name in ("failed", "delivered", "accepted", "rejected", "scheduled", "all", "sent")
    }
