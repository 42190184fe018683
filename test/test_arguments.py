"""Bad arguments raise TypeError/ValueError before anything is sent."""

import pytest

import TextMagic
from TextMagic import DeleteMessageSessionsBulkInputObject

BODY = DeleteMessageSessionsBulkInputObject(ids="1")

# (call, expected exception, words the message must contain)
BAD_CALLS = [
    # unknown keyword arguments name the argument and the method
    (
        lambda api: api.get_message_session(1, colour="red"),
        TypeError,
        ["colour", "get_message_session"],
    ),
    (
        lambda api: api.get_all_message_sessions(pagee=2),
        TypeError,
        ["pagee", "get_all_message_sessions"],
    ),
    (
        lambda api: api.get_message_session_stat_with_http_info(1, includeDeleted=1),
        TypeError,
        ["includeDeleted", "get_message_session_stat"],
    ),
    (
        lambda api: api.delete_message_sessions_bulk(BODY, x_ignore_nulls=True),
        TypeError,
        ["x_ignore_nulls", "delete_message_sessions_bulk"],
    ),
    # missing or None required arguments
    (lambda api: api.get_message_session(None), ValueError, ["id", "get_message_session"]),
    (lambda api: api.delete_message_session(None), ValueError, ["id"]),
    (lambda api: api.get_message_session_stat(None), ValueError, ["id"]),
    (lambda api: api.get_messages_by_session_id(None), ValueError, ["id"]),
    (
        lambda api: api.delete_message_sessions_bulk(None),
        ValueError,
        ["delete_message_sessions_bulk_input_object"],
    ),
    # ids that are not positive ints
    (lambda api: api.get_message_session(True), TypeError, ["id"]),
    (lambda api: api.get_message_session("1/../2"), TypeError, ["id"]),
    (lambda api: api.get_message_session("7 "), TypeError, ["id"]),
    (lambda api: api.get_message_session("\uff17"), TypeError, ["id"]),  # a fullwidth 7
    (lambda api: api.get_message_session("1" * 19), TypeError, ["id"]),
    (lambda api: api.get_message_session("0"), ValueError, ["id"]),
    (lambda api: api.get_message_session(1.0), TypeError, ["id"]),
    (lambda api: api.get_message_session(0), ValueError, ["id"]),
    (lambda api: api.get_message_session(-3), ValueError, ["id"]),
    (lambda api: api.delete_message_session(False), TypeError, ["id"]),
    (lambda api: api.delete_message_session("1/../2"), TypeError, ["id"]),
    (lambda api: api.get_message_session_stat(0), ValueError, ["id"]),
    (lambda api: api.get_messages_by_session_id(-1), ValueError, ["id"]),
    # page and limit
    (lambda api: api.get_all_message_sessions(page=0), ValueError, ["page"]),
    (lambda api: api.get_all_message_sessions(limit=0), ValueError, ["limit"]),
    (lambda api: api.get_all_message_sessions(limit=-5), ValueError, ["limit"]),
    (lambda api: api.get_all_message_sessions(page="2.0"), TypeError, ["page"]),
    (lambda api: api.get_all_message_sessions(limit="-5"), TypeError, ["limit"]),
    (lambda api: api.get_messages_by_session_id(1, page=0), ValueError, ["page"]),
    (lambda api: api.get_messages_by_session_id(1, limit=0), ValueError, ["limit"]),
    # include_deleted outside 0/1
    (
        lambda api: api.get_message_session_stat(1, include_deleted=2),
        ValueError,
        ["include_deleted"],
    ),
    (
        lambda api: api.get_message_session_stat(1, include_deleted=-1),
        ValueError,
        ["include_deleted"],
    ),
    (
        lambda api: api.get_message_session_stat(1, include_deleted="1"),
        TypeError,
        ["include_deleted"],
    ),
    (
        lambda api: api.get_messages_by_session_id(1, include_deleted=5),
        ValueError,
        ["include_deleted"],
    ),
    # statuses
    (lambda api: api.get_messages_by_session_id(1, statuses=""), ValueError, ["statuses"]),
    (lambda api: api.get_messages_by_session_id(1, statuses=5), TypeError, ["statuses"]),
    (lambda api: api.get_messages_by_session_id(1, statuses=["d", 1]), TypeError, ["statuses"]),
    (lambda api: api.get_messages_by_session_id(1, statuses=" , "), ValueError, ["statuses"]),
    # the bulk body and header
    (
        lambda api: api.delete_message_sessions_bulk({"idz": "1"}),
        ValueError,
        ["idz", "DeleteMessageSessionsBulkInputObject"],
    ),
    (
        lambda api: api.delete_message_sessions_bulk({"ids": "1,x"}),
        ValueError,
        ["ids"],
    ),
    (
        lambda api: api.delete_message_sessions_bulk([1, 2]),
        TypeError,
        ["DeleteMessageSessionsBulkInputObject"],
    ),
    (
        lambda api: api.delete_message_sessions_bulk(BODY, x_ignore_null_values="yes"),
        TypeError,
        ["x_ignore_null_values"],
    ),
    # call options
    (lambda api: api.get_message_session(1, _request_timeout="5"), TypeError, ["timeout"]),
    (lambda api: api.get_message_session(1, _request_timeout=-1), ValueError, ["timeout"]),
    (lambda api: api.get_message_session(1, _request_timeout=(1, 2, 3)), TypeError, ["timeout"]),
]


@pytest.mark.parametrize("call, error, words", BAD_CALLS)
def test_bad_arguments_fail_before_sending(api, sandbox, call, error, words):
    with pytest.raises(error) as caught:
        call(api)
    for word in words:
        assert word in str(caught.value)
    assert sandbox.requests == []


@pytest.mark.parametrize("call, error, words", BAD_CALLS[:12])
def test_bad_arguments_fail_before_sending_even_with_async_req(api, sandbox, call, error, words):
    with pytest.raises(error):
        call(_AsyncApi(api))
    assert sandbox.requests == []


class _AsyncApi(object):
    """Calls the real API's methods with ``async_req=True`` added."""

    def __init__(self, api):
        self._api = api

    def __getattr__(self, name):
        method = getattr(self._api, name)
        return lambda *args, **kwargs: method(*args, async_req=True, **kwargs)


def test_positional_optional_arguments_are_refused(api, sandbox):
    with pytest.raises(TypeError):
        api.get_message_session_stat(1, 1)
    assert sandbox.requests == []


def test_bad_credentials_over_plain_http_to_a_remote_host_are_refused(sandbox):
    configuration = TextMagic.Configuration(
        host="http://api.example.invalid", username="u", password="secret-key"
    )
    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        with pytest.raises(ValueError, match="allow_insecure_http") as caught:
            api.get_message_session(1)
    assert "secret-key" not in str(caught.value)


def test_allowed_forms_are_normalized(api, sandbox):
    api.get_messages_by_session_id(1, statuses=" d , f ", include_deleted=True)
    assert sandbox.requests[-1].query["statuses"] == "d,f"
    assert sandbox.requests[-1].query["includeDeleted"] == "1"


def test_unknown_status_letters_are_left_to_the_server(api, sandbox):
    with pytest.raises(TextMagic.BadRequestException) as caught:
        api.get_messages_by_session_id(1, statuses="d,x")
    assert sandbox.requests[-1].query["statuses"] == "d,x"
    assert "statuses" in caught.value.errors["fields"]
