"""Request hooks (``configuration.event_hooks``): callables told of every exchange, before
it is sent and once its answer is in, for counting, tracing and metrics.

What a hook sees holds no credentials: the URL without user information or secret query
values, the headers with ``Authorization``, ``X-TM-Key`` and cookies as ``***``. What a
hook raises reaches the caller as it is, and the exchange goes no further.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Mapping, NamedTuple, Optional

from TextMagic._http import display_url
from TextMagic.transport.errors import HookFailed, redact_headers

__all__ = ["HookRequest", "HookResponse", "exchange_with_hooks"]


class HookRequest(NamedTuple):
    """An exchange about to be sent (a try, or a redirect's hop).

    :param str method: the HTTP method.
    :param str url: the URL, without credentials.
    :param dict headers: the headers, credentials shown as ``***``.
    """

    method: str
    url: Optional[str]
    headers: Dict[str, str]


class HookResponse(NamedTuple):
    """An exchange's answer.

    :param int status: the HTTP status.
    :param headers: the response headers.
    :param float elapsed: seconds from sending to the answer (its body read, unless the
        call asked for ``_preload_content=False``).
    :param HookRequest request: what was sent.
    """

    status: int
    headers: Any
    elapsed: float
    request: HookRequest


def exchange_with_hooks(hooks: Mapping[str, List[Any]], request: Any, send: Any) -> Any:
    """``send()``, with the request hooks called before and the response hooks after.

    :param request: the transport's ``Request`` being sent.
    :param send: sends it; returns the transport's ``Answer``.
    """
    seen = HookRequest(request.method, display_url(request.url), redact_headers(request.headers))
    _call(hooks["request"], seen)
    started = time.monotonic()
    answer = send()
    response = answer.response
    _call(
        hooks["response"],
        HookResponse(response.status, response.headers, time.monotonic() - started, seen),
    )
    return answer


def _call(hooks: List[Any], event: Any) -> None:
    for hook in hooks:
        try:
            hook(event)
        except Exception as error:
            raise HookFailed(error) from None
