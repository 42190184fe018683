"""Types: the package type-checks, a strict user script type-checks and runs, and the
wheel ships the py.typed marker."""

import hashlib
import pathlib
import subprocess
import sys

from . import typing_sample

ROOT = pathlib.Path(__file__).resolve().parent.parent


# A cache of this environment's own: tox runs two environments at once, and two mypy
# processes of one Python writing one cache can crash each other.
CACHE = ROOT / ".mypy_cache" / ("env-" + hashlib.sha1(sys.prefix.encode()).hexdigest()[:12])


def mypy(*args):
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "tox.ini", "--no-error-summary"]
        + ["--cache-dir", str(CACHE)]
        + list(args),
        cwd=str(ROOT),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_package_type_checks():
    result = mypy("TextMagic")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_strict_user_script_type_checks():
    result = mypy("--strict", "test/typing_sample.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_strict_user_script_runs():
    assert typing_sample.main() > 250


def test_a_type_error_in_user_code_is_caught(tmp_path):
    script = tmp_path / "wrong.py"
    script.write_text(
        "import TextMagic\n"
        "api = TextMagic.OutboundMessageSessionsApi()\n"
        "session = api.get_message_session(1)\n"
        "count: int = session.text\n"
        "TextMagic.MessageSession(colour='red')\n"
        "TextMagic.MessageSessions\n"
        "TextMagic.models.Modle\n"
        "port: int = TextMagic.Configuration().host\n"
        "TextMagic.Configuration().verify_ssl = 'no'\n"
    )
    result = mypy("--strict", str(script))
    assert result.returncode == 1
    assert (
        'Incompatible types in assignment (expression has type "str | None"'
        in result.stdout.replace("Optional[str]", "str | None")
    )
    assert "colour" in result.stdout
    # Settings are read, and assigned, as their types.
    assert 'expression has type "str", variable has type "int"' in result.stdout
    assert "wrong.py:9: error" in result.stdout
    # The names imported on first use are still checked like imports.
    assert 'Module has no attribute "MessageSessions"' in result.stdout
    assert 'Module has no attribute "Modle"' in result.stdout


def test_py_typed_is_shipped():
    assert (ROOT / "TextMagic" / "py.typed").is_file()
    assert 'package_data={"TextMagic": ["py.typed"]}' in (ROOT / "setup.py").read_text()
