"""Realistic TextMagic JSON for the benchmarks, built deterministically: every session has
a timestamp of its own, and, where asked, a field the models do not declare (as the live
API, which has added fields over the years, sends)."""

import datetime
import json

from TextMagic.sandbox.data import SandboxData

_DATA = SandboxData(sessions=400, seed=7)
_SESSIONS = [_DATA.sessions[key] for key in sorted(_DATA.sessions)]
_MESSAGES = [message for key in sorted(_DATA.messages) for message in _DATA.messages[key]]
_EPOCH = datetime.datetime(2019, 8, 5, 8, 14, 54)
#: The field no model declares, and its values (one per session, cycling).
UNKNOWN_FIELD = "channelName"
_CHANNELS = ["api", "web", "email", "messenger", "list"]


def session(number=1, unknown=False):
    """One session as the API sends it; ``unknown`` adds a field the models lack."""
    started = _EPOCH + datetime.timedelta(minutes=7 * number, seconds=number % 60)
    item = dict(
        _SESSIONS[number % len(_SESSIONS)],
        id=number,
        startTime=started.strftime("%Y-%m-%dT%H:%M:%S+0000"),
    )
    if unknown:
        item[UNKNOWN_FIELD] = _CHANNELS[number % len(_CHANNELS)]
    return item


def sessions(count, unknown=False):
    """``count`` distinct sessions, each with a timestamp of its own."""
    return [session(n, unknown) for n in range(1, count + 1)]


def messages(count):
    """``count`` distinct outbound messages."""
    return [dict(_MESSAGES[n % len(_MESSAGES)], id=n + 1) for n in range(count)]


def page(resources):
    """A page object around ``resources``."""
    return {"page": 1, "pageCount": 1, "limit": len(resources), "resources": resources}


def encode(obj):
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")
