"""Configuration: defaults, independence of instances, the default copy, auth, secrets."""

import base64
import copy
import gc
import logging
import os
import pickle

import certifi
import pytest

import TextMagic
from TextMagic import Configuration


@pytest.fixture(autouse=True)
def no_default():
    Configuration.set_default(None)
    yield
    Configuration.set_default(None)


def test_defaults():
    c = Configuration()
    assert c.host == "https://rest.textmagic.com"
    assert c.username == "" and c.password == ""
    assert c.api_key == {} and c.api_key_prefix == {}
    assert c.verify_ssl is True
    assert c.ssl_ca_cert is None
    assert Configuration(trust_env=False).effective_ca_cert() == certifi.where()
    assert c.cert_file is None and c.key_file is None and c.assert_hostname is None
    assert c.proxy is None and c.proxy_headers is None
    assert c.connection_pool_maxsize >= 1
    assert c.timeout == (10.0, 60.0)
    assert c.retries == 3
    assert c.debug is False and c.logger_file is None
    assert c.safe_chars_for_path_param == ""
    assert c.allow_insecure_http is False
    assert set(c.logger) == {"package_logger", "urllib3_logger"}
    assert c.logger_format


def test_keyword_construction():
    c = Configuration(host="http://127.0.0.1:9/", username="u", password="p", verify_ssl=False)
    assert (c.host, c.username, c.password, c.verify_ssl) == ("http://127.0.0.1:9", "u", "p", False)
    with pytest.raises(TypeError, match="colour"):
        Configuration(colour="red")


@pytest.mark.parametrize(
    "host, error",
    [
        ("rest.textmagic.com", ValueError),
        ("ftp://x", ValueError),
        ("https://", ValueError),
        (None, TypeError),
        (5, TypeError),
    ],
)
def test_bad_hosts_are_refused(host, error):
    c = Configuration()
    with pytest.raises(error):
        c.host = host


def test_two_configurations_never_affect_each_other():
    a, b = Configuration(), Configuration()
    a.host = "http://127.0.0.1:1"
    a.username = "alice"
    a.api_key["k"] = "v"
    a.proxy_headers = {"x": "1"}
    a.timeout = 3
    assert b.host == "https://rest.textmagic.com"
    assert b.username == "" and b.api_key == {} and b.proxy_headers is None
    assert b.timeout == (10.0, 60.0)


def test_set_default_and_copies_share_no_mutable_state():
    default = Configuration(host="http://127.0.0.1:2", username="dee")
    default.api_key["id"] = "one"
    Configuration.set_default(default)
    default.api_key["id"] = "changed after set_default"

    fresh = Configuration()
    copied = Configuration.get_default_copy()
    for c in (fresh, copied):
        assert c.host == "http://127.0.0.1:2" and c.username == "dee"
        assert c.api_key == {"id": "one"}
    fresh.api_key["id"] = "mutated"
    copied.api_key_prefix["id"] = "Bearer"
    assert Configuration.get_default_copy().api_key == {"id": "one"}
    assert Configuration.get_default_copy().api_key_prefix == {}
    assert Configuration().username == "dee"
    Configuration.set_default(None)
    assert Configuration().username == ""


def test_copy_module_gives_independent_copies():
    a = Configuration(username="a")
    a.api_key["x"] = "1"
    for b in (copy.copy(a), copy.deepcopy(a)):
        b.api_key["x"] = "2"
        assert a.api_key["x"] == "1"
        assert b.logger["package_logger"] is a.logger["package_logger"]


def test_basic_auth_token_and_settings():
    c = Configuration(username="user", password="key:with:colons")
    expected = "Basic " + base64.b64encode(b"user:key:with:colons").decode()
    assert c.get_basic_auth_token() == expected
    assert c.auth_settings() == {
        "BasicAuth": {"type": "basic", "in": "header", "key": "Authorization", "value": expected}
    }
    assert Configuration().auth_settings() == {}


def test_api_key_with_prefix():
    c = Configuration()
    c.api_key["id"] = "abc"
    assert c.get_api_key_with_prefix("id") == "abc"
    c.api_key_prefix["id"] = "Token"
    assert c.get_api_key_with_prefix("id") == "Token abc"
    assert c.get_api_key_with_prefix("missing") is None
    calls = []
    c.refresh_api_key_hook = calls.append
    c.get_api_key_with_prefix("id")
    assert calls == [c]


def test_secrets_stay_out_of_repr_and_debug_report():
    c = Configuration(username="user", password="s3cr3t-key")
    token = c.get_basic_auth_token().split()[1]
    for text in (repr(c), str(c), c.to_debug_report()):
        assert "s3cr3t-key" not in text and token not in text
    assert "SDK Package Version: %s" % TextMagic.__version__ in c.to_debug_report()
    assert "'***'" in repr(c)


def test_loopback_detection():
    for host in ("http://127.0.0.1:80", "http://localhost", "http://127.5.6.7", "http://[::1]:8"):
        assert Configuration(host=host).is_loopback_host()
    for host in ("http://10.0.0.1", "https://rest.textmagic.com", "http://localhost.evil.com"):
        assert not Configuration(host=host).is_loopback_host()


def test_debug_logs_exchanges_without_secrets(sandbox, caplog):
    configuration = sandbox.configuration(debug=True)
    token = configuration.get_basic_auth_token().split()[1]
    with caplog.at_level(logging.DEBUG, logger="TextMagic"):
        with TextMagic.ApiClient(configuration) as client:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    text = caplog.text
    assert "GET %s/api/v2/sessions/1" % sandbox.url in text
    assert "-> 200" in text
    assert token not in text and sandbox.api_key not in text
    assert "'Authorization': '***'" in text


def test_no_exchange_logged_when_debug_is_off(sandbox, caplog):
    with caplog.at_level(logging.DEBUG, logger="TextMagic"):
        with TextMagic.ApiClient(sandbox.configuration()) as client:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(1)
    assert "request:" not in caplog.text


def test_logger_file(tmp_path, sandbox):
    path = tmp_path / "sdk.log"
    configuration = sandbox.configuration()
    configuration.logger_file = str(path)
    configuration.debug = True
    try:
        with TextMagic.ApiClient(configuration) as client:
            TextMagic.OutboundMessageSessionsApi(client).get_message_session(2)
    finally:
        configuration.debug = False
        configuration.logger_file = None
    text = path.read_text()
    assert "/api/v2/sessions/2" in text
    assert sandbox.api_key not in text
    assert configuration.logger_file_handler is None


def _open_files():
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files via /proc")
def test_configurations_with_a_log_file_do_not_leak(tmp_path):
    path = str(tmp_path / "sdk.log")
    logger = logging.getLogger("TextMagic")
    gc.collect()  # what earlier tests left for the collector is not counted as this one's
    handlers_before, files_before = len(logger.handlers), _open_files()
    for _ in range(1000):
        TextMagic.Configuration(logger_file=path)  # built and dropped, as per request
    assert len(logger.handlers) == handlers_before
    assert _open_files() <= files_before
    kept = [TextMagic.Configuration(logger_file=path) for _ in range(50)]
    assert len(logger.handlers) == handlers_before + 1  # one shared handler, one file
    assert _open_files() == files_before + 1
    kept[0].logger_file = None  # one lets go: the others still log
    assert len(logger.handlers) == handlers_before + 1
    del kept
    gc.collect()
    assert len(logger.handlers) == handlers_before and _open_files() <= files_before


def test_a_configuration_with_logging_settings_copies_and_pickles(tmp_path):
    path = str(tmp_path / "sdk.log")
    logger = logging.getLogger("TextMagic")
    gc.collect()  # what earlier tests left for the collector is not counted as this one's
    handlers_before = len(logger.handlers)
    original = TextMagic.Configuration(logger_file=path, username="u", password="secret")
    for clone in (
        copy.copy(original),
        copy.deepcopy(original),
        pickle.loads(pickle.dumps(original)),
    ):
        assert clone.logger_file == path and clone.username == "u"
        assert clone.logger_file_handler is original.logger_file_handler  # shared
        assert clone.logger["package_logger"] is logger
    assert len(logger.handlers) == handlers_before + 1
    logger.warning("written once")
    original.logger_file_handler.flush()
    with open(path) as log:
        assert log.read().count("written once") == 1
    TextMagic.Configuration.set_default(original)
    try:
        assert TextMagic.Configuration().logger_file == path
    finally:
        TextMagic.Configuration.set_default(None)
    del original, clone
    gc.collect()
    assert len(logger.handlers) == handlers_before
