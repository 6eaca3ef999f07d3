"""Durations as people write them, held as exact integer milliseconds.

Accepted forms: a plain number of seconds (`90`, `1.5`), a number with a unit (`90s`, `2m`,
`1h`, `1.5s`, `2 min`), units combined (`1m30s`, `1h 15m`) and a clock form (`1:30`).
Arithmetic on milliseconds is exact, so totals never drift.
"""

from __future__ import annotations

import re
from fractions import Fraction

DURATION_FORMS = "write a duration like `90`, `90s`, `2m`, `1m30s` or `1.5s`"

# A number has at most MAX_DIGITS digits on each side of the point: longer is no duration
# anyone means, and int() refuses numbers of more than 4,300 digits.
MAX_DIGITS = 15
_NUMBER = rf"\d{{1,{MAX_DIGITS}}}(?:\.\d{{1,{MAX_DIGITS}}})?"
# Every optional unit is matched together with the spaces before it, so a long run of
# spaces can be read only one way (`\s*(?:s)?\s*` would take quadratic time to refuse it).
_UNITS_RE = re.compile(
    rf"""^\s*
    (?:(?P<h>{_NUMBER})\s*(?:h|hr|hrs|hour|hours)\s*)?
    (?:(?P<m>{_NUMBER})\s*(?:m|min|mins|minute|minutes)\s*)?
    (?:(?P<s>{_NUMBER})(?:\s*(?:s|sec|secs|second|seconds))?\s*)?
    $""",
    re.VERBOSE | re.IGNORECASE,
)
_CLOCK_RE = re.compile(rf"^\s*(?:(\d{{1,{MAX_DIGITS}}}):)?(\d{{1,{MAX_DIGITS}}}):([0-5]\d)\s*$")
_MS_PER_UNIT = {"h": 3_600_000, "m": 60_000, "s": 1_000}


def parse_duration(text: str) -> int | None:
    """Return `text` as whole milliseconds (rounded half up), or None if it is no duration.

    A bare number counts as seconds. Negative values are not durations.
    """
    clock = _CLOCK_RE.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
    match = _UNITS_RE.match(text)
    if match is None or not any(match.groups()):
        return None
    total = Fraction(0)
    for unit, value in match.groupdict().items():
        if value is not None:
            total += Fraction(value) * _MS_PER_UNIT[unit]
    return int(total + Fraction(1, 2))


def format_duration(ms: int) -> str:
    """Short human form: `45s`, `1.5s`, `2m`, `12m30s`, `1h05m`."""
    if ms < 0:
        return "-" + format_duration(-ms)
    if ms < 60_000:
        exact = Fraction(ms, 1000)
        if exact.denominator == 1:
            return f"{exact.numerator}s"
        return f"{float(exact):.3f}".rstrip("0").rstrip(".") + "s"
    total_seconds, remainder = divmod(ms, 1000)  # exact, as round(ms / 1000) is not
    if remainder > 500 or (remainder == 500 and total_seconds % 2):  # half to even
        total_seconds += 1
    hours, rest = divmod(total_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        if not minutes and not seconds:
            return f"{hours}h"
        return f"{hours}h{minutes:02d}m" + (f"{seconds:02d}s" if seconds else "")
    return f"{minutes}m" + (f"{seconds:02d}s" if seconds else "")


def format_clock(ms: int) -> str:
    """Clock form for tables and timers: `0:45`, `12:30`, `1:05:00`."""
    total_seconds = max(0, ms) // 1000
    hours, rest = divmod(total_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"
