"""Durations as people write them, held as exact integer milliseconds.

Accepted forms: a plain number of seconds (`90`, `1.5`), a number with a unit (`90s`, `2m`,
`1h`, `1.5s`, `2 min`), units combined (`1m30s`, `1h 15m`) and a clock form (`1:30`).
Arithmetic on milliseconds is exact, so totals never drift.

Two rules for showing them. A length, planned (a routine's total, a step's start), is
rounded to the nearest second: `format_clock`, `format_duration`. Practice time, measured
(how long someone has practised), is counted as a clock counts, in whole seconds rounded
down: 22.6 s practised is `0:22`, a second counts once it has passed. Every place that
shows practice time (the stop question, the summary, `breathe play`'s last line, `breathe
history` and `breathe stats`, the History screen) goes through `practised_seconds`, so no
two of them disagree, and none shows more than the running session's clock did.
"""

from __future__ import annotations

import functools
import re

DURATION_FORMS = "write a duration like `90`, `90s`, `2m`, `1m30s` or `1.5s`"

# A number has at most MAX_DIGITS digits on each side of the point: longer is no duration
# anyone means, and int() refuses numbers of more than 4,300 digits.
MAX_DIGITS = 15
_DIGITS = rf"\d{{1,{MAX_DIGITS}}}"


def _units_re(digits: str) -> re.Pattern[str]:
    # Every optional unit is matched together with the spaces before it, so a long run of
    # spaces can be read only one way (`\s*(?:s)?\s*` would take quadratic time to refuse).
    number = rf"{digits}(?:\.{digits})?"
    return re.compile(
        rf"""^\s*
        (?:(?P<h>{number})\s*(?:h|hr|hrs|hour|hours)\s*)?
        (?:(?P<m>{number})\s*(?:m|min|mins|minute|minutes)\s*)?
        (?:(?P<s>{number})(?:\s*(?:s|sec|secs|second|seconds))?\s*)?
        $""",
        re.VERBOSE | re.ASCII,
    )


def _clock_re(digits: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:({digits}):)?({digits}):([0-5]\d)\s*$", re.ASCII)


_UNITS_RE = _units_re(_DIGITS)
_CLOCK_RE = _clock_re(_DIGITS)
# The same forms with numbers of any length: what is refused only for its length.
_LONG_UNITS_RE = _units_re(r"\d+")
_LONG_CLOCK_RE = _clock_re(r"\d+")
_CACHED_LENGTH = 64


def parse_duration(text: str) -> int | None:
    """Return `text` as whole milliseconds (rounded half up), or None if it is no duration.

    A bare number counts as seconds, except after hours: `1h30` is an hour and a half, as
    people mean it. Units are lower case. Negative values are not durations.
    """
    if len(text) <= _CACHED_LENGTH:  # routine files repeat the same few durations
        return _parse_cached(text)
    return _parse(text)


@functools.lru_cache(maxsize=1024)
def _parse_cached(text: str) -> int | None:
    return _parse(text)


def _parse(text: str) -> int | None:
    clock = _CLOCK_RE.match(text)
    if clock:
        hours, minutes, seconds = clock.groups()
        return ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
    match = _UNITS_RE.match(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    if hours is None and minutes is None and seconds is None:
        return None
    bare_last_number = text.rstrip()[-1].isdigit()
    if hours is not None and minutes is None and seconds is not None and bare_last_number:
        minutes, seconds = seconds, None  # `1h30` is an hour and a half
    # Exact decimal arithmetic in integers: every part scaled to the finest decimal used.
    scale: int = 10 ** max(_decimals(hours), _decimals(minutes), _decimals(seconds))
    total = (
        _scaled(hours, scale) * 3_600_000
        + _scaled(minutes, scale) * 60_000
        + _scaled(seconds, scale) * 1_000
    )
    return (2 * total + scale) // (2 * scale)


def has_too_many_digits(text: str) -> bool:
    """Whether `text`, no duration, would be one but for a whole number over MAX_DIGITS digits.

    Such a number is far longer than any limit (`99999999999999999999h`): a message says
    so, rather than that it is not a duration.
    """
    if parse_duration(text) is not None or not any(c.isdigit() for c in text):
        return False
    found = _LONG_CLOCK_RE.match(text) or _LONG_UNITS_RE.match(text)
    numbers = [group for group in found.groups() if group is not None] if found else []
    return any(len(number.split(".")[0].lstrip("0")) > MAX_DIGITS for number in numbers)


def _decimals(number: str | None) -> int:
    if number is None or "." not in number:
        return 0
    return len(number) - number.index(".") - 1


def _scaled(number: str | None, scale: int) -> int:
    """`number` × `scale` as an integer (`scale` is a power of ten covering its decimals)."""
    if number is None:
        return 0
    whole, _, fraction = number.partition(".")
    return int(whole) * scale + (int(fraction) * (scale // 10 ** len(fraction)) if fraction else 0)


def _whole_seconds(ms: int) -> int:
    """Milliseconds to whole seconds, rounded half up (the same in every display)."""
    return (ms + 500) // 1000


def format_duration(ms: int) -> str:
    """Short human form: `45s`, `1.5s`, `2m`, `12m30s`, `1h05m`."""
    if ms < 0:
        return "-" + format_duration(-ms)
    if ms < 60_000:
        seconds, millis = divmod(ms, 1000)
        return f"{seconds}.{millis:03d}".rstrip("0") + "s" if millis else f"{seconds}s"
    total_seconds = _whole_seconds(ms)
    hours, rest = divmod(total_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        if not minutes and not seconds:
            return f"{hours}h"
        return f"{hours}h{minutes:02d}m" + (f"{seconds:02d}s" if seconds else "")
    return f"{minutes}m" + (f"{seconds:02d}s" if seconds else "")


def format_clock(ms: int) -> str:
    """Clock form for tables and timers: `0:45`, `12:30`, `1:05:00`."""
    total_seconds = _whole_seconds(max(0, ms))
    hours, rest = divmod(total_seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{minutes}:{seconds:02d}"


# -- practice time: one rule wherever it is shown ---------------------------------------------


def practised_seconds(ms: int) -> int:
    """Practice time in whole seconds, rounded down as a clock counts (22.6 s is 22)."""
    return max(0, ms) // 1000


def format_practised(ms: int) -> str:
    """One session's practice time, as a clock: `0:22`, `12:40`, `1:05:00`."""
    return format_clock(practised_seconds(ms) * 1000)


def format_practice_time(ms: int) -> str:
    """Practice added up, in words: `22 s` under a minute, then whole minutes (`12 min`,
    `2 h 05 min`), both from `practised_seconds`; `under 1 s` for less than a second of
    practice, and `0 min` for none."""
    seconds = practised_seconds(ms)
    if ms > 0 and seconds < 60:
        return f"{seconds} s" if seconds else "under 1 s"
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"
