"""Bodies: the request's payload bytes, and an answer's body read within the size cap,
its ``Content-Encoding`` undone without ever producing more than the cap."""

from __future__ import annotations

import json
import zlib
from typing import Any, Dict, List, Mapping, Optional, Tuple
from urllib.parse import urlencode

import urllib3

from TextMagic.exceptions import MalformedResponseError

__all__ = ["BodyProblem", "discard", "encode_body", "header_value", "read_body", "without"]

# Raw bytes read at a time from a body whose length the server did not declare.
READ_STEP = 65536
_GZIP_CODINGS = frozenset(["gzip", "x-gzip"])


class BodyProblem(Exception):
    """A body too large, compressed wrongly, or in an encoding the SDK cannot undo."""


def read_body(response: Any, limit: int) -> Optional[bytes]:
    """Read and decode a whole body, at most ``limit`` bytes once decoded, and give the
    connection back.

    :return: the body; None for an unsuccessful answer whose body could not be read
        (its status says what matters).
    :raises MalformedResponseError: a successful answer's body could not be read.
    """
    try:
        return _decoded(_read_raw(response, limit), response.headers, limit)
    except BodyProblem as problem:
        if 200 <= response.status <= 299:
            raise MalformedResponseError(
                status=response.status, reason=str(problem), headers=response.headers
            ) from None
        return None
    finally:
        response.release_conn()


def read_error_body(response: Any, limit: int) -> Optional[bytes]:
    """An unsuccessful answer's body; None when it cannot be read."""
    try:
        return read_body(response, limit)
    except (urllib3.exceptions.HTTPError, OSError):
        return None


def discard(response: Any) -> None:
    """Free an answer's connection for the next request: a short unread body is read
    away, a longer one (or a broken one) closes the connection instead."""
    try:
        _read_raw(response, READ_STEP)
    except (urllib3.exceptions.HTTPError, BodyProblem, OSError):
        response.close()
    response.release_conn()


def _read_raw(response: Any, limit: int) -> bytes:
    """The body's bytes as sent (not decompressed), at most ``limit`` of them; a longer
    body closes the connection. Malformed framing (a negative or absurd chunk size) is a
    ``ProtocolError``, as urllib3 reports the framing faults it knows."""
    declared = getattr(response, "length_remaining", None)
    if declared is not None and declared > limit:
        response.close()
        raise BodyProblem(_too_large(limit, "the server declared %d bytes" % declared))
    try:
        if declared is not None:  # the usual case: one read of a known, bounded length
            return response.read(decode_content=False) or b""
        chunks: List[bytes] = []
        total = 0
        while True:
            chunk = response.read(READ_STEP, decode_content=False)
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:
                response.close()
                raise BodyProblem(_too_large(limit, "more bytes arrived"))
            chunks.append(chunk)
    except (ValueError, OverflowError) as error:
        # http.client parses chunk sizes with int(): "-5" or 2**70 end up here.
        response.close()
        raise urllib3.exceptions.ProtocolError("malformed response framing: %s" % error) from error


def _decoded(body: bytes, headers: Any, limit: int) -> bytes:
    """Undo the body's ``Content-Encoding`` (gzip and deflate, in any chain)."""
    header = headers.get("Content-Encoding") if "Content-Encoding" in headers else None
    if not header:
        return body  # the usual case
    codings = [c.strip().lower() for c in header.split(",")]
    for coding in reversed([c for c in codings if c and c != "identity"]):
        if coding in _GZIP_CODINGS:
            body = _inflate(body, 16 + zlib.MAX_WBITS, limit, coding)
        elif coding == "deflate":
            # RFC 9110's deflate is zlib-wrapped; some servers send the raw stream.
            wrapped = len(body) > 1 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0
            body = _inflate(body, zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS, limit, coding)
        else:
            raise BodyProblem(
                "the body's Content-Encoding %r is not one the SDK decodes" % (coding[:40],)
            )
    return body


def _inflate(data: bytes, wbits: int, limit: int, coding: str) -> bytes:
    pieces: List[bytes] = []
    total = 0
    while data:  # gzip bodies may hold several members, one after another
        inflater = zlib.decompressobj(wbits)
        try:
            piece = inflater.decompress(data, limit + 1 - total)
        except zlib.error as error:
            raise BodyProblem("the %s body is corrupt (%s)" % (coding, error)) from None
        total += len(piece)
        if total > limit or inflater.unconsumed_tail:
            raise BodyProblem(_too_large(limit, "it decompresses to more"))
        if not inflater.eof:
            raise BodyProblem("the %s body is truncated" % coding)
        pieces.append(piece)
        if coding not in _GZIP_CODINGS:
            break  # deflate has one stream; anything after it is ignored
        data = inflater.unused_data
    return b"".join(pieces)


def _too_large(limit: int, detail: str) -> str:
    return "the response body is larger than configuration.max_response_size (%d bytes): %s" % (
        limit,
        detail,
    )


def encode_body(
    headers: Optional[Dict[str, str]], body: Any, post_params: Any
) -> Tuple[Optional[Dict[str, str]], Optional[bytes]]:
    """The headers and payload bytes for ``body`` (bytes and text as they are, anything
    else as JSON) or ``post_params`` (a URL-encoded or multipart form).

    :raises ValueError: both given, or form fields with a Content-Type that is no form's.
    """
    if post_params:
        if body is not None:
            raise ValueError("body and post_params cannot be sent together")
        content_type = header_value(headers, "Content-Type") or ""
        if content_type.startswith("multipart/form-data"):
            payload, content_type = urllib3.encode_multipart_formdata(post_params)
        elif content_type in ("", "application/x-www-form-urlencoded"):
            payload = urlencode(post_params).encode("ascii")
            content_type = "application/x-www-form-urlencoded"
        else:
            raise ValueError(
                "post_params are sent as a form; the Content-Type %r is not a form type"
                % content_type
            )
        return dict(without(headers, ["Content-Type"]), **{"Content-Type": content_type}), payload
    if body is None:
        return headers, None
    if isinstance(body, bytes):
        return headers, body
    if isinstance(body, str):
        return headers, body.encode("utf-8")
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if header_value(headers, "Content-Type") is None:
        headers = dict(headers or {}, **{"Content-Type": "application/json"})
    return headers, payload


def header_value(headers: Optional[Mapping[str, str]], name: str) -> Optional[str]:
    """A header's value, its name compared without regard to case; None when absent."""
    lowered = name.lower()
    for key, value in (headers or {}).items():
        if key.lower() == lowered:
            return value
    return None


def without(headers: Optional[Mapping[str, str]], names: Any) -> Dict[str, str]:
    """``headers`` less those named (compared without regard to case)."""
    lowered = {name.lower() for name in names}
    return {k: v for k, v in (headers or {}).items() if k.lower() not in lowered}
