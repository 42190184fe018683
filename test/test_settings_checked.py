"""Settings are checked when they are set, and credentials never travel where they
should not: the plain-HTTP guard reads hosts as urllib3 (which connects) reads them."""

import logging
import math

import pytest
import urllib3

import TextMagic
from test.servers import CannedServer, http_answer
from TextMagic.configuration import MAX_SECONDS, Configuration, is_loopback_url


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("http://localhost:8080", True),
        ("http://LOCALHOST", True),
        ("http://127.0.0.1:1", True),
        ("http://127.200.3.4", True),
        ("http://[::1]:8080", True),
        ("http://[::ffff:127.0.0.1]", True),
        ("http://127.example.com", False),
        ("http://127.0.0.1.nip.io", False),
        ("http://localhost.evil.example", False),
        ("http://127.1", False),  # shorthand: urllib3 would connect; not counted as loopback
        ("http://[::2]", False),
        ("http://10.0.0.1", False),
        ("http://evil.example:P\\@127.0.0.1", False),
    ],
)
def test_what_counts_as_this_machine(host, loopback):
    assert is_loopback_url(host) is loopback


def test_a_foreign_host_never_gets_credentials_over_plain_http():
    configuration = Configuration(host="http://127.example.com", username="u", password="p")
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    with pytest.raises(ValueError, match="plain http"):
        api.get_message_session(1)


@pytest.mark.parametrize(
    "host",
    [
        "http://evil.example:P\\@127.0.0.1",
        "http://u:PW@127.0.0.1:1",
        "http://:PW@127.0.0.1",
        "http://PW@localhost",
    ],
)
def test_a_host_carrying_userinfo_is_refused_without_showing_it(host):
    with pytest.raises(ValueError) as caught:
        Configuration(host=host)
    assert "PW" not in str(caught.value) and "P\\" not in str(caught.value)


@pytest.mark.parametrize(
    "host",
    [
        "https://rest.textmagic.com/#",
        "https://rest.textmagic.com/x#y",
        "https://rest.textmagic.com/?a=1",
        "https://rest.textmagic.com/a/../b",
        "https://rest.textmagic.com/a/./b",
        "https://rest.textmagic.com/%2e%2e",
        "https://rest.textmagic.com/a;b",
        "https://rest.textmagic.com:99999",
        "https://[zz]/",
        "ftp://rest.textmagic.com",
        "https://rest.textmagic.com/a b",
    ],
)
def test_a_host_whose_path_is_not_a_plain_prefix_is_refused(host):
    with pytest.raises(ValueError, match="host"):
        Configuration(host=host)


@pytest.mark.parametrize(
    "host", ["https://rest.textmagic.com", "http://127.0.0.1:8080/", "https://api.example/tm/v/"]
)
def test_plain_hosts_are_kept(host):
    assert Configuration(host=host).host == host.rstrip("/")


@pytest.mark.parametrize(
    "name, value, error",
    [
        ("timeout", math.inf, ValueError),
        ("timeout", 10**400, ValueError),
        ("timeout", (1, math.nan), ValueError),
        ("timeout", -1, ValueError),
        ("timeout", "5", TypeError),
        ("retry_after_max", "x", TypeError),
        ("retry_after_max", -1, ValueError),
        ("retry_after_max", math.inf, ValueError),
        ("retry_after_max", None, TypeError),
        ("retries", -1, ValueError),
        ("retries", "3", TypeError),
        ("retries", True, TypeError),
        ("deadline", math.inf, ValueError),
        ("deadline", 10**400, ValueError),
        ("deadline", 1e10, ValueError),  # beyond MAX_SECONDS: sockets and locks overflow
        ("timeout", 1e10, ValueError),
        ("timeout", (1, 2**63), ValueError),
        ("retry_after_max", 1e10, ValueError),
        ("rate_limit", math.inf, ValueError),
        ("rate_limit", 0, ValueError),
        ("rate_limit", 1e-10, ValueError),  # one turn in 317 years
        ("debug", "no", TypeError),
        ("debug", 1, TypeError),
        ("verify_ssl", "false", TypeError),
        ("allow_insecure_http", "no", TypeError),
        ("trust_env", None, TypeError),
        ("username", "a:b", ValueError),
        ("username", None, TypeError),
        ("password", 123, TypeError),
        ("max_response_size", 0, ValueError),
        ("max_response_size", 1.5, TypeError),
        ("host", "https://x/#", ValueError),
    ],
)
def test_settings_are_checked_when_set(name, value, error):
    configuration = Configuration()
    with pytest.raises(error, match=name):
        setattr(configuration, name, value)
    if value is None and name in ("host", "username", "password"):
        return  # Configuration(username=None) means "not given", as in generated clients
    with pytest.raises(error, match=name):
        Configuration(**{name: value})


def test_valid_settings_are_kept():
    configuration = Configuration(timeout=(1, 2.5), retry_after_max=0, debug=False)
    assert configuration.timeout == (1, 2.5)
    assert configuration.retry_after_max == 0.0
    configuration.verify_ssl = False
    assert configuration.verify_ssl is False


@pytest.mark.parametrize("timeout", [math.inf, 10**400, (1, math.inf), -2, 1e10, (1, 1e10)])
def test_a_bad_request_timeout_is_refused_before_sending(timeout):
    with CannedServer(http_answer(200, b"{}")) as server:
        configuration = Configuration(host=server.url, username="u", password="p")
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        with pytest.raises(ValueError, match="timeout"):
            api.get_message_session(1, _request_timeout=timeout)
    assert server.requests == []


@pytest.mark.parametrize("seconds", [1e10, 10**10, 2**63])
def test_waits_beyond_max_seconds_are_refused_before_sending(seconds):
    """Sockets, sleeps and lock waits overflow not far beyond ``MAX_SECONDS``: a wait
    that long is refused with a ValueError naming it, not an OverflowError mid-call."""
    with CannedServer(http_answer(200, b"{}")) as server:
        configuration = Configuration(host=server.url, username="u", password="p")
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        for timeout in (
            urllib3.Timeout(read=5, total=seconds),
            urllib3.Timeout(connect=seconds, read=5),
            (5, seconds),
        ):
            with pytest.raises(ValueError, match="timeout"):
                api.get_message_session(1, _request_timeout=timeout)
        with pytest.raises(ValueError, match="_deadline"):
            api.get_message_session(1, _deadline=seconds)
    assert server.requests == []


def test_the_longest_waits_the_settings_take_work():
    """``MAX_SECONDS`` itself is taken everywhere a wait is, and a call with every wait
    at it is sent and answered (no value the checks let through overflows on the way)."""
    answer = http_answer(200, b'{"id": 7}', [("Content-Type", "application/json")])
    with CannedServer(answer) as server:
        configuration = Configuration(
            host=server.url,
            username="u",
            password="p",
            timeout=MAX_SECONDS,
            deadline=MAX_SECONDS,
            retry_after_max=MAX_SECONDS,
            rate_limit=1 / MAX_SECONDS,
        )
        with TextMagic.ApiClient(configuration) as client:
            # One turn in MAX_SECONDS: the first call goes at once, the next would wait.
            api = TextMagic.OutboundMessageSessionsApi(client)
            assert api.get_message_session(7).id == 7
        configuration.rate_limit = None
        with TextMagic.ApiClient(configuration) as client:
            api = TextMagic.OutboundMessageSessionsApi(client)
            forever = dict(_deadline=MAX_SECONDS, _request_timeout=(MAX_SECONDS, MAX_SECONDS))
            assert api.get_message_session(7, **forever).id == 7
            assert api.get_message_session(7, async_req=True, **forever).get(MAX_SECONDS).id == 7
    assert len(server.requests) == 3


def test_set_cookie_is_redacted_in_the_debug_log(caplog):
    answer = http_answer(
        200, b'{"id": 1}', [("Content-Type", "application/json"), ("Set-Cookie", "sid=SECRET")]
    )
    with CannedServer(answer) as server:
        configuration = Configuration(
            host=server.url, username="u", password="p", rate_limit=None, debug=True
        )
        api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
        with caplog.at_level(logging.DEBUG, logger="TextMagic"):
            api.get_message_session(1)
    assert "Set-Cookie" in caplog.text
    assert "SECRET" not in caplog.text


def test_api_key_as_text_is_the_api_key(sandbox):
    configuration = Configuration(
        host=sandbox.url, username=sandbox.username, api_key=sandbox.api_key, rate_limit=None
    )
    assert configuration.password == sandbox.api_key and configuration.api_key == {}
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    assert api.get_message_session(1).id == 1
    configuration.api_key = {"generated": "dict"}  # the generated clients' form still works
    assert configuration.api_key == {"generated": "dict"}
    with pytest.raises(ValueError, match="api_key"):
        Configuration(password="a", api_key="b")
    with pytest.raises(TypeError, match="api_key"):
        configuration.api_key = 5


def test_a_client_without_configuration_reads_the_environment(sandbox, monkeypatch):
    monkeypatch.setenv("TEXTMAGIC_USERNAME", sandbox.username)
    monkeypatch.setenv("TEXTMAGIC_API_KEY", sandbox.api_key)
    monkeypatch.setenv("TEXTMAGIC_HOST", sandbox.url)
    with TextMagic.ApiClient() as client:
        assert client.configuration.host == sandbox.url
        client.configuration.rate_limit = None
        assert TextMagic.OutboundMessageSessionsApi(client).get_message_session(1).id == 1
    api = TextMagic.OutboundMessageSessionsApi()
    assert api.api_client.configuration.username == sandbox.username
    explicit = Configuration(username="someone")
    Configuration.set_default(explicit)
    try:
        assert TextMagic.ApiClient().configuration.username == "someone"  # settings win
        assert TextMagic.ApiClient().configuration.password == sandbox.api_key
    finally:
        Configuration.set_default(None)


@pytest.mark.parametrize("suffix", ["/api/v2", "/api/v2/"])
def test_a_host_given_with_api_v2_is_the_same_base(sandbox, suffix):
    configuration = sandbox.configuration(rate_limit=None)
    configuration.host = sandbox.url + suffix
    assert configuration.host == sandbox.url
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
    assert api.get_message_session(1).id == 1


@pytest.mark.parametrize(
    "setting, variable, default",
    [
        ("host", "TEXTMAGIC_HOST", "https://rest.textmagic.com"),
        ("username", "TEXTMAGIC_USERNAME", ""),
        ("password", "TEXTMAGIC_API_KEY", ""),
    ],
)
def test_explicit_beats_environment_beats_default(monkeypatch, setting, variable, default):
    """The order the README's configuration table states, for each setting it reads from
    the environment."""
    value = {"host": "https://{}.example"}.get(setting, "{}")
    assert getattr(Configuration(), setting) == default
    monkeypatch.setenv(variable, value.format("environment"))
    assert getattr(Configuration(), setting) == value.format("environment")
    explicit = Configuration(**{setting: value.format("explicit")})
    assert getattr(explicit, setting) == value.format("explicit")
    later = Configuration()
    setattr(later, setting, value.format("later"))
    assert getattr(later, setting) == value.format("later")
