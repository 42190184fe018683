"""Instruction counts under callgrind: repeatable where timings on a shared machine are not.

``python -m test.benchmarks.instructions`` runs each workload under
``valgrind --tool=callgrind`` twice, with 0 and with N operations after the same warm-up,
and reports (instructions with N - instructions with 0) / N: the cost of one operation,
start-up and warm-up divided out. ``PYTHONHASHSEED=0`` keeps runs alike. Needs valgrind
(``apt-get install valgrind``); without it, it says so and reports nothing.

``python -m test.benchmarks.instructions WORKLOAD N URL`` is one such run (what valgrind
is given).
"""

import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WARM_UP = 20
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


# -- the workloads: each returns a function doing one operation --------------------------


def _headers(configuration):
    return {
        "User-Agent": "TextMagic-Python/%s" % __import__("TextMagic").__version__,
        "Accept": "application/json",
        "Content-Type": "application/json",
        "Authorization": configuration.get_basic_auth_token(),
    }


def _sdk(url, **settings):
    import TextMagic

    # The defaults a user gets, pacing at TextMagic's 20 requests per second included.
    configuration = TextMagic.Configuration(host=url, username="bench", password="key", **settings)
    return TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))


def _floor(url, path):
    """``HTTPConnectionPool.request`` + ``json.loads``: what the SDK builds on."""
    import urllib3

    import TextMagic

    pool = urllib3.connection_from_url(url, maxsize=10, block=True)
    headers = _headers(TextMagic.Configuration(username="bench", password="key"))
    return lambda: json.loads(pool.request("GET", path, headers=headers).data)


def _manager(url, path):
    import urllib3

    import TextMagic

    manager = urllib3.PoolManager()
    headers = _headers(TextMagic.Configuration(username="bench", password="key"))
    return lambda: json.loads(manager.request("GET", url + path, headers=headers).data)


def _requests(url, path):
    import requests

    import TextMagic

    session = requests.Session()
    headers = _headers(TextMagic.Configuration(username="bench", password="key"))
    return lambda: session.get(url + path, headers=headers).json()


GET_PATH = "/api/v2/sessions/1"
PAGE_PATH = "/api/v2/sessions?page=1&limit=100"


def _sdk_get(url):
    api = _sdk(url)
    return lambda: api.get_message_session(1)


# -- the small GET taken apart (python -m test.benchmarks.breakdown) ----------------------


def _sdk_get_with(**settings):
    """The small GET with some of the defaults changed (pacing or the deadline off)."""

    def build(url):
        api = _sdk(url, **settings)
        return lambda: api.get_message_session(1)

    return build


def _small_get_through(method, response_type="MessageSession"):
    """The small GET handed to an ``ApiClient`` method directly (``call_api``, or only
    ``build_request``, which sends nothing), as the operation method calls it (same
    headers), with neither pacing nor a deadline."""

    def build(url):
        client = _sdk(url, rate_limit=None, deadline=None).api_client
        send = getattr(client, method)
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        return lambda: send(
            "/api/v2/sessions/{id}",
            "GET",
            {"id": 1},
            [],
            dict(headers),
            response_type=response_type,
            auth_settings=["BasicAuth"],
            _return_http_data_only=True,
        )

    return build


BREAKDOWN_WORKLOADS = {
    "build-request": _small_get_through("build_request"),
    "nothing": lambda url: lambda: None,
    "sdk-get-unpaced": _sdk_get_with(rate_limit=None),
    "sdk-get-no-deadline": _sdk_get_with(deadline=None),
    "sdk-get-neither": _sdk_get_with(rate_limit=None, deadline=None),
    "call-api-get-model": _small_get_through("call_api"),
    "call-api-get-json": _small_get_through("call_api", "object"),
}


def _sdk_page(url):
    api = _sdk(url)
    return lambda: api.list_message_sessions(page=1, limit=100)


def _sdk_page_times(url):
    api = _sdk(url)

    def one():
        for session in api.list_message_sessions(page=1, limit=100).resources:
            session.start_time  # noqa: B018 - reading it is the work measured

    return one


def _big_page_body(unknown=False):
    from test.benchmarks import payloads

    return payloads.encode(payloads.page(payloads.sessions(1000, unknown)))


def _without_orjson(workload):
    """``workload`` with the standard library's json even where orjson is installed."""

    def build(url):
        from TextMagic import _json

        _json._fast = None
        return workload(url)

    return build


def _decode_sdk(unknown=False, read_times=False):
    """Decoding a 1000-session page into a typed page (each session's ``start_time``
    read too, where asked)."""

    def build(url):
        import TextMagic
        from TextMagic.rest import RESTResponse

        body = _big_page_body(unknown)
        client = TextMagic.ApiClient(TextMagic.Configuration())

        class Answer(object):
            status, reason, headers, data = 200, "OK", {}, body

        response = RESTResponse(Answer())

        def one():
            page = client.deserialize(response, "GetAllMessageSessionsPaginatedResponse")
            if read_times:
                for session in page.resources:
                    session.start_time  # noqa: B018 - reading it is the work measured

        return one

    return build


def _json_page(url):
    from test.benchmarks import payloads

    body = payloads.encode(dict(payloads.page(payloads.sessions(100)), pageCount=10))
    return lambda: json.loads(body)


def _decode_json(unknown=False):
    def build(url):
        body = _big_page_body(unknown)
        return lambda: json.loads(body)

    return build


WORKLOADS = {
    "sdk-get": _without_orjson(_sdk_get),
    "floor-get": lambda url: _floor(url, GET_PATH),
    "manager-get": lambda url: _manager(url, GET_PATH),
    "requests-get": lambda url: _requests(url, GET_PATH),
    "sdk-page": _without_orjson(_sdk_page),
    "sdk-page-times": _without_orjson(_sdk_page_times),
    "floor-page": lambda url: _floor(url, PAGE_PATH),
    "manager-page": lambda url: _manager(url, PAGE_PATH),
    "requests-page": lambda url: _requests(url, PAGE_PATH),
    "json-page": _json_page,
    "sdk-decode-1000": _without_orjson(_decode_sdk()),
    "json-decode-1000": _decode_json(),
    "sdk-decode-unknown-1000": _without_orjson(_decode_sdk(unknown=True)),
    "sdk-times-unknown-1000": _without_orjson(_decode_sdk(unknown=True, read_times=True)),
    "json-decode-unknown-1000": _decode_json(unknown=True),
}
# The same with the [fast] extra's orjson, where it is installed.
FAST_WORKLOADS = {
    "fast-sdk-page": _sdk_page,
    "fast-sdk-page-times": _sdk_page_times,
    "fast-sdk-decode-1000": _decode_sdk(),
    "fast-sdk-decode-unknown-1000": _decode_sdk(unknown=True),
}
ALL_WORKLOADS = dict(WORKLOADS, **FAST_WORKLOADS)
ALL_WORKLOADS.update((name, _without_orjson(build)) for name, build in BREAKDOWN_WORKLOADS.items())
# Whole processes: start-up and import, compared with an empty interpreter's.
IMPORTS = {
    "empty": "pass",
    "import urllib3": "import urllib3",
    "import TextMagic + ApiClient()": "import TextMagic; TextMagic.ApiClient()",
    # The API class and the models are imported when first named: what a first call needs.
    "import TextMagic + OutboundMessageSessionsApi(ApiClient())": (
        "import TextMagic; TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient())"
    ),
}


def run_workload(name, count, url):
    operation = ALL_WORKLOADS[name](url)
    for _ in range(WARM_UP):
        operation()
    for _ in range(count):
        operation()


# -- measuring ----------------------------------------------------------------------------


def valgrind():
    return shutil.which("valgrind")


def instructions(arguments):
    """Instructions callgrind counts for ``python arguments...``."""
    result = subprocess.run(
        [valgrind(), "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
        + arguments,
        cwd=ROOT,
        env=dict(os.environ, PYTHONHASHSEED="0"),
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
    )
    return int(_COLLECTED.search(result.stderr).group(1))


def per_operation(name, count, url):
    """Instructions of one operation of workload ``name``."""
    module = ["-m", "test.benchmarks.instructions"]
    empty = instructions(module + [name, "0", url])
    full = instructions(module + [name, str(count), url])
    return (full - empty) / count


def per_import(code):
    return instructions(["-c", code])


def _orjson_installed():
    import importlib.util

    return importlib.util.find_spec("orjson") is not None


def compile_sources():
    """Compile the SDK's modules first, as pip does when it installs a package (urllib3's
    are compiled already): an import measured then costs no compiling."""
    import compileall

    import TextMagic

    compileall.compile_dir(os.path.dirname(TextMagic.__file__), quiet=1)


def measure(url, gets=200, pages=20, decodes=20):
    """Every figure the report needs: {workload: instructions per operation}."""
    counts = {"get": gets, "page": pages, "times": pages, "1000": decodes}
    compile_sources()
    names = list(WORKLOADS) + (list(FAST_WORKLOADS) if _orjson_installed() else [])
    figures = {}
    for name in names:
        figures[name] = per_operation(name, counts[name.rsplit("-", 1)[-1]], url)
    imports = {name: per_import(code) for name, code in IMPORTS.items()}
    for name in IMPORTS:
        if name != "empty":
            figures[name] = imports[name] - imports["empty"]
    return figures


def bars(figures):
    """The report's rows: ``(measure, SDK workload, baseline workload, bar or None)``, the
    bars being the issues' (ratios of instructions, lower is better)."""
    rows = [
        (
            "small GET: SDK vs `HTTPConnectionPool.request` + `json.loads` (the floor)",
            "sdk-get",
            "floor-get",
            1.15,
        ),
        (
            "small GET: `PoolManager.request` + `json.loads` vs the floor",
            "manager-get",
            "floor-get",
            None,
        ),
        (
            "small GET: requests `Session.get` + `.json()` vs the floor",
            "requests-get",
            "floor-get",
            None,
        ),
        (
            "100-session page as a typed page vs the floor (the API's largest page)",
            "sdk-page",
            "floor-page",
            1.45,
        ),
        (
            "100-session page, every `start_time` read (distinct times) vs the floor",
            "sdk-page-times",
            "floor-page",
            1.60,
        ),
        (
            "100-session page: `PoolManager.request` + `json.loads` vs the floor",
            "manager-page",
            "floor-page",
            None,
        ),
        ("100-session page: requests vs the floor", "requests-page", "floor-page", None),
        ("100-session page: `json.loads` alone vs the floor", "json-page", "floor-page", None),
        (
            "1000-session page decoded into typed objects vs `json.loads` (no unknown field)",
            "sdk-decode-1000",
            "json-decode-1000",
            1.15,
        ),
        (
            "1000-session page, an unknown field on each session, decoded vs `json.loads`",
            "sdk-decode-unknown-1000",
            "json-decode-unknown-1000",
            1.15,
        ),
        (
            "the same, every `start_time` read (distinct times) vs `json.loads`",
            "sdk-times-unknown-1000",
            "json-decode-unknown-1000",
            1.35,
        ),
        (
            "`import TextMagic` + `ApiClient()` vs `import urllib3`",
            "import TextMagic + ApiClient()",
            "import urllib3",
            1.10,
        ),
        (
            "`import TextMagic` + `OutboundMessageSessionsApi(ApiClient())` vs `import urllib3`"
            " (the API class and the models come when first named)",
            "import TextMagic + OutboundMessageSessionsApi(ApiClient())",
            "import urllib3",
            None,
        ),
    ]
    if "fast-sdk-page" in figures:
        rows += [
            (
                "with the [fast] extra (orjson): 100-session typed page vs the floor",
                "fast-sdk-page",
                "floor-page",
                None,
            ),
            (
                "with the [fast] extra: the same, every `start_time` read",
                "fast-sdk-page-times",
                "floor-page",
                None,
            ),
            (
                "with the [fast] extra: 1000-session page decoded vs `json.loads`",
                "fast-sdk-decode-1000",
                "json-decode-1000",
                None,
            ),
            (
                "with the [fast] extra: the same with an unknown field per session",
                "fast-sdk-decode-unknown-1000",
                "json-decode-unknown-1000",
                None,
            ),
        ]
    return rows


if __name__ == "__main__":
    run_workload(sys.argv[1], int(sys.argv[2]), sys.argv[3])
