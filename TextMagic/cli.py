"""The command line: ``python -m TextMagic`` or ``textmagic``.

Exit status: 0 success, 1 an API or network error (or a declined deletion), 2 a usage
error. Credentials come from ``--username``/``--api-key``, else from
``TEXTMAGIC_USERNAME``/``TEXTMAGIC_API_KEY`` (and ``TEXTMAGIC_HOST``).
"""

import argparse
import contextlib
import json
import os
import sys
from pprint import pprint
from typing import Any, Callable, Iterator, List, Optional, Sequence, TextIO, Tuple

import TextMagic
from TextMagic._http import escape_controls
from TextMagic.configuration import ENV_API_KEY, ENV_HOST, ENV_USERNAME
from TextMagic.exceptions import ApiException
from TextMagic.pagination import iterate_pages

__all__ = ["main", "demo"]

_PAGE_SIZE_FOR_ALL = 100
_TEXT_WIDTH = 40


class UsageError(Exception):
    """A command line that cannot be run as given (exit status 2)."""


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


# -- output -----------------------------------------------------------------------------


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Align ``rows`` under ``headers``: numbers to the right, text to the left."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)
    ]
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
            for value, width, right in zip(values, widths, numeric)
        ]
        return "  ".join(parts).rstrip()

    return "\n".join([line(headers)] + [line(row) for row in cells])


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):  # prices: at least two decimals, at most four
        text = "%.4f" % value
        return text[:-2] + text[-2:].rstrip("0")
    text = escape_controls(" ".join(str(value).split()))
    return text if len(text) <= _TEXT_WIDTH else text[: _TEXT_WIDTH - 3] + "..."


def _when(model: Any, field: str) -> Any:
    value = getattr(model, field)
    return value.strftime("%Y-%m-%d %H:%M") if hasattr(value, "strftime") else value


def sessions_table(sessions: Sequence[Any]) -> str:
    """Sessions as an aligned table."""
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
    )


def messages_table(messages: Sequence[Any]) -> str:
    """Messages as an aligned table."""
    return format_table(
        ["ID", "STATUS", "RECEIVER", "NAME", "COUNTRY", "PRICE", "SENT (UTC)", "TEXT"],
        [
            [
                m.id,
                m.status,
                m.receiver,
                " ".join(part for part in (m.first_name, m.last_name) if part) or None,
                m.country,
                m.price,
                _when(m, "message_time"),
                m.text,
            ]
            for m in messages
        ],
    )


def fields_table(model: Any) -> str:
    """A model's fields, one per row."""
    return format_table(
        ["FIELD", "VALUE"], [[name, getattr(model, name)] for name in model.swagger_types]
    )


class Progress(object):
    """A one-line page counter on stderr, shown only when stderr is a terminal."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.count = 0
        self.shown = sys.stderr.isatty()

    def page(self, page: Any) -> Any:
        self.count += len(page.resources or [])
        if self.shown:
            sys.stderr.write(
                "\r%d %s fetched (page %s of %s)"
                % (self.count, self.what, page.page, page.page_count)
            )
            sys.stderr.flush()
        return page

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


# -- commands ---------------------------------------------------------------------------


_JSON_CONTROLS = {n: "\\u%04x" % n for n in range(0x7F, 0xA0)}


def _emit(args: argparse.Namespace, data_json: Any, text: str) -> None:
    if args.json:
        # JSON escapes C0 controls itself; DEL and C1 (U+009B is a terminal's CSI) too.
        print(json.dumps(data_json, indent=2, ensure_ascii=False).translate(_JSON_CONTROLS))
    else:
        print(text)


def _page_or_walk(
    args: argparse.Namespace,
    what: str,
    fetch_page: Callable[[int, int], Any],
    table: Callable[[Sequence[Any]], str],
) -> None:
    """Show one page (``--page``/``--limit``), or every page with a progress line (``--all``).

    :param fetch_page: ``fetch_page(page, limit)`` returns a typed page.
    """
    if args.all:
        progress = Progress(what)
        try:
            items = list(
                iterate_pages(lambda number: progress.page(fetch_page(number, _PAGE_SIZE_FOR_ALL)))
            )
        finally:
            progress.done()
        _emit(args, [item.to_wire() for item in items], table(items))
        return
    page = fetch_page(args.page, args.limit)
    text = "%s\n(page %s of %s)" % (table(page.resources or []), page.page, page.page_count)
    _emit(args, page.to_wire(), text)


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
    """``sessions delete``"""
    if bool(args.ids) == bool(args.all):
        raise UsageError("give session IDs or --all (not both)")
    what = (
        "ALL sessions and their messages"
        if args.all
        else "session%s %s"
        % ("s" if len(args.ids) > 1 else "", ", ".join(str(i) for i in args.ids))
    )
    if not args.yes and not _confirm("Delete %s? [y/N] " % what):
        print("Nothing deleted.", file=sys.stderr)
        return 1
    if args.all:
        api.delete_message_sessions_bulk(TextMagic.DeleteMessageSessionsBulkInputObject(all=1))
    elif len(args.ids) == 1:
        api.delete_message_session(args.ids[0])
    else:
        api.delete_message_sessions_bulk(
            TextMagic.DeleteMessageSessionsBulkInputObject(ids=args.ids)
        )
    _emit(args, {"deleted": "all" if args.all else args.ids}, "Deleted %s." % what)
    return 0


def _confirm(question: str) -> bool:
    sys.stderr.write(question)
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes")


# -- wiring -----------------------------------------------------------------------------


def _configuration(args: argparse.Namespace) -> "TextMagic.Configuration":
    if args.username or args.api_key:
        if not (args.username and args.api_key):
            raise UsageError("--username and --api-key go together")
        configuration = TextMagic.Configuration(
            host=args.host or os.environ.get(ENV_HOST) or None,
            username=args.username,
            password=args.api_key,
        )
    else:
        try:
            configuration = TextMagic.Configuration.from_env()
        except ValueError as error:
            raise UsageError(
                "%s (or pass --username and --api-key, or use --sandbox)" % error
            ) from None
        if args.host:
            configuration.host = args.host
    if args.proxy:
        configuration.proxy = args.proxy
    if args.ca_cert:
        if not os.path.isfile(args.ca_cert):
            raise UsageError("--ca-cert %s: no such file" % args.ca_cert)
        configuration.ssl_ca_cert = args.ca_cert
    return configuration


@contextlib.contextmanager
def _api(args: argparse.Namespace) -> Iterator[Any]:
    if args.sandbox:
        from TextMagic.sandbox import Sandbox

        with Sandbox() as sandbox, TextMagic.ApiClient(sandbox.configuration()) as client:
            yield TextMagic.OutboundMessageSessionsApi(client)
        return
    with TextMagic.ApiClient(_configuration(args)) as client:
        yield TextMagic.OutboundMessageSessionsApi(client)


def _run_demo(args: argparse.Namespace) -> int:
    if os.environ.get(ENV_USERNAME) and os.environ.get(ENV_API_KEY):
        configuration = TextMagic.Configuration.from_env()
        print(
            "Read-only walk-through against %s as %s" % (configuration.host, configuration.username)
        )
        demo(configuration, destructive=False)
        return 0
    from TextMagic.sandbox import Sandbox

    with Sandbox() as sandbox:
        print(
            "No %s/%s set: using a local sandbox at %s" % (ENV_USERNAME, ENV_API_KEY, sandbox.url)
        )
        demo(sandbox.configuration())
    return 0


def _page_limit(text: str) -> int:
    """``--limit``: 1 to 100, as TextMagic serves (it gives 10 for anything else)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("%r is not a whole number" % text) from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(
            "%d is not between 1 and 100 (TextMagic serves 10 for any other limit)" % value
        )
    return value


def build_parser() -> Tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """Return the argument parser of the whole command line."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of a table")
    common.add_argument(
        "--host",
        help="API base URL (default: $%s or %s)" % (ENV_HOST, TextMagic.Configuration().host),
    )
    common.add_argument("--username", help="TextMagic username (default: $%s)" % ENV_USERNAME)
    common.add_argument("--api-key", help="TextMagic API key (default: $%s)" % ENV_API_KEY)
    common.add_argument(
        "--proxy",
        help="proxy URL, e.g. http://user:pw@proxy:3128 (default: $HTTPS_PROXY, $HTTP_PROXY, "
        "$ALL_PROXY, unless $NO_PROXY names the host)",
    )
    common.add_argument(
        "--ca-cert",
        help="CA bundle to verify TLS against (default: $SSL_CERT_FILE, $REQUESTS_CA_BUNDLE "
        "or certifi's)",
    )
    common.add_argument(
        "--sandbox", action="store_true", help="run against a throwaway local sandbox instead"
    )

    parser = argparse.ArgumentParser(
        prog="textmagic",
        description="TextMagic Outbound Message Sessions from a shell.",
        epilog="Exit status: 0 success, 1 API or network error, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=TextMagic.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="walk through the six calls (against a local sandbox "
        "unless %s and %s are set)" % (ENV_USERNAME, ENV_API_KEY),
    )
    sessions = commands.add_parser("sessions", help="list, show, count and delete sessions")
    actions = sessions.add_subparsers(dest="action", metavar="ACTION")

    listing = actions.add_parser("list", parents=[common], help="list sessions")
    listing.add_argument("--page", type=int, default=1, help="page number (default 1)")
    listing.add_argument(
        "--limit", type=_page_limit, default=10, help="sessions per page, 1 to 100 (default 10)"
    )
    listing.add_argument("--all", action="store_true", help="every session, all pages")
    listing.set_defaults(run=cmd_list)

    getting = actions.add_parser("get", parents=[common], help="show one session")
    getting.add_argument("id", type=int, help="session ID")
    getting.set_defaults(run=cmd_get)

    stat = actions.add_parser("stat", parents=[common], help="delivery counts of a session")
    stat.add_argument("id", type=int, help="session ID")
    stat.add_argument("--include-deleted", action="store_true", help="count deleted messages")
    stat.set_defaults(run=cmd_stat)

    messages = actions.add_parser("messages", parents=[common], help="a session's messages")
    messages.add_argument("id", type=int, help="session ID")
    messages.add_argument("--statuses", help="only these delivery statuses, e.g. d,f")
    messages.add_argument("--include-deleted", action="store_true", help="include deleted messages")
    messages.add_argument("--page", type=int, default=1, help="page number (default 1)")
    messages.add_argument(
        "--limit", type=_page_limit, default=10, help="messages per page, 1 to 100 (default 10)"
    )
    messages.add_argument("--all", action="store_true", help="every message, all pages")
    messages.set_defaults(run=cmd_messages)

    delete = actions.add_parser(
        "delete", parents=[common], help="delete sessions and their messages"
    )
    delete.add_argument("ids", type=int, nargs="*", metavar="ID", help="session IDs")
    delete.add_argument("--all", action="store_true", help="delete every session")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(run=cmd_delete)
    return parser, sessions


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command line and return its exit status."""
    parser, sessions = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    if args.command == "sessions" and getattr(args, "run", None) is None:
        sessions.print_help()
        return 2
    try:
        if args.command == "demo":
            return _run_demo(args)
        with _api(args) as api:
            return args.run(api, args) or 0
    except UsageError as error:
        parser.exit(2, "textmagic: error: %s\n" % error)
    except (TypeError, ValueError) as error:
        parser.exit(2, "textmagic: error: %s\n" % error)
    except ApiException as error:
        print("textmagic: %s" % escape_controls(str(error)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
