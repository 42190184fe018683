"""The SDK's pytest plugin, as an application's test suite meets it: test files in a
directory of their own, no conftest, run by pytest in another process; the fixture comes
from the installed package's ``pytest11`` entry point."""

import os
import subprocess
import sys
import textwrap

USERS_TESTS = '''
import json
import os
import subprocess
import sys

import TextMagic


def application_lists_sessions():
    """Application code: its settings come from the environment."""
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(TextMagic.Configuration()))
    return api.list_message_sessions(limit=5)


def test_1_application_code_reaches_the_sandbox(textmagic_sandbox):
    assert os.environ["TEXTMAGIC_HOST"] == textmagic_sandbox.url
    page = application_lists_sessions()
    assert [s.id for s in page.resources] == [1, 2, 3, 4, 5]
    assert [(r.method, r.path, r.query) for r in textmagic_sandbox.requests] == [
        ("GET", "/api/v2/sessions", {"limit": "5"})
    ]
    api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient())
    api.delete_message_session(1)
    assert 1 not in textmagic_sandbox.data.sessions
    textmagic_sandbox.add_fault(status=503, body="down", times=100)
    textmagic_sandbox.rate_limit = None


def test_2_the_next_test_starts_fresh(textmagic_sandbox):
    assert textmagic_sandbox.requests == []
    assert 1 in textmagic_sandbox.data.sessions
    assert textmagic_sandbox.rate_limit == 20
    assert application_lists_sessions().resources[0].id == 1  # no fault left over


def test_3_an_injected_fault_reaches_the_application(textmagic_sandbox):
    textmagic_sandbox.add_fault(status=404, body={"code": 404, "message": "Gone"}, times=1)
    try:
        application_lists_sessions()
    except TextMagic.NotFoundException as error:
        assert error.message == "Gone"
    else:
        raise AssertionError("the fault did not reach the application")


def test_4_the_command_line_reaches_the_sandbox(textmagic_sandbox):
    answer = subprocess.run(
        [sys.executable, "-m", "TextMagic", "sessions", "get", "2", "--json"],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert json.loads(answer.stdout)["id"] == 2
    assert textmagic_sandbox.requests[-1].path == "/api/v2/sessions/2"


def test_5_the_environment_is_restored_after_each_test():
    assert "TEXTMAGIC_HOST" not in os.environ
    assert os.environ.get("TEXTMAGIC_USERNAME") == "left by the user"
'''


def write_users_project(directory):
    """The user's project: its tests, and a pytest.ini of its own (so that pytest takes no
    settings from a project around it, such as the SDK's own tox.ini)."""
    (directory / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (directory / "test_users_app.py").write_text(USERS_TESTS, encoding="utf-8")


def run_pytest(directory, *options):
    environment = {"TEXTMAGIC_USERNAME": "left by the user"}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error"]
        + list(options),
        capture_output=True,
        text=True,
        timeout=240,
        cwd=str(directory),
        env=dict(_clean_environment(), **environment),
    )


def _clean_environment():
    return {k: v for k, v in os.environ.items() if not k.startswith("TEXTMAGIC_")}


def test_an_applications_tests_use_the_fixture_without_a_conftest(tmp_path):
    write_users_project(tmp_path)
    result = run_pytest(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout


def test_the_plugin_can_be_turned_off(tmp_path):
    (tmp_path / "test_off.py").write_text(
        "def test_needs_it(textmagic_sandbox):\n    pass\n", encoding="utf-8"
    )
    result = run_pytest(tmp_path, "-p", "no:textmagic")
    assert result.returncode == 1
    assert "fixture 'textmagic_sandbox' not found" in result.stdout


def test_loading_the_plugin_imports_nothing_of_the_sdk_but_the_package():
    code = textwrap.dedent(
        """
        import sys
        import TextMagic.pytest_plugin
        loaded = sorted(m for m in sys.modules if m.startswith(("TextMagic", "urllib3")))
        print(" ".join(loaded))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == [
        "TextMagic",
        "TextMagic._lazy",
        "TextMagic._version",
        "TextMagic.pytest_plugin",
    ]
