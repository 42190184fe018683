"""What a configuration's settings add up to: the environment's fallbacks, the proxy and
CA bundle in effect, the credentials as the API takes them, and a report for bug
reports."""

from __future__ import annotations

import base64
import functools
import os
import sys
from typing import Any, Dict, Mapping, Optional, Tuple, Type, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

from TextMagic._version import __version__
from TextMagic.checks import is_loopback_url

__all__ = ["SettingsInEffect"]

_Self = TypeVar("_Self", bound="SettingsInEffect")

DEFAULT_HOST = "https://rest.textmagic.com"

#: CA bundle variables honoured (in this order) when ``trust_env`` is on.
ENV_CA_BUNDLES = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")

#: The environment variables ``Configuration.from_env`` reads.
ENV_USERNAME = "TEXTMAGIC_USERNAME"
ENV_API_KEY = "TEXTMAGIC_API_KEY"
ENV_HOST = "TEXTMAGIC_HOST"


class SettingsInEffect(object):
    """The half of ``Configuration`` that works things out from its settings (and the
    environment) rather than holding them; the settings it reads are declared here."""

    api_key: Dict[str, str]
    api_key_prefix: Dict[str, str]
    refresh_api_key_hook: Any
    proxy: Optional[str]
    proxy_headers: Optional[Dict[str, str]]
    ssl_ca_cert: Optional[str]

    #: Base URL of the API (scheme, host and optional port), without a trailing ``/`` and without
    #: ``/api/v2`` (given with it, it is taken off: the operations add it).
    host: str
    #: The TextMagic username for HTTP Basic authentication (no ``:`` in it).
    username: str
    #: The TextMagic API key for HTTP Basic authentication.
    password: str
    #: Take a proxy from ``HTTPS_PROXY``/``HTTP_PROXY``/``ALL_PROXY`` (and ``NO_PROXY``), and a CA
    #: bundle from ``SSL_CERT_FILE``/``REQUESTS_CA_BUNDLE``, when ``proxy`` and ``ssl_ca_cert`` are
    #: not set here (True by default).
    trust_env: bool

    @classmethod
    def from_env(
        cls: Type[_Self], environ: Optional[Mapping[str, str]] = None, **settings: Any
    ) -> _Self:
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

    def fill_from_env(self: _Self, environ: Optional[Mapping[str, str]] = None) -> _Self:
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
        if self.host == DEFAULT_HOST and environ.get(ENV_HOST):
            self.host = environ[ENV_HOST]
        return self

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
            url = _environment_proxy(self.host)
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
        return is_loopback_url(self.host)

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
                host=self.host,
            )
        )


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


@functools.lru_cache(maxsize=4)
def _basic_auth_token(username: str, password: str) -> str:
    """``Basic <base64(username:password)>``, worked out once per pair in use."""
    pair = "%s:%s" % (username, password)
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


@functools.lru_cache(maxsize=None)
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
