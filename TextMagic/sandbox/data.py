"""The sandbox's in-memory account: seeded sessions and messages, and what may be done
with them. Standard library only; every method is safe to call from many threads."""

import datetime
import math
import random
import threading
from typing import Any, Dict, Iterable, List, Optional, Set

__all__ = ["SandboxData", "DELIVERY_STATUSES", "MAX_LIMIT", "DEFAULT_LIMIT"]

#: Delivery statuses, in the order the seeded messages cycle through them.
DELIVERY_STATUSES = "udfqrabsej"
#: The largest ``limit`` a list call honours; TextMagic replaces any value outside 1 to
#: MAX_LIMIT by DEFAULT_LIMIT ("Restrictions and Limits" in its API documentation).
MAX_LIMIT = 100
DEFAULT_LIMIT = 10

_EPOCH = datetime.datetime(2019, 8, 5, 8, 14, 54, tzinfo=datetime.timezone.utc)
_TEXTS = (
    "Your appointment is confirmed for tomorrow at 10:00.",
    "Flash sale: 20% off everything until midnight!",
    "Your verification code is 482913.",
    "Reminder: your invoice #1042 is due on Friday.",
    "Hi {firstName}, your parcel is out for delivery.",
    "Привет! Ваш заказ готов к выдаче.",
    "Team meeting moved to 15:30 in room B.",
)
_FIRST_NAMES = ("Anna", "Ben", "Chloé", "Dmitri", None, "Eve", "Farid", None)
_LAST_NAMES = ("Smith", "Jones", None, "Ivanova", "Müller", None, "Khan")
_COUNTRIES = (("GB", "44"), ("US", "1"), ("DE", "49"), ("LV", "371"), ("AU", "61"))

# Which statuses each statistics counter adds up.
STAT_COUNTERS = {
    "failed": "fe",
    "delivered": "d",
    "accepted": "q",
    "rejected": "j",
    "scheduled": "s",
    "sent": "rab",
}


def _wire_time(moment: datetime.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


class SandboxData(object):
    """A deterministic account: the same ``seed`` and ``sessions`` give the same data.

    :param int sessions: how many sessions to seed.
    :param int seed: the random seed.
    """

    def __init__(self, sessions: int = 300, seed: int = 2019) -> None:
        self._lock = threading.Lock()
        #: id -> session JSON object (wire names)
        self.sessions: Dict[int, Dict[str, Any]] = {}
        #: session id -> list of message JSON objects
        self.messages: Dict[int, List[Dict[str, Any]]] = {}
        self._seed(sessions, seed)

    def _seed(self, count: int, seed: int) -> None:
        rng = random.Random(seed)
        message_id = 0
        for session_id in range(1, count + 1):
            numbers = rng.randint(1, 6)
            started = _EPOCH + datetime.timedelta(
                hours=7 * session_id, seconds=rng.randint(0, 3599)
            )
            text = rng.choice(_TEXTS)
            unicode_text = any(ord(ch) > 255 for ch in text)
            self.sessions[session_id] = {
                "id": session_id,
                "startTime": _wire_time(started),
                "text": text,
                "source": "OAMEX"[session_id % 5],
                "referenceId": None if session_id % 3 == 0 else "ref-%05d" % session_id,
                "price": round(numbers * (0.08 if unicode_text else 0.04), 4),
                "numbersCount": numbers,
                "destination": "tttttttsv"[session_id % 9],
            }
            session_messages = []
            for _ in range(numbers):
                message_id += 1
                country, prefix = _COUNTRIES[message_id % len(_COUNTRIES)]
                phone = "%s7%09d" % (prefix, rng.randint(0, 999999999))
                first = _FIRST_NAMES[message_id % len(_FIRST_NAMES)]
                session_messages.append(
                    {
                        "id": message_id,
                        "sender": "447860021130",
                        "receiver": phone,
                        "text": text.replace("{firstName}", first or "there"),
                        "status": DELIVERY_STATUSES[message_id % len(DELIVERY_STATUSES)],
                        "contactId": message_id * 3 if first else 0,
                        "sessionId": session_id,
                        "messageTime": _wire_time(
                            started + datetime.timedelta(seconds=message_id % 60)
                        ),
                        "avatar": None,
                        "deleted": message_id % 7 == 0,
                        "charset": "UTF-16BE" if unicode_text else "ISO-8859-1",
                        "charsetLabel": "UTF-16BE" if unicode_text else "ISO-8859-1",
                        "firstName": first,
                        "lastName": _LAST_NAMES[message_id % len(_LAST_NAMES)] if first else None,
                        "country": country,
                        "phone": phone,
                        "price": 0.08 if unicode_text else 0.04,
                        "partsCount": 1,
                        "fromEmail": None,
                        "fromNumber": None,
                    }
                )
            self.messages[session_id] = session_messages

    @staticmethod
    def page_of(items: List[Dict[str, Any]], page: int, limit: int) -> Dict[str, Any]:
        """The page object TextMagic returns for a list of items."""
        page_count = max(1, int(math.ceil(len(items) / float(limit))))
        start = (page - 1) * limit
        return {
            "page": page,
            "pageCount": page_count,
            "limit": limit,
            "resources": items[start : start + limit],
        }

    def list_sessions(self, page: int, limit: int) -> Dict[str, Any]:
        """One page of sessions, oldest first."""
        with self._lock:
            items = [self.sessions[key] for key in sorted(self.sessions)]
            return self.page_of(items, page, limit)

    def get_session(self, session_id: int) -> Optional[Dict[str, Any]]:
        """The session, or None."""
        with self._lock:
            return self.sessions.get(session_id)

    def _visible_messages(self, session_id: int, include_deleted: bool) -> List[Dict[str, Any]]:
        return [m for m in self.messages.get(session_id, ()) if include_deleted or not m["deleted"]]

    def stat(self, session_id: int, include_deleted: bool) -> Optional[Dict[str, int]]:
        """Delivery counts of the session's messages, or None when it does not exist."""
        with self._lock:
            if session_id not in self.sessions:
                return None
            found = [m["status"] for m in self._visible_messages(session_id, include_deleted)]
        result = {
            name: sum(1 for s in found if s in letters) for name, letters in STAT_COUNTERS.items()
        }
        result["all"] = len(found)
        return result

    def list_messages(
        self,
        session_id: int,
        page: int,
        limit: int,
        statuses: Optional[Set[str]],
        include_deleted: bool,
    ) -> Optional[Dict[str, Any]]:
        """One page of the session's messages, or None when it does not exist."""
        with self._lock:
            if session_id not in self.sessions:
                return None
            items = [
                m
                for m in self._visible_messages(session_id, include_deleted)
                if not statuses or m["status"] in statuses
            ]
        return self.page_of(items, page, limit)

    def delete_session(self, session_id: int) -> bool:
        """Delete the session and its messages; False when it does not exist."""
        with self._lock:
            if self.sessions.pop(session_id, None) is None:
                return False
            self.messages.pop(session_id, None)
            return True

    def delete_sessions(self, ids: Iterable[int] = (), everything: bool = False) -> int:
        """Delete the listed sessions (those that exist), or all; returns how many."""
        with self._lock:
            doomed = list(self.sessions) if everything else [i for i in ids if i in self.sessions]
            for session_id in doomed:
                del self.sessions[session_id]
                self.messages.pop(session_id, None)
            return len(doomed)
