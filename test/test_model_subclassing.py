"""Models declared by users: subclasses of the SDK's models, classes of the same name as
the SDK's, models without fields, text annotations; and models read against the JSON
they view. These run on every Python of the matrix (3.8 to 3.14),
whose annotation machinery differs (PEP 649/749 from 3.14 on)."""

import copy
import datetime
import pickle
import sys
from typing import List, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import TextMagic
from test import user_models
from TextMagic.models import Model
from TextMagic.models.base import from_json_ready, model_class
from TextMagic.models.timestamps import parse_datetime

WIRE_SESSION = {
    "id": 7,
    "startTime": "2019-08-05T08:14:54+0000",
    "text": "Hello",
    "source": "A",
    "referenceId": "ref-1",
    "price": 1,
    "numbersCount": 2,
    "destination": "t",
}


class PlainSubclass(TextMagic.MessageSession):
    """No fields of its own; a method."""

    def headline(self):
        return "#%s %s" % (self.id, self.text)


class ExtendedSession(TextMagic.MessageSession):
    tags: Optional[List[str]] = None
    checked_at: Optional[datetime.datetime] = None

    attribute_map = {"checked_at": "checkedAt"}


class Empty(Model):
    pass


class SlottedSession(TextMagic.MessageSession):
    __slots__ = ("cache",)


def test_subclass_without_fields_keeps_the_bases():
    assert PlainSubclass.swagger_types == TextMagic.MessageSession.swagger_types
    assert PlainSubclass.attribute_map == TextMagic.MessageSession.attribute_map
    session = PlainSubclass.from_wire(WIRE_SESSION)
    assert type(session) is PlainSubclass
    assert session.headline() == "#7 Hello"
    assert session.price == 1.0 and type(session.price) is float
    assert session.start_time == datetime.datetime(
        2019, 8, 5, 8, 14, 54, tzinfo=datetime.timezone.utc
    )
    assert PlainSubclass(7, text="Hello").to_dict()["text"] == "Hello"
    assert session == PlainSubclass.from_dict(session.to_dict())
    assert session != TextMagic.MessageSession.from_wire(WIRE_SESSION)  # another type
    assert pickle.loads(pickle.dumps(session)) == session
    assert copy.deepcopy(session) == session
    assert session.to_wire() == dict(WIRE_SESSION, price=1.0)


def test_subclass_with_fields_adds_them_after_the_bases():
    fields = list(ExtendedSession.swagger_types)
    assert fields[:8] == list(TextMagic.MessageSession.swagger_types)
    assert ExtendedSession.swagger_types["tags"] == "list[str]"
    assert ExtendedSession.swagger_types["checked_at"] == "datetime"
    assert ExtendedSession.attribute_map["tags"] == "tags"  # no entry: its own name
    assert ExtendedSession.attribute_map["checked_at"] == "checkedAt"
    assert ExtendedSession.attribute_map["start_time"] == "startTime"

    wire = dict(WIRE_SESSION, tags=["a"], checkedAt="2020-01-02T03:04:05+0000", other=1)
    session = ExtendedSession.from_wire(wire)
    assert session.tags == ["a"]
    assert session.checked_at.year == 2020
    assert session.additional_properties == {"other": 1}
    assert session.to_wire() == dict(wire, price=1.0)
    assert pickle.loads(pickle.dumps(session)) == session
    assert pickle.loads(pickle.dumps(session)).additional_properties == {"other": 1}
    assert session.to_dict()["tags"] == ["a"]
    by_position = ExtendedSession(1, None, "hi", "A", None, 0.5, 2, "t", ["b"])
    assert by_position.tags == ["b"] and by_position.destination == "t"
    with pytest.raises(TypeError):
        ExtendedSession(checked_at=5)  # the datetime check applies to new fields too
    # The base is untouched by its subclass.
    assert "tags" not in TextMagic.MessageSession.swagger_types
    assert not hasattr(TextMagic.MessageSession(), "tags")


def test_subclass_decodes_through_the_client_and_from_json_ready(client, api):
    created = api.list_message_sessions(limit=1).resources[0]
    typed = client.call_api(
        "/api/v2/sessions/{id}",
        "GET",
        path_params={"id": created.id},
        response_type=ExtendedSession,
        auth_settings=["BasicAuth"],
        _return_http_data_only=True,
    )
    assert type(typed) is ExtendedSession and typed.id == created.id
    assert typed.start_time == created.start_time
    assert type(from_json_ready(WIRE_SESSION, PlainSubclass)) is PlainSubclass


def test_subclass_may_declare_slots_of_its_own():
    session = SlottedSession.from_wire(WIRE_SESSION)
    session.cache = {"seen": True}
    copied = pickle.loads(pickle.dumps(session))
    assert copied.cache == {"seen": True} and copied == session
    with pytest.raises(AttributeError):
        session.unknown = 1  # still no __dict__: models stay small


def test_a_model_without_fields():
    assert Empty.swagger_types == {} and Empty.attribute_map == {}
    empty = Empty.from_wire({})
    assert empty.to_dict() == {} and empty.additional_properties is None
    extra = Empty.from_wire({"a": 1})
    assert extra.additional_properties == {"a": 1}
    assert extra.to_wire() == {"a": 1}
    assert Empty() == Empty() and repr(Empty()) == "Empty()"
    assert pickle.loads(pickle.dumps(extra)).additional_properties == {"a": 1}
    with pytest.raises(TypeError):
        Empty(1)


def test_a_user_class_named_like_an_sdk_model_replaces_nothing(api):
    assert user_models.MessageSession is not TextMagic.MessageSession
    assert model_class("MessageSession") is TextMagic.MessageSession
    page = api.list_message_sessions(limit=2)
    assert all(type(item) is TextMagic.MessageSession for item in page.resources)
    assert (
        type(from_json_ready([WIRE_SESSION], "list[MessageSession]")[0]) is TextMagic.MessageSession
    )
    assert page.resources[0].id is not None


def test_text_annotations_self_references_and_nested_user_models():
    assert user_models.MessageSession.swagger_types == {"label": "str", "weight": "float"}
    assert user_models.Folder.swagger_types == {
        "name": "str",
        "children": "list[Folder]",
        "session": "MessageSession",
        "sdk_session": "MessageSession",
    }
    folder = user_models.Folder.from_wire(
        {
            "name": "root",
            "children": [{"name": "leaf", "children": None}],
            "session": {"label": "mine", "weight": 2},
            "sdkSession": WIRE_SESSION,
        }
    )
    assert type(folder.children[0]) is user_models.Folder
    assert folder.children[0].name == "leaf"
    # Both fields are called "MessageSession" by name; each decodes to the class it names.
    assert type(folder.session) is user_models.MessageSession
    assert folder.session.weight == 2.0 and type(folder.session.weight) is float
    assert type(folder.sdk_session) is TextMagic.MessageSession
    assert folder.sdk_session.id == 7
    assert user_models.Folder.from_dict(folder.to_dict()) == folder
    later = user_models.LaterReference.from_wire({"item": {"count": 3}})
    assert type(later.item) is user_models.Defined_Later and later.item.count == 3
    note = user_models.NoteSession.from_wire(dict(WIRE_SESSION, noteText="n"))
    assert note.note == "n" and note.to_wire()["noteText"] == "n"
    assert pickle.loads(pickle.dumps(note)) == note


@pytest.mark.skipif(sys.version_info < (3, 10), reason="X | None needs Python 3.10")
def test_pep_604_unions():
    namespace = {"Model": Model, "Optional": Optional}
    exec(  # nosec B102 - a class body written the 3.10+ way, as a user would
        "class Modern(Model):\n    count: int | None = None\n    names: list[str] | None = None\n",
        namespace,
    )
    modern = namespace["Modern"]
    assert modern.swagger_types == {"count": "int", "names": "list[str]"}
    assert modern.from_wire({"count": 1, "names": ["a"]}).names == ["a"]


def test_declarations_that_cannot_work_are_refused_when_the_class_is_made():
    with pytest.raises(TypeError, match="attribute_map names no field"):

        class Misnamed(Model):
            count: Optional[int] = None
            attribute_map = {"cuont": "count"}

    with pytest.raises(TypeError, match="cannot start with '_'"):

        class Private(Model):
            _secret: Optional[str] = None


MODELS = [
    TextMagic.MessageSession,
    TextMagic.MessageOut,
    TextMagic.GetMessageSessionStatResponse,
    TextMagic.DeleteMessageSessionsBulkInputObject,
    TextMagic.GetAllMessageSessionsPaginatedResponse,
    ExtendedSession,
    Empty,
]
wire_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3),
    max_leaves=5,
)


def expected_read(kind, value):
    """What a field of type ``kind`` reads as, from its wire value (plain types only)."""
    if kind == "float" and type(value) is int:
        return float(value)
    if kind == "datetime" and isinstance(value, str):
        return parse_datetime(value)
    return value


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_a_view_reads_every_field_from_its_json(cls, data):
    """Every field reads what its wire name holds (nulls and missing fields as None, a
    required list as []), unknown fields are the additional properties, and the JSON
    object comes back unchanged but for the values None."""
    wires = list(cls._field_of_wire) + ["extra", "otherField"]
    wire = data.draw(st.dictionaries(st.sampled_from(wires), wire_values, max_size=len(wires)))
    for name, kind in cls.swagger_types.items():
        field_wire = cls.attribute_map[name]
        if field_wire in wire and kind not in ("int", "str", "bool", "float", "datetime"):
            wire[field_wire] = None  # nested objects: shapes are another test's business
    sent = copy.deepcopy(wire)
    model = cls.from_wire(wire)
    assert type(model) is cls and model._data is wire  # a view, not a copy
    for name, kind in cls.swagger_types.items():
        value = sent.get(cls.attribute_map[name])
        if value is None and name in cls._plain_lists:
            value = []
        assert getattr(model, name) == expected_read(kind, value)
    extra = {key: value for key, value in sent.items() if key not in cls._field_of_wire}
    assert model.additional_properties == (extra or None)
    kept = {k: v for k, v in sent.items() if v is not None or k not in cls._field_of_wire}
    assert model.to_wire() == dict(kept, **{w: [] for w in _required_lists(cls, sent)})
    assert pickle.loads(pickle.dumps(model)) == model


def _required_lists(cls, sent):
    return [
        cls.attribute_map[name]
        for name in cls._plain_lists
        if sent.get(cls.attribute_map[name]) is None
    ]
