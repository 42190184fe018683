"""Write under every Python example of README.md and docs/ what it prints against a fresh
sandbox: ``python -m test.update_doc_outputs``. A block already there that still matches
(``...`` standing for any text) is kept as it is, so hand-made elisions survive; long
outputs are shortened with ``...``. test_docs.py checks the pages against the examples.
"""

import re

from test.test_docs import BLOCK, PAGES, PRINTS, matches, run_against_sandbox

_SHOWN = re.compile(r"\s*" + re.escape(PRINTS) + r"\n\n```text\n(.*?)^```", re.S | re.M)
_LONGEST = 24


def shortened(printed):
    lines = printed.splitlines(keepends=True)
    if len(lines) <= _LONGEST:
        return printed
    return "".join(lines[:12] + ["...\n"] + lines[-4:])


def update(page):
    text = page.read_text(encoding="utf-8")
    pieces, position = [], 0
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 2
        printed, _ = run_against_sandbox(page, line, match.group(1))
        pieces.append(text[position : match.end()])
        position = match.end()
        shown = _SHOWN.match(text, position)
        if shown is not None:
            position = shown.end()
            if printed and matches(shown.group(1), printed):
                pieces.append(shown.group(0))
                continue
        if printed:
            pieces.append("\n\n%s\n\n```text\n%s```" % (PRINTS, shortened(printed)))
    pieces.append(text[position:])
    updated = "".join(pieces)
    if updated != text:
        page.write_text(updated, encoding="utf-8")
        print("updated", page.name)


if __name__ == "__main__":
    for page in PAGES:
        update(page)
