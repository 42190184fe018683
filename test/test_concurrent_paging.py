"""Auto-paging that fetches the following pages several at a time: the same items as the
sequential walk, in order, at most ``concurrency`` pages held, nothing left running after
the loop stops, an error where its page would have been."""

import subprocess
import sys
import threading
import time

import pytest

from TextMagic.async_req import Workers
from TextMagic.exceptions import ServiceException
from TextMagic.models import GetAllMessageSessionsPaginatedResponse, MessageSession
from TextMagic.pagination import DEFAULT_CONCURRENCY, iterate_pages


def ids(items):
    return [item.id for item in items]


def test_the_concurrent_walk_yields_the_sequential_walks_items(api, sandbox):
    sequential = ids(api.iter_all_message_sessions(limit=7, concurrency=1))
    requests_before = len(sandbox.requests)
    concurrent = ids(api.iter_all_message_sessions(limit=7))
    assert concurrent == sequential == sorted(sandbox.data.sessions)
    assert len(sandbox.requests) - requests_before == 43  # 300 sessions, 7 a page
    messages = ids(api.iter_messages_by_session_id(1, limit=1, concurrency=3))
    assert messages == [m["id"] for m in sandbox.data.messages[1]]
    page = api.list_message_sessions(limit=50)
    assert ids(page.auto_paging_iter(concurrency=5)) == sequential


def test_breaking_out_stops_fetching_and_leaves_nothing_running(api, sandbox):
    walk = api.iter_all_message_sessions(limit=5, concurrency=4)
    taken = [next(walk) for _ in range(12)]  # pages 1 to 3 consumed
    walk.close()
    asked = len(sandbox.requests)
    assert ids(taken) == list(range(1, 13))
    assert asked <= 3 + 4  # at most `concurrency` pages beyond those consumed
    time.sleep(0.3)
    assert len(sandbox.requests) == asked  # nothing was still on its way
    assert not [t for t in threading.enumerate() if t.name.startswith("TextMagic_async")]


def test_arguments_are_checked_at_once(api):
    for bad in (0, -1):
        with pytest.raises(ValueError, match="concurrency"):
            api.iter_all_message_sessions(concurrency=bad)
    for bad in (True, 2.5, "4"):
        with pytest.raises(TypeError, match="concurrency"):
            api.iter_messages_by_session_id(1, concurrency=bad)
    assert DEFAULT_CONCURRENCY == 4


def fake_page(number, count, per_page=3):
    """Page ``number`` of a list of ``count`` pages, ``per_page`` sessions each."""
    first = (number - 1) * per_page + 1
    return GetAllMessageSessionsPaginatedResponse.from_wire(
        {
            "page": number,
            "pageCount": count,
            "limit": per_page,
            "resources": [{"id": n} for n in range(first, first + per_page)],
        }
    )


class FakeList(object):
    """Pages answered in worker threads (as the client's ``async_req`` calls are), with
    the fetches counted and held pages watched."""

    def __init__(self, answer):
        self.answer = answer
        self.asked = []
        self.workers = Workers(8)
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0

    def fetch(self, number):
        with self.lock:
            self.asked.append(number)
        return self.answer(number)

    def submit(self, number):
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        return self.workers.submit(self._fetched, number)

    def _fetched(self, number):
        try:
            time.sleep(0.01)
            return self.fetch(number)
        finally:
            with self.lock:
                self.in_flight -= 1

    def walk(self, concurrency, max_items=None):
        return iterate_pages(self.fetch, max_items, concurrency=concurrency, submit=self.submit)


def test_an_error_surfaces_where_its_page_would_have_been():
    def answer(number):
        if number == 5:
            raise ServiceException(status=503, reason="page 5 failed")
        return fake_page(number, 10)

    seen = []
    with pytest.raises(ServiceException, match="page 5 failed"):
        for item in FakeList(answer).walk(concurrency=4):
            seen.append(item.id)
    assert seen == list(range(1, 13))  # every item of pages 1 to 4, in order, then the error


def test_a_list_that_shrinks_mid_walk_ends_as_the_sequential_walk_does():
    def answer(number):
        return fake_page(number, 10 if number < 3 else 3)  # page 3 says there are 3

    for concurrency in (1, 4):
        fakes = FakeList(answer)
        assert ids(fakes.walk(concurrency)) == list(range(1, 10))
        assert max(fakes.asked) <= 3 + concurrency - 1


def test_at_most_concurrency_pages_are_held_and_max_items_stops_early():
    fakes = FakeList(lambda number: fake_page(number, 40))
    assert ids(fakes.walk(concurrency=3, max_items=20)) == list(range(1, 21))
    assert fakes.most_in_flight <= 3
    assert max(fakes.asked) <= 7 + 2  # 20 items are 7 pages; at most 2 fetched beyond
    assert sorted(fakes.asked) == sorted(set(fakes.asked))  # no page fetched twice


def test_repeating_pages_still_end_the_walk():
    def answer(number):
        page = fake_page(min(number, 2), 1000)  # from page 2 on, the same sessions
        page.page = number
        return page

    fakes = FakeList(answer)
    assert ids(fakes.walk(concurrency=4)) == list(range(1, 7))


def test_a_session_page_typed_walk_is_a_list_of_models(api):
    items = list(api.iter_all_message_sessions(limit=100, max_items=150))
    assert len(items) == 150 and all(type(item) is MessageSession for item in items)


_INTERRUPTED_WALK = r"""
import os, signal, sys, threading, time
import TextMagic

host, username, password = sys.argv[1:4]
configuration = TextMagic.Configuration(host=host, username=username, password=password)
api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    for session in api.iter_all_message_sessions(limit=10):  # pages 2 on: 6 s each
        pass
    print("not interrupted")
except KeyboardInterrupt:
    print("interrupted after %.1f s" % (time.monotonic() - started))
print(api.get_message_session(1).id)  # the client still works
"""


def test_a_ctrl_c_during_a_concurrent_walk_returns_at_once(sandbox):
    """Pages on their way are not waited for after a Ctrl-C: the caller gets
    ``KeyboardInterrupt`` at once, and the client keeps working."""
    sandbox.add_fault(times=1, path="/api/v2/sessions")  # page 1: at once
    sandbox.add_fault(delay=6.0, times=3, path="/api/v2/sessions")  # pages 2 to 4
    configuration = sandbox.configuration()
    child = subprocess.run(
        [sys.executable, "-c", _INTERRUPTED_WALK]
        + [configuration.host, configuration.username, configuration.password],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 0, child.stderr
    interrupted, session_id = child.stdout.splitlines()
    assert interrupted.startswith("interrupted after ")
    assert float(interrupted.split()[2]) < 4.0  # not the 6 s the pages on their way take
    assert session_id == "1"
