"""The command line's demo, run as users run it."""

import os
import subprocess
import sys


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "TextMagic"] + list(args), capture_output=True,
                          text=True, timeout=60, env=env)


def clean_env():
    env = dict(os.environ)
    env.pop("TEXTMAGIC_USERNAME", None)
    env.pop("TEXTMAGIC_API_KEY", None)
    return env


def test_demo_walks_through_the_six_calls_against_a_sandbox():
    result = run("demo", env=clean_env())
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "using a local sandbox at http://127.0.0.1:" in out
    for call in ("get_all_message_sessions(page=1, limit=3)", "get_message_session(1)",
                 "get_message_session_stat(1, include_deleted=1)",
                 "get_messages_by_session_id(1, limit=2, statuses='d,f')",
                 "delete_message_session(1)", "delete_message_sessions_bulk(",
                 "get_message_session(1) after deleting it"):
        assert ">>> api." + call in out
    assert "MessageSession(" in out and "GetMessageSessionStatResponse(" in out
    assert "NotFoundException(status=404, reason='Not Found', message='Session not found')" in out


def test_demo_reports_api_errors_with_exit_status_1():
    env = clean_env()
    env.update(TEXTMAGIC_USERNAME="u", TEXTMAGIC_API_KEY="k", TEXTMAGIC_HOST="http://127.0.0.1:9")
    result = run("demo", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("error: cannot connect to http://127.0.0.1:9")
    assert "Traceback" not in result.stderr


def test_no_command_prints_help_and_exits_2():
    result = run()
    assert result.returncode == 2
    assert "demo" in result.stdout


def test_version():
    import TextMagic

    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == TextMagic.__version__
