"""Models: from_dict / to_json / from_json, copy and pickle, and property-based round
trips of the wire conversions."""

import copy
import datetime
import json
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import TextMagic
from TextMagic import (
    DeleteMessageSessionsBulkInputObject,
    GetAllMessageSessionsPaginatedResponse,
    GetMessageSessionStatResponse,
    MessageOut,
    MessageSession,
)
from TextMagic.models.base import from_json_ready, to_json_ready

MODELS = [MessageSession, GetMessageSessionStatResponse, MessageOut]

timestamps = st.datetimes(
    min_value=datetime.datetime(1971, 1, 1), max_value=datetime.datetime(2100, 1, 1)
).map(lambda moment: moment.replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S+0000"))
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False)
)
VALUES = {
    "int": st.none() | st.integers(),
    "str": st.none() | st.text(max_size=40),
    "bool": st.none() | st.booleans(),
    "float": st.none() | st.floats(allow_nan=False, allow_infinity=False),
    "datetime": st.none() | timestamps,
}


def wire_objects(cls):
    """Wire JSON for ``cls``: every field (or null), plus unknown extra fields."""
    fields = {cls.attribute_map[name]: VALUES[kind] for name, kind in cls.swagger_types.items()}
    extra = st.dictionaries(
        st.text(min_size=1, max_size=8).filter(lambda key: key not in cls._field_of_wire),
        json_scalars,
        max_size=3,
    )
    return st.builds(lambda known, more: dict(more, **known), st.fixed_dictionaries(fields), extra)


@pytest.mark.parametrize("cls", MODELS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_wire_round_trip(cls, data):
    wire = data.draw(wire_objects(cls))
    model = from_json_ready(wire, cls.__name__)
    expected = {
        key: (
            float(value)
            if cls.swagger_types.get(cls._field_of_wire.get(key)) == "float" and type(value) is int
            else value
        )
        for key, value in wire.items()
        if value is not None or key not in cls._field_of_wire
    }
    assert to_json_ready(model) == expected
    assert json.loads(model.to_json()) == json.loads(json.dumps(expected))
    again = cls.from_json(model.to_json())
    assert again == model
    assert again.additional_properties == model.additional_properties
    assert pickle.loads(pickle.dumps(model)) == model
    assert copy.deepcopy(model) == model


@settings(max_examples=40, deadline=None)
@given(st.lists(wire_objects(MessageSession), max_size=5), st.integers(1, 9))
def test_page_round_trip(sessions, page_count):
    wire = {"page": 1, "pageCount": page_count, "limit": 5, "resources": sessions}
    page = from_json_ready(wire, "GetAllMessageSessionsPaginatedResponse")
    assert all(isinstance(s, MessageSession) for s in page.resources)
    assert GetAllMessageSessionsPaginatedResponse.from_json(page.to_json()) == page


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        json_scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=10,
    )
)
def test_plain_json_passes_through_both_ways(value):
    assert to_json_ready(value) == value
    if isinstance(value, dict):
        assert from_json_ready(value, "dict(str, object)") is value


def test_from_dict_accepts_attribute_or_wire_names():
    by_attribute = MessageSession.from_dict(
        {"id": 1, "numbers_count": 3, "start_time": "2020-01-01T00:00:00+0000"}
    )
    by_wire = MessageSession.from_dict(
        {"id": 1, "numbersCount": 3, "startTime": "2020-01-01T00:00:00+0000"}
    )
    assert by_attribute == by_wire
    assert MessageSession.from_dict(by_attribute.to_dict()) == by_attribute
    extra = MessageSession.from_dict({"id": 1, "brandNew": True})
    assert extra.additional_properties == {"brandNew": True}
    with pytest.raises(TypeError):
        MessageSession.from_dict([1, 2])


def test_from_dict_runs_the_checks():
    with pytest.raises(ValueError, match="ids"):
        DeleteMessageSessionsBulkInputObject.from_dict({"ids": "1,x"})
    assert DeleteMessageSessionsBulkInputObject.from_dict({"ids": [3, 4]}).ids == "3,4"


def test_nested_from_dict_and_to_json():
    page = GetAllMessageSessionsPaginatedResponse.from_dict(
        {
            "page": 1,
            "page_count": 1,
            "limit": 2,
            "resources": [{"id": 5, "text": "a"}, {"id": 6, "text": "b"}],
        }
    )
    assert [s.id for s in page.resources] == [5, 6]
    assert json.loads(page.to_json()) == {
        "page": 1,
        "pageCount": 1,
        "limit": 2,
        "resources": [{"id": 5, "text": "a"}, {"id": 6, "text": "b"}],
    }
    assert "\n" in page.to_json(indent=2)


def test_copies_are_independent():
    original = DeleteMessageSessionsBulkInputObject(ids="1,2")
    shallow = copy.copy(original)
    shallow.ids = "3"
    assert original.ids == "1,2"
    session = MessageSession(id=1, start_time="2020-01-01T00:00:00+0000")
    session.additional_properties = {"tags": ["a"]}
    deep = copy.deepcopy(session)
    deep.additional_properties["tags"].append("b")
    assert session.additional_properties == {"tags": ["a"]}
    assert pickle.loads(pickle.dumps(session, protocol=2)) == session


def test_from_env():
    environ = {
        "TEXTMAGIC_USERNAME": "me",
        "TEXTMAGIC_API_KEY": "key",
        "TEXTMAGIC_HOST": "http://127.0.0.1:8080",
    }
    configuration = TextMagic.Configuration.from_env(environ)
    assert (configuration.username, configuration.password, configuration.host) == (
        "me",
        "key",
        "http://127.0.0.1:8080",
    )
    del environ["TEXTMAGIC_HOST"]
    assert TextMagic.Configuration.from_env(environ, retries=0).host == "https://rest.textmagic.com"
    with pytest.raises(ValueError, match="TEXTMAGIC_API_KEY is not set"):
        TextMagic.Configuration.from_env({"TEXTMAGIC_USERNAME": "me"})
    with pytest.raises(ValueError, match="TEXTMAGIC_USERNAME and TEXTMAGIC_API_KEY are not"):
        TextMagic.Configuration.from_env({"TEXTMAGIC_API_KEY": ""})


def test_from_env_reads_os_environ(monkeypatch):
    monkeypatch.setenv("TEXTMAGIC_USERNAME", "env-user")
    monkeypatch.setenv("TEXTMAGIC_API_KEY", "env-key")
    monkeypatch.delenv("TEXTMAGIC_HOST", raising=False)
    assert TextMagic.Configuration.from_env().username == "env-user"


def test_a_json_object_viewed_twice_gives_equal_models():
    """A view turns the objects of its nested models into models in place; viewing the
    same object again takes those as they are."""
    wire = {"page": 1, "pageCount": 1, "limit": 2, "resources": [{"id": 1}, {"id": 2}]}
    first = TextMagic.GetAllMessageSessionsPaginatedResponse.from_wire(wire)
    again = TextMagic.GetAllMessageSessionsPaginatedResponse.from_wire(wire)
    assert again == first and [s.id for s in again.resources] == [1, 2]
    assert again.to_wire() == {
        "page": 1,
        "pageCount": 1,
        "limit": 2,
        "resources": [{"id": 1}, {"id": 2}],
    }
