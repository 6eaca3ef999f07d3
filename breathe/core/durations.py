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
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final, NamedTuple

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


# -- what is wrong with a text that is no duration --------------------------------------------
# docs/routines.md's "Why not" table lists these mistakes; each is said with the value
# corrected, so the person can copy it.


@dataclass(frozen=True, slots=True)
class DurationMistake:
    """Why a text is no duration, in words (`a comma stands for the decimal point`), and
    advice with the corrected text when there is one (`write \\`1.5m\\``)."""

    why: str
    advice: str
    fixed: str = field(default="", compare=False)  # the duration it was meant to be


class _Fix(NamedTuple):
    """One mistake put right: the text without it, why it was one, and advice that quotes
    the corrected text as `{fixed}`."""

    fixed: str
    why: str
    advice: str = "write `{fixed}`"


_INCH_MARKS: Final = '"″”'
_MARK_CHARACTERS: Final = re.compile(f"['′’{_INCH_MARKS}]")
_ABOUT_RE: Final = re.compile(
    r"^\s*(?:about|around|approx\.?|approximately|roughly|ca\.?|circa|~)\s*", re.IGNORECASE
)
_EACH_SIDE_RE: Final = re.compile(r"\s*(?:/\s*|each |per |a |on each )side\s*$", re.IGNORECASE)
_UNIT_WORDS: Final = tuple(word for _name, words, _ms in UNITS for word in words)
_NUMBER_WORDS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90,
}  # fmt: skip
_VULGAR_FRACTIONS: Final = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3"}
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
_A_UNIT_RE = re.compile(r"^\s*an?\s+(?=[a-z])", re.IGNORECASE)
_MARKS_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(['′’])\s*(?:(\d+(?:\.\d+)?)\s*([\"″”]))?")
_INCH_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([\"″”])")
_AND_RE = re.compile(r"(?<=[a-z])\s*(?:,\s*and|,|and)\s+(?=\d)", re.IGNORECASE)
_FRACTION_RE = re.compile(r"(?:(\d+)\s+)?(\d+)/(\d+)")
_DECIMAL_COMMA_RE = re.compile(r"(\d),(\d)")
_LEADING_POINT_RE = re.compile(r"(?<![\d.])\.(\d)")
_RANGE_RE = re.compile(r"^\s*([\d.]+)\s*([a-z]*)\s*(?:-|–|—|to)\s*([\d.]+)\s*([a-z]*)\s*$")
_CLOCK_SHORT_RE = re.compile(r"^\s*(?:(\d+):)?(\d+):(\d)\s*$")
_CLOCK_FRACTION_RE = re.compile(r"^\s*(?:(\d+):)?(\d+):(\d\d)\.(\d+)\s*$")
_CLOCK_OVER_RE = re.compile(r"^\s*(?:(\d+):)?(\d+):(\d\d)\s*$")
_PART_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]+)")


def _words_around(text: str) -> _Fix | None:
    about = _ABOUT_RE.match(text)
    if about:
        word = about.group().strip()
        return _Fix(text[about.end() :], f"`{word}` is not needed")
    side = _EACH_SIDE_RE.search(text)
    if side:
        why = f"`{side.group().strip()}` is not needed (a pose's hold is for each side)"
        return _Fix(text[: side.start()], why)
    return None


def _full_stop(text: str) -> _Fix | None:
    if not text.endswith(".") or parse_duration(text[:-1]) is None or text[-2].isdigit():
        return None
    return _Fix(text[:-1], "a unit is written without a full stop")


def _non_ascii_digits(text: str) -> _Fix | None:
    import unicodedata

    if all(not c.isdigit() or c.isascii() for c in text):
        return None
    fixed = "".join(
        str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text
    )
    return _Fix(fixed, "digits are `0` to `9` only")


def _marks(text: str) -> _Fix | None:
    def minutes(found: re.Match[str]) -> str:
        seconds = f"{found[3]}s" if found[3] else ""
        return f"{found[1]}m{seconds}"

    fixed = _INCH_RE.sub(r"\1s", _MARKS_RE.sub(minutes, text))
    if fixed == text:
        return None
    marks = list(dict.fromkeys(_MARK_CHARACTERS.findall(text)))
    if len(marks) == 1:
        why = f"`{marks[0]}` is a mark for {'inches' if marks[0] in _INCH_MARKS else 'feet'}"
    else:
        why = " and ".join(f"`{mark}`" for mark in marks) + " are marks for feet and inches"
    return _Fix(fixed, why, _UNIT_ADVICE)


def _and(text: str) -> _Fix | None:
    fixed = _AND_RE.sub(" ", text)
    return _Fix(fixed, "the parts are written without `and` or commas") if fixed != text else None


_IN_DIGITS = "write it in digits: `{fixed}`"
_UNIT_ADVICE = "write minutes as `m` and seconds as `s`: `{fixed}`"


def _number_words(text: str) -> _Fix | None:
    found = _NUMBER_WORD_RE.search(text)
    if found is None:
        a_unit = _A_UNIT_RE.match(text)
        if a_unit is None:
            return None
        why = f"`{a_unit.group().strip()}` is a word for one"
        return _Fix(_A_UNIT_RE.sub("1 ", text), why, _IN_DIGITS)
    fixed = _NUMBER_WORD_RE.sub(lambda m: str(_NUMBER_WORDS[m.group().lower()]), text)
    return _Fix(fixed, f"`{found.group()}` is a word for a number", _IN_DIGITS)


def _fractions(text: str) -> _Fix | None:
    from fractions import Fraction

    written = text
    for symbol, fraction in _VULGAR_FRACTIONS.items():
        written = re.sub(rf"(\d)\s*{symbol}", rf"\1 {fraction}", written).replace(symbol, fraction)
    found = _FRACTION_RE.search(written)
    if found is None or int(found[3]) == 0:
        return None
    value = int(found[1] or 0) + Fraction(int(found[2]), int(found[3]))
    decimal = _decimal(value)
    if decimal is None:
        return None
    fixed = written[: found.start()] + decimal + written[found.end() :]
    return _Fix(fixed, "a fraction is not read as a number", "write it as a decimal: `{fixed}`")


def _decimal(value: Fraction) -> str | None:
    """`value` as a decimal (`1.5`), if it has a short exact one."""
    for places in range(4):
        scaled = value * 10**places
        if scaled.denominator == 1:
            whole, fraction = divmod(int(scaled), 10**places)
            return f"{whole}.{fraction:0{places}d}" if places else str(whole)
    return None


def _decimal_comma(text: str) -> _Fix | None:
    fixed = _DECIMAL_COMMA_RE.sub(r"\1.\2", text)
    if fixed == text:
        return None
    return _Fix(fixed, "a comma stands for the decimal point", "use a point: `{fixed}`")


def _leading_point(text: str) -> _Fix | None:
    fixed = _LEADING_POINT_RE.sub(r"0.\1", text)
    return _Fix(fixed, "a number needs a digit before its point") if fixed != text else None


def _capitals(text: str) -> _Fix | None:
    if text == text.lower() or not any(c.isdigit() for c in text):
        return None
    return _Fix(text.lower(), "units are written in lower case")


def _misspelt_units(text: str) -> _Fix | None:
    import difflib

    for found in re.finditer(r"[a-z]+", text):
        word = found.group()
        if word in _UNIT_WORDS:
            continue
        close = difflib.get_close_matches(word, _UNIT_WORDS, n=1, cutoff=0.6)
        if not close:
            return None
        fixed = text[: found.start()] + close[0] + text[found.end() :]
        return _Fix(fixed, f"`{word}` is not a unit", "did you mean `{fixed}`?")
    return None


def _clock(text: str) -> _Fix | None:
    short = _CLOCK_SHORT_RE.match(text)
    if short:
        before = f"{short[1]}:" if short[1] else ""
        return _Fix(f"{before}{short[2]}:0{short[3]}", "a clock has two digits of seconds")
    fraction = _CLOCK_FRACTION_RE.match(text)
    if fraction:
        hours_part = f"{fraction[1]}h" if fraction[1] else ""
        seconds_part = f"{int(fraction[3])}.{fraction[4]}s"
        fixed = f"{hours_part}{fraction[2]}m{seconds_part}"
        return _Fix(
            fixed, "a clock has whole seconds only", "for a part of a second, write `{fixed}`"
        )
    over = _CLOCK_OVER_RE.match(text)
    if over and int(over[3]) >= 60:
        hours, minutes, seconds = int(over[1] or 0), int(over[2]), int(over[3])
        fixed = format_clock(((hours * 60 + minutes) * 60 + seconds) * 1000)
        extra = format_clock(seconds * 1000)
        why = f"a clock's seconds go up to 59 ({over[3]} seconds is {extra})"
        return _Fix(fixed, why)
    return None


def _largest_first(text: str) -> _Fix | None:
    parts = _PART_RE.findall(text)
    if len(parts) < 2 or _PART_RE.sub("", text).strip():
        return None
    size = {word: ms for _name, words, ms in UNITS for word in words}
    if not all(unit in size for _number, unit in parts):
        return None
    ordered = sorted(parts, key=lambda part: -size[part[1]])
    if ordered == parts:
        return None
    spaced = " " if " " in text.strip() else ""
    fixed = spaced.join(f"{number}{unit}" for number, unit in ordered)
    return _Fix(fixed, "the largest unit comes first")


_FIXES: Final = (
    _words_around,
    _non_ascii_digits,
    _marks,
    _capitals,
    _number_words,
    _and,
    _fractions,
    _decimal_comma,
    _leading_point,
    _misspelt_units,
    _clock,
    _largest_first,
    _full_stop,
)


_BREATHS_RE = re.compile(r"(\d{1,4}|[a-z]+)\s*breaths?", re.IGNORECASE)
_A_BREATH_AT_4_6_MS = 10_000  # the example the advice gives: in for 4 s, out for 6 s


def _counted_breaths(text: str) -> int | None:
    """The number of breaths `text` counts (`3 breaths`, `ten breaths`), else None."""
    found = _BREATHS_RE.fullmatch(text)
    if found is None:
        return None
    number = found[1]
    if not number.isdigit():
        meant = explain_mistake(number)
        if meant is None or not meant.fixed.isdigit():
            return None
        number = meant.fixed
    return int(number) or None


def explain_mistake(text: str) -> DurationMistake | None:
    """What is wrong with `text`, which is no duration, and the duration it was meant to be;
    None when breathe cannot tell (the message then shows the forms)."""
    text = text.strip()
    if len(text) > _CACHED_LENGTH or parse_duration(text) is not None:
        return None
    breaths = _counted_breaths(text)
    if breaths is not None:
        takes = "breath takes" if breaths == 1 else "breaths take"
        time = format_duration(breaths * _A_BREATH_AT_4_6_MS)
        return DurationMistake(
            "it counts breaths, and a duration is a length of time",
            f"write the time they take (at 4-6, {breaths} {takes} `{time}`), or on a "
            f"breathing step count them with `cycles: {breaths}`",
        )
    span = _RANGE_RE.match(text.lower())
    if span and parse_duration(span[1] + (span[2] or span[4])) is not None:
        first = span[1] + (span[2] or span[4])
        return DurationMistake(
            "a duration is one length, not a range", f"choose one, such as `{first}`", first
        )
    fixes: list[_Fix] = []
    fixed = text
    for fix in _FIXES:
        found = fix(fixed)
        if found is not None:
            fixed = found.fixed
            fixes.append(found)
            if parse_duration(fixed) is not None:
                whys = ", and ".join(fix.why for fix in fixes)
                advice = fixes[0].advice if len(fixes) == 1 else "write `{fixed}`"
                return DurationMistake(whys, advice.format(fixed=fixed), fixed)
    return None
