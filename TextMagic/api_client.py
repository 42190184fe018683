"""Turns an operation call into an HTTP request, and the answer into Python objects."""

from __future__ import annotations

import datetime
import functools
import os
import threading
from typing import Any, Dict, Optional, Sequence

from TextMagic import rest
from TextMagic._http import request_path
from TextMagic._version import __version__
from TextMagic.async_req import AsyncResult, Workers
from TextMagic.configuration import Configuration
from TextMagic.decoding import AnswerDecoding
from TextMagic.exceptions import ApiException, NotFoundException
from TextMagic.parameters import (
    BODILESS,
    DefaultHeaders,
    RequestBuilding,
    checked_method,
)
from TextMagic.request import Request

__all__ = ["ApiClient", "AsyncResult"]

#: Keyword options every operation method accepts besides its parameters.
CALL_OPTIONS = frozenset(
    ["async_req", "_return_http_data_only", "_preload_content", "_request_timeout", "_deadline"]
)
_BASIC_AUTH = ("BasicAuth",)
_PRIMITIVES = (str, int, float, bool, bytes)
_NATIVE_TYPES = {
    "int": int,
    "float": float,
    "str": str,
    "bool": bool,
    "object": object,
    "date": datetime.date,
    "datetime": datetime.datetime,
}


class ApiClient(RequestBuilding, AnswerDecoding):
    """Sends operations over HTTP and decodes their answers.

    One instance may be shared by many threads: its only per-call state,
    ``last_response``, is kept per thread. Use it as a context manager, or call
    :meth:`close`, to release its connections and threads.

    :param Configuration configuration: settings; defaults to
        ``Configuration.get_default_copy()`` with the username, API key and host it leaves
        unset taken from ``TEXTMAGIC_USERNAME``, ``TEXTMAGIC_API_KEY`` and
        ``TEXTMAGIC_HOST``.
    :param str header_name: a header to send with every call.
    :param str header_value: that header's value.
    :param str cookie: a ``Cookie`` header to send with every call.
    :param int pool_threads: threads for ``async_req`` calls (started on first use);
        defaults to ``configuration.connection_pool_maxsize``.
    """

    PRIMITIVE_TYPES = _PRIMITIVES
    NATIVE_TYPES_MAPPING = _NATIVE_TYPES

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        pool_threads: Optional[int] = None,
    ) -> None:
        if configuration is None:
            configuration = Configuration.get_default_copy().fill_from_env()
        self.configuration = configuration
        self.pool_threads = pool_threads
        self.rest_client = rest.RESTClientObject(configuration)
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            if header_value is None:
                raise ValueError("header_name %r needs a header_value" % (header_name,))
            self.set_default_header(header_name, header_value)
        self._cookie: Optional[str] = None
        self.cookie = cookie
        self.user_agent = "TextMagic-Python/%s" % __version__
        self._workers = Workers(pool_threads or configuration.connection_pool_maxsize)
        self._local = threading.local()  # per thread: last_response
        self._closed_in: Optional[int] = None  # the pid of the process that closed it
        self._default_headers = DefaultHeaders()

    def __repr__(self) -> str:
        return "ApiClient(host=%r)" % (self.configuration.host,)

    # -- lifetime -------------------------------------------------------------------

    def __enter__(self) -> "ApiClient":
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.close()

    @property
    def _closed(self) -> bool:
        # A client closed in a parent process is open in a forked child: it holds
        # nothing of the parent's there.
        return self._closed_in is not None and self._closed_in == os.getpid()

    def close(self) -> None:
        """Wait for pending ``async_req`` calls, let their threads end, close connections.

        Calls made afterwards in this process raise ``RuntimeError``. A process forked
        afterwards (or before) gets a usable client: nothing of the parent's is shared.
        """
        self._closed_in = os.getpid()
        self._workers.join()
        self.rest_client.clear()

    # -- calls ----------------------------------------------------------------------

    def call_operation(
        self, operation: Any, arguments: Dict[str, Any], options: Dict[str, Any]
    ) -> Any:
        """Check a call against its declaration, then send it through :meth:`call_api`,
        as a generated client's operation method does.

        :param operation: the ``TextMagic.operation.Operation`` being called.
        :param dict arguments: the operation's parameters by Python name.
        :param dict options: ``async_req``, ``_return_http_data_only``,
            ``_preload_content`` and ``_request_timeout``.
        :raises TypeError: an unknown option, or an argument of the wrong type.
        :raises ValueError: a missing required argument, or one out of range.
        """
        if not CALL_OPTIONS.issuperset(options):
            name = next(name for name in options if name not in CALL_OPTIONS)
            raise TypeError("%s() got an unexpected keyword argument %r" % (operation.name, name))
        bound = operation.bind(arguments)
        header_params = dict(operation.headers)
        if bound.header_params:
            header_params.update(bound.header_params)
        call_api = self.call_api
        if "_deadline" in options:
            # Passed only when given: a generated-style call_api stand-in may not take it.
            call_api = functools.partial(call_api, _deadline=options["_deadline"])
        return call_api(
            operation.path,
            operation.method,
            bound.path_params,
            bound.query_params,
            header_params,
            body=bound.body,
            post_params=[],
            files={},
            response_type=operation.response_type,
            auth_settings=list(_BASIC_AUTH),
            async_req=options.get("async_req"),
            _return_http_data_only=options.get("_return_http_data_only"),
            _preload_content=options.get("_preload_content", True),
            _request_timeout=options.get("_request_timeout"),
            collection_formats={},
        )

    def call_api(
        self,
        resource_path: str,
        method: str,
        path_params: Optional[Dict[str, Any]] = None,
        query_params: Any = None,
        header_params: Optional[Dict[str, Any]] = None,
        body: Any = None,
        post_params: Any = None,
        files: Any = None,
        response_type: Any = None,
        auth_settings: Optional[Sequence[str]] = None,
        async_req: Optional[bool] = None,
        _return_http_data_only: Optional[bool] = None,
        collection_formats: Optional[Dict[str, str]] = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        _deadline: Optional[float] = None,
    ) -> Any:
        """Send one request and decode its answer: the one entry of every operation
        (patch it to intercept every call, sync or ``async_req``).

        :param str resource_path: the path template, ``path_params`` its ``{placeholders}``.
        :param str method: the HTTP method; ``query_params`` a dict or a list of pairs.
        :param dict header_params: this call's headers (they win over default headers).
        :param body: the request body; sent as JSON whenever it is not None.
        :param post_params: form fields, a dict or a list of pairs (not with ``body``).
        :param files: must be empty: this API takes no uploads.
        :param response_type: what to decode into (``"MessageSession"``, a model class).
        :param list auth_settings: names of the authentication settings to apply.
        :param bool async_req: run in a background thread and return an ``AsyncResult``.
        :param bool _return_http_data_only: the data alone, not ``(data, status, headers)``.
        :param dict collection_formats: how list parameters are joined (``csv`` default).
        :param bool _preload_content: False returns urllib3's response, body unread.
        :param _request_timeout: seconds or ``(connect, read)`` for this call.
        :param float _deadline: seconds the whole call may take (``configuration.deadline``).
        :return: the data, ``(data, status, headers)``, or an ``AsyncResult``.
        """
        request = self.build_request(
            resource_path,
            method,
            path_params,
            query_params,
            header_params,
            body,
            post_params,
            files,
            response_type,
            auth_settings,
            _return_http_data_only,
            collection_formats,
            _preload_content,
            _request_timeout,
            _deadline,
        )
        if async_req:
            return self._submit(self.send, request)
        if self._closed:
            raise RuntimeError("this ApiClient is closed")
        return self.send(request)

    def _submit(self, function: Any, *args: Any) -> AsyncResult[Any]:
        """Run ``function(*args)`` in the client's ``async_req`` threads."""
        if self._closed:
            raise RuntimeError("this ApiClient is closed")
        return self._workers.submit(function, *args)

    def send(self, request: Request) -> Any:
        """Send a built ``Request`` through :meth:`request` and decode the answer.

        :return: the data, or ``(data, status, headers)`` (see ``return_http_data_only``).
        :raises ApiException: the call failed; the exception names the request.
        """
        try:
            response = self.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                post_params=request.post_params,
                body=request.body,
                _preload_content=request.preload_content,
                _request_timeout=request.timeout,
            )
        except ApiException as error:
            if error.http_resp is not None:
                self._local.last_response = error.http_resp
            if not (
                isinstance(error, NotFoundException)
                and error.earlier_try_may_have_applied
                and _is_delete(request)
            ):
                raise
            # An earlier try may have deleted it (a gateway gave up waiting, then the
            # retry found it gone): what was asked for is done.
            return None if request.return_http_data_only else (None, error.status, error.headers)
        self._local.last_response = response
        if not request.preload_content:
            data = response
        elif request.response_type:
            try:
                data = self.deserialize(response, request.response_type)
            except ApiException as error:
                error.name_request(request.method, request.url)
                raise
        else:
            data = None
        if request.return_http_data_only:
            return data
        return data, response.status, response.headers

    @property
    def last_response(self) -> Any:
        """The calling thread's last response (a ``RESTResponse``, or urllib3's response
        for ``_preload_content=False``), an unsuccessful one included, or None. Per
        thread: a client shared between threads gives each its own."""
        return getattr(self._local, "last_response", None)

    @last_response.setter
    def last_response(self, value: Any) -> None:
        self._local.last_response = value

    def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Optional[Dict[str, str]] = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send a prepared request through the REST client's method of the same name
        (``rest_client.GET``, ``rest_client.POST``, ...).

        :param str method: one of GET, HEAD, OPTIONS, POST, PATCH, PUT, DELETE.
        :param str url: the full URL.
        :param query_params: query parameters to add to the URL.
        :param dict headers: the request headers.
        :param post_params: form fields (not with ``body``).
        :param body: the JSON-ready body, or bytes or text.
        :return: a ``RESTResponse`` (or urllib3's response when not preloading).
        """
        method = checked_method(method, body, post_params)
        rest_client = self.rest_client
        if method in BODILESS:
            return getattr(rest_client, method)(
                url,
                query_params=query_params,
                _preload_content=_preload_content,
                _request_timeout=_request_timeout,
                headers=headers,
            )
        options: Dict[str, Any] = {} if method == "DELETE" else {"post_params": post_params}
        return getattr(rest_client, method)(
            url,
            query_params=query_params,
            headers=headers,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
            body=body,
            **options,
        )


def _is_delete(request: Request) -> bool:
    """A DELETE, or a POST to a bulk ``.../delete`` path (TextMagic's bulk deletes)."""
    if request.method == "DELETE":
        return True
    return request.method == "POST" and request_path(request.url).endswith("/delete")
