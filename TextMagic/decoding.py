"""Answers as Python objects: a response body decoded into the operation's type, or a
``MalformedResponseError`` that says what was wrong with it."""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Any, Optional

from TextMagic import _json
from TextMagic.exceptions import MalformedResponseError
from TextMagic.rest import RESTResponse

__all__ = ["AnswerDecoding", "deserialize"]

# What building objects from a server's JSON can raise, whatever the JSON holds: wrong
# shapes, numbers too large for a float, nesting deeper than Python's stack.
_DECODING_FAULTS = (TypeError, ValueError, OverflowError, RecursionError, LookupError)


def deserialize(response: Any, response_type: Any) -> Any:
    """Decode a response body into ``response_type``.

    :param response: a ``RESTResponse`` (anything with ``data``, ``status``, ``reason``
        and ``headers``).
    :param response_type: ``"MessageSession"``, ``"dict(str, object)"``, ..., or a model
        class.
    :raises MalformedResponseError: the body is not JSON of that shape.
    """
    # The bytes when the SDK read them (json.loads decodes them itself); else the
    # ``data`` of whatever response object was handed in (a test double's text, say).
    data = response.raw_data if isinstance(response, RESTResponse) else response.data
    try:
        decoded = _json.loads(data)
    except (ValueError, TypeError, RecursionError) as error:
        raise _malformed(response, data, "the body is not JSON (%s)" % _short(error)) from error
    if decoded is None and _is_model_type(response_type):
        raise _malformed(response, data, "the body is null, not the object the operation returns")
    try:
        return _models().from_json_ready(decoded, response_type)
    except _DECODING_FAULTS as error:
        raise _malformed(response, data, "unexpected JSON: %s" % _short(error)) from error


def _is_model_type(response_type: Any) -> bool:
    if isinstance(response_type, str):
        return _models().model_class(response_type) is not None
    return isinstance(response_type, type)


@functools.lru_cache(maxsize=None)
def _models() -> ModuleType:
    """The models' base module, imported on the first answer decoded (not with the
    client), once: an import statement costs as much as decoding a small answer."""
    from TextMagic.models import base

    return base


class AnswerDecoding(object):
    """``ApiClient``'s decoding methods, as the generated clients have them."""

    def deserialize(self, response: Any, response_type: Any) -> Any:
        """Decode a response body into ``response_type``.

        :param response: a ``RESTResponse`` (anything with ``data``, ``status``,
            ``reason`` and ``headers``).
        :param response_type: ``"MessageSession"``, ``"dict(str, object)"``, ..., or a
            model class.
        :raises MalformedResponseError: the body is not JSON of that shape.
        """
        return deserialize(response, response_type)

    def _ApiClient__deserialize(self, data: Any, klass: Any) -> Any:
        """Turn decoded JSON into ``klass``; the generated clients' tests call it as
        ``api_client._ApiClient__deserialize(data, "MessageSession")``."""
        return _models().from_json_ready(data, klass)

    def deserialize_data(self, data: Any, klass: str) -> Any:
        """Turn decoded JSON into ``klass`` (a type name such as ``"list[MessageSession]"``).

        ``null`` anywhere stays None; unknown fields of models are kept aside.

        :raises TypeError: the JSON has another shape than ``klass``.
        """
        return _models().from_json_ready(data, klass)

    @staticmethod
    def model_class(name: str) -> Optional[type]:
        """Return the model class called ``name``, or None."""
        return _models().model_class(name)


def _malformed(response: Any, body: Any, problem: str) -> MalformedResponseError:
    """The error for a successful answer whose body is not what the operation returns."""
    return MalformedResponseError(
        status=response.status, reason=problem, body=body, headers=response.headers
    )


def _short(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return text if len(text) <= 200 else text[:200] + "..."
