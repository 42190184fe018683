"""The models: construction, wire round trips, null and unknown fields, repr, equality."""

import datetime
import pprint

import pytest

import TextMagic
from TextMagic import (
    DeleteMessageSessionsBulkInputObject,
    GetMessageSessionStatResponse,
    MessageSession,
)

WIRE_SESSION = {
    "id": 7,
    "startTime": "2019-08-05T08:14:54+0000",
    "text": "Hello",
    "source": "A",
    "referenceId": "ref-1",
    "price": 0.08,
    "numbersCount": 2,
    "destination": "t",
}


@pytest.fixture
def client():
    with TextMagic.ApiClient(TextMagic.Configuration()) as api_client:
        yield api_client


def test_seed_attributes_types_and_wire_names():
    assert MessageSession.swagger_types == {
        "id": "int",
        "start_time": "datetime",
        "text": "str",
        "source": "str",
        "reference_id": "str",
        "price": "float",
        "numbers_count": "int",
        "destination": "str",
    }
    assert MessageSession.attribute_map["start_time"] == "startTime"
    assert MessageSession.attribute_map["reference_id"] == "referenceId"
    assert MessageSession.attribute_map["numbers_count"] == "numbersCount"
    assert set(GetMessageSessionStatResponse.swagger_types) == {
        "failed",
        "delivered",
        "accepted",
        "rejected",
        "scheduled",
        "all",
        "sent",
    }
    assert DeleteMessageSessionsBulkInputObject.attribute_map == {"ids": "ids", "all": "all"}


def test_keyword_and_positional_construction():
    by_keyword = MessageSession(id=1, text="hi", price=0.04)
    by_position = MessageSession(1, None, "hi", None, None, 0.04)
    assert by_keyword == by_position
    assert by_keyword.source is None
    assert GetMessageSessionStatResponse(failed=1, all=3).all == 3


def test_constructor_rejects_unknown_and_duplicate_arguments():
    with pytest.raises(TypeError, match="'colour'"):
        MessageSession(colour="red")
    with pytest.raises(TypeError, match="multiple values"):
        MessageSession(1, id=2)
    with pytest.raises(TypeError, match="at most 8"):
        MessageSession(*range(9))


def test_models_have_slots_not_dicts():
    session = MessageSession(id=1)
    assert not hasattr(session, "__dict__")
    with pytest.raises(AttributeError):
        session.colour = "red"


def test_wire_round_trip(client):
    session = client.deserialize_data(WIRE_SESSION, "MessageSession")
    assert session.id == 7
    assert session.start_time == datetime.datetime(
        2019, 8, 5, 8, 14, 54, tzinfo=datetime.timezone.utc
    )
    assert session.start_time.utcoffset() == datetime.timedelta(0)
    assert session.reference_id == "ref-1"
    # The wire text of a timestamp is what goes back on the wire.
    assert client.sanitize_for_serialization(session) == WIRE_SESSION


def test_null_in_every_field_is_accepted(client):
    nulls = {key: None for key in WIRE_SESSION}
    session = client.deserialize_data(nulls, "MessageSession")
    assert session.to_dict() == {name: None for name in MessageSession.swagger_types}
    stat = client.deserialize_data({"failed": None, "all": None}, "GetMessageSessionStatResponse")
    assert stat.failed is None and stat.all is None


def test_unknown_fields_are_kept_aside_and_sent_back(client):
    data = dict(WIRE_SESSION, newField={"a": 1}, anotherOne=None)
    session = client.deserialize_data(data, "MessageSession")
    assert session.additional_properties == {"newField": {"a": 1}, "anotherOne": None}
    assert "newField" not in session.to_dict()
    assert client.sanitize_for_serialization(session)["newField"] == {"a": 1}


def test_an_integer_price_becomes_a_float(client):
    session = client.deserialize_data(dict(WIRE_SESSION, price=1), "MessageSession")
    assert session.price == 1.0 and isinstance(session.price, float)


def test_a_timestamp_that_is_not_one_is_kept_as_text(client):
    session = client.deserialize_data(dict(WIRE_SESSION, startTime="soon"), "MessageSession")
    assert session.start_time == "soon"


def test_start_time_accepts_datetime_and_text_only():
    moment = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    session = MessageSession(start_time=moment)
    assert session.start_time is moment
    session.start_time = "2020-01-02T03:04:05+0000"
    assert session.start_time == moment
    with pytest.raises(TypeError, match="start_time"):
        session.start_time = 12


def test_to_dict_to_str_and_repr():
    session = MessageSession(id=7, text="Hello", price=0.08)
    assert session.to_dict()["text"] == "Hello"
    assert session.to_str() == pprint.pformat(session.to_dict())
    text = repr(session)
    assert text.startswith("MessageSession(") and "id=7" in text and "text='Hello'" in text
    short = repr(GetMessageSessionStatResponse(all=1))
    assert short.startswith("GetMessageSessionStatResponse(") and "\n" in short
    assert (
        repr(DeleteMessageSessionsBulkInputObject(ids="1,2"))
        == "DeleteMessageSessionsBulkInputObject(ids='1,2', all=None)"
    )


def test_pprint_shows_every_field_one_per_line():
    shown = pprint.pformat(
        MessageSession(id=1, start_time="2019-08-05T08:14:54+0000", text="Hi", source="A")
    )
    lines = shown.splitlines()
    assert lines[0] == "MessageSession("
    assert len(lines) == len(MessageSession.swagger_types) + 2
    assert lines[-1] == ")"


def test_equality():
    assert MessageSession(id=1) == MessageSession(id=1)
    assert MessageSession(id=1) != MessageSession(id=2)
    assert not (MessageSession(id=1) != MessageSession(id=1))
    assert MessageSession(id=1) != GetMessageSessionStatResponse()
    assert MessageSession(start_time="2019-08-05T08:14:54+0000") == MessageSession(
        start_time=datetime.datetime(2019, 8, 5, 8, 14, 54, tzinfo=datetime.timezone.utc)
    )


@pytest.mark.parametrize(
    "ids, wire",
    [
        ("1,2,3", "1,2,3"),
        ("4", "4"),
        (" 1, 2 ", "1,2"),
        ([5, 6], "5,6"),
        ((7,), "7"),
    ],
)
def test_bulk_ids_accepted(ids, wire):
    assert DeleteMessageSessionsBulkInputObject(ids=ids).ids == wire


@pytest.mark.parametrize(
    "ids, error",
    [
        ("", ValueError),
        ("1,,2", ValueError),
        ("1,a", ValueError),
        ("0", ValueError),
        ("-1", ValueError),
        ("1;2", ValueError),
        ("1.5", ValueError),
        ([1, "2"], ValueError),
        ([True], ValueError),
        ([], ValueError),
        (12, TypeError),
    ],
)
def test_bulk_ids_rejected(ids, error):
    with pytest.raises(error, match="ids"):
        DeleteMessageSessionsBulkInputObject(ids=ids)


def test_bulk_all():
    assert DeleteMessageSessionsBulkInputObject(all=1).all == 1
    assert DeleteMessageSessionsBulkInputObject(all=True).all == 1
    assert DeleteMessageSessionsBulkInputObject(all=0).all == 0
    for bad in (2, -1, "1", 1.0):
        with pytest.raises(ValueError, match="all"):
            DeleteMessageSessionsBulkInputObject(all=bad)
    body = DeleteMessageSessionsBulkInputObject()
    with pytest.raises(ValueError):
        body.ids = "x"
    assert body.ids is None


def test_bulk_object_serializes_with_wire_names(client):
    body = DeleteMessageSessionsBulkInputObject(ids=[1, 2], all=0)
    assert client.sanitize_for_serialization(body) == {"ids": "1,2", "all": 0}
    assert client.sanitize_for_serialization(DeleteMessageSessionsBulkInputObject()) == {}


def test_tab_completion_offers_fields_and_methods():
    import json

    session = TextMagic.MessageSession(id=1, text="hi", start_time="2026-01-01T00:00:00+0000")
    names = [name for name in dir(session) if not name.startswith("_")]
    assert {"id", "text", "start_time", "to_dict", "to_wire", "to_json"} <= set(names)
    assert not {"swagger_types", "attribute_map", "validators"} & set(names)
    assert session.swagger_types["id"] == "int"  # still there for generated-client code
    assert json.loads(json.dumps(session.to_wire())) == session.to_wire()
    assert session.to_dict()["start_time"].year == 2026


def test_help_shows_precise_return_types():
    import inspect

    api = TextMagic.OutboundMessageSessionsApi
    for name, returned in (
        ("get_message_session", "MessageSession"),
        ("get_message_session_with_http_info", "MessageSession, int"),
        ("list_message_sessions", "GetAllMessageSessionsPaginatedResponse"),
        ("get_all_message_sessions", "Dict[str, typing.Any]"),
    ):
        text = str(inspect.signature(getattr(api, name)).return_annotation)
        assert returned in text and "AsyncResult" in text, (name, text)
