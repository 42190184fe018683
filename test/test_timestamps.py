"""Timestamps as the API writes them, read the same way on every Python of the matrix."""

import datetime
import subprocess
import sys

import pytest

import TextMagic
from TextMagic.models.timestamps import parse_datetime

UTC = datetime.timezone.utc
AT = datetime.datetime(2019, 8, 5, 8, 14, 54, tzinfo=UTC)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019-08-05T08:14:54+0000", AT),
        ("2019-08-05T08:14:54+00:00", AT),
        ("2019-08-05T08:14:54Z", AT),
        ("2019-08-05T08:14:54+00", AT),
        ("2019-08-05T10:14:54+0200", AT),
        ("2019-08-05T03:14:54-05:00", AT),
        ("2019-08-05T08:14:54.250+0000", AT.replace(microsecond=250000)),
        ("2019-08-05T08:14:54.123456Z", AT.replace(microsecond=123456)),
        ("2019-08-05T08:14:54.5Z", AT.replace(microsecond=500000)),
        ("2019-08-05T08:14:54.123456789Z", AT.replace(microsecond=123456)),
        ("2019-08-05T08:14:54", AT.replace(tzinfo=None)),
        ("2019-08-05 08:14", datetime.datetime(2019, 8, 5, 8, 14)),
        ("2019-08-05", datetime.datetime(2019, 8, 5)),
        ("2019-W32-1", datetime.datetime(2019, 8, 5)),  # a rarer ISO form, via dateutil
    ],
)
def test_iso_8601_forms(text, expected):
    parsed = parse_datetime(text)
    assert parsed == expected
    assert (parsed.utcoffset() is None) == (expected.tzinfo is None)


@pytest.mark.parametrize(
    "text", ["5", "soon", "", "yesterday", "2019-13-05T00:00:00Z", "2019-08-05T25:00:00Z", "12:30"]
)
def test_text_that_is_no_timestamp_stays_text(text):
    assert parse_datetime(text) == text
    session = TextMagic.MessageSession.from_wire({"startTime": text})
    assert session.start_time == text  # kept as sent, never a guessed date


def test_models_read_their_timestamps_and_keep_the_wire_text():
    session = TextMagic.MessageSession.from_wire({"startTime": "2019-08-05T08:14:54+0000"})
    assert session.start_time == AT
    assert session.to_wire() == {"startTime": "2019-08-05T08:14:54+0000"}


def test_the_common_forms_do_not_import_dateutils_parser():
    code = (
        "import sys, TextMagic\n"
        "s = TextMagic.MessageSession.from_wire({'startTime': '2019-08-05T08:14:54+0000'})\n"
        "assert s.start_time.year == 2019\n"
        "print('dateutil.parser' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
