"""The request value object: one call, built once, then sent.

``ApiClient.call_api`` builds a ``Request`` from an operation's checked arguments (or a
generated-style ``call_api`` call); ``ApiClient`` sends it, now or in its thread pool for
``async_req``; the exceptions of a failed call name its method and URL.
"""

from typing import Any, Iterator, Mapping, NamedTuple

from TextMagic._http import display_url

__all__ = ["Request", "RequestLine"]


class RequestLine(object):
    """What a failed call's exception says of its request (``ApiException.request``):
    ``method`` and ``url`` (without credentials); unpacks as ``method, url = ...``.

    :param str method: the HTTP method.
    :param str url: the URL without credentials or secret query values.
    """

    __slots__ = ("method", "url")

    def __init__(self, method: str, url: str) -> None:
        self.method = method
        self.url = url

    def __iter__(self) -> Iterator[str]:
        return iter((self.method, self.url))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RequestLine) and tuple(self) == tuple(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "RequestLine(method=%r, url=%r)" % (self.method, self.url)


class Request(NamedTuple):
    """One call, ready to send. Immutable: a changed request is a new one (``_replace``).

    :param str method: the HTTP method, upper case.
    :param str url: the full URL, query string included.
    :param headers: every header to send (defaults, authentication and the call's own).
    :param body: the JSON-ready body, or None for none (in the transport: its bytes).
    :param post_params: form fields, or None.
    :param timeout: the call's ``CallTimeout`` (its waits and its deadline, counted from
        when the request is sent), or None for the client's defaults.
    :param response_type: the type name (or model class) to decode the answer into, or
        None for no decoding.
    :param bool preload_content: read the body (True) or hand back urllib3's response.
    :param bool return_http_data_only: return the data alone, not ``(data, status,
        headers)``.
    """

    method: str
    url: str
    headers: Mapping[str, str]
    body: Any = None
    post_params: Any = None
    timeout: Any = None
    response_type: Any = None
    preload_content: bool = True
    return_http_data_only: bool = False

    def __repr__(self) -> str:
        # Headers and body stay out: they hold credentials and user data.
        return "Request(%s %s)" % (self.method, display_url(self.url))
