"""Decoding the API's JSON: the standard library's ``json``, or ``orjson`` when installed
(``pip install textmagic-message-sessions[fast]``), with the same results either way."""

from __future__ import annotations

import json
import threading
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


def loads(data: Any) -> Any:
    """Decode a JSON document (bytes or text) as ``json.loads`` does.

    With orjson installed it decodes bytes instead, about twice as fast; what orjson
    refuses and ``json`` takes (``NaN``, lone surrogates, UTF-16 bodies), and bodies that
    may hold integers beyond 64 bits (which orjson reads as floats), are decoded by
    ``json``, so that the result never depends on which is installed.

    :raises ValueError: not JSON (``json.JSONDecodeError``).
    :raises RecursionError: nested deeper than Python's stack allows.
    """
    fast = _fast if _fast is not _UNSET else _find_orjson()
    if fast is not None and data.__class__ is bytes and _LONG_NUMBER not in data.translate(_DIGITS):
        try:
            return fast.loads(data)
        except (ValueError, TypeError):
            pass  # json's answer (a value, or the error to raise) decides
    return json.loads(data)


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
