"""The ``MessageOut`` model: one outbound message of a session."""

from datetime import datetime
from typing import Optional

from TextMagic.models.base import Model

__all__ = ["MessageOut"]


class MessageOut(Model):
    """One message sent to one number.

    :param int id: the message's ID.
    :param str sender: the sender ID or number it was sent from.
    :param str receiver: the number it was sent to.
    :param str text: the text.
    :param str status: its delivery status, one letter (see the API page).
    :param int contact_id: the contact it was sent to (0 when none).
    :param int session_id: the session it belongs to.
    :param datetime message_time: when it was sent (the wire text is kept).
    :param str avatar: the contact's avatar, or None.
    :param bool deleted: whether it was deleted.
    :param str charset: ``ISO-8859-1`` or ``UTF-16BE``.
    :param str charset_label: the charset's label.
    :param str first_name: the contact's first name, or None.
    :param str last_name: the contact's last name, or None.
    :param str country: ISO 3166 alpha-2 country code of the number.
    :param str phone: the number.
    :param float price: what it cost, in the account's currency.
    :param int parts_count: how many SMS parts it took.
    :param str from_email: the email it was sent from (Email to SMS), or None.
    :param str from_number: the number it was sent from, or None.
    """

    id: Optional[int] = None
    sender: Optional[str] = None
    receiver: Optional[str] = None
    text: Optional[str] = None
    status: Optional[str] = None
    contact_id: Optional[int] = None
    session_id: Optional[int] = None
    message_time: Optional[datetime] = None
    avatar: Optional[str] = None
    deleted: Optional[bool] = None
    charset: Optional[str] = None
    charset_label: Optional[str] = None
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    country: Optional[str] = None
    phone: Optional[str] = None
    price: Optional[float] = None
    parts_count: Optional[int] = None
    from_email: Optional[str] = None
    from_number: Optional[str] = None

    attribute_map = {
        "id": "id",
        "sender": "sender",
        "receiver": "receiver",
        "text": "text",
        "status": "status",
        "contact_id": "contactId",
        "session_id": "sessionId",
        "message_time": "messageTime",
        "avatar": "avatar",
        "deleted": "deleted",
        "charset": "charset",
        "charset_label": "charsetLabel",
        "first_name": "firstName",
        "last_name": "lastName",
        "country": "country",
        "phone": "phone",
        "price": "price",
        "parts_count": "partsCount",
        "from_email": "fromEmail",
        "from_number": "fromNumber",
    }
