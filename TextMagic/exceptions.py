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
(the raw bytes or text, or None), ``.headers`` and ``.message``: TextMagic's own
``message`` when the body carries one, otherwise a short description of what came back.
Network errors keep urllib3's exception as ``__cause__``.
"""

import json
import time
from typing import Any, Dict, Optional

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
    :param body: the raw response body.
    :param headers: the response headers.
    """

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        body: Any = None,
        headers: Any = None,
    ) -> None:
        if http_resp is not None:
            status = http_resp.status
            reason = http_resp.reason
            body = http_resp.data
            headers = http_resp.headers
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
        self.body = body
        self.headers = headers
        self._json = _json_object(body)
        self.message: str = _message_from(self._json, status, body) or reason or ""

    def __str__(self) -> str:
        text = "(%s) %s" % (self.status, self.reason or "")
        if self.message and self.message != self.reason:
            text += ": %s" % self.message
        return text

    def __repr__(self) -> str:
        return "%s(status=%r, reason=%r, message=%r)" % (
            type(self).__name__,
            self.status,
            self.reason,
            self.message,
        )

    def __reduce__(self) -> Any:
        return (_rebuild, (type(self), self.status, self.reason, self.body, self.headers))


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

    def __str__(self) -> str:
        text = super().__str__()
        details = list(self.errors["common"])
        for field, problems in self.errors["fields"].items():
            details.append("%s: %s" % (field, "; ".join(str(p) for p in _as_list(problems))))
        return text + (" (%s)" % ", ".join(details) if details else "")


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

    def __str__(self) -> str:
        return self.reason or type(self).__name__

    def __reduce__(self) -> Any:
        return (type(self), (self.reason, self.body))


class ApiTimeoutError(ApiConnectionError):
    """Connecting, or waiting for the answer, took longer than the timeout allows."""


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
    :param bytes body: the raw body.
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
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


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
        parsed = json.loads(body)
    except (ValueError, TypeError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _message_from(
    parsed: Optional[Dict[str, Any]], status: Optional[int], body: Any
) -> Optional[str]:
    """TextMagic's ``message``, else a short description of the body that came back."""
    if parsed is not None and isinstance(parsed.get("message"), str):
        return parsed["message"]
    if body is None or status == 0:
        return None
    if not body:
        return "empty response body"
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    lowered = text[:200].lower()
    if lowered.startswith("<!doctype html") or lowered.startswith("<html") or "<body" in lowered:
        return "HTML page instead of JSON (%d bytes)" % len(body)
    if len(text) > _SNIPPET:
        text = text[:_SNIPPET] + "..."
    return text
