"""Every setting a user can change, in one object that feeds an ``ApiClient``."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple, Union

from TextMagic.checks import (  # noqa: F401 - also the historical import path
    MAX_SECONDS,
    _as_float,
    _check_text,
    _number,
    check_deadline,
    check_event_hooks,
    check_flag,
    check_host,
    check_pool_size,
    check_rate_limit,
    check_retries,
    check_retry_after_max,
    check_seconds,
    check_timeout,
    check_username,
    is_loopback_url,
)
from TextMagic.logging_settings import LoggingSettings
from TextMagic.settings_in_effect import (  # noqa: F401 - also importable from here
    DEFAULT_HOST,
    ENV_API_KEY,
    ENV_CA_BUNDLES,
    ENV_HOST,
    ENV_USERNAME,
    SettingsInEffect,
)

__all__ = ["Configuration"]

#: Seconds to wait for a connection, and then for each read from the server.
DEFAULT_TIMEOUT: Tuple[float, float] = (10.0, 60.0)

#: Seconds a whole call may take: every try, the waits between tries, reading the answer.
DEFAULT_DEADLINE = 300.0

#: TextMagic's published ceiling: requests per second per account.
DEFAULT_RATE_LIMIT = 20.0

#: How often a failed call is tried again (connection errors, 429, 502, 503, 504).
DEFAULT_RETRIES = 3

#: The longest ``Retry-After`` (seconds) the SDK will sleep for before retrying.
DEFAULT_RETRY_AFTER_MAX = 60.0

#: Connections kept per host: enough for 32 threads sharing a client without queueing
#: (16 threads on a 2-core machine made 8% fewer calls with the generated clients' CPU
#: count x 5 = 10; see docs/Performance.md), or CPU count x 5 where that is more.
DEFAULT_POOL_SIZE = max(32, (os.cpu_count() or 2) * 5)

#: The most bytes a response body may hold once decompressed (64 MiB).
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024


def _deep_copy(value: Any, memo: Optional[Dict[int, Any]] = None) -> Any:
    import copy  # only copies need it: most processes never make one

    return copy.deepcopy(value, memo)


def _checked_defaults() -> Dict[str, Any]:
    """The checked settings' defaults, for a new configuration to take without their
    checks (see ``_CHECKS``)."""
    return dict(
        host=DEFAULT_HOST,
        username="",
        password="",
        verify_ssl=True,
        trust_env=True,
        connection_pool_maxsize=DEFAULT_POOL_SIZE,
        timeout=DEFAULT_TIMEOUT,
        deadline=DEFAULT_DEADLINE,
        rate_limit=DEFAULT_RATE_LIMIT,
        retries=DEFAULT_RETRIES,
        retry_after_max=DEFAULT_RETRY_AFTER_MAX,
        max_response_size=DEFAULT_MAX_RESPONSE_SIZE,
        allow_insecure_http=False,
        event_hooks={"request": [], "response": []},
    )


# Each setting checked when assigned (``Configuration.__setattr__``), and its check:
# ``check(value, name)`` returns what is kept, or raises TypeError or ValueError.
_CHECKS: Dict[str, Callable[[Any, str], Any]] = {
    "host": check_host,
    "username": check_username,
    "password": _check_text,
    "trust_env": check_flag,
    "timeout": check_timeout,
    "retries": check_retries,
    "retry_after_max": check_retry_after_max,
    "max_response_size": check_pool_size,
    "verify_ssl": check_flag,
    "allow_insecure_http": check_flag,
    "deadline": check_deadline,
    "rate_limit": check_rate_limit,
    "event_hooks": check_event_hooks,
    "connection_pool_maxsize": check_pool_size,
}


class Configuration(SettingsInEffect, LoggingSettings):
    """Settings for one or more ``ApiClient`` instances.

    A new ``Configuration()`` starts from the default set with :meth:`set_default`, if
    any, else from the built-in defaults; the username, API key and host that leaves
    unset come from ``TEXTMAGIC_USERNAME``, ``TEXTMAGIC_API_KEY`` and ``TEXTMAGIC_HOST``
    when they are set; then the arguments given here, and anything assigned later, win.
    Two configurations never share mutable state.

    :param str host: base URL of the API, without ``/api/v2``.
    :param str username: the TextMagic username.
    :param str password: the TextMagic API key (it plays the password's role);
        ``api_key=KEY`` says the same.
    :param settings: any other attribute of this class, by name.
    """

    _default: Optional["Configuration"] = None

    def __init__(
        self,
        host: Optional[str] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        **settings: Any,
    ) -> None:
        self.__dict__.update(_checked_defaults())
        self._api_key: Dict[str, str] = {}
        #: Kept for compatibility with generated clients.
        self.api_key_prefix: Dict[str, str] = {}
        #: Kept for compatibility: called with this configuration before each call.
        self.refresh_api_key_hook: Optional[Callable[["Configuration"], None]] = None
        #: Kept for compatibility with generated clients; the SDK writes no files.
        self.temp_folder_path: Optional[str] = None

        #: CA bundle to verify against; None (the default) uses certifi's bundle, unless
        #: the environment names one (see ``trust_env``).
        self.ssl_ca_cert: Optional[str] = None
        #: Client certificate file (PEM) and its key, for mutual TLS.
        self.cert_file: Optional[str] = None
        self.key_file: Optional[str] = None
        #: Hostname to check the certificate against, or False to skip the check.
        self.assert_hostname: Union[str, bool, None] = None

        #: Proxy URL, e.g. ``http://proxy.example:3128`` (credentials in it, as in
        #: ``http://user:pw@proxy:3128``, are sent as ``Proxy-Authorization``), and
        #: headers sent to it.
        self.proxy: Optional[str] = None
        self.proxy_headers: Optional[Dict[str, str]] = None

        #: Characters not percent-encoded in path parameters.
        self.safe_chars_for_path_param: str = ""
        self._start_logging()
        if Configuration._default is not None:
            self.__setstate__(Configuration._default._copied_state({}))
        self.fill_from_env()
        for name, value in (("host", host), ("username", username), ("password", password)):
            if value is not None:
                setattr(self, name, value)
        key = settings.get("api_key")
        if isinstance(key, str) and password is not None and key != password:
            raise ValueError("password and api_key name the same API key; give one of them")
        for name, value in settings.items():
            if name.startswith("_") or not hasattr(self, name):
                raise TypeError("Configuration() got an unexpected keyword argument %r" % name)
            setattr(self, name, value)

    @property
    def api_key(self) -> Dict[str, str]:
        """The generated clients' dict of API keys by name (kept for compatibility; this
        API does not use it). Assigning text instead sets the TextMagic API key, that is
        ``password``, as ``Configuration(username=..., api_key=KEY)`` does."""
        return self._api_key

    @api_key.setter
    def api_key(self, value: Union[str, Dict[str, str]]) -> None:
        if isinstance(value, str):
            self.password = value
        elif isinstance(value, dict):
            self._api_key = value
        else:
            raise TypeError(
                "api_key must be your TextMagic API key (a str) or the generated clients' "
                "dict of keys, got %s" % type(value).__name__
            )

    #: Default timeout: seconds, a ``(connect, read)`` pair, or a urllib3 ``Timeout``; every number
    #: above 0 and at most ``MAX_SECONDS``. None waits forever (the deadline still ends the call).
    timeout: Any
    #: Tries after the first: an int of 0 or more, a ``urllib3.util.Retry`` (or the SDK's
    #: ``RetryPolicy``), or None for none.
    retries: Any
    #: The longest ``Retry-After`` (seconds, 0 or more, at most ``MAX_SECONDS``) honoured before
    #: retrying; a longer one is cut to it.
    retry_after_max: float
    #: The most bytes a response body may hold once decompressed (an int of 1 or more, 64 MiB by
    #: default); a larger successful answer raises ``MalformedResponseError``, and the rest of it is
    #: not read. A call made with ``_preload_content=False`` returns the body unread: its reader
    #: applies its own.
    max_response_size: int
    #: Verify the server's TLS certificate (True by default). Turn off only for local testing.
    verify_ssl: bool
    #: Allow credentials over plain ``http://`` to a host that is not loopback (False by default).
    allow_insecure_http: bool
    #: Seconds a whole call may take, from start to decoded answer: the wait for a pooled
    #: connection, every try, the waits between tries (backoff and ``Retry-After``) and reading the
    #: answer however slowly it arrives; then the call raises ``ApiTimeoutError``. 300 by default;
    #: None for no deadline. ``_deadline`` sets it for one call. With ``_preload_content=False`` it
    #: ends when the headers have arrived: reading the body is the caller's.
    deadline: Optional[float]
    #: Requests per second this process sends at most to ``host`` as ``username``: TextMagic's
    #: published ceiling, 20, by default; None for no pacing. Every thread and every ``ApiClient``
    #: of the process with the same host, username and limit share one allowance (retries and
    #: redirects count too), kept with a 10% margin; a call waits for its turn, within its deadline.
    #: Processes do not share it: with N processes for one account, set ``20 / N``.
    rate_limit: Optional[float]
    #: Callables told of every exchange (each try, each redirect's hop), as in httpx: ``{"request":
    #: [...], "response": [...]}``. A request hook gets a ``HookRequest`` (method, URL and headers,
    #: credentials left out) before it is sent; a response hook a ``HookResponse`` (status, headers,
    #: seconds elapsed, the request) once its answer is in. What a hook raises reaches the caller.
    #: See docs/Hooks.md.
    event_hooks: Dict[str, List[Any]]
    #: Connections kept open per host (an int of 1 or more); a call beyond them waits for one to
    #: come free, at most as long as its connect timeout (``PoolTimeoutError``).
    connection_pool_maxsize: int

    if not TYPE_CHECKING:  # for type checkers an unknown attribute stays an error

        def __setattr__(self, name: str, value: Any) -> None:
            check = _CHECKS.get(name)
            super().__setattr__(name, value if check is None else check(value, name))

    @classmethod
    def set_default(cls, default: Optional["Configuration"]) -> None:
        """Make a copy of ``default`` the starting point of every new ``Configuration()``.

        :param Configuration default: the configuration to copy, or None to go back to
            the built-in defaults.
        """
        cls._default = _deep_copy(default) if default is not None else None

    @classmethod
    def get_default_copy(cls) -> "Configuration":
        """Return a copy of the default configuration (or a new one if none was set).

        :return: a ``Configuration`` sharing no mutable state with the default.
        """
        return _deep_copy(cls._default) if cls._default is not None else cls()

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Configuration":
        clone = object.__new__(type(self))
        memo[id(self)] = clone
        clone.__setstate__(self._copied_state(memo))
        return clone

    def _copied_state(self, memo: Dict[int, Any]) -> Dict[str, Any]:
        state = self.__getstate__()
        for name, value in state.items():
            if name != "logger":  # loggers are process-wide: the same ones, a new dict
                state[name] = _deep_copy(value, memo)
        return state

    def __copy__(self) -> "Configuration":
        return self.__deepcopy__({})

    def __getstate__(self) -> Dict[str, Any]:
        """The settings, without the handlers and file this configuration holds (a copy
        or an unpickled configuration acquires its own, from ``logger_file``)."""
        state = dict(self.__dict__)
        state["logger"] = dict(state["logger"])
        for name in ("logger_stream_handler", "logger_file_handler"):
            state[name] = None
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        logger_file = state.get("_logger_file")
        self.__dict__.update(state, _logger_file=None)
        if logger_file:
            self.logger_file = logger_file

    def __repr__(self) -> str:
        return "Configuration(host=%r, username=%r, password=%s)" % (
            self.host,
            self.username,
            "'***'" if self.password else "''",
        )
