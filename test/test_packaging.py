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
    block = readme[readme.index("```sh") + 1 : readme.index("```sh") + 4]
    venv = "python3 -m venv .venv && . .venv/bin/activate && "
    assert block == [
        venv + "python -m pip install . && python -m TextMagic demo",
        venv + "python -m pip install -U pip && python -m pip install -e . -r test-requirements.txt"
        " --config-settings editable_mode=strict && python -m pytest",
        "```",
    ]
    ci = (ROOT / ".ci" / "run").read_text()
    for command in block[:2]:
        assert "if ! { %s; }; then" % command in ci  # CI runs it as written, stops if it fails


def requirement_minimums(text):
    """``name -> minimum version`` of requirement lines such as ``urllib3 >= 1.26.5, < 3``."""
    found = {}
    for line in text.split("\n"):
        match = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(?:>=|==)\s*([0-9][^,\s]*)", line)
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_oldest_deps_pins_are_the_declared_minimums():
    declared = requirement_minimums((ROOT / "requirements.txt").read_text())
    pinned = requirement_minimums((ROOT / "test" / "oldest-requirements.txt").read_text())
    assert pinned == declared
    tox = (ROOT / "tox.ini").read_text()
    assert "-r test/oldest-requirements.txt" in tox


def markdown_files():
    return [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))


def test_install_lines_name_only_this_distribution():
    setup = (ROOT / "setup.py").read_text()
    name = re.search(r'\bname="([^"]+)"', setup).group(1)
    assert name.lower() not in ("textmagic",)  # the index's textmagic is another project
    assert "`%s`" % name in (ROOT / "README.md").read_text()
    for page in markdown_files():
        for line in page.read_text().split("\n"):
            if "pip install" not in line:
                continue
            for command in line.split("#")[0].split("pip install")[1:]:
                words = command.split("&&")[0].split()
                if words[:2] in (["-U", "pip"], ["--upgrade", "pip"]):
                    continue  # pip upgrading itself
                for index, word in enumerate(words):
                    option_argument = index > 0 and words[index - 1] in (
                        "-r",
                        "-c",
                        "-e",
                        "--config-settings",
                    )
                    word = word.strip("\"'")
                    if word.startswith("-") or word.split("[")[0] == "." or option_argument:
                        continue  # an option, or this checkout (with extras)
                    assert word.split("[")[0].lower() == name, "%s: %s" % (page.name, line)


def test_ci_runs_every_tox_environment_and_the_readme_lists_them():
    tox = (ROOT / "tox.ini").read_text()
    envlist = re.search(r"envlist = (.*?)\n(?=\S)", tox, re.S).group(1)
    environments = [word.strip() for word in envlist.replace("\n", " ").split(",")]
    assert "skip_missing_interpreters = false" in tox
    pythons = ["py3%d" % minor for minor in range(8, 16)]
    assert set(pythons + ["urllib3-1", "urllib3-260", "oldest-deps"]) <= set(environments)
    ci = (ROOT / ".ci" / "run").read_text()
    tox_line = [line for line in ci.split("\n") if "-m tox" in line]
    assert len(tox_line) == 1 and " -e " not in tox_line[0]  # the whole envlist
    readme = (ROOT / "README.md").read_text()
    matrix = readme[readme.index("## Support matrix") : readme.index("## Changelog")]
    for environment in environments:
        if environment not in pythons:
            assert "`%s`" % environment in matrix, environment
    assert "`py38` to `py315`" in matrix
    for minor in range(8, 16):
        assert "3.%d" % minor in matrix
    setup = (ROOT / "setup.py").read_text()
    for minor in range(8, 16):
        assert '"Programming Language :: Python :: 3.%d"' % minor in setup
