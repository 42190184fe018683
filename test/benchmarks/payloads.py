"""Realistic TextMagic JSON for the benchmarks, built deterministically."""

import json

from TextMagic.sandbox.data import SandboxData

_DATA = SandboxData(sessions=400, seed=7)
_SESSIONS = [_DATA.sessions[key] for key in sorted(_DATA.sessions)]
_MESSAGES = [message for key in sorted(_DATA.messages) for message in _DATA.messages[key]]


def session(number=1):
    """One session as the API sends it."""
    return dict(_SESSIONS[number % len(_SESSIONS)], id=number)


def sessions(count):
    """``count`` distinct sessions."""
    return [session(n) for n in range(1, count + 1)]


def messages(count):
    """``count`` distinct outbound messages."""
    return [dict(_MESSAGES[n % len(_MESSAGES)], id=n + 1) for n in range(count)]


def page(resources):
    """A page object around ``resources``."""
    return {"page": 1, "pageCount": 1, "limit": len(resources), "resources": resources}


def encode(obj):
    return json.dumps(obj, separators=(",", ":")).encode("utf-8")
