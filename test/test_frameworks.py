"""The Flask and Django applications of docs/Frameworks.md, run as printed there through
pytest, each in its own process (Django configures itself once per process) and in a
directory with no conftest: their tests use the SDK's installed pytest plugin."""

import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "Frameworks.md"


def applications():
    blocks = re.findall(r"^```python\n(.*?)^```", PAGE.read_text(encoding="utf-8"), re.S | re.M)
    return {re.match(r'"""(\w+)\.py', block).group(1): block for block in blocks}


@pytest.mark.parametrize("name, count", [("flask_sessions", 6), ("django_sessions", 4)])
def test_applications_tests_pass_under_pytest(tmp_path, name, count):
    script = tmp_path / ("test_" + name + ".py")
    script.write_text(applications()[name], encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-W",
            "error",
            str(script),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "%d passed" % count in result.stdout
