"""The commands of the command line: each takes the API and the parsed arguments, prints
its answer (a table, or JSON with ``--json``) and returns the exit status."""

import argparse
import sys
from typing import Any, Callable, List, Sequence

import TextMagic
from TextMagic.cli_output import (
    Progress,
    _json_text,
    fields_table,
    messages_table,
    sessions_table,
)

_PAGE_SIZE_FOR_ALL = 100
_DEFAULT_LIMIT = 10


class UsageError(Exception):
    """A command line that cannot be run as given (exit status 2)."""


# -- output -----------------------------------------------------------------------------


def _emit(args: argparse.Namespace, data_json: Any, text: str) -> None:
    print(_json_text(data_json) if args.json else text)


def _page_or_walk(
    args: argparse.Namespace,
    what: str,
    fetch_page: Callable[[int, int], Any],
    table: Callable[..., str],
) -> None:
    """Show one page (``--page``/``--limit``), or stream every page from ``--page`` on
    (``--all``, pages of ``--limit`` items, 100 by default): table rows, or with ``--json``
    one JSON object per line (JSON Lines), printed as each page arrives.

    :param fetch_page: ``fetch_page(page, limit)`` returns a typed page.
    """
    if not args.all:
        page = fetch_page(args.page, args.limit or _DEFAULT_LIMIT)
        text = "%s\n(page %s of %s)" % (table(page.resources), page.page, page.page_count)
        if not page.resources and _beyond(page):
            text = "(page %s of %s: there is no such page; the last is %s)" % (
                page.page,
                page.page_count,
                page.page_count,
            )
        _emit(args, page.to_wire(), text)
        return
    size = args.limit or _PAGE_SIZE_FOR_ALL
    progress = Progress(what)
    pending: List[Any] = []
    widths: List[int] = []  # the first page's, kept so that rows stay aligned

    def flush() -> None:
        if args.json:
            lines = [_json_text(item.to_wire(), indent=None) for item in pending]
            text = "\n".join(lines)
        else:
            text = table(pending, widths=widths, show_header=not widths)
        del pending[:]
        if text:
            progress.clear()
            print(text, flush=True)

    try:
        first = fetch_page(args.page, size)  # --page says where the walk starts
        progress.page(first)
        # The pages after it come several at a time; rows go out a page's worth at once.
        for item in first.auto_paging_iter():
            pending.append(item)
            if len(pending) == size:
                flush()
                progress.add(size)
        flush()
    finally:
        progress.done()


def _beyond(page: Any) -> bool:
    """Whether a page's number is past the last page the list has."""
    number, count = page.page, page.page_count
    return isinstance(number, int) and isinstance(count, int) and number > count


def cmd_list(api: Any, args: argparse.Namespace) -> None:
    """``sessions list``"""
    _page_or_walk(
        args,
        "sessions",
        lambda page, limit: api.list_message_sessions(page=page, limit=limit),
        sessions_table,
    )


def cmd_get(api: Any, args: argparse.Namespace) -> None:
    """``sessions get``"""
    session = api.get_message_session(args.id)
    _emit(args, session.to_wire(), fields_table(session))


def cmd_stat(api: Any, args: argparse.Namespace) -> None:
    """``sessions stat``"""
    stat = api.get_message_session_stat(args.id, include_deleted=int(args.include_deleted))
    _emit(args, stat.to_wire(), fields_table(stat))


def cmd_messages(api: Any, args: argparse.Namespace) -> None:
    """``sessions messages``"""
    _page_or_walk(
        args,
        "messages",
        lambda page, limit: api.list_messages_by_session_id(
            args.id,
            page=page,
            limit=limit,
            statuses=args.statuses,
            include_deleted=int(args.include_deleted),
        ),
        messages_table,
    )


def cmd_delete(api: Any, args: argparse.Namespace) -> int:
    """``sessions delete``: asks first, naming the account, then reports what the API
    confirmed."""
    if bool(args.ids) == bool(args.all):
        raise UsageError("give session IDs or --all (not both)")
    configuration = api.api_client.configuration
    where = "as %s on %s" % (configuration.username, configuration.host)
    ids = list(dict.fromkeys(args.ids))  # each once, in the order given
    if args.all:
        question = (
            "Delete EVERY session of the account and their messages, %s? This cannot be "
            "undone. Type 'delete all' to confirm: " % where
        )
        agreed = args.yes or _answer(question) == "delete all"
    else:
        question = "Delete %s %s, %s? [y/N] " % (_count(len(ids), "session"), _ids(ids), where)
        agreed = args.yes or _answer(question).lower() in ("y", "yes")
    if not agreed:
        print("Nothing deleted.", file=sys.stderr)
        return 1
    if args.all:
        api.delete_message_sessions_bulk(TextMagic.DeleteMessageSessionsBulkInputObject(all=1))
        _emit(args, {"deleted": "all"}, "Deleted every session.")
    elif len(ids) == 1:
        api.delete_message_session(ids[0])  # a session that does not exist raises 404
        _emit(args, {"deleted": ids}, "Deleted session %d." % ids[0])
    else:
        api.delete_message_sessions_bulk(
            TextMagic.DeleteMessageSessionsBulkInputObject(ids=",".join(map(str, ids)))
        )
        _emit(
            args,
            {"requested": ids},
            "TextMagic accepted the deletion of sessions %s. (A bulk delete does not say "
            "which of them existed: ids that do not exist are not an error to the API.)"
            % _ids(ids),
        )
    return 0


def _count(number: int, noun: str) -> str:
    return "%d %s%s" % (number, noun, "" if number == 1 else "s")


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(str(i) for i in ids)


def _answer(question: str) -> str:
    sys.stderr.write(question)
    sys.stderr.flush()
    return sys.stdin.readline().strip()
