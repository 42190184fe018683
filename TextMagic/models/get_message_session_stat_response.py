"""The ``GetMessageSessionStatResponse`` model: delivery counts of one session."""

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

    swagger_types = {
        "failed": "int",
        "delivered": "int",
        "accepted": "int",
        "rejected": "int",
        "scheduled": "int",
        "all": "int",
        "sent": "int",
    }

    attribute_map = {name: name for name in swagger_types}
