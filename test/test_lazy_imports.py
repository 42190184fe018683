"""``import TextMagic`` brings the client, not the API class and the models: those come
when first named or first decoded. Each test runs in a fresh interpreter, where nothing
has been imported yet."""

import os
import pickle
import subprocess
import sys
import textwrap

import TextMagic

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ON_FIRST_USE = [
    "TextMagic.api",
    "TextMagic.api.outbound_message_sessions_api",
    "TextMagic.models.message_session",
    "TextMagic.models.message_out",
    "TextMagic.models.get_message_session_stat_response",
    "TextMagic.models.delete_message_sessions_bulk_input_object",
    "TextMagic.models.paginated_responses",
    "TextMagic.operation",
    "TextMagic.pagination",
]


def run_fresh(code, environment=None):
    """Run ``code`` in a new interpreter; return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=dict(os.environ, **(environment or {})),
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_import_and_a_client_leave_the_api_and_the_models_unimported():
    printed = run_fresh(
        """
        import sys
        import urllib3, dateutil
        before = set(sys.modules)
        import TextMagic
        TextMagic.ApiClient()
        print(" ".join(sorted(name for name in sys.modules if name.startswith("TextMagic"))))
        print(" ".join(sorted(set(sys.modules) - before - {"TextMagic"})))
        """
    )
    loaded, new = printed.splitlines()
    assert not set(ON_FIRST_USE) & set(loaded.split()), loaded
    assert "TextMagic.rest" in loaded.split() and "TextMagic.configuration" in loaded.split()
    # Of the standard library, only what urllib3 and dateutil did not load already and
    # the client needs: copy and numbers wait for a copy and a call.
    assert not {"copy", "numbers"} & set(new.split()), new


def test_every_public_name_is_there_when_asked_for():
    printed = run_fresh(
        """
        import TextMagic
        from TextMagic import *
        from TextMagic.models import *
        names = dir(TextMagic)
        missing = [n for n in TextMagic.__all__ if n not in names]
        print(missing, MessageSession.__module__, Page.__module__, Model.__module__)
        print(OutboundMessageSessionsApi is TextMagic.api.OutboundMessageSessionsApi)
        print(TextMagic.models.message_session.MessageSession is TextMagic.MessageSession)
        print(TextMagic.operation.MAX_PAGE_LIMIT, TextMagic.pagination.__name__)
        """
    )
    assert printed.splitlines() == [
        "[] TextMagic.models.message_session TextMagic.models.paginated_responses "
        "TextMagic.models.base",
        "True",
        "True",
        "100 TextMagic.pagination",
    ]


def test_unknown_names_raise_attribute_error():
    for module, name in ((TextMagic, "MessageSessions"), (TextMagic.models, "Model2")):
        try:
            getattr(module, name)
        except AttributeError as error:
            assert repr(name) in str(error) and module.__name__ in str(error)
        else:
            raise AssertionError("%s.%s exists" % (module.__name__, name))
    assert not hasattr(TextMagic, "cli_helpers")
    assert "MessageSession" in dir(TextMagic.models)


def test_a_generated_style_call_decodes_models_never_imported(sandbox):
    # call_api with a type name, as generated clients' users write it: the model's module
    # is imported by the decode that needs it.
    printed = run_fresh(
        """
        import sys
        import TextMagic
        client = TextMagic.ApiClient(TextMagic.Configuration(rate_limit=None))
        print("TextMagic.models.message_session" in sys.modules)
        session = client.call_api(
            "/api/v2/sessions/{id}", "GET", path_params={"id": 1},
            response_type="MessageSession", auth_settings=["BasicAuth"],
            _return_http_data_only=True,
        )
        page = client.call_api(
            "/api/v2/sessions/{id}/messages", "GET", path_params={"id": 1},
            response_type="GetMessagesBySessionIdPaginatedResponse",
            auth_settings=["BasicAuth"], _return_http_data_only=True,
        )
        print(type(session).__name__, session.id, type(page.resources[0]).__name__)
        print(client.deserialize_data({"all": 2}, "GetMessageSessionStatResponse").all)
        print(TextMagic.ApiClient.model_class("NoSuchModel"))
        """,
        {
            "TEXTMAGIC_HOST": sandbox.url,
            "TEXTMAGIC_USERNAME": sandbox.username,
            "TEXTMAGIC_API_KEY": sandbox.api_key,
        },
    )
    assert printed.splitlines() == ["False", "MessageSession 1 MessageOut", "2", "None"]


def test_a_pickled_model_unpickles_where_nothing_was_imported():
    session = TextMagic.MessageSession(id=3, text="hi", start_time="2020-01-01T00:00:00+0000")
    printed = run_fresh(
        """
        import pickle, sys
        session = pickle.loads(bytes.fromhex(sys.argv[1] if len(sys.argv) > 1 else "%s"))
        print(type(session).__module__, session.id, session.start_time.year)
        """
        % pickle.dumps(session).hex()
    )
    assert printed.split() == ["TextMagic.models.message_session", "3", "2020"]


def test_threads_naming_a_model_first_get_the_same_class():
    printed = run_fresh(
        """
        import threading
        import TextMagic
        found, start = [], threading.Barrier(16)
        def name_it():
            start.wait(10)
            found.append(TextMagic.GetAllMessageSessionsPaginatedResponse)
            found.append(TextMagic.OutboundMessageSessionsApi)
        threads = [threading.Thread(target=name_it) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        print(len(found), len(set(found)))
        """
    )
    assert printed.split() == ["32", "2"]
