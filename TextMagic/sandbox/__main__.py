"""``python -m TextMagic.sandbox``: run the sandbox in the foreground."""

import argparse
import ssl
import sys
from typing import List, Optional

from TextMagic.sandbox.server import (
    DEFAULT_API_KEY,
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_RATE_LIMIT,
    DEFAULT_USERNAME,
    Sandbox,
)


def build_parser() -> argparse.ArgumentParser:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m TextMagic.sandbox",
        description="Run a local TextMagic-compatible server for the Outbound Message "
        "Sessions API (in-memory data, reset at every start).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument("--username", default=DEFAULT_USERNAME, help="username to accept")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="API key to accept")
    parser.add_argument("--sessions", type=int, default=300, help="sessions to seed")
    parser.add_argument("--seed", type=int, default=2019, help="random seed of the data")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument(
        "--rate-limit",
        type=float,
        default=DEFAULT_RATE_LIMIT,
        help="requests per second per account before 429, as TextMagic's ceiling "
        "(default %(default)s; 0 for none)",
    )
    parser.add_argument(
        "--tls-cert", metavar="FILE", help="serve HTTPS with this certificate chain (PEM)"
    )
    parser.add_argument(
        "--tls-key", metavar="FILE", help="the certificate's private key (PEM), if not in it"
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=DEFAULT_MAX_CONNECTIONS,
        help="connections served at once; more are answered 503 (default %(default)s)",
    )
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    """Parse the command line, serve until interrupted, return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.tls_key and not args.tls_cert:
        parser.error("--tls-key needs --tls-cert")
    context = None
    if args.tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        try:
            context.load_cert_chain(args.tls_cert, args.tls_key)
        except (OSError, ssl.SSLError) as error:
            parser.exit(1, "cannot load the TLS certificate: %s\n" % error)
    try:
        sandbox = Sandbox(
            host=args.host,
            port=args.port,
            username=args.username,
            api_key=args.api_key,
            sessions=args.sessions,
            seed=args.seed,
            quiet=args.quiet,
            rate_limit=args.rate_limit or None,
            ssl_context=context,
            max_connections=args.max_connections,
        )
    except (OSError, ValueError) as error:
        parser.exit(1, "cannot listen on %s:%d: %s\n" % (args.host, args.port, error))
    print("TextMagic sandbox listening on %s" % sandbox.url)
    print("  configuration.host     = %r" % sandbox.url)
    print("  configuration.username = %r" % sandbox.username)
    print("  configuration.password = %r" % sandbox.api_key)
    print("or, for every Configuration() made in a shell:")
    print(
        "  export TEXTMAGIC_HOST=%s TEXTMAGIC_USERNAME=%s TEXTMAGIC_API_KEY=%s"
        % (sandbox.url, sandbox.username, sandbox.api_key)
    )
    print("Press Ctrl+C to stop.", flush=True)
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
