"""Models as a user's own module declares them: text annotations (``from __future__ import
annotations``), a class that shares the SDK's name ``MessageSession``, a model that
contains itself, and one that nests the user's class rather than the SDK's."""

from __future__ import annotations

from typing import List, Optional

import TextMagic
from TextMagic.models import Model


class MessageSession(Model):
    """Not the SDK's model: same name, other fields."""

    label: Optional[str] = None
    weight: Optional[float] = None


class Folder(Model):
    name: Optional[str] = None
    children: Optional[List[Folder]] = None
    session: Optional[MessageSession] = None
    sdk_session: Optional[TextMagic.MessageSession] = None

    attribute_map = {"sdk_session": "sdkSession"}


class LaterReference(Model):
    """Names a class defined after it."""

    item: Optional[Defined_Later] = None


class Defined_Later(Model):
    count: Optional[int] = None


class NoteSession(TextMagic.MessageSession):
    """A subclass of the SDK's model that adds a field with a wire name of its own."""

    note: Optional[str] = None

    attribute_map = {"note": "noteText"}
