"""Every setting a user can change, in one object that feeds an ``ApiClient``."""

from __future__ import annotations

import base64
import functools
import ipaddress
import logging
import math
import os
import re
import sys
import threading
import weakref
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Union, overload
from urllib.parse import unquote, urlsplit, urlunsplit

from TextMagic._lazy import lazy_pattern
from TextMagic._version import __version__

__all__ = ["Configuration"]

DEFAULT_HOST = "https://rest.textmagic.com"

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

#: The longest timeout, deadline or wait a setting may ask for: about 31 years. Sockets,
#: sleeps and lock waits raise ``OverflowError`` not far beyond (about 292 years);
#: ``None`` asks for no limit at all.
MAX_SECONDS = 1e9

_API_PREFIX = "/api/v2"
_LOOPBACK_NAMES = frozenset(["localhost", "localhost."])
# What a base URL's path may be: plain segments, as in ``/textmagic`` (no dot segments,
# no percent-escapes, nothing a server or proxy might read as something else).
_PLAIN_PATH = lazy_pattern(r"(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?")

#: CA bundle variables honoured (in this order) when ``trust_env`` is on.
ENV_CA_BUNDLES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")

#: The environment variables ``Configuration.from_env`` reads.
ENV_USERNAME = "TEXTMAGIC_USERNAME"
ENV_API_KEY = "TEXTMAGIC_API_KEY"
ENV_HOST = "TEXTMAGIC_HOST"


def check_flag(value: Any, what: str) -> bool:
    """Check a yes/no setting: True or False only (``"no"`` is not False)."""
    if value is not True and value is not False:
        raise TypeError("%s must be True or False, got %r" % (what, value))
    return value


def _deep_copy(value: Any, memo: Optional[Dict[int, Any]] = None) -> Any:
    import copy  # only copies need it: most processes never make one

    return copy.deepcopy(value, memo)


class _Flag(object):
    """A yes/no setting of ``Configuration``, checked when set."""

    def __init__(self, doc: str) -> None:
        self.__doc__ = doc

    def __set_name__(self, owner: type, name: str) -> None:
        self.name, self.slot = name, "_" + name

    @overload
    def __get__(self, instance: None, owner: type) -> "_Flag": ...
    @overload
    def __get__(self, instance: object, owner: type) -> bool: ...
    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        return instance.__dict__[self.slot]

    def __set__(self, instance: Any, value: bool) -> None:
        instance.__dict__[self.slot] = check_flag(value, self.name)


class Configuration(object):
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
        self._host = DEFAULT_HOST
        self._username = ""
        self._password = ""
        self._api_key: Dict[str, str] = {}
        #: Kept for compatibility with generated clients.
        self.api_key_prefix: Dict[str, str] = {}
        #: Kept for compatibility: called with this configuration before each call.
        self.refresh_api_key_hook: Optional[Callable[["Configuration"], None]] = None
        #: Kept for compatibility with generated clients; the SDK writes no files.
        self.temp_folder_path: Optional[str] = None

        self._verify_ssl = True
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
        self._trust_env = True

        self._connection_pool_maxsize: int = DEFAULT_POOL_SIZE
        self._timeout: Any = DEFAULT_TIMEOUT
        self._deadline: Optional[float] = DEFAULT_DEADLINE
        self._rate_limit: Optional[float] = DEFAULT_RATE_LIMIT
        self._retries: Any = DEFAULT_RETRIES
        self._retry_after_max: float = DEFAULT_RETRY_AFTER_MAX
        self._max_response_size = DEFAULT_MAX_RESPONSE_SIZE
        self._allow_insecure_http = False
        #: Characters not percent-encoded in path parameters.
        self.safe_chars_for_path_param: str = ""

        #: Loggers the SDK writes to; ``debug`` decides whether it writes exchanges.
        self.logger: Dict[str, logging.Logger] = {
            "package_logger": logging.getLogger("TextMagic"),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        self.logger_format: str = "%(asctime)s %(levelname)s %(message)s"
        self.logger_stream_handler: Optional[logging.Handler] = None
        self.logger_file_handler: Optional[logging.Handler] = None
        self._logger_file: Optional[str] = None
        self._debug = False

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

    @classmethod
    def from_env(
        cls, environ: Optional[Mapping[str, str]] = None, **settings: Any
    ) -> "Configuration":
        """Build a configuration from ``TEXTMAGIC_USERNAME``, ``TEXTMAGIC_API_KEY`` and,
        if set, ``TEXTMAGIC_HOST``.

        :param environ: the mapping to read instead of ``os.environ`` (what it lacks is
            filled as for any ``Configuration()``).
        :param settings: other attributes to set.
        :raises ValueError: naming the variables that are missing or empty.
        """
        environ = os.environ if environ is None else environ
        missing = [name for name in (ENV_USERNAME, ENV_API_KEY) if not environ.get(name)]
        if missing:
            raise ValueError(
                "cannot configure TextMagic from the environment: %s %s not set"
                % (" and ".join(missing), "is" if len(missing) == 1 else "are")
            )
        values = {"username": environ[ENV_USERNAME], "password": environ[ENV_API_KEY]}
        if environ.get(ENV_HOST):
            values["host"] = environ[ENV_HOST]
        values.update(settings)
        return cls(**values)

    def fill_from_env(self, environ: Optional[Mapping[str, str]] = None) -> "Configuration":
        """Take the username, API key and host this configuration leaves unset (empty, or
        the built-in host) from ``TEXTMAGIC_USERNAME``, ``TEXTMAGIC_API_KEY`` and
        ``TEXTMAGIC_HOST``; settings already made win. Returns self.

        :param environ: the mapping to read instead of ``os.environ``.
        """
        environ = os.environ if environ is None else environ
        if not self.username and environ.get(ENV_USERNAME):
            self.username = environ[ENV_USERNAME]
        if not self.password and environ.get(ENV_API_KEY):
            self.password = environ[ENV_API_KEY]
        if self._host == DEFAULT_HOST and environ.get(ENV_HOST):
            self.host = environ[ENV_HOST]
        return self

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

    @property
    def host(self) -> str:
        """Base URL of the API (scheme, host and optional port), without a trailing ``/``
        and without ``/api/v2`` (given with it, it is taken off: the operations add it)."""
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        self._host = check_host(value)

    @property
    def username(self) -> str:
        """The TextMagic username for HTTP Basic authentication (no ``:`` in it)."""
        return self._username

    @username.setter
    def username(self, value: str) -> None:
        value = _check_text(value, "username")
        if ":" in value:
            raise ValueError("username cannot contain ':' (HTTP Basic authentication splits on it)")
        self._username = value

    @property
    def password(self) -> str:
        """The TextMagic API key for HTTP Basic authentication."""
        return self._password

    @password.setter
    def password(self, value: str) -> None:
        self._password = _check_text(value, "password")

    @property
    def timeout(self) -> Any:
        """Default timeout: seconds, a ``(connect, read)`` pair, or a urllib3 ``Timeout``;
        every number above 0 and at most ``MAX_SECONDS``. None waits forever (the deadline
        still ends the call)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: Any) -> None:
        self._timeout = check_timeout(value)

    @property
    def retries(self) -> Any:
        """Tries after the first: an int of 0 or more, a ``urllib3.util.Retry`` (or the
        SDK's ``RetryPolicy``), or None for none."""
        return self._retries

    @retries.setter
    def retries(self, value: Any) -> None:
        self._retries = check_retries(value)

    @property
    def retry_after_max(self) -> float:
        """The longest ``Retry-After`` (seconds, 0 or more, at most ``MAX_SECONDS``)
        honoured before retrying; a longer one is cut to it."""
        return self._retry_after_max

    @retry_after_max.setter
    def retry_after_max(self, value: float) -> None:
        self._retry_after_max = check_retry_after_max(value)

    @property
    def max_response_size(self) -> int:
        """The most bytes a response body may hold once decompressed (an int of 1 or
        more, 64 MiB by default); a larger successful answer raises
        ``MalformedResponseError``, and the rest of it is not read. A call made with
        ``_preload_content=False`` returns the body unread: its reader applies its own."""
        return self._max_response_size

    @max_response_size.setter
    def max_response_size(self, value: int) -> None:
        self._max_response_size = check_pool_size(value, "max_response_size")

    verify_ssl = _Flag(
        "Verify the server's TLS certificate (True by default). Turn off only for local testing.",
    )
    allow_insecure_http = _Flag(
        "Allow credentials over plain ``http://`` to a host that is not loopback (False by "
        "default).",
    )
    trust_env = _Flag(
        "Take a proxy from ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` (and ``NO_PROXY``), "
        "and a CA bundle from ``SSL_CERT_FILE``/``REQUESTS_CA_BUNDLE``, when ``proxy`` and "
        "``ssl_ca_cert`` are not set here (True by default).",
    )

    @property
    def deadline(self) -> Optional[float]:
        """Seconds a whole call may take, from start to decoded answer: the wait for a
        pooled connection, every try, the waits between tries (backoff and
        ``Retry-After``) and reading the answer however slowly it arrives; then the call
        raises ``ApiTimeoutError``. 300 by default; None for no deadline. ``_deadline``
        sets it for one call. With ``_preload_content=False`` it ends when the headers
        have arrived: reading the body is the caller's."""
        return self._deadline

    @deadline.setter
    def deadline(self, value: Optional[float]) -> None:
        self._deadline = check_deadline(value)

    @property
    def rate_limit(self) -> Optional[float]:
        """Requests per second this process sends at most to ``host`` as ``username``:
        TextMagic's published ceiling, 20, by default; None for no pacing. Every thread
        and every ``ApiClient`` of the process with the same host, username and limit
        share one allowance (retries and redirects count too); a call waits for its turn,
        within its deadline. Processes do not share it: with N processes for one account,
        set ``20 / N``."""
        return self._rate_limit

    @rate_limit.setter
    def rate_limit(self, value: Optional[float]) -> None:
        self._rate_limit = check_rate_limit(value)

    @property
    def connection_pool_maxsize(self) -> int:
        """Connections kept open per host (an int of 1 or more); a call beyond them waits
        for one to come free, at most as long as its connect timeout
        (``PoolTimeoutError``)."""
        return self._connection_pool_maxsize

    @connection_pool_maxsize.setter
    def connection_pool_maxsize(self, value: int) -> None:
        self._connection_pool_maxsize = check_pool_size(value)

    @property
    def debug(self) -> bool:
        """When True, every exchange of this configuration's clients is logged at DEBUG on
        the ``TextMagic`` logger, credentials redacted. Turning it on also lowers that
        logger's level to DEBUG (Python's loggers are process-wide); turning it off leaves
        the level alone, so other configurations are not silenced."""
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = check_flag(value, "debug")
        if self._debug:
            logger = self.logger["package_logger"]
            logger.setLevel(logging.DEBUG)
            if not logger.hasHandlers() and self.logger_stream_handler is None:
                self.logger_stream_handler = logging.StreamHandler()
                self.logger_stream_handler.setFormatter(logging.Formatter(self.logger_format))
                logger.addHandler(self.logger_stream_handler)

    @property
    def logger_file(self) -> Optional[str]:
        """Path of a file that receives the ``TextMagic`` logger's records, or None."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        # Every configuration naming one file shares one handler (one open file, each
        # record written once); the last configuration to let go of it closes it, when
        # it is collected or names another file.
        release = _log_file_releases.pop(self, None)
        if release is not None:
            release()
        self.logger_file_handler = None
        self._logger_file = value
        if value:
            logger = self.logger["package_logger"]
            key = (os.path.abspath(value), logger.name)
            self.logger_file_handler = _acquire_file_handler(key, self.logger_format, logger)
            _log_file_releases[self] = weakref.finalize(self, _release_file_handler, key)

    def effective_proxy(self) -> Tuple[Optional[str], Dict[str, str]]:
        """The proxy this configuration's clients use for ``host``, without credentials,
        and the headers sent to it (credentials in the URL become
        ``Proxy-Authorization``): ``proxy`` if set, else (with ``trust_env``) the
        environment's, unless ``NO_PROXY`` or a loopback ``host`` says to go direct.

        :return: ``(proxy URL or None, proxy headers)``.
        """
        headers = dict(self.proxy_headers or {})
        url = self.proxy
        if url is None and self.trust_env and not self.is_loopback_host():
            url = _environment_proxy(self._host)
        if not url:
            return None, headers
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            if not any(name.lower() == "proxy-authorization" for name in headers):
                pair = "%s:%s" % (unquote(parts.username or ""), unquote(parts.password or ""))
                token = base64.b64encode(pair.encode("utf-8")).decode("ascii")
                headers["Proxy-Authorization"] = "Basic " + token
            url = urlunsplit(
                (parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, "")
            )
        return url, headers

    def effective_ca_cert(self) -> Optional[str]:
        """The CA bundle verified against: ``ssl_ca_cert`` if set, else (with
        ``trust_env``) ``SSL_CERT_FILE`` or ``REQUESTS_CA_BUNDLE`` when one names a file,
        else certifi's bundle."""
        if self.ssl_ca_cert is not None:
            return self.ssl_ca_cert
        if not self.trust_env:
            return _certifi_bundle()
        for name in ENV_CA_BUNDLES:
            path = os.environ.get(name)
            if path and os.path.isfile(path):
                return path
        return _certifi_bundle()

    def is_loopback_host(self) -> bool:
        """True when ``host`` names this machine: ``localhost``, or a literal loopback
        address (127.0.0.0/8, ``::1``, or IPv4-mapped ``::ffff:127.x.y.z``), as read by
        urllib3's URL parser, which is the one that connects."""
        return is_loopback_url(self._host)

    def get_api_key_with_prefix(self, identifier: str) -> Optional[str]:
        """Return ``api_key[identifier]`` with its prefix, or None (kept for compatibility).

        :param str identifier: the key's name.
        """
        if self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)
        key = self.api_key.get(identifier)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return "%s %s" % (prefix, key) if prefix else key

    def get_basic_auth_token(self) -> str:
        """Return the ``Authorization`` header value for HTTP Basic authentication.

        :return: ``"Basic <base64(username:password)>"``.
        """
        return _basic_auth_token(self.username or "", self.password or "")

    def auth_settings(self) -> Dict[str, Dict[str, str]]:
        """Return the authentication settings the operations use.

        :return: ``{"BasicAuth": {...}}``; empty when no username or API key is set.
        """
        if not (self.username or self.password):
            return {}
        return {
            "BasicAuth": {
                "type": "basic",
                "in": "header",
                "key": "Authorization",
                "value": self.get_basic_auth_token(),
            }
        }

    def to_debug_report(self) -> str:
        """Return a text about this machine and SDK for bug reports (no credentials).

        :return: the report.
        """
        try:
            import urllib3

            urllib3_version = urllib3.__version__
        except ImportError:  # pragma: no cover - urllib3 is a dependency
            urllib3_version = "missing"
        import platform

        return (
            "Python SDK Debug Report:\n"
            "OS: {os}\n"
            "Python Version: {py}\n"
            "urllib3 Version: {u3}\n"
            "Version of the API: v2\n"
            "SDK Package Version: {sdk}\n"
            "Host: {host}".format(
                os=platform.platform(),
                py=sys.version.split()[0],
                u3=urllib3_version,
                sdk=__version__,
                host=self._host,
            )
        )

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
            self._host,
            self.username,
            "'***'" if self.password else "''",
        )


def check_deadline(value: Any, what: str = "deadline") -> Optional[float]:
    """Check a deadline: seconds above 0 and at most :data:`MAX_SECONDS`, or None."""
    return _seconds_or_none(
        value, what, "a positive number of seconds or None", "None for no deadline"
    )


def check_rate_limit(value: Any) -> Optional[float]:
    """Check ``rate_limit``: requests per second, finite and at least one per
    :data:`MAX_SECONDS` (the longest wait for a turn), or None."""
    if value is None:
        return None
    number = _number(value, "rate_limit", "a positive number of requests per second or None")
    if not (1 / MAX_SECONDS <= number < math.inf):  # also refuses NaN
        raise ValueError(
            "rate_limit must be a finite number of requests per second, at least %g "
            "(None for no pacing), got %.40r" % (1 / MAX_SECONDS, value)
        )
    return number


def check_host(value: Any) -> str:
    """Check a base URL: ``http(s)://host[:port]`` and an optional plain path prefix;
    no user name or password (they would be shown wherever the host is), no query,
    fragment, backslash, space or control character, and read alike by Python's URL
    parser and urllib3's (which connects). Returns it without a trailing ``/``."""
    if not isinstance(value, str):
        raise TypeError("host must be a str, got %s" % type(value).__name__)
    shown = _without_userinfo(value)
    problem = None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as error:
        raise ValueError("host %r is not a usable URL: %s" % (shown, error)) from None
    if "@" in parts.netloc:
        problem = (
            "must not carry a user name or password; set Configuration.username and "
            ".password instead"
        )
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = "must be an http:// or https:// URL with a host name"
    elif any(ch.isspace() or ord(ch) < 32 or ch in "\\?#" for ch in value):
        problem = "must not contain spaces, control characters, backslashes, '?' or '#'"
    elif not _PLAIN_PATH().fullmatch(parts.path):
        problem = "may only have a plain path prefix after the host, such as /textmagic"
    elif _urllib3_host(value) != parts.hostname.lower():
        problem = "is read differently by urllib3, which connects"
    if problem:
        raise ValueError("host %s, got %r" % (problem, shown))
    value = value.rstrip("/")
    if value.endswith(_API_PREFIX):  # a common slip: the operations' paths start with it
        value = value[: -len(_API_PREFIX)]
    return value


def is_loopback_url(url: str) -> bool:
    """Whether ``url``'s host, as urllib3 reads it, is this machine: ``localhost`` or a
    literal loopback address (127.0.0.0/8, ``::1``, IPv4-mapped forms of 127/8)."""
    host = _urllib3_host(url)
    if not host:
        return False
    if host in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return False  # a name (or a shorthand such as 127.1): not known to be loopback
    mapped = getattr(address, "ipv4_mapped", None)
    return bool((mapped or address).is_loopback)


def _urllib3_host(url: str) -> Optional[str]:
    """The host urllib3 would connect to for ``url`` (lower case, no brackets), or None."""
    from urllib3.util import parse_url

    try:
        host = parse_url(url).host
    except ValueError:  # urllib3's LocationParseError is a ValueError
        return None
    return host.lower().strip("[]") if host else None


def _without_userinfo(url: str) -> str:
    """``url`` with anything before an ``@`` in its authority masked (for messages)."""
    return re.sub(r"(?<=//)[^/?#]*@", "***@", url)


def _check_text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError("%s must be a str, got %s" % (what, type(value).__name__))
    return value


def check_timeout(value: Any, what: str = "timeout") -> Any:
    """Check a timeout: None, seconds, a ``(connect, read)`` pair or a urllib3
    ``Timeout``, every number above 0 and at most ``MAX_SECONDS``. Returns it as given."""
    if value is None:
        return None
    if isinstance(value, tuple) and len(value) == 2:
        for item in value:
            check_seconds(item, what)
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check_seconds(value, what)
        return value
    import urllib3

    if isinstance(value, urllib3.Timeout):
        # With a total, the read timeout is worked out during the call, capped by it.
        read = value.read_timeout if value.total is None else None
        for item in (value.total, value.connect_timeout, read):
            if isinstance(item, (int, float)):
                check_seconds(item, what)
        return value
    raise TypeError(
        "%s must be a number of seconds, a (connect, read) pair, a urllib3 Timeout or None, "
        "got %r" % (what, value)
    )


def check_seconds(value: Any, what: str) -> Optional[float]:
    """Check one timeout value: None, or seconds above 0 and at most ``MAX_SECONDS``."""
    return _seconds_or_none(
        value, what, "a number of seconds or a (connect, read) pair", "None waits without limit"
    )


def _seconds_or_none(value: Any, what: str, expected: str, none_means: str) -> Optional[float]:
    """None, or ``value`` as seconds above 0 and at most ``MAX_SECONDS``; the errors name
    ``what``, what it takes (``expected``) and what None would mean."""
    if value is None:
        return None
    seconds = _number(value, what, expected)
    if not (0 < seconds <= MAX_SECONDS):  # also refuses NaN
        raise ValueError(
            "%s must be above 0 and at most %g seconds (%s), got %.40r"
            % (what, MAX_SECONDS, none_means, value)
        )
    return seconds


def check_retries(value: Any) -> Any:
    """Check ``retries``: an int of 0 or more, a urllib3 ``Retry``, or None."""
    from urllib3.util.retry import Retry

    if value is None or isinstance(value, Retry):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("retries must be an int, a urllib3 Retry or None, got %r" % (value,))
    if value < 0:
        raise ValueError("retries must be 0 or more, got %r" % (value,))
    return value


def check_retry_after_max(value: Any) -> float:
    """Check ``retry_after_max``: seconds, 0 or more and at most :data:`MAX_SECONDS`."""
    seconds = _number(value, "retry_after_max", "a number of seconds")
    if not (0 <= seconds <= MAX_SECONDS):  # also refuses NaN
        raise ValueError(
            "retry_after_max must be 0 or more and at most %g seconds, got %.40r"
            % (MAX_SECONDS, value)
        )
    return seconds


def _number(value: Any, what: str, expected: str) -> float:
    """A setting's number as a float; ``TypeError`` naming it for what is no number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("%s must be %s, got %r" % (what, expected, value))
    return _as_float(value)


def _as_float(value: Any) -> float:
    """A number as a float; an int too large for one is infinite (and so refused)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def check_pool_size(value: Any, what: str = "connection_pool_maxsize") -> int:
    """Check a pool size: an int of 1 or more.

    :raises TypeError: not an int.
    :raises ValueError: below 1 (a pool of 0 connections would make every call wait).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("%s must be an int, got %r" % (what, value))
    if value < 1:
        raise ValueError("%s must be 1 or more, got %r" % (what, value))
    return value


def _environment_proxy(host: str) -> Optional[str]:
    """The proxy the environment names for ``host`` (``NO_PROXY`` honoured), or None."""
    if not any(name[-6:].lower() == "_proxy" for name in os.environ):
        return None  # the usual case, without importing urllib.request (2 ms)
    import urllib.request

    proxies = urllib.request.getproxies_environment()  # names in either case
    parts = urlsplit(host)
    if not proxies or _no_proxy_matches(proxies.get("no", ""), parts):
        return None
    return proxies.get(parts.scheme) or proxies.get("all")


def _no_proxy_matches(no_proxy: str, parts: Any) -> bool:
    """Whether ``NO_PROXY`` (comma-separated names, ``.domain`` suffixes, ``name:port``
    or ``*``) names the host of ``parts``."""
    name = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    for entry in (item.strip().lower() for item in no_proxy.split(",")):
        if entry == "*":
            return True
        entry_name, _, entry_port = entry.partition(":")
        entry_name = entry_name.lstrip(".")
        if not entry_name or (entry_port and entry_port != str(port)):
            continue
        if name == entry_name or name.endswith("." + entry_name):
            return True
    return False


# Configuration -> the finalizer that releases its log file (called early on a change).
_log_file_releases: "weakref.WeakKeyDictionary[Any, Any]" = weakref.WeakKeyDictionary()
# (absolute path, logger name) -> [the shared FileHandler, how many configurations use it]
_file_handlers: Dict[Tuple[str, str], List[Any]] = {}
_file_handlers_lock = threading.Lock()


def _acquire_file_handler(key: Tuple[str, str], fmt: str, logger: logging.Logger) -> Any:
    with _file_handlers_lock:
        entry = _file_handlers.get(key)
        if entry is None:
            handler = logging.FileHandler(key[0])
            handler.setFormatter(logging.Formatter(fmt))
            logger.addHandler(handler)
            entry = _file_handlers[key] = [handler, 0]
        entry[1] += 1
        return entry[0]


def _release_file_handler(key: Tuple[str, str]) -> None:
    with _file_handlers_lock:
        entry = _file_handlers.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] > 0:
            return
        del _file_handlers[key]
    logging.getLogger(key[1]).removeHandler(entry[0])
    entry[0].close()


@functools.lru_cache(maxsize=None)
@functools.lru_cache(maxsize=4)
def _basic_auth_token(username: str, password: str) -> str:
    """``Basic <base64(username:password)>``, worked out once per pair in use."""
    pair = "%s:%s" % (username, password)
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


def _certifi_bundle() -> Optional[str]:
    """The path of certifi's CA bundle.

    Found next to the package when it is installed as files (the usual case), which
    spares importing ``certifi`` itself and the ``importlib.resources`` machinery it
    loads; otherwise certifi is asked. Looked up once per process, not per configuration.
    """
    import importlib.util

    spec = importlib.util.find_spec("certifi")
    if spec is None:  # pragma: no cover - certifi is a dependency
        return None
    for folder in spec.submodule_search_locations or ():
        bundle = os.path.join(folder, "cacert.pem")
        if os.path.isfile(bundle):
            return bundle
    import certifi  # type: ignore[import-untyped, unused-ignore]  # pragma: no cover - zipped

    return certifi.where()  # pragma: no cover
