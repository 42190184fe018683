"""Packaging: runtime dependencies, metadata, the import surface."""

import pathlib
import re
import subprocess
import sys

import TextMagic

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_import_loads_only_the_allowed_runtime_packages():
    # What the allowed packages load themselves (urllib3's optional extras, say) is theirs;
    # importing the SDK on top of them must load nothing else from site-packages.
    code = (
        "import sys\n"
        "import urllib3, dateutil.parser, six, certifi\n"
        "before = set(sys.modules)\n"
        "import TextMagic, TextMagic.sandbox, TextMagic.cli\n"
        "c = TextMagic.ApiClient()\n"
        "TextMagic.MessageSession.from_wire({'startTime': '2020-01-01T00:00:00+0000'})"
        ".start_time\n"
        "for name in sorted(set(sys.modules) - before):\n"
        "    path = getattr(sys.modules[name], '__file__', None) or ''\n"
        "    if 'site-packages' in path or 'dist-packages' in path:\n"
        "        print(name.split('.')[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) <= {"TextMagic"}


def test_setup_declares_the_requirements_file():
    setup = (ROOT / "setup.py").read_text()
    pattern = re.search(r"VERSION = re.search\(r'(.*?)', read", setup).group(1)
    version_file = (ROOT / "TextMagic" / "_version.py").read_text()
    assert re.search(pattern, version_file).group(1) == TextMagic.__version__
    requirements = [
        line.strip() for line in (ROOT / "requirements.txt").read_text().split("\n") if line.strip()
    ]
    assert sorted(line.split()[0] for line in requirements) == [
        "certifi",
        "python-dateutil",
        "six",
        "urllib3",
    ]
    assert "install_requires=REQUIRES" in setup and 'python_requires=">=3.8"' in setup
    declared = re.search(r"REQUIRES = \[(.*?)\]", setup, re.S).group(1)
    assert re.findall(r'"([^"]+)"', declared) == requirements


def test_public_surface():
    for name in TextMagic.__all__:
        assert hasattr(TextMagic, name), name
    from TextMagic.api import OutboundMessageSessionsApi  # noqa: F401
    from TextMagic.models import (  # noqa: F401
        DeleteMessageSessionsBulkInputObject,
        GetMessageSessionStatResponse,
        MessageSession,
    )
    from TextMagic.rest import ApiException, RESTClientObject, RESTResponse  # noqa: F401


def test_readme_opens_with_the_two_commands():
    readme = (ROOT / "README.md").read_text().split("\n")
    block = readme[readme.index("```sh") + 1 : readme.index("```sh") + 3]
    assert block == [
        "python3 -m pip install . && python3 -m TextMagic demo",
        "python3 -m pip install -e . -r test-requirements.txt && python3 -m pytest",
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 -m pip install -e . -r test-requirements.txt" in ci
    assert "python3 -m pytest" in ci
