"""The generated clients' transport surface: ``RESTClientObject`` and ``RESTResponse``.

The verbs and ``request`` are thin adapters into the one request path of
:mod:`TextMagic.transport`, kept so that code and tests written for the generated
clients (which patch these methods or replace ``pool_manager``) keep working.
``ApiException`` and its subclasses are re-exported here so that the generated clients'
``from TextMagic.rest import ApiException`` keeps working.
"""

from __future__ import annotations

from typing import Any, Dict, Optional
from urllib.parse import urlencode

from TextMagic._http import body_text
from TextMagic.exceptions import *  # noqa: F401,F403 - the historical import path
from TextMagic.exceptions import ApiException, exception_for_response
from TextMagic.request import Request
from TextMagic.transport.body import encode_body, read_error_body
from TextMagic.transport.errors import SECRET_HEADERS, redact_headers  # noqa: F401
from TextMagic.transport.retry import RetryPolicy, build_retry  # noqa: F401
from TextMagic.transport.send import MAX_REDIRECTS, Transport  # noqa: F401
from TextMagic.transport.timeouts import CallTimeout, build_timeout, call_timeout  # noqa: F401

__all__ = ["RESTClientObject", "RESTResponse", "ApiException"]


class RESTResponse(object):
    """A finished HTTP answer with its body read.

    ``data`` is the body as text, decoded as the response's charset says (UTF-8 by
    default; undecodable bytes are replaced), as in the generated clients; ``raw_data``
    holds the bytes as they arrived.

    :param resp: the urllib3 response it wraps (or any object with ``status``, ``reason``,
        ``data`` and ``headers``).
    :param bytes body: the body, when read apart from ``resp`` (the SDK reads it itself,
        within ``configuration.max_response_size``); None takes ``resp.data``.
    """

    __slots__ = ("urllib3_response", "status", "reason", "raw_data", "headers", "_text")
    raw_data: bytes
    _text: Optional[str]

    def __init__(self, resp: Any, body: Optional[bytes] = None) -> None:
        self.urllib3_response = resp
        self.status = resp.status
        self.reason = resp.reason
        self.headers = resp.headers
        self._set_body(resp.data if body is None else body)

    @property
    def data(self) -> Optional[str]:
        """The body as text (decoded on first use)."""
        if self._text is None and self.raw_data is not None:
            self._text = body_text(self.raw_data, self.headers)
        return self._text

    @data.setter
    def data(self, value: Any) -> None:
        self._set_body(value)

    def _set_body(self, value: Any) -> None:
        if isinstance(value, str):
            self._text = value
            self.raw_data = value.encode("utf-8")
        else:
            self._text = None
            self.raw_data = value

    def getheaders(self) -> Any:
        """Return the response headers (kept for compatibility; same as ``headers``)."""
        return self.headers

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """Return one response header (kept for compatibility).

        :param str name: the header's name, in any case.
        :param default: what to return when it is absent.
        """
        return self.headers.get(name, default)


def _verb(method: str, with_body: bool) -> Any:
    """``RESTClientObject.GET`` and its like, in the generated clients' signatures."""
    if with_body:

        def verb(
            self: "RESTClientObject",
            url: str,
            headers: Optional[Dict[str, str]] = None,
            query_params: Any = None,
            post_params: Any = None,
            body: Any = None,
            _preload_content: bool = True,
            _request_timeout: Any = None,
        ) -> Any:
            return self.request(
                method,
                url,
                headers=headers,
                query_params=query_params,
                post_params=post_params,
                body=body,
                _preload_content=_preload_content,
                _request_timeout=_request_timeout,
            )

    else:

        def verb(  # type: ignore[misc]
            self: "RESTClientObject",
            url: str,
            headers: Optional[Dict[str, str]] = None,
            query_params: Any = None,
            _preload_content: bool = True,
            _request_timeout: Any = None,
        ) -> Any:
            return self.request(
                method,
                url,
                headers=headers,
                query_params=query_params,
                _preload_content=_preload_content,
                _request_timeout=_request_timeout,
            )

    verb.__name__ = verb.__qualname__ = method
    verb.__doc__ = "Send a %s; see :meth:`RESTClientObject.request`." % method
    return verb


class RESTClientObject(Transport):
    """Sends requests for one ``Configuration``: the transport (see
    :class:`TextMagic.transport.send.Transport`: ``pool_manager``, ``retries``,
    ``default_timeout``) with the generated clients' verbs.

    :param configuration: the ``Configuration`` (TLS, proxy, pool size, retries, timeout).
    :param int pools_size: how many origins to keep pools for.
    :param int maxsize: connections per origin; defaults to
        ``configuration.connection_pool_maxsize``.
    """

    GET = _verb("GET", with_body=False)
    HEAD = _verb("HEAD", with_body=False)
    OPTIONS = _verb("OPTIONS", with_body=True)
    POST = _verb("POST", with_body=True)
    PUT = _verb("PUT", with_body=True)
    PATCH = _verb("PATCH", with_body=True)

    def DELETE(
        self,
        url: str,
        headers: Optional[Dict[str, str]] = None,
        query_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a DELETE; see :meth:`request`."""
        return self.request(
            "DELETE",
            url,
            headers=headers,
            query_params=query_params,
            body=body,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )

    def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Optional[Dict[str, str]] = None,
        body: Any = None,
        post_params: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send one request, following redirects, and return its answer; raise for any
        unsuccessful one.

        :param str method: the HTTP method.
        :param str url: the full URL (it may carry a query string already).
        :param query_params: query parameters to add to the URL: a dict or a list of pairs.
        :param dict headers: the request headers.
        :param body: the body: bytes or str are sent as they are; anything else (even an
            empty dict) as JSON; None sends none.
        :param post_params: form fields (a dict or a list of pairs), sent URL-encoded, or
            as ``multipart/form-data`` when ``headers`` ask for it; not with ``body``.
        :param bool _preload_content: read the body (True) or return urllib3's response
            with its body unread (False).
        :param _request_timeout: seconds, ``(connect, read)``, a urllib3 ``Timeout`` or a
            ``CallTimeout`` (which carries the call's deadline) for this call only.
        :return: a ``RESTResponse``, or the urllib3 response when not preloading.
        :raises ApiException: a subclass fitting the status or the network fault, naming
            the request.
        :raises ValueError: ``body`` and ``post_params`` together, form fields with a
            JSON content type, or credentials bound for plain HTTP.
        """
        method = method.upper()
        if query_params:
            url += ("&" if "?" in url else "?") + urlencode(query_params)
        headers, payload = encode_body(headers, body, post_params)
        timeout = call_timeout(_request_timeout, self.default_timeout, self.configuration.deadline)
        request = Request(
            method, url, headers or {}, payload, None, timeout, None, _preload_content
        )
        answer = self.send(request)
        response = answer.response
        if not 200 <= response.status <= 299:
            error_body = answer.body
            if not _preload_content:
                error_body = read_error_body(response, self.configuration.max_response_size)
            failure = exception_for_response(
                response.status, response.reason, error_body, response.headers
            )
            failure.earlier_try_may_have_applied = answer.maybe_applied
            failure.http_resp = RESTResponse(response, error_body or b"")
            raise failure.name_request(method, url)
        return RESTResponse(response, answer.body) if _preload_content else response
