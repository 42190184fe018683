"""A WSGI app as a Django or Flask project under gunicorn --preload builds it: one
module-level client, used once in the master (a warm-up call) before the workers fork.

``GET /s/<id>`` answers ``{"asked": id, "got": <the id of the session the SDK fetched>}``.
The sandbox's URL comes from ``SANDBOX_URL``.
"""

import json
import os

import TextMagic
from TextMagic.sandbox.server import DEFAULT_API_KEY, DEFAULT_USERNAME

configuration = TextMagic.Configuration(
    host=os.environ["SANDBOX_URL"],
    username=DEFAULT_USERNAME,
    password=DEFAULT_API_KEY,
    timeout=(5, 10),
    rate_limit=None,  # the test's sandbox runs without TextMagic's ceiling
)
api = TextMagic.OutboundMessageSessionsApi(TextMagic.ApiClient(configuration))
api.get_message_session(1)  # the warm-up: a pooled keep-alive connection in the master


def app(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path == "/health":
        payload = {"ok": True}
    else:
        asked = int(path.rsplit("/", 1)[1])
        payload = {"asked": asked, "got": api.get_message_session(asked).id}
    body = json.dumps(payload).encode()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
