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
from dataclasses import dataclass
from typing import Final

DURATION_EXAMPLES = ("90s", "2m", "1m30s", "1.5s")
DURATION_FORMS = (
    "write a duration like `90`, "
    + ", ".join(f"`{example}`" for example in DURATION_EXAMPLES[:-1])
    + f" or `{DURATION_EXAMPLES[-1]}`"
)

# A number has at most MAX_DIGITS digits on each side of the point: longer is no duration
# anyone means, and int() refuses numbers of more than 4,300 digits.
MAX_DIGITS = 15
_DIGITS = rf"\d{{1,{MAX_DIGITS}}}"

# -- the grammar, written once ----------------------------------------------------------------
# Each unit: its group name, the words that write it and its length in milliseconds. The
# last is seconds, whose word may be left out (`90` is 90 seconds).
UNITS: Final = (
    ("h", ("h", "hr", "hrs", "hour", "hours"), 3_600_000),
    ("m", ("m", "min", "mins", "minute", "minutes"), 60_000),
    ("s", ("s", "sec", "secs", "second", "seconds"), 1_000),
)


@dataclass(frozen=True, slots=True)
class _Dialect:
    """How the grammar is spelled for one reader of it: Python's `re`, which names the
    numbers it reads, or JSON Schema (ECMA-262), which only says whether text matches."""

    python: bool

    def group(self, pattern: str) -> str:
        return f"(?:{pattern})" if self.python else f"({pattern})"

    def optional(self, pattern: str) -> str:
        return self.group(pattern) + "?"

    def number(self, name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if self.python else pattern


_PYTHON = _Dialect(python=True)
_SCHEMA = _Dialect(python=False)


def _clock_pattern(digits: str, dialect: _Dialect) -> str:
    hours = dialect.optional(dialect.number("h", digits) + ":")
    minutes = dialect.number("m", digits)
    seconds = dialect.number("s", r"[0-5]\d")
    return rf"^\s*{hours}{minutes}:{seconds}\s*$"


def _units_pattern(digits: str, dialect: _Dialect) -> str:
    # Every optional unit is matched together with the spaces before it, so a long run of
    # spaces can be read only one way (`\s*(?:s)?\s*` would take quadratic time to refuse).
    number = digits + dialect.optional(rf"\.{digits}")
    parts = []
    for name, words, _ms in UNITS:
        word = r"\s*" + dialect.group("|".join(words))
        if name == "s":
            word = dialect.optional(word)  # a bare number is seconds
        parts.append(dialect.optional(dialect.number(name, number) + word + r"\s*"))
    return r"^\s*" + "".join(parts) + "$"


NUMBER_PATTERN: Final = _DIGITS + _PYTHON.optional(rf"\.{_DIGITS}")
"""A number as durations write it (`4`, `1.5`), for formats made of durations' numbers."""

SCHEMA_PATTERN: Final = _clock_pattern(_DIGITS, _SCHEMA) + "|" + _units_pattern(_DIGITS, _SCHEMA)
"""The same grammar as a JSON Schema `pattern`, for editors."""

_UNITS_RE = re.compile(_units_pattern(_DIGITS, _PYTHON), re.ASCII)
_CLOCK_RE = re.compile(_clock_pattern(_DIGITS, _PYTHON), re.ASCII)
# The same forms with numbers of any length: what is refused only for its length.
_LONG_UNITS_RE = re.compile(_units_pattern(r"\d+", _PYTHON), re.ASCII)
_LONG_CLOCK_RE = re.compile(_clock_pattern(r"\d+", _PYTHON), re.ASCII)
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
        return sum(int(clock[name] or 0) * ms for name, _words, ms in UNITS)
    match = _UNITS_RE.match(text)
    if match is None:
        return None
    numbers = match.groupdict()
    if all(number is None for number in numbers.values()):
        return None
    bare_last_number = text.rstrip()[-1].isdigit()
    hours, minutes, seconds = numbers["h"], numbers["m"], numbers["s"]
    if hours is not None and minutes is None and seconds is not None and bare_last_number:
        numbers["m"], numbers["s"] = seconds, None  # `1h30` is an hour and a half
    # Exact decimal arithmetic in integers: every part scaled to the finest decimal used.
    scale: int = 10 ** max(_decimals(number) for number in numbers.values())
    total = sum(_scaled(numbers[name], scale) * ms for name, _words, ms in UNITS)
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
