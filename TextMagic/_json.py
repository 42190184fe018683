"""Decoding the API's JSON: the standard library's ``json``, or ``orjson`` when installed
(``pip install textmagic-message-sessions[fast]``), with the same results either way."""

from __future__ import annotations

import json
import re
import sys
import threading
from itertools import accumulate, repeat
from typing import Any, List

__all__ = ["loads"]

_UNSET: Any = object()
# A body with a run of 19 digits may hold an integer beyond 64 bits, which orjson would
# turn into a float where json keeps it an int: such bodies go to json. Found by mapping
# digits to "1" and the rest to "0", then looking for nineteen "1"s: C speed, about 16
# instructions a byte, almost half of what orjson saves.
_DIGITS = bytes(0x31 if 0x30 <= byte <= 0x39 else 0x30 for byte in range(256))
_LONG_NUMBER = b"1" * 19
# The orjson module once looked up; None when it is not installed.
_fast: Any = _UNSET

#: The deepest nesting the standard library's json is given on Python 3.8 (the API's
#: answers nest three deep).
MAX_NESTING = 500
# On 3.8 json's C scanner counts its recursion against Python's recursion limit, and a
# finalizer the garbage collector runs while a body nested near that limit is being
# decoded aborts the interpreter ("Cannot recover from stack overflow"): such bodies are
# refused there before decoding. 3.9 to 3.11 report the finalizer's RecursionError
# ("Exception ignored") and go on; a scan of every large body would cost them more than
# the decoding bar allows (docs/Performance.md). 3.12 keeps the two counts apart.
_GUARDED = sys.version_info < (3, 9)
_EVERY_BYTE = bytes(range(256))
_NOT_OPENERS = _EVERY_BYTE.translate(None, b"[{")  # what translate deletes
_NOT_MARKS = _EVERY_BYTE.translate(None, b'[]{}"')
_NOT_BRACKETS = _EVERY_BYTE.translate(None, b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # an opener 2, a closer 0
_STRING = rb'"(?:[^"\\]|\\.)*"'
# Passes of taking innermost pairs out before a body is measured exactly instead.
_PASSES = 8


def loads(data: Any) -> Any:
    """Decode a JSON document (bytes or text) as ``json.loads`` does.

    With orjson installed it decodes bytes instead, about twice as fast; what orjson
    refuses and ``json`` takes (``NaN``, lone surrogates, UTF-16 bodies), and bodies that
    may hold integers beyond 64 bits (which orjson reads as floats), are decoded by
    ``json``, so that the result never depends on which is installed.

    :raises ValueError: not JSON (``json.JSONDecodeError``), or on Python 3.8 nested
        deeper than :data:`MAX_NESTING`.
    :raises RecursionError: nested deeper than Python's stack allows.
    """
    fast = _fast if _fast is not _UNSET else _find_orjson()
    if fast is not None and data.__class__ is bytes and _LONG_NUMBER not in data.translate(_DIGITS):
        try:
            return fast.loads(data)
        except (ValueError, TypeError):
            pass  # json's answer (a value, or the error to raise) decides
    if _GUARDED and too_deep(data):
        raise ValueError("nested deeper than %d levels, not decoded" % MAX_NESTING)
    return json.loads(data)


def too_deep(data: Any, limit: int = MAX_NESTING) -> bool:
    """Whether a JSON text (bytes or str) nests deeper than ``limit``, brackets inside its
    strings not counted, worked out without recursion: at once for a body with no more
    than ``limit`` opening brackets, in a few passes for a wide and shallow one."""
    if len(data) <= 2 * limit:
        return False
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if len(raw.translate(None, _NOT_OPENERS)) <= limit:
        return False
    # Quotes and brackets only (escaped quotes taken out), innermost pairs taken out pass
    # after pass: a string shields its brackets until they are gone, so that only real
    # pairs meet, and a body gone within k passes nests at most k deep.
    marks = raw.replace(b"\\\\", b"").replace(b'\\"', b"").translate(None, _NOT_MARKS)
    for _ in range(min(_PASSES, limit)):
        marks = marks.replace(b'""', b"").replace(b"[]", b"").replace(b"{}", b"")
        if not marks:
            return False
    steps = re.sub(_STRING, b"", raw, flags=re.S).translate(_STEPS, _NOT_BRACKETS)
    return max(accumulate(map(int.__sub__, steps, repeat(1))), default=0) > limit


def _find_orjson() -> Any:
    """orjson, or None when it is not installed (or cannot be imported).

    It is imported in a thread of its own, which a signal never interrupts (Python runs
    signal handlers in the main thread): a Ctrl-C landing in the middle of orjson's
    initialisation crashes the interpreter (seen with orjson 3.13 on CPython 3.11), while
    one landing in this wait only ends the call; the import finishes all the same.
    """
    global _fast
    found: List[Any] = []
    loader = threading.Thread(
        target=_import_orjson, args=(found,), name="TextMagic-orjson-import", daemon=True
    )
    loader.start()
    loader.join()
    if found:  # empty only if the thread did not run to the end (a fork during the import)
        _fast = found[0]
        return found[0]
    return None


def _import_orjson(found: List[Any]) -> None:
    try:
        import orjson  # type: ignore[import-not-found, unused-ignore]
    except Exception:  # not installed, or broken: the standard library's json it is
        found.append(None)
    else:
        found.append(orjson)
