"""The command line, run as users run it: a real process against a sandbox."""

import json
import os
import pty
import subprocess
import sys
import threading
import time

import pytest

import TextMagic
from test import servers
from TextMagic.sandbox import Sandbox


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTMAGIC_")}
    env.update(extra)
    return env


def sandbox_env(sandbox, **extra):
    """An environment naming ``sandbox`` and its credentials, as a user's shell would."""
    return clean_env(
        TEXTMAGIC_USERNAME=sandbox.username,
        TEXTMAGIC_API_KEY=sandbox.api_key,
        TEXTMAGIC_HOST=sandbox.url,
        **extra,
    )


def account_options(sandbox):
    """The options that name ``sandbox`` and its credentials instead of the environment."""
    return ["--host", sandbox.url, "--username", sandbox.username, "--api-key", sandbox.api_key]


def read_until_closed(master):
    """Everything written to a pty's other end until it is closed."""
    seen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    return seen


def run(*args, env=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "TextMagic"] + list(args),
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env() if env is None else env,
        input=stdin,
    )


@pytest.fixture
def cli(sandbox):
    env = sandbox_env(sandbox)
    return lambda *args, stdin=None: run(*args, env=env, stdin=stdin)


def test_demo_walks_through_the_six_calls_against_a_sandbox():
    result = run("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "using a local sandbox at http://127.0.0.1:" in out
    for call in (
        "get_all_message_sessions(page=1, limit=3)",
        "get_message_session(1)",
        "get_message_session_stat(1, include_deleted=1)",
        "get_messages_by_session_id(1, limit=2, statuses='d,f')",
        "delete_message_session(1)",
        "delete_message_sessions_bulk(",
        "get_message_session(1) after deleting it",
    ):
        assert ">>> api." + call in out
    assert "MessageSession(" in out and "GetMessageSessionStatResponse(" in out
    assert "NotFoundException(status=404, reason='Not Found', message='Session not found'" in out


def test_demo_with_credentials_is_read_only(sandbox):
    env = sandbox_env(sandbox)
    result = run("demo", env=env)
    assert result.returncode == 0, result.stderr
    assert "Read-only walk-through against %s" % sandbox.url in result.stdout
    assert {r.method for r in sandbox.requests} == {"GET"}


def test_sessions_list_table(cli, sandbox):
    result = cli("sessions", "list", "--page", "2", "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "ID",
        "STARTED",
        "(UTC)",
        "SOURCE",
        "DEST",
        "NUMBERS",
        "PRICE",
        "REFERENCE",
        "TEXT",
    ]
    assert [line.split()[0] for line in lines[1:4]] == ["4", "5", "6"]
    assert lines[-1] == "(page 2 of 100)"
    price_end = lines[0].index("PRICE") + len("PRICE")
    for line in lines[1:4]:  # numbers end under the end of their header
        assert line[price_end - 1].isdigit() and line[price_end] == " "
        assert line[lines[0].index("SOURCE")] in "OAMEX"
    assert sandbox.requests[-1].query == {"page": "2", "limit": "3"}


def test_sessions_list_all_json(cli, sandbox):
    result = cli("sessions", "list", "--all", "--json")
    assert result.returncode == 0, result.stderr
    sessions = [json.loads(line) for line in result.stdout.splitlines()]  # JSON Lines
    assert [s["id"] for s in sessions] == list(range(1, 301))
    assert sessions[2] == {k: v for k, v in sandbox.data.sessions[3].items() if v is not None}
    assert result.stderr == ""  # no progress line when stderr is not a terminal


def test_progress_line_only_on_a_terminal(sandbox):
    env = sandbox_env(sandbox)
    master, slave = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "TextMagic", "sessions", "list", "--all"],
            stdout=subprocess.PIPE,
            stderr=slave,
            env=env,
            timeout=60,
            text=True,
        )
        os.close(slave)
        seen = read_until_closed(master)
    finally:
        os.close(master)
    assert result.returncode == 0
    assert b"200 sessions so far (3 pages)" in seen  # the last page's rows clear the line
    assert len(result.stdout.splitlines()) == 301


def test_sessions_get_and_stat(cli, sandbox):
    result = cli("sessions", "get", "3")
    assert result.returncode == 0
    rows = dict(line.split(None, 1) for line in result.stdout.splitlines()[1:])
    assert rows["id"] == "3" and rows["reference_id"] == "-"
    stat = json.loads(cli("sessions", "stat", "3", "--include-deleted", "--json").stdout)
    assert stat["all"] == len(sandbox.data.messages[3])
    assert sandbox.requests[-1].query == {"includeDeleted": "1"}


def test_sessions_messages(cli, sandbox):
    result = cli("sessions", "messages", "1", "--statuses", "d,f", "--all", "--json")
    assert result.returncode == 0, result.stderr
    messages = [json.loads(line) for line in result.stdout.splitlines()]
    assert messages and all(m["status"] in "df" and m["sessionId"] == 1 for m in messages)
    table = cli("sessions", "messages", "3", "--limit", "1")
    assert table.stdout.splitlines()[0].split()[:3] == ["ID", "STATUS", "RECEIVER"]


def test_delete_asks_first(cli, sandbox):
    declined = cli("sessions", "delete", "5", stdin="n\n")
    assert declined.returncode == 1
    question = "Delete 1 session 5, as sandbox on %s? [y/N]" % sandbox.url
    assert question in declined.stderr and "Nothing deleted" in declined.stderr
    assert 5 in sandbox.data.sessions
    accepted = cli("sessions", "delete", "5", stdin="y\n")
    assert accepted.returncode == 0 and accepted.stdout.strip() == "Deleted session 5."
    assert 5 not in sandbox.data.sessions


def test_deleting_everything_needs_the_words_typed(cli, sandbox):
    for answer in ("y\n", "yes\n", "delete\n", ""):
        refused = cli("sessions", "delete", "--all", stdin=answer)
        assert refused.returncode == 1 and "Nothing deleted" in refused.stderr
        assert "Type 'delete all'" in refused.stderr and sandbox.url in refused.stderr
    assert len(sandbox.data.sessions) == 300
    done = cli("sessions", "delete", "--all", stdin="delete all\n")
    assert done.returncode == 0 and done.stdout.strip() == "Deleted every session."
    assert sandbox.data.sessions == {}


def test_delete_several_and_all(cli, sandbox):
    several = cli("sessions", "delete", "6", "7", "8", "999999", "--yes")
    assert several.returncode == 0
    assert sandbox.requests[-1].json() == {"ids": "6,7,8,999999"}
    assert "accepted the deletion of sessions 6, 7, 8, 999999" in several.stdout
    assert "not an error to the API" in several.stdout
    missing = cli("sessions", "delete", "999999", "--yes")
    assert missing.returncode == 1 and "(404)" in missing.stderr
    result = cli("sessions", "delete", "--all", "--yes", "--json")
    assert json.loads(result.stdout) == {"deleted": "all"}
    assert sandbox.data.sessions == {}


@pytest.mark.parametrize(
    "args, words",
    [
        (("sessions", "delete", "--yes"), "give session IDs or --all"),
        (("sessions", "delete", "1", "--all", "--yes"), "give session IDs or --all"),
        (("sessions", "get", "x"), "ID must be a whole number of 1 or more"),
        (("sessions", "get", "0"), "ID must be a whole number of 1 or more"),
        (("sessions", "list", "--page", "0"), "--page must be a whole number of 1 or more"),
        (("sessions", "list", "--limit", "0"), "--limit must be between 1 and 100"),
        (("sessions", "list", "--limit", "500"), "--limit must be between 1 and 100"),
        (("sessions", "list", "--limit", "x"), "--limit must be between 1 and 100"),
        (("sessions", "list", "--timeout", "inf"), "--timeout must be a number of seconds"),
        (("sessions", "list", "--timeout", "1e12"), "--timeout must be a number of seconds"),
        (("sessions", "frobnicate"), "invalid choice"),
    ],
)
def test_usage_errors_exit_2(cli, sandbox, args, words):
    result = cli(*args)
    assert result.returncode == 2
    assert words in result.stderr
    assert sandbox.requests == []


def test_api_errors_exit_1_with_the_message(cli):
    result = cli("sessions", "get", "99999")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "textmagic: (404) Not Found: Session not found [GET /api/v2/sessions/99999]"
    )


def test_network_errors_exit_1():
    env = clean_env(
        TEXTMAGIC_USERNAME="u", TEXTMAGIC_API_KEY="k", TEXTMAGIC_HOST="http://127.0.0.1:9"
    )
    result = run("sessions", "get", "1", env=env)
    assert result.returncode == 1
    assert result.stderr.startswith("textmagic: cannot connect to http://127.0.0.1:9")
    assert "Traceback" not in result.stderr


def test_missing_credentials_name_the_variables():
    result = run("sessions", "list")
    assert result.returncode == 2
    assert "$TEXTMAGIC_USERNAME" in result.stderr and "$TEXTMAGIC_API_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_flags_instead_of_the_environment(sandbox):
    result = run("sessions", "get", "2", *account_options(sandbox), "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == 2
    assert run("sessions", "get", "2", "--username", "only-me").returncode == 2


def test_throwaway_sandbox():
    result = run("sessions", "get", "1", "--sandbox", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == 1


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("demo",),
        ("sessions",),
        ("sessions", "list"),
        ("sessions", "get"),
        ("sessions", "stat"),
        ("sessions", "messages"),
        ("sessions", "delete"),
    ],
)
def test_help_on_every_command(args):
    result = run(*(args + ("--help",)))
    assert result.returncode == 0 and "usage:" in result.stdout


def test_no_command_prints_help_and_exits_2():
    result = run()
    assert result.returncode == 2 and "sessions" in result.stdout
    assert run("sessions").returncode == 2


def test_the_console_script_is_installed():
    script = os.path.join(os.path.dirname(sys.executable), "textmagic")
    result = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == TextMagic.__version__


def test_a_closed_pipe_ends_quietly():
    # 3,000 sessions print far more than a pipe holds: the reader's leaving is certain to
    # be seen.
    with Sandbox(sessions=3000, rate_limit=None) as sandbox:
        env = sandbox_env(sandbox)
        first, stderr, status = _read_first_line_and_leave(env)
    assert b"ID" in first
    assert status == 141
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr and "Exception" not in stderr


def _read_first_line_and_leave(env):
    command = subprocess.Popen(
        [sys.executable, "-m", "TextMagic", "sessions", "list", "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    first = command.stdout.readline()  # what `| head -1` reads, then it goes away
    command.stdout.close()
    try:
        stderr = command.stderr.read().decode()
        return first, stderr, command.wait(60)
    finally:
        command.stderr.close()


@pytest.mark.parametrize(
    "args",
    [
        ("--sandbox", "sessions", "get", "1", "--json"),
        ("sessions", "--sandbox", "get", "1", "--json"),
        ("sessions", "get", "1", "--sandbox", "--json"),
        ("--json", "sessions", "get", "--sandbox", "1"),
    ],
)
def test_options_go_before_or_after_the_command(args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == 1


def test_explicit_options_win_over_sandbox():
    result = run("--sandbox", "--api-key", "not-the-sandbox-key", "sessions", "get", "1")
    assert result.returncode == 1
    assert "(401)" in result.stderr and "Traceback" not in result.stderr


def test_an_api_key_flag_with_the_username_from_the_environment(sandbox):
    env = clean_env(TEXTMAGIC_USERNAME=sandbox.username, TEXTMAGIC_HOST=sandbox.url)
    result = run("sessions", "get", "1", "--api-key", sandbox.api_key, "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["id"] == 1


def test_timeout_option_bounds_each_wait():
    with servers.RawServer(servers.never_answers) as server:
        started = time.monotonic()
        result = run(
            "sessions",
            "get",
            "1",
            "--host",
            server.url,
            "--username",
            "u",
            "--api-key",
            "k",
            "--timeout",
            "0.5",
        )
    assert result.returncode == 1
    assert "timed out" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 20


def _slow_walk(sandbox, delay):
    """``sessions list --all --limit 10``, started against a sandbox of 30 sessions whose
    page 1 comes at once and pages 2 and 3 after ``delay`` seconds each."""
    sandbox.add_fault(times=1, path="/api/v2/sessions")  # page 1: no delay
    sandbox.add_fault(delay=delay, times=2, path="/api/v2/sessions")
    return subprocess.Popen(
        [sys.executable, "-m", "TextMagic", "sessions", "list", "--all", "--limit", "10"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=sandbox_env(sandbox),
    )


def test_all_streams_pages_as_they_arrive_with_limit_as_page_size():
    """A slow sandbox: page 1 comes at once, pages 2 and 3 take a second each (fetched
    together). The first rows are on stdout while the command still runs, and --limit
    sets each page's size."""
    with Sandbox(sessions=30, rate_limit=None) as sandbox:
        command = _slow_walk(sandbox, 1.0)
        try:
            header = command.stdout.readline()
            first_row = command.stdout.readline()
            first_row_at = time.monotonic()
            rest = command.stdout.read()
            assert command.wait(60) == 0
            ended_at = time.monotonic()
        finally:
            command.stdout.close()
            command.stderr.close()
        queries = [r.query for r in sandbox.requests]
    assert b"ID" in header and first_row.split()[0] == b"1"
    # The first page was printed before the slow pages were served, which came together.
    assert ended_at - first_row_at > 0.8
    assert len(rest.splitlines()) == 29
    assert sorted(q["page"] for q in queries) == ["1", "2", "3"]
    assert all(q["limit"] == "10" for q in queries)


def test_status_words_and_their_legend(cli):
    table = cli("sessions", "messages", "1")
    assert "d delivered" in table.stdout and "f failed" in table.stdout
    legend = run("sessions", "messages", "--help").stdout
    assert "  d  delivered" in legend and "  j  rejected by the operator" in legend


def test_rows_fit_the_terminal_and_get_shows_the_whole_text(sandbox):
    env = sandbox_env(sandbox, COLUMNS="80")
    for args in (("sessions", "list", "--limit", "100"), ("sessions", "messages", "1")):
        lines = run(*args, env=env).stdout.splitlines()
        assert lines and max(len(line) for line in lines) <= 80
    wide = run("sessions", "list", env=dict(env, COLUMNS="200")).stdout
    text = sandbox.data.sessions[1]["text"]
    assert text in wide
    shown = run("sessions", "get", "1", env=env).stdout
    assert text in shown  # the whole text, however narrow the terminal


def _until_threads_end(count, timeout=15.0):
    """Wait (bounded) until the process runs ``count`` threads again: the sandbox's
    handlers still sleeping out a delay fault close their sockets when they wake, and
    later tests count open files."""
    ends = time.monotonic() + timeout
    while threading.active_count() > count and time.monotonic() < ends:
        time.sleep(0.05)


def test_ctrl_c_mid_walk_keeps_what_was_printed():
    """Ctrl-C at page 2 of 3: the first page's rows are already in the output (a file
    being written is not left empty), the exit status is 130, no traceback."""
    import signal

    threads = threading.active_count()
    with Sandbox(sessions=30, rate_limit=None) as sandbox:
        command = _slow_walk(sandbox, 2.0)
        try:
            first_page = [command.stdout.readline() for _ in range(11)]  # header + 10 rows
            command.send_signal(signal.SIGINT)
            rest = command.stdout.read()
            stderr = command.stderr.read().decode()
            status = command.wait(30)
        finally:
            command.stdout.close()
            command.stderr.close()
    _until_threads_end(threads)
    assert first_page[-1].split()[0] == b"10" and rest == b""
    assert status == 130, stderr
    assert "Traceback" not in stderr


def test_ctrl_c_as_the_next_page_is_asked_for_always_ends_with_130():
    """The signal lands as the next request takes a pooled connection, again and again: the
    command ends at once, every time. (As a KeyboardInterrupt unwinding through urllib3,
    one landing just after the pool's queue lock was taken left it taken: the command hung
    or failed with status 1, a few times in twenty.)"""
    import signal

    threads = threading.active_count()
    with Sandbox(sessions=30, rate_limit=None) as sandbox:
        for attempt in range(30):
            sandbox.reset()
            # Pages 2 and 3 take 2 s: long enough that, even on a loaded machine, none
            # arrives between the first page's rows and the signal.
            command = _slow_walk(sandbox, 2.0)
            try:
                for _ in range(11):  # header + the first page's rows
                    command.stdout.readline()
                time.sleep(attempt % 3 * 0.002)
                command.send_signal(signal.SIGINT)
                rest, stderr = command.communicate(timeout=30)
            finally:
                command.kill()
                command.wait(30)
                command.stdout.close()
                command.stderr.close()
            assert (command.returncode, rest) == (130, b""), (attempt, stderr.decode())
    _until_threads_end(threads)


@pytest.mark.parametrize("columns", [80, 132])
def test_rows_fit_a_real_terminal(sandbox, columns):
    import fcntl
    import struct
    import termios

    env = sandbox_env(sandbox)
    env.pop("COLUMNS", None)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "TextMagic", "sessions", "messages", "1"],
            stdout=slave,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
        )
        os.close(slave)
        seen = read_until_closed(master)
    finally:
        os.close(master)
    assert result.returncode == 0, result.stderr
    lines = seen.decode("utf-8").replace("\r\n", "\n").splitlines()
    assert lines[0].startswith("ID") and max(len(line) for line in lines) <= columns
    if columns > 100:
        assert "Flash sale: 20% off everything until midnight!" in seen.decode("utf-8")


def test_a_broken_answer_is_one_line_and_exit_1():
    answer = servers.http_answer(200, b"oops", [("Content-Type", "application/json")])
    with servers.CannedServer(answer) as server:
        for args in (("sessions", "get", "1"), ("sessions", "list", "--all")):
            result = run(
                *args, "--host", server.url, "--username", "u", "--api-key", "k", "--timeout", "5"
            )
            assert result.returncode == 1, result.stderr
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
            assert "not JSON" in result.stderr and "Traceback" not in result.stderr


def test_all_starts_at_page(cli, sandbox):
    result = cli("sessions", "list", "--all", "--page", "3", "--limit", "100", "--json")
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert ids == list(range(201, 301))


def test_demo_honours_sandbox_and_the_connection_options(sandbox):
    # Credentials and a host in the environment: --sandbox still walks the local sandbox,
    # never the account the environment names (here one nothing listens on).
    env = clean_env(
        TEXTMAGIC_USERNAME="u",
        TEXTMAGIC_API_KEY="k",
        TEXTMAGIC_HOST="http://127.0.0.1:%d" % servers.free_port(),
    )
    result = run("--sandbox", "--timeout", "5", "demo", env=env)
    assert result.returncode == 0, result.stderr
    assert "Walk-through against a local sandbox at http://127.0.0.1:" in result.stdout
    assert ">>> api.delete_message_session(1)" in result.stdout  # a sandbox: all six calls
    # Without --sandbox, the options name the account: --host wins over the environment.
    result = run(*account_options(sandbox), "demo", env=env)
    assert result.returncode == 0, result.stderr
    assert "Read-only walk-through against %s" % sandbox.url in result.stdout
    assert {r.method for r in sandbox.requests} == {"GET"}
    # A proxy option is used too: one that refuses connections makes the demo fail.
    result = run(
        "--host",
        sandbox.url.replace("127.0.0.1", "localhost"),
        "--username",
        "u",
        "--api-key",
        "k",
        "--proxy",
        "http://127.0.0.1:%d" % servers.free_port(),
        "demo",
        env=env,
    )
    assert result.returncode == 1 and "proxy" in result.stderr.lower(), result.stderr


def test_first_hour_messages(sandbox):
    env = sandbox_env(sandbox)
    # A page beyond the last says so.
    result = run("sessions", "list", "--page", "99", "--limit", "100", env=env)
    assert result.returncode == 0, result.stderr
    assert "(page 99 of 3: there is no such page; the last is 3)" in result.stdout
    # A 401 says what to check, and where the credentials came from.
    result = run("sessions", "get", "1", env=dict(env, TEXTMAGIC_API_KEY="wrong"))
    assert result.returncode == 1
    assert "check the username and API key" in result.stderr
    assert "$TEXTMAGIC_USERNAME and $TEXTMAGIC_API_KEY" in result.stderr
    result = run("--api-key", "wrong", "sessions", "get", "1", env=env)
    assert "$TEXTMAGIC_USERNAME and --api-key" in result.stderr
    # Plain HTTP to another machine: the command line names its own way to allow it.
    remote = dict(env, TEXTMAGIC_HOST="http://api.example.invalid")
    result = run("sessions", "get", "1", env=remote)
    assert result.returncode == 2 and "--allow-insecure-http" in result.stderr, result.stderr
    assert "configuration.allow_insecure_http" not in result.stderr
    # With it, the request is sent (through a proxy on this machine that refuses: no
    # traffic leaves), and fails as a network error instead of a usage error.
    result = run(
        "--allow-insecure-http",
        "--proxy",
        "http://127.0.0.1:%d" % servers.free_port(),
        "sessions",
        "get",
        "1",
        env=dict(remote, TEXTMAGIC_HOST="http://api.example.invalid"),
    )
    assert result.returncode == 1, result.stderr
