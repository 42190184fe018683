"""Every Python example in README.md and docs/ runs, unchanged but for the host, against
a sandbox that accepts the examples' placeholder credentials."""

import contextlib
import io
import os
import pathlib
import re

import pytest

import TextMagic
from TextMagic.sandbox import Sandbox

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Frameworks.md holds whole applications, run by test_frameworks.py in their own processes.
PAGES = [ROOT / "README.md"] + sorted(
    page for page in (ROOT / "docs").glob("*.md") if page.name != "Frameworks.md"
)
# A verbatim copy of the user's specification page, whose examples must run as written.
SEED = ROOT / "test" / "seed" / "OutboundMessageSessionsApi.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def examples(pages=PAGES):
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            found.append(
                pytest.param(
                    page, line, match.group(1), id="%s:%d" % (page.relative_to(ROOT), line)
                )
            )
    return found


def test_the_api_page_has_an_example_per_endpoint():
    page = (ROOT / "docs" / "OutboundMessageSessionsApi.md").read_text(encoding="utf-8")
    for name in (
        "delete_message_session",
        "delete_message_sessions_bulk",
        "get_all_message_sessions",
        "get_message_session",
        "get_message_session_stat",
        "get_messages_by_session_id",
    ):
        assert "api_instance.%s(" % name in page
    assert "All URIs are relative to *https://rest.textmagic.com*" in page
    assert len(BLOCK.findall(page)) == 7


#: The sandbox address the pages tell readers to use; a test sandbox's is shown as it.
SHOWN_HOST = "http://127.0.0.1:8080"
#: What introduces an example's printed output on a page.
PRINTS = "Prints (against a fresh sandbox):"


def run_against_sandbox(page, line, code):
    """Run an example as the pages tell readers to: a fresh sandbox that accepts the
    examples' placeholder credentials, ``TEXTMAGIC_HOST`` pointing at it."""
    with Sandbox(username="YOUR_USERNAME", api_key="YOUR_PASSWORD") as sandbox:
        saved = os.environ.get("TEXTMAGIC_HOST")
        os.environ["TEXTMAGIC_HOST"] = sandbox.url
        output = io.StringIO()
        try:
            with contextlib.redirect_stdout(output):
                exec(compile(code, "%s:%d" % (page.name, line), "exec"), {"__name__": "__main__"})
        finally:
            if saved is None:
                del os.environ["TEXTMAGIC_HOST"]
            else:
                os.environ["TEXTMAGIC_HOST"] = saved
        return output.getvalue().replace(sandbox.url, SHOWN_HOST), sandbox.requests


def shown_output(page_text, block_end):
    """The output a page shows under the example ending at ``block_end``, or None."""
    match = re.compile(r"\s*" + re.escape(PRINTS) + r"\n\n```text\n(.*?)^```", re.S | re.M).match(
        page_text, block_end
    )
    return match.group(1) if match else None


def matches(shown, printed):
    """Whether ``printed`` is what the page shows: ``...`` stands for any text (a line
    of its own, for any lines)."""
    pattern = "".join(
        "(?:.*\n)*?" if part == "...\n" else ".*?" if part == "..." else re.escape(part)
        for part in re.split(r"(^\.\.\.\n|\.\.\.)", shown, flags=re.M)
    )
    return re.fullmatch(pattern, printed) is not None


def printed_examples(pages=PAGES):
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 2
            shown = shown_output(text, match.end())
            found.append(
                pytest.param(
                    page,
                    line,
                    match.group(1),
                    shown,
                    id="%s:%d" % (page.relative_to(ROOT), line),
                )
            )
    return found


@pytest.mark.parametrize("page, line, code, shown", printed_examples())
def test_example_prints_what_the_page_shows(page, line, code, shown):
    printed, _ = run_against_sandbox(page, line, code)
    if shown is None:
        assert printed == "", "%s:%d prints output its page does not show" % (page.name, line)
    else:
        assert matches(shown, printed), "%s:%d printed:\n%s" % (page.name, line, printed)


@pytest.mark.parametrize("page", [p for p in PAGES if BLOCK.search(p.read_text("utf-8"))])
def test_each_page_says_how_to_run_its_examples(page):
    text = page.read_text(encoding="utf-8")
    first_example = BLOCK.search(text).start()
    note = text.find("python -m TextMagic.sandbox --username YOUR_USERNAME")
    assert 0 <= note < first_example, page.name
    assert "TEXTMAGIC_HOST=%s" % SHOWN_HOST in text[:first_example]


def test_only_examples_said_to_delete_do():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            if "delete_message_session" in match.group(1):
                before = text[max(0, match.start() - 400) : match.start()].lower()
                assert "deletes" in before, "%s: an example deletes unannounced" % page.name


@pytest.mark.parametrize("page, line, code", examples())
def test_example_runs(page, line, code):
    output, _ = run_against_sandbox(page, line, code)
    assert "Exception when calling" not in output, output


@pytest.mark.parametrize("page, line, code", examples([SEED]))
def test_seed_example_runs_as_written(page, line, code):
    # The one change: the seed writes JSON's `true` where Python needs `True`.
    code = code.replace("x_ignore_null_values = true", "x_ignore_null_values = True")
    output, requests = run_against_sandbox(page, line, code)
    assert len(requests) == 1
    assert requests[0].headers.get("Authorization")


SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def command_line_examples():
    text = (ROOT / "docs" / "CommandLine.md").read_text(encoding="utf-8")
    return [
        line
        for block in SHELL_BLOCK.findall(text)
        for line in block.splitlines()
        if line.startswith("textmagic ")
    ]


@pytest.mark.parametrize("command", command_line_examples())
def test_command_line_example_runs(command):
    import os
    import shlex
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTMAGIC_")}
    args = [sys.executable, "-m", "TextMagic"] + shlex.split(command)[1:]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def command_line_transcripts():
    text = (ROOT / "docs" / "CommandLine.md").read_text(encoding="utf-8")
    transcripts = []
    for block in re.findall(r"^```text\n(.*?)^```", text, re.S | re.M):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = part.partition("\n")
            transcripts.append(pytest.param(command, output.strip("\n"), id=command))
    return transcripts


@pytest.mark.parametrize("command, expected", command_line_transcripts())
def test_command_line_sample_output_is_what_it_prints(command, expected):
    import os
    import shlex
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTMAGIC_")}
    env["COLUMNS"] = "80"  # the page shows an 80-column terminal
    args = [sys.executable, "-m", "TextMagic"] + shlex.split(command)[1:]
    result = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env)
    assert result.stdout.rstrip("\n") == expected


def _anchors(page):
    """The heading anchors GitHub makes for ``page`` (code blocks left out)."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    anchors, seen = set(), {}
    for heading in re.findall(r"^#+\s+(.*?)\s*$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        anchors.add(slug if count == 0 else "%s-%d" % (slug, count))
    return anchors


def _links():
    found = []
    for page in [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md")):
        text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            found.append(pytest.param(page, target, id="%s->%s" % (page.name, target)))
    return found


@pytest.mark.parametrize("page, target", _links())
def test_link_resolves(page, target):
    assert not target.startswith(("http://", "https://")), "no checkable offline: %s" % target
    path, _, anchor = target.partition("#")
    destination = (page.parent / path).resolve() if path else page
    assert destination.is_file(), "%s links to a missing file %s" % (page.name, path)
    if anchor:
        assert anchor in _anchors(destination), "%s: no heading #%s in %s" % (
            page.name,
            anchor,
            destination.name,
        )


def test_the_readme_configuration_table_lists_every_setting():

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set(re.findall(r"^\| `(\w+)` \|", table, re.M))
    # Settings behind properties are stored as _host, _debug, _logger_file.
    settings = {name.lstrip("_") for name in vars(TextMagic.Configuration())}
    assert not settings - listed, sorted(settings - listed)
