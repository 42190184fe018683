"""What the sandbox answers: the API's routes over its data, and the checks of their
query parameters, as the real API answers them."""

import json
import re
from typing import Any

from TextMagic.sandbox.data import DEFAULT_LIMIT, DELIVERY_STATUSES, MAX_LIMIT
from TextMagic.sandbox.http import _ApiError

_SESSION = re.compile(r"^/api/v2/sessions/([^/]+)(/stat|/messages)?$")
# Ids and numbers of more than 18 digits are not ids or numbers this API has.
_ID = re.compile(r"^[0-9]{1,18}$")
_IDS = re.compile(r"^[1-9][0-9]{0,17}(,[1-9][0-9]{0,17})*$")


def _positive(query, name, default, maximum=None):
    raw = query.get(name)
    if raw is None:
        return default
    if not _ID.match(raw) or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        rule = "a positive integer" + (" up to %d" % maximum if maximum else "")
        raise _ApiError(
            400, "Validation Failed", fields={name: ["This value should be %s." % rule]}
        )
    return int(raw)


def _limit(query):
    """TextMagic's rule: a ``limit`` outside 1 to 100 (or not a number) silently becomes
    10; the page then says ``limit: 10``."""
    raw = query.get("limit")
    if raw is None or not _ID.match(raw) or not 1 <= int(raw) <= MAX_LIMIT:
        return DEFAULT_LIMIT
    return int(raw)


def _flag(query, name):
    raw = query.get(name, "0")
    if raw not in ("0", "1"):
        raise _ApiError(400, "Validation Failed", fields={name: ["This value should be 0 or 1."]})
    return raw == "1"


def _statuses(query):
    raw = query.get("statuses")
    if not raw:
        return None
    letters = raw.split(",")
    if any(len(letter) != 1 or letter not in DELIVERY_STATUSES for letter in letters):
        raise _ApiError(
            400,
            "Validation Failed",
            fields={"statuses": ["Each status should be one of %s." % ",".join(DELIVERY_STATUSES)]},
        )
    return set(letters)


class Routes(object):
    """The ``Sandbox``'s routing, mixed into it: each request to an answer."""

    data: Any

    def _route(self, method, path, query, body):
        if path in ("/api/v2/sessions", "/api/v2/sessions/"):
            self._allow(method, "GET")
            return 200, self.data.list_sessions(_positive(query, "page", 1), _limit(query))
        if path == "/api/v2/sessions/delete":
            self._allow(method, "POST")
            return self._delete_bulk(body)
        match = _SESSION.match(path)
        if match is None:
            raise _ApiError(404, "Not found")
        raw_id, tail = match.groups()
        if not tail:
            self._allow(method, "GET", "DELETE")
        else:
            self._allow(method, "GET")
        if not _ID.match(raw_id) or int(raw_id) < 1:
            raise _ApiError(404, "Session not found")
        session_id = int(raw_id)
        if tail == "/stat":
            result = self.data.stat(session_id, _flag(query, "includeDeleted"))
        elif tail == "/messages":
            result = self.data.list_messages(
                session_id,
                _positive(query, "page", 1),
                _limit(query),
                _statuses(query),
                _flag(query, "includeDeleted"),
            )
        elif method == "DELETE":
            result = True if self.data.delete_session(session_id) else None
        else:
            result = self.data.get_session(session_id)
        if result is None:
            raise _ApiError(404, "Session not found")
        return (204, None) if method == "DELETE" else (200, result)

    @staticmethod
    def _allow(method, *allowed):
        if method not in allowed:
            raise _ApiError(405, "Method Not Allowed", headers={"Allow": ", ".join(allowed)})

    def _delete_bulk(self, body):
        try:
            payload = json.loads(body or b"null")
        except (ValueError, RecursionError):
            payload = None
        if not isinstance(payload, dict):
            raise _ApiError(400, "Validation Failed", common=["The body must be a JSON object."])
        ids, everything = payload.get("ids"), payload.get("all")
        fields = {}
        if ids is not None and not (isinstance(ids, str) and _IDS.match(ids)):
            fields["ids"] = ["This value should be comma-separated positive integers."]
        if everything is not None and everything not in (0, 1):
            fields["all"] = ["This value should be 0 or 1."]
        if fields:
            raise _ApiError(400, "Validation Failed", fields=fields)
        if not everything and not ids:
            raise _ApiError(
                400, "Validation Failed", common=["Either ids or all must be specified."]
            )
        if everything:
            self.data.delete_sessions(everything=True)
        else:
            self.data.delete_sessions([int(i) for i in ids.split(",")])
        return 204, None
