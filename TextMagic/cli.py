"""The command line: ``python -m TextMagic demo``."""

import argparse
import os
import sys
from pprint import pprint

import TextMagic
from TextMagic.configuration import ENV_API_KEY, ENV_USERNAME
from TextMagic.exceptions import ApiException

__all__ = ["main", "demo"]



def demo(configuration, out=sys.stdout, destructive=True):
    """Walk through the six calls and pretty-print each answer.

    :param configuration: where to send them.
    :param out: the stream to print to.
    :param bool destructive: also make the two delete calls (only against a sandbox).
    """
    def show(title, value):
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
        show("api.get_message_session_stat(%d, include_deleted=1)" % first,
             api.get_message_session_stat(first, include_deleted=1))
        show("api.get_messages_by_session_id(%d, limit=2, statuses='d,f')" % first,
             api.get_messages_by_session_id(first, limit=2, statuses="d,f"))
        if not destructive:
            print("\n(the two delete calls are skipped against a real account)", file=out)
            return
        show("api.delete_message_session(%d)" % first, api.delete_message_session(first))
        ids = ",".join(str(item["id"]) for item in page["resources"][1:])
        body = TextMagic.DeleteMessageSessionsBulkInputObject(ids=ids)
        show("api.delete_message_sessions_bulk(%r)" % body,
             api.delete_message_sessions_bulk(body, x_ignore_null_values=True))
        try:
            api.get_message_session(first)
        except TextMagic.NotFoundException as error:
            show("api.get_message_session(%d) after deleting it" % first, error)


def _run_demo(args):
    if os.environ.get(ENV_USERNAME) and os.environ.get(ENV_API_KEY):
        configuration = TextMagic.Configuration.from_env()
        print("Read-only walk-through against %s as %s" % (configuration.host,
                                                          configuration.username))
        demo(configuration, destructive=False)
        return 0
    from TextMagic.sandbox import Sandbox

    with Sandbox() as sandbox:
        print("No %s/%s set: using a local sandbox at %s" % (ENV_USERNAME, ENV_API_KEY,
                                                           sandbox.url))
        demo(sandbox.configuration())
    return 0


def main(argv=None):
    """Run the command line and return its exit status."""
    parser = argparse.ArgumentParser(prog="python -m TextMagic",
                                     description="TextMagic Outbound Message Sessions SDK")
    parser.add_argument("--version", action="version", version=TextMagic.__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "demo", help="walk through the six calls (against a local sandbox unless "
                     "%s and %s are set)" % (ENV_USERNAME, ENV_API_KEY))
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return _run_demo(args)
    except ApiException as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
