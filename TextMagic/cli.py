"""The command line: ``python -m TextMagic`` or ``textmagic``.

Exit status: 0 success, 1 an API or network error (or a declined deletion), 2 a usage
error. Credentials come from ``--username``/``--api-key``, else from
``TEXTMAGIC_USERNAME``/``TEXTMAGIC_API_KEY`` (and ``TEXTMAGIC_HOST``).
"""

import argparse
import contextlib
import os
import signal
import sys
from typing import Any, Callable, Iterator, List, Optional, Tuple

import TextMagic
from TextMagic._http import escape_controls
from TextMagic.cli_commands import (  # noqa: F401 - also importable from here
    UsageError,
    cmd_delete,
    cmd_get,
    cmd_list,
    cmd_messages,
    cmd_stat,
)
from TextMagic.cli_output import (  # noqa: F401 - also importable from here
    STATUS_WORDS,
    Progress,
    _json_text,
    demo,
    fields_table,
    format_table,
    messages_table,
    sessions_table,
)
from TextMagic.configuration import (
    DEFAULT_HOST,
    ENV_API_KEY,
    ENV_HOST,
    ENV_USERNAME,
    MAX_SECONDS,
)
from TextMagic.exceptions import ApiException, UnauthorizedException

__all__ = ["main", "demo"]

_STATUS_LEGEND = "delivery statuses:\n" + "\n".join(
    "  %s  %s" % pair
    for pair in (
        ("q", "queued at TextMagic"),
        ("r", "sent to the operator"),
        ("a", "acknowledged by the operator"),
        ("b", "queued by the operator"),
        ("s", "scheduled"),
        ("d", "delivered"),
        ("f", "delivery failed"),
        ("e", "sending error"),
        ("j", "rejected by the operator"),
        ("u", "unknown"),
    )
)


def _configuration(args: argparse.Namespace, base: Any = None) -> "TextMagic.Configuration":
    """The configuration of a command: ``base`` (the sandbox's) or the environment's
    ``TEXTMAGIC_*`` settings, each overridden by the option given explicitly."""
    if base is None:
        configuration = TextMagic.Configuration()
    else:
        configuration = base
    if args.host:
        configuration.host = args.host
    if args.username:
        configuration.username = args.username
    if args.api_key:
        configuration.password = args.api_key
    if not (configuration.username and configuration.password):
        missing = [
            "--username (or $%s)" % ENV_USERNAME if not configuration.username else None,
            "--api-key (or $%s)" % ENV_API_KEY if not configuration.password else None,
        ]
        raise UsageError(
            "no credentials: give %s, or use --sandbox" % " and ".join(m for m in missing if m)
        )
    if args.timeout:
        configuration.timeout = args.timeout
    if args.allow_insecure_http:
        configuration.allow_insecure_http = True
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

        with Sandbox() as sandbox:
            configuration = _configuration(args, sandbox.configuration())
            with TextMagic.ApiClient(configuration) as client:
                yield TextMagic.OutboundMessageSessionsApi(client)
        return
    with TextMagic.ApiClient(_configuration(args)) as client:
        yield TextMagic.OutboundMessageSessionsApi(client)


def _run_demo(args: argparse.Namespace) -> int:
    """The demo, with the options every command takes: against a local sandbox with
    ``--sandbox`` (or when no credentials are given at all), else read-only against the
    account the options and environment name."""
    named = args.username or args.api_key or args.host
    from_env = os.environ.get(ENV_USERNAME) and os.environ.get(ENV_API_KEY)
    if args.sandbox or not (named or from_env):
        from TextMagic.sandbox import Sandbox

        with Sandbox() as sandbox:
            configuration = _configuration(args, sandbox.configuration())
            if args.sandbox:
                print("Walk-through against a local sandbox at %s" % configuration.host)
            else:
                print(
                    "No %s/%s set: using a local sandbox at %s"
                    % (ENV_USERNAME, ENV_API_KEY, configuration.host)
                )
            demo(configuration)
        return 0
    configuration = _configuration(args)
    print("Read-only walk-through against %s as %s" % (configuration.host, configuration.username))
    demo(configuration, destructive=False)
    return 0


def _positive(what: str) -> Callable[[str], int]:
    """An argument type: a whole number of 1 or more, refused in the CLI's own words."""

    def parse(text: str) -> int:
        if not text.isascii() or not text.isdigit() or len(text) > 18 or int(text) < 1:
            raise argparse.ArgumentTypeError("%s must be a whole number of 1 or more" % what)
        return int(text)

    return parse


def _seconds(text: str) -> float:
    """``--timeout``: seconds above 0, at most what the ``timeout`` setting takes."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("--timeout must be a number of seconds") from None
    if not 0 < value <= MAX_SECONDS:
        raise argparse.ArgumentTypeError(
            "--timeout must be a number of seconds above 0 and at most %g" % MAX_SECONDS
        )
    return value


def _page_limit(text: str) -> int:
    """``--limit``: 1 to 100, as TextMagic serves (it gives 10 for anything else)."""
    if not text.isascii() or not text.isdigit() or not 1 <= int(text[:4]) <= 100:
        raise argparse.ArgumentTypeError(
            "--limit must be between 1 and 100 (TextMagic serves 10 for any other limit)"
        )
    return int(text)


def _connection_options(suppress: bool) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name: with ``suppress``, an
    option not given leaves alone what an earlier level of the command line set."""

    def default(value: Any) -> Any:
        return argparse.SUPPRESS if suppress else value

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=default(False), help="print JSON instead of a table"
    )
    common.add_argument(
        "--host",
        default=default(None),
        help="API base URL (default: $%s or %s)" % (ENV_HOST, DEFAULT_HOST),
    )
    common.add_argument(
        "--username", default=default(None), help="TextMagic username (default: $%s)" % ENV_USERNAME
    )
    common.add_argument(
        "--api-key", default=default(None), help="TextMagic API key (default: $%s)" % ENV_API_KEY
    )
    common.add_argument(
        "--timeout",
        type=_seconds,
        default=default(None),
        help="seconds to wait for a connection and for each read (default 10 and 60)",
    )
    common.add_argument(
        "--proxy",
        default=default(None),
        help="proxy URL, e.g. http://user:pw@proxy:3128 (default: $HTTPS_PROXY, $HTTP_PROXY, "
        "$ALL_PROXY, unless $NO_PROXY names the host)",
    )
    common.add_argument(
        "--ca-cert",
        default=default(None),
        help="CA bundle to verify TLS against (default: $SSL_CERT_FILE, $REQUESTS_CA_BUNDLE "
        "or certifi's)",
    )
    common.add_argument(
        "--sandbox",
        action="store_true",
        default=default(False),
        help="run against a throwaway local sandbox (options given explicitly still win)",
    )
    common.add_argument(
        "--allow-insecure-http",
        action="store_true",
        default=default(False),
        help="send the credentials over plain http:// to a host that is not this machine "
        "(refused otherwise)",
    )
    return common


def _paging_options(parser: argparse.ArgumentParser, items: str) -> None:
    """``--page``, ``--limit`` and ``--all`` of a listing command."""
    parser.add_argument(
        "--page", type=_positive("--page"), default=1, help="page number (default 1)"
    )
    parser.add_argument(
        "--limit",
        type=_page_limit,
        default=None,
        help="%s per page, 1 to 100 (default 10; with --all, 100)" % items,
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="every one of the %s, page after page, printed as pages arrive (--json: one "
        "JSON object per line)" % items,
    )


def build_parser() -> Tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """Return the argument parser of the whole command line."""
    common = _connection_options(suppress=True)

    parser = argparse.ArgumentParser(
        prog="textmagic",
        description="TextMagic Outbound Message Sessions from a shell. Options such as "
        "--sandbox, --host or --json go before or after the command.",
        epilog="Exit status: 0 success, 1 API or network error, 2 usage error, "
        "130 interrupted, 141 output pipe closed.",
        parents=[_connection_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=TextMagic.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo",
        help="walk through the six calls (against a local sandbox with --sandbox, or "
        "when no credentials are given; read-only against an account)",
    )
    sessions = commands.add_parser(
        "sessions", parents=[common], help="list, show, count and delete sessions"
    )
    actions = sessions.add_subparsers(dest="action", metavar="ACTION")

    listing = actions.add_parser("list", parents=[common], help="list sessions")
    _paging_options(listing, "sessions")
    listing.set_defaults(run=cmd_list)

    getting = actions.add_parser("get", parents=[common], help="show one session")
    getting.add_argument("id", type=_positive("ID"), help="session ID")
    getting.set_defaults(run=cmd_get)

    stat = actions.add_parser("stat", parents=[common], help="delivery counts of a session")
    stat.add_argument("id", type=_positive("ID"), help="session ID")
    stat.add_argument("--include-deleted", action="store_true", help="count deleted messages")
    stat.set_defaults(run=cmd_stat)

    messages = actions.add_parser(
        "messages",
        parents=[common],
        help="a session's messages",
        epilog=_STATUS_LEGEND,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    messages.add_argument("id", type=_positive("ID"), help="session ID")
    messages.add_argument(
        "--statuses", help="only these delivery statuses, e.g. d,f (letters below)"
    )
    messages.add_argument("--include-deleted", action="store_true", help="include deleted messages")
    _paging_options(messages, "messages")
    messages.set_defaults(run=cmd_messages)

    delete = actions.add_parser(
        "delete", parents=[common], help="delete sessions and their messages"
    )
    delete.add_argument("ids", type=_positive("ID"), nargs="*", metavar="ID", help="session IDs")
    delete.add_argument("--all", action="store_true", help="delete every session")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    delete.set_defaults(run=cmd_delete)
    return parser, sessions


def command() -> None:
    """The ``textmagic`` program and ``python -m TextMagic``: :func:`main` in a process of
    its own, which Ctrl-C ends at once with exit status 130."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _end_on_interrupt)
    sys.exit(main())


def _end_on_interrupt(signum: int, frame: Any) -> None:
    # Not a KeyboardInterrupt unwinding through the transport: CPython raises it after
    # whichever call ran when the signal came, and after the call that takes the lock of
    # urllib3's connection pool queue, the lock stays taken and the unwinding waits for
    # it forever (or fails). Rows were flushed page by page: nothing printed is lost.
    try:
        if os.isatty(2):
            os.write(2, b"\r\033[K")  # the page counter's line, as Progress.done wipes it
    except OSError:
        pass
    os._exit(130)


def _credentials_hint(args: argparse.Namespace) -> str:
    """What a 401 asks of the user, and where the credentials it sent came from."""
    if args.sandbox and not (args.username or args.api_key):
        return "the sandbox refused its own credentials: is --host pointing elsewhere?"
    sources = [
        "--username" if args.username else "$%s" % ENV_USERNAME,
        "--api-key" if args.api_key else "$%s" % ENV_API_KEY,
    ]
    return "check the username and API key (taken from %s and %s)" % tuple(sources)


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
        text = str(error).replace(
            "set configuration.allow_insecure_http = True", "give --allow-insecure-http"
        )
        parser.exit(2, "textmagic: error: %s\n" % text)
    except ApiException as error:
        print("textmagic: %s" % escape_controls(error.summary()), file=sys.stderr)
        if isinstance(error, UnauthorizedException):
            print("textmagic: %s" % _credentials_hint(args), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as a tool killed by SIGPIPE
        # would, and keep Python from complaining while it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
