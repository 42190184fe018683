"""Typed pages and auto-paging against a sandbox with thousands of sessions."""

import gc
import tracemalloc

import pytest

import TextMagic
from TextMagic import (
    GetAllMessageSessionsPaginatedResponse,
    GetMessagesBySessionIdPaginatedResponse,
    MessageOut,
    MessageSession,
)
from TextMagic.sandbox import Sandbox


@pytest.fixture(scope="module")
def big_sandbox():
    with Sandbox(sessions=3000, rate_limit=None) as sandbox:
        yield sandbox


@pytest.fixture
def big_api(big_sandbox):
    big_sandbox.reset()
    with TextMagic.ApiClient(big_sandbox.configuration()) as client:
        yield TextMagic.OutboundMessageSessionsApi(client)


def test_seed_methods_still_return_plain_dicts(api):
    assert type(api.get_all_message_sessions()) is dict
    assert type(api.get_messages_by_session_id(1)) is dict


def test_list_message_sessions_is_typed(api, sandbox):
    page = api.list_message_sessions(page=2, limit=5)
    assert isinstance(page, GetAllMessageSessionsPaginatedResponse)
    assert (page.page, page.page_count, page.limit) == (2, 60, 5)
    assert [s.id for s in page.resources] == [6, 7, 8, 9, 10]
    assert all(isinstance(s, MessageSession) for s in page.resources)
    assert sandbox.requests[-1].query == {"page": "2", "limit": "5"}


def test_list_messages_by_session_id_is_typed(api, sandbox):
    page = api.list_messages_by_session_id(
        4, limit=3, statuses="q,r,a,b,s,d,f,e,j,u", include_deleted=1
    )
    assert isinstance(page, GetMessagesBySessionIdPaginatedResponse)
    assert all(isinstance(m, MessageOut) and m.session_id == 4 for m in page.resources)
    message = page.resources[0]
    assert message.message_time.tzinfo is not None
    wire = sandbox.data.messages[4][0]
    # The wire text of messageTime is kept; nulls are left out when sending.
    assert message.to_wire() == {key: value for key, value in wire.items() if value is not None}
    assert sandbox.requests[-1].query["includeDeleted"] == "1"


def test_iter_all_message_sessions_walks_every_page(big_api, big_sandbox):
    ids = [session.id for session in big_api.iter_all_message_sessions(limit=100)]
    assert ids == list(range(1, 3001))
    pages = sorted(int(r.query["page"]) for r in big_sandbox.requests)
    assert pages == list(range(1, 31))  # each page once (several at a time: any order)


def test_iter_is_lazy_and_stops_at_max_items(big_api, big_sandbox):
    sessions = big_api.iter_all_message_sessions(limit=100, max_items=150)
    assert big_sandbox.requests == []
    first = next(sessions)
    assert first.id == 1 and len(big_sandbox.requests) == 1
    assert len(list(sessions)) == 149
    assert len(big_sandbox.requests) == 2
    assert list(big_api.iter_all_message_sessions(max_items=0)) == []


def test_iter_messages_by_session_id(big_api, big_sandbox):
    session_id = max(big_sandbox.data.messages, key=lambda k: len(big_sandbox.data.messages[k]))
    everything = big_sandbox.data.messages[session_id]
    messages = list(big_api.iter_messages_by_session_id(session_id, limit=2, include_deleted=1))
    assert [m.id for m in messages] == [m["id"] for m in everything]
    failed = list(big_api.iter_messages_by_session_id(session_id, limit=1, statuses="f,e"))
    assert all(m.status in "fe" and not m.deleted for m in failed)


def test_memory_stays_flat_however_many_pages(big_api):
    def peak(max_items):
        gc.collect()
        tracemalloc.start()
        count = sum(1 for _ in big_api.iter_all_message_sessions(limit=100, max_items=max_items))
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert count == max_items
        return result

    # Both walks hold as many pages at once (the default concurrency's): four times the
    # pages must not take much more memory (held items would take about four times as
    # much). The bound leaves room for the in-process sandbox's own allocations, which
    # vary with timing on a loaded machine (1.32x once at 1500 against 3000 items).
    few, many = peak(750), peak(3000)
    assert many < few * 1.6, (few, many)


def test_deleting_while_walking_ends_cleanly(big_api, big_sandbox):
    seen = []
    for session in big_api.iter_all_message_sessions(limit=50):
        seen.append(session.id)
        big_api.delete_message_session(session.id)
    assert len(seen) == len(set(seen))
    assert 1000 < len(seen) < 3000  # pages shrink as sessions go; the walk stops in time


def test_items_moving_back_a_page_are_not_repeated(big_api, big_sandbox):
    walk = big_api.iter_all_message_sessions(limit=10)
    first_page = [next(walk).id for _ in range(10)]
    # A session appears at the front: everything shifts one place towards the end.
    big_sandbox.data.sessions[0] = dict(big_sandbox.data.sessions[1], id=0)
    rest = [session.id for session in walk]
    assert first_page == list(range(1, 11))
    assert rest[0] == 11 and len(rest) == len(set(rest)) == 2990


def test_page_count_shrinking_mid_walk(big_api, big_sandbox):
    walk = big_api.iter_all_message_sessions(limit=100)
    assert next(walk).id == 1
    big_sandbox.data.delete_sessions(everything=True)
    remaining = list(walk)
    assert len(remaining) == 99  # the page in hand is finished, then page 2 is empty


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda api: api.iter_all_message_sessions(limit=0), ValueError),
        (lambda api: api.iter_all_message_sessions(max_items=-1), ValueError),
        (lambda api: api.iter_all_message_sessions(max_items="5"), TypeError),
        (lambda api: api.iter_all_message_sessions(async_req=True), TypeError),
        (lambda api: api.iter_messages_by_session_id(0), ValueError),
        (lambda api: api.iter_messages_by_session_id(1, include_deleted=3), ValueError),
        (lambda api: api.list_message_sessions(page=0), ValueError),
        (lambda api: api.list_messages_by_session_id("1a"), TypeError),
    ],
)
def test_bad_paging_arguments_fail_at_once(api, sandbox, call, error):
    with pytest.raises(error):
        call(api)
    assert sandbox.requests == []


def test_a_page_fetches_the_next_from_any_page(api):
    page = api.list_message_sessions(page=5, limit=10)
    assert page.page == 5 and page.has_next_page()
    following = page.next_page()
    assert following.page == 6
    assert [s.id for s in following] == [s.id for s in api.list_message_sessions(page=6, limit=10)]
    last = api.list_message_sessions(page=30, limit=10)
    assert not last.has_next_page() and last.next_page() is None


def test_auto_paging_iter_from_page_5(api):
    page = api.list_message_sessions(page=5, limit=100)
    ids = [s.id for s in api.list_message_sessions(page=1, limit=100).auto_paging_iter()]
    assert ids == [s.id for s in api.iter_all_message_sessions()]
    later = [s.id for s in api.list_message_sessions(page=2, limit=100).auto_paging_iter()]
    assert later == ids[100:]
    assert [s.id for s in page.auto_paging_iter()] == []  # 300 sessions: page 5 is empty
    assert len(list(api.list_message_sessions(limit=7).auto_paging_iter(max_items=9))) == 9


def test_message_pages_navigate_with_their_arguments(api, sandbox):
    page = api.list_messages_by_session_id(1, limit=1, include_deleted=1)
    following = page.next_page()
    assert following.page == 2
    assert sandbox.requests[-1].query == {"page": "2", "limit": "1", "includeDeleted": "1"}


def test_async_pages_navigate_too(api):
    result = api.list_message_sessions(page=2, limit=10, async_req=True)
    page = result.get(10)
    assert page.next_page().page == 3
    with pytest.raises(ValueError):
        api.list_message_sessions(page=0, async_req=True)  # checked before submitting


def test_one_generic_page_type():
    from TextMagic import (
        GetAllMessageSessionsPaginatedResponse,
        GetMessagesBySessionIdPaginatedResponse,
        Page,
    )

    for cls in (GetAllMessageSessionsPaginatedResponse, GetMessagesBySessionIdPaginatedResponse):
        assert issubclass(cls, Page)
        assert set(vars(cls)) & {"has_next_page", "next_page", "__iter__"} == set()
    hand_made = GetAllMessageSessionsPaginatedResponse(page=1, page_count=3, resources=[])
    assert list(hand_made) == [] and not hand_made.has_next_page()
    with pytest.raises(ValueError, match="not fetched by a client"):
        GetAllMessageSessionsPaginatedResponse(page=1, page_count=3, resources=[1]).next_page()


def test_a_fetched_page_pickles_and_copies_without_its_client(api):
    import copy
    import pickle

    page = api.list_message_sessions(limit=2)
    for clone in (pickle.loads(pickle.dumps(page)), copy.deepcopy(page)):
        assert clone == page
        with pytest.raises(ValueError):
            clone.next_page()
