"""What the command line prints: tables sized to the terminal, fields, JSON, the
progress of a long walk (never a control character a server sent), and the demo's tour
of the six calls."""

import json
import shutil
import sys
from pprint import pprint
from typing import Any, List, Optional, Sequence, TextIO

import TextMagic
from TextMagic._http import escape_controls

__all__ = [
    "STATUS_WORDS",
    "demo",
    "fields_table",
    "format_table",
    "messages_table",
    "sessions_table",
]

#: TextMagic's delivery status letters and what they mean.
STATUS_WORDS = {
    "q": "queued",
    "r": "sent",
    "a": "acknowledged",
    "b": "operator-queued",
    "s": "scheduled",
    "d": "delivered",
    "f": "failed",
    "e": "error",
    "j": "rejected",
    "u": "unknown",
}


def format_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Optional[List[int]] = None,
    show_header: bool = True,
    fit: bool = True,
) -> str:
    """Align ``rows`` under ``headers``: numbers to the right, text to the left.

    :param list widths: column widths to keep (a table printed page by page keeps the
        first page's); filled in place when empty, so the caller can pass them on.
    :param bool show_header: print the header line.
    :param bool fit: cut the last column so that rows fit the terminal's width (80
        columns when output is not a terminal; ``$COLUMNS`` wins).
    """
    cells = [[_cell(value) for value in row] for row in rows]
    if not widths:
        measured = [
            max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)
        ]
        if fit and len(headers) > 1:
            room = shutil.get_terminal_size().columns - sum(measured[:-1]) - 2 * (len(headers) - 1)
            measured[-1] = min(measured[-1], max(len(headers[-1]), room))
        if widths is None:
            widths = measured
        else:
            widths.extend(measured)
    if fit and cells:
        last = widths[-1]
        for row in cells:
            if len(row[-1]) > last:
                row[-1] = row[-1][: max(1, last - 3)] + "..."
    numeric = [
        bool(rows)
        and all(
            isinstance(row[i], (int, float)) and not isinstance(row[i], bool)
            for row in rows
            if row[i] is not None
        )
        for i in range(len(headers))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            value.rjust(width) if right else value.ljust(width)
            for value, width, right in zip(values, widths or [], numeric)
        ]
        return "  ".join(parts).rstrip()

    lines = ([line(headers)] if show_header else []) + [line(row) for row in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):  # prices: at least two decimals, at most four
        text = "%.4f" % value
        return text[:-2] + text[-2:].rstrip("0")
    return escape_controls(" ".join(str(value).split()))


def _status(letter: Any) -> Any:
    """A delivery status letter with its word: ``d delivered``."""
    word = STATUS_WORDS.get(letter) if isinstance(letter, str) else None
    return "%s %s" % (letter, word) if word else letter


def _when(model: Any, field: str) -> Any:
    value = getattr(model, field)
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value


def sessions_table(sessions: Sequence[Any], **layout: Any) -> str:
    """Sessions as an aligned table (``layout``: see :func:`format_table`)."""
    return format_table(
        ["ID", "STARTED (UTC)", "SOURCE", "DEST", "NUMBERS", "PRICE", "REFERENCE", "TEXT"],
        [
            [
                s.id,
                _when(s, "start_time"),
                s.source,
                s.destination,
                s.numbers_count,
                s.price,
                s.reference_id,
                s.text,
            ]
            for s in sessions
        ],
        **layout,
    )


def messages_table(messages: Sequence[Any], **layout: Any) -> str:
    """Messages as an aligned table (``layout``: see :func:`format_table`)."""
    return format_table(
        ["ID", "STATUS", "RECEIVER", "NAME", "COUNTRY", "PRICE", "SENT (UTC)", "TEXT"],
        [
            [
                m.id,
                _status(m.status),
                m.receiver,
                " ".join(part for part in (m.first_name, m.last_name) if part) or None,
                m.country,
                m.price,
                _when(m, "message_time"),
                m.text,
            ]
            for m in messages
        ],
        **layout,
    )


def fields_table(model: Any) -> str:
    """A model's fields, one per row, values in full."""
    return format_table(
        ["FIELD", "VALUE"],
        [[name, getattr(model, name)] for name in model.swagger_types],
        fit=False,
    )


class Progress(object):
    """A one-line page counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.count = 0
        self.pages: Any = "?"
        self.shown = sys.stderr.isatty()

    def page(self, page: Any) -> None:
        """Start counting: the first page says how many pages there are."""
        self.pages = page.page_count
        self.add(0)

    def add(self, count: int) -> None:
        """Count ``count`` more items shown."""
        self.count += count
        if self.shown:
            sys.stderr.write("\r%d %s so far (%s pages)" % (self.count, self.what, self.pages))
            sys.stderr.flush()

    def clear(self) -> None:
        """Wipe the counter line (before rows are printed under it)."""
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    done = clear


# -- commands ---------------------------------------------------------------------------


_JSON_CONTROLS = {n: "\\u%04x" % n for n in range(0x7F, 0xA0)}


def _json_text(data: Any, indent: Optional[int] = 2) -> str:
    # JSON escapes C0 controls itself; DEL and C1 (U+009B is a terminal's CSI) too.
    return json.dumps(data, indent=indent, ensure_ascii=False).translate(_JSON_CONTROLS)


def demo(
    configuration: "TextMagic.Configuration", out: TextIO = sys.stdout, destructive: bool = True
) -> None:
    """Walk through the six calls and pretty-print each answer.

    :param configuration: where to send them.
    :param out: the stream to print to.
    :param bool destructive: also make the two delete calls (only against a sandbox).
    """

    def show(title: str, value: Any) -> None:
        print("\n>>> %s" % title, file=out)
        pprint(value, stream=out)

    with TextMagic.ApiClient(configuration) as client:
        api = TextMagic.OutboundMessageSessionsApi(client)
        page = api.get_all_message_sessions(page=1, limit=3)
        show("api.get_all_message_sessions(page=1, limit=3)", page)
        if not page["resources"]:
            print("\nThe account has no sessions; nothing more to show.", file=out)
            return
        first = page["resources"][0]["id"]
        show("api.get_message_session(%d)" % first, api.get_message_session(first))
        show(
            "api.get_message_session_stat(%d, include_deleted=1)" % first,
            api.get_message_session_stat(first, include_deleted=1),
        )
        show(
            "api.get_messages_by_session_id(%d, limit=2, statuses='d,f')" % first,
            api.get_messages_by_session_id(first, limit=2, statuses="d,f"),
        )
        if not destructive:
            print("\n(the two delete calls are skipped against a real account)", file=out)
            return
        show("api.delete_message_session(%d)" % first, api.delete_message_session(first))
        ids = ",".join(str(item["id"]) for item in page["resources"][1:])
        body = TextMagic.DeleteMessageSessionsBulkInputObject(ids=ids)
        show(
            "api.delete_message_sessions_bulk(%r)" % body,
            api.delete_message_sessions_bulk(body, x_ignore_null_values=True),
        )
        try:
            api.get_message_session(first)
        except TextMagic.NotFoundException as error:
            show("api.get_message_session(%d) after deleting it" % first, error)
