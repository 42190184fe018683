"""Every exception the SDK raises for a failed call, in one place.

Bad arguments never reach this module: they raise the built-in ``TypeError`` or
``ValueError`` before anything is sent. Everything that goes wrong after that is an
``ApiException``, so ``except ApiException`` catches every failed call::

    ApiException                    any failed call; also any HTTP status not listed below
    ├── BadRequestException         400: validation failed; ``.errors`` holds the details
    ├── UnauthorizedException       401: missing or wrong username / API key
    ├── ForbiddenException          403: the account may not do this
    ├── NotFoundException           404: no such session (or path)
    ├── TooManyRequestsException    429: throttled; ``.retry_after`` in seconds, or None
    ├── ServiceException            5xx: the server or a proxy in front of it failed
    ├── MalformedResponseError      a 2xx answer whose body is not the JSON expected
    └── ApiConnectionError          no complete answer: refused, reset, TLS failure, ...
        └── ApiTimeoutError         connecting or reading took longer than the timeout

Every instance has ``.status`` (0 when no HTTP answer arrived), ``.reason``, ``.body``
(the body as text, decoded as its charset says, or None; ``.raw_body`` has the bytes),
``.headers``, ``.message`` (TextMagic's own ``message`` when the body carries one,
otherwise a short description of what came back), and ``.method``, ``.url`` and
``.request``: the request that failed, its URL without credentials. ``str()`` reads as the
generated clients' does, with the server's message and the request on lines of their own::

    (404)
    Reason: Not Found
    Message: Session not found
    Request: GET /api/v2/sessions/9
    HTTP response headers: HTTPHeaderDict({'Content-Type': 'application/json', ...})
    HTTP response body: {"code": 404, "message": "Session not found"}

and ``summary()`` gives the same on one line::

    (404) Not Found: Session not found [GET /api/v2/sessions/9]

Network errors keep urllib3's exception as ``__cause__``.
"""

from __future__ import annotations

import math
import time
from typing import Any, Dict, Optional

from TextMagic import _json
from TextMagic._http import body_text, display_url, request_path
from TextMagic.request import RequestLine

__all__ = [
    "ApiException",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "TooManyRequestsException",
    "ServiceException",
    "MalformedResponseError",
    "ApiConnectionError",
    "ApiTimeoutError",
    "PoolTimeoutError",
    "exception_for_response",
]

# How much of a body that is not TextMagic JSON is quoted in a message.
_SNIPPET = 120


class ApiException(Exception):
    """A call failed; the base of every SDK exception.

    :param int status: HTTP status, or 0 when no answer arrived.
    :param str reason: HTTP reason phrase or a short description of the fault.
    :param http_resp: a response object (``status``, ``reason``, ``data``, ``headers``);
        when given, the other fields are taken from it.
    :param body: the response body, as bytes or text.
    :param headers: the response headers.
    """

    #: The failed request's HTTP method, or None when it is not known.
    method: Optional[str] = None
    #: The failed request's URL without credentials or secret query values, or None.
    url: Optional[str] = None
    #: True when an earlier try of this call may have been carried out by the server
    #: (it was sent and failed, or answered 502, 503 or 504) before this answer came.
    earlier_try_may_have_applied: bool = False
    #: The unsuccessful answer as a ``RESTResponse`` (what ``ApiClient.last_response``
    #: then holds), or None when no answer arrived or it was not kept.
    http_resp: Any = None

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        body: Any = None,
        headers: Any = None,
    ) -> None:
        if http_resp is not None:
            self.http_resp = http_resp
            status = http_resp.status
            reason = http_resp.reason
            body = getattr(http_resp, "raw_data", None)
            if not isinstance(body, (bytes, bytearray)):
                body = http_resp.data
            headers = http_resp.headers
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
        #: The body's bytes as they arrived (text bodies given to the constructor are
        #: encoded as UTF-8), or None.
        self.raw_body: Optional[bytes] = body.encode("utf-8") if isinstance(body, str) else body
        #: The body as text (see ``raw_body`` for the bytes), or None.
        self.body: Optional[str] = body_text(body, headers)
        self.headers = headers
        self._json = _json_object(self.raw_body)
        self.message: str = (
            _message_from(self._json, status, self.body, self.raw_body) or reason or ""
        )

    @property
    def request(self) -> Optional[RequestLine]:
        """The failed request (a ``RequestLine``: method and credential-free URL), or
        None when it is not known."""
        if self.method is None:
            return None
        return RequestLine(self.method, self.url or "")

    def name_request(self, method: Optional[str], url: Optional[str]) -> "ApiException":
        """Record which request failed, unless already recorded; returns the exception.

        :param str method: the HTTP method.
        :param str url: the request's URL (credentials are left out).
        """
        if self.method is None:
            self.method = method
            self.url = display_url(url)
        return self

    def _message_line(self) -> str:
        """The server's message (and any details), where it says more than the reason."""
        return self.message if self.message and self.message != self.reason else ""

    def _summary(self) -> str:
        text = "(%s) %s" % (self.status, self.reason or "")
        message = self._message_line()
        return text + ": %s" % message if message else text

    def summary(self) -> str:
        """The failure on one line: status, reason, the server's message and the
        request, e.g. ``(404) Not Found: Session not found [GET /api/v2/sessions/9]``."""
        if self.method is None:
            return self._summary()
        return "%s [%s %s]" % (self._summary(), self.method, request_path(self.url))

    def __str__(self) -> str:
        lines = ["(%s)" % self.status, "Reason: %s" % (self.reason or "")]
        message = self._message_line()
        if message:
            lines.append("Message: %s" % message)
        if self.method is not None:
            lines.append("Request: %s %s" % (self.method, request_path(self.url)))
        if self.headers:
            lines.append("HTTP response headers: %s" % _headers_text(self.headers))
        if self.body:
            body = self.body
            if len(body) > _BODY_SHOWN:
                body = "%s... (%d characters more)" % (body[:_BODY_SHOWN], len(body) - _BODY_SHOWN)
            lines.append("HTTP response body: %s" % body)
        return "\n".join(lines) + "\n"

    def _repr_fields(self) -> Dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "message": self.message}

    def __repr__(self) -> str:
        fields = self._repr_fields()
        if self.method is not None:
            fields.update(method=self.method, url=self.url)
        return "%s(%s)" % (
            type(self).__name__,
            ", ".join("%s=%r" % pair for pair in fields.items()),
        )

    def __reduce__(self) -> Any:
        return (
            _rebuild,
            (type(self), self.status, self.reason, self.raw_body, self.headers),
            {"method": self.method, "url": self.url},
        )


# The most characters of a body that ``str()`` shows.
_BODY_SHOWN = 4096


def _headers_text(headers: Any) -> str:
    """Response headers as the generated clients show them, secret values hidden."""
    shown = {
        name: "***" if str(name).lower() in ("set-cookie", "authorization") else value
        for name, value in headers.items()
    }
    return repr(shown) if type(headers) is dict else "%s(%r)" % (type(headers).__name__, shown)


def _rebuild(cls: Any, status: Any, reason: Any, body: Any, headers: Any) -> Any:
    return cls(status=status, reason=reason, body=body, headers=headers)


class BadRequestException(ApiException):
    """400: the server rejected the arguments.

    ``.errors`` is ``{"common": [...], "fields": {"<param>": [...]}}`` as TextMagic sent
    it, with both keys always present.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        raw = (self._json or {}).get("errors")
        raw = raw if isinstance(raw, dict) else {}
        common = raw.get("common")
        fields = raw.get("fields")
        self.errors: Dict[str, Any] = {
            "common": list(common) if isinstance(common, list) else [],
            "fields": dict(fields) if isinstance(fields, dict) else {},
        }

    def _message_line(self) -> str:
        text = super()._message_line()
        details = list(self.errors["common"])
        for field, problems in self.errors["fields"].items():
            details.append("%s: %s" % (field, "; ".join(str(p) for p in _as_list(problems))))
        if not details:
            return text
        return "%s (%s)" % (text, ", ".join(details)) if text else "(%s)" % ", ".join(details)

    def _repr_fields(self) -> Dict[str, Any]:
        return dict(super()._repr_fields(), errors=self.errors)


class UnauthorizedException(ApiException):
    """401: the username or API key is missing or wrong."""


class ForbiddenException(ApiException):
    """403: the credentials are valid but may not do this."""


class NotFoundException(ApiException):
    """404: the session (or the path) does not exist."""


class TooManyRequestsException(ApiException):
    """429: the account is throttled.

    ``.retry_after`` is the server's ``Retry-After`` in seconds (from a number or an HTTP
    date), or None when it sent none.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after = parse_retry_after(_header(self.headers, "Retry-After"))


class ServiceException(ApiException):
    """5xx: the server, or a proxy in front of it, failed to answer the call."""


class MalformedResponseError(ApiException):
    """A successful status whose body is not the JSON the operation returns."""


class ApiConnectionError(ApiException):
    """No complete HTTP answer: refused, reset, broken off, or a TLS failure.

    ``status`` is 0 and ``__cause__`` is the underlying urllib3 error.
    """

    def __init__(self, reason: str, body: Any = None) -> None:
        super().__init__(status=0, reason=reason, body=body)

    def _summary(self) -> str:
        return self.reason or type(self).__name__

    def __str__(self) -> str:
        # No HTTP answer, so nothing of the generated clients' form to keep: one line.
        return self.summary()

    def __reduce__(self) -> Any:
        return (type(self), (self.reason, self.raw_body), {"method": self.method, "url": self.url})


class ApiTimeoutError(ApiConnectionError):
    """Connecting, or waiting for the answer, took longer than the timeout allows."""


class PoolTimeoutError(ApiTimeoutError):
    """Every connection of the client's pool stayed in use for as long as the connect
    timeout allows; nothing was sent. Responses read with ``_preload_content=False``
    hold their connection until read or released."""


_BY_STATUS = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    429: TooManyRequestsException,
}


def exception_for_response(
    status: int, reason: Optional[str], body: Any, headers: Any
) -> ApiException:
    """Build the exception that fits an unsuccessful HTTP answer.

    :param int status: the HTTP status.
    :param str reason: the reason phrase.
    :param bytes body: the body's bytes.
    :param headers: the response headers.
    :return: an instance of the matching ``ApiException`` subclass.
    """
    cls = _BY_STATUS.get(status) or (ServiceException if 500 <= status <= 599 else ApiException)
    return cls(status=status, reason=reason, body=body, headers=headers)


def parse_retry_after(value: Any, now: Optional[float] = None) -> Optional[float]:
    """Turn a ``Retry-After`` value (seconds or an HTTP date) into seconds, or None.

    :param str value: the header's value.
    :param float now: the current Unix time, for tests.
    :return: a non-negative float, or None when absent or unreadable.
    """
    if value is None:
        return None
    value = str(value).strip()
    if value.isdigit():  # the usual form; a run of digits too long for a float is absurd
        seconds = float(value) if len(value) < 300 else math.inf
        return seconds if seconds < math.inf else None
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
        if when is None:
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return max(0.0, seconds)


def _header(headers: Any, name: str) -> Any:
    if not headers:
        return None
    try:
        return headers.get(name)
    except AttributeError:
        return None


def _as_list(value: Any) -> Any:
    return value if isinstance(value, list) else [value]


def _json_object(body: Any) -> Optional[Dict[str, Any]]:
    """The body as a JSON object, or None when it is not one."""
    if not body:
        return None
    try:
        parsed = _json.loads(body)
    except (ValueError, TypeError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _message_from(
    parsed: Optional[Dict[str, Any]], status: Optional[int], body: Any, raw: Any
) -> Optional[str]:
    """TextMagic's ``message``, else a short description of the body that came back."""
    if parsed is not None and isinstance(parsed.get("message"), str):
        return parsed["message"]
    if body is None or status == 0:
        return None
    if not body:
        return "empty response body"
    text = " ".join(str(body).split())
    lowered = text[:200].lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html") or "<body" in lowered:
        return "HTML page instead of JSON (%d bytes)" % len(raw or b"")
    if len(text) > _SNIPPET:
        text = text[:_SNIPPET] + "..."
    return text
