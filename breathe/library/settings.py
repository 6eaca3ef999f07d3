"""The person's settings: a small TOML file in the user config folder.

breathe reads the file and never writes over it (`breathe settings --init` writes a
commented one only where there is none). The command line wins over the file, the file
over the defaults. A mistake in the file is a Problem located to its line and column,
like a mistake in a routine: `settings.toml:3:10: volume: 150 is out of range; ...`.

The keys (SETTINGS below is the one source for checks, defaults and `breathe settings`):

    volume = 80             # cue volume, 0 to 100
    sound = "auto"          # auto, simpleaudio, bell or off
    eyes_closed = true      # a soft count at each second of long breath phases
    tempo = 0.9             # breathing speed, 0.5 (slower) to 2 (faster)
    reduced_motion = false  # a still picture instead of the moving pacer
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breathe.core.bounds import (
    MAX_TEMPO,
    MAX_VOLUME,
    MIN_TEMPO,
    MIN_VOLUME,
    SOUND_CHOICES,
    TEMPO_RANGE,
    TEMPO_SPAN,
    VOLUME_RANGE,
    decimal,
    either,
)
from breathe.core.problems import MAX_LISTED, Problem, more_problems
from breathe.format.files import NotARegularFile, open_regular

if TYPE_CHECKING:
    import tomllib  # imported where a file is read: most people have none

MAX_SETTINGS_BYTES = 64 * 1024
SYNTAX_KEY = "(syntax)"
FILE_KEY = "(file)"


@dataclass(frozen=True, slots=True)
class Settings:
    volume: int = 100
    sound: str = "auto"
    eyes_closed: bool = False
    tempo: Fraction = Fraction(1)
    reduced_motion: bool = False


DEFAULTS = Settings()


class SettingsError(Exception):
    """The settings file cannot be used; `problems` says where and why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: what it is, in words, and how a TOML value becomes it."""

    what: str
    convert: Callable[[Any], Any]  # the value, or raises ValueError with a message
    takes: str  # what a value must be, after "is not": "a number from 0.5 to 2"
    example: str  # a good value as TOML writes it, for hints: `write tempo = 0.75`


def _whole(low: int, high: int) -> Callable[[Any], int]:
    def convert(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number from {low} to {high}")
        if not low <= value <= high:
            raise ValueError(f"{value} is out of range; the allowed range is {low} to {high}")
        return value

    return convert


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    listing = ", ".join(f'"{option}"' for option in options)

    def convert(value: Any) -> str:
        if not isinstance(value, str) or value not in options:
            from breathe.format.spec import shown as escaped  # no control characters echoed

            shown = f'"{escaped(value)}"' if isinstance(value, str) else _toml(value)
            raise ValueError(f"{shown} is not one of {listing}")
        return value

    return convert


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _tempo(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"must be a number from {TEMPO_RANGE}, such as 0.75")
    tempo = Fraction(str(value))  # 0.75 is exactly 3/4, as on the command line
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise ValueError(f"{value} is out of range; the allowed range is {TEMPO_RANGE}")
    return tempo


SETTINGS: dict[str, Key] = {
    "volume": Key(
        f"cue volume, {VOLUME_RANGE}",
        _whole(MIN_VOLUME, MAX_VOLUME),
        f"a whole number from {VOLUME_RANGE}",
        "80",
    ),
    "sound": Key(
        either(SOUND_CHOICES),
        _choice(SOUND_CHOICES),
        "one of " + ", ".join(f'"{option}"' for option in SOUND_CHOICES),
        '"bell"',
    ),
    "eyes_closed": Key(
        "a soft count at each second of long breath phases", _flag, "true or false", "true"
    ),
    "tempo": Key(
        f"breathing speed, {TEMPO_SPAN}",
        _tempo,
        f"a number from {TEMPO_RANGE}",
        "0.75",
    ),
    "reduced_motion": Key(
        "a still picture instead of the moving pacer", _flag, "true or false", "true"
    ),
}
assert list(SETTINGS) == [field.name for field in fields(Settings)]


def load_settings(path: Path) -> Settings:
    """The settings in `path` (the defaults if there is no file); SettingsError if bad."""
    try:
        with open_regular(path) as file:  # a FIFO is never opened: it would block
            data = file.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return DEFAULTS
    except NotARegularFile as error:
        problem = Problem(str(path), 1, 1, FILE_KEY, f"cannot be read: it {error.what}")
        raise SettingsError([problem]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(str(path), 1, 1, FILE_KEY, f"cannot be read: {reason}")
        raise SettingsError([problem]) from None
    return parse_settings(data, str(path))


def parse_settings(data: bytes, shown: str) -> Settings:
    """Check `data` as a settings file; `shown` is how problems name the file."""
    if len(data) > MAX_SETTINGS_BYTES:
        raise SettingsError(
            [Problem(shown, 1, 1, FILE_KEY, f"is over {MAX_SETTINGS_BYTES // 1024} KiB")]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SettingsError(
            [Problem(shown, line, 1, FILE_KEY, "is not UTF-8 text", "save it as UTF-8")]
        ) from None
    import tomllib

    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError([_twice(text, shown) or _syntax_problem(error, shown)]) from None
    except ValueError:  # tomllib lets int() refuse a number of over 4,300 digits
        raise SettingsError([_too_long_number(text, shown)]) from None
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    places = _places(text)
    unlisted: list[tuple[int, int]] = []  # unknown keys past MAX_LISTED: only counted
    for key, value in table.items():
        line, key_column, column = places.get(key, (1, 1, 1))
        setting = SETTINGS.get(key)
        if setting is None and len(problems) >= MAX_LISTED:
            unlisted.append((line, key_column))
            continue
        if setting is None:
            from breathe.format.spec import did_you_mean
            from breathe.format.spec import shown as escaped

            key = escaped(key)  # a quoted key may hold control characters: echo none

            if isinstance(value, dict) or (
                isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
            ):
                hint = "settings are `key = value` lines, with no [sections]"
            else:
                starting = [name for name in SETTINGS if name.startswith(key.lower())]
                hint = (
                    did_you_mean(key, list(SETTINGS))
                    or (f"did you mean `{starting[0]}`?" if starting else None)
                    or "the settings are " + ", ".join(f"`{name}`" for name in SETTINGS)
                )
            problems.append(
                Problem(shown, line, key_column, key, f"`{key}` is not a setting", hint)
            )
            continue
        unfit = _unfit(value, text, line, column)
        if unfit is not None:  # a table, a list, nan or inf: said as the file writes it
            hint = f"write {key} = {setting.example}"
            problems.append(
                Problem(shown, line, column, key, f"{unfit} is not {setting.takes}", hint)
            )
            continue
        try:
            values[key] = setting.convert(value)
        except ValueError as error:
            problems.append(Problem(shown, line, column, key, str(error), None))
    if unlisted:
        line, column = unlisted[0]
        problems.append(more_problems(shown, line, column, len(unlisted)))
    if problems:
        raise SettingsError(problems)
    return replace(DEFAULTS, **values)


# No setting takes a whole number this big; past it, Python may refuse to write the number
# out at all (over 4,300 digits), so it is said as the file writes it.
_MAX_BITS = 64


def _unfit(value: Any, text: str, line: int, column: int) -> str | None:
    """How to name a value no setting takes, where Python's own words would show:
    "a table", "a list", a number that is none (nan, inf, 1e400) or a whole number too big
    to print (0xfff…), as written."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    huge = isinstance(value, int) and value.bit_length() > _MAX_BITS
    if huge or (isinstance(value, float) and not math.isfinite(value)):
        lines = text.splitlines()
        written = lines[line - 1][column - 1 :].split("#")[0].strip() if line <= len(lines) else ""
        if written:
            return _shortened(written)
        return "a number too big to use" if huge else str(value)
    return None


def _shortened(written: str, limit: int = 24) -> str:
    return written if len(written) <= limit else written[: limit - 1] + "…"


# What tomllib reads as text or comments (no number in them counts), or a decimal whole
# number: not part of a key, a date, a time or a float, and not a bare key itself.
_TEXT_OR_NUMBER = re.compile(
    "|".join(
        [
            r'"""(?:\\.|[^\\])*?"""',  # text on many lines, with escapes
            r"'''[\s\S]*?'''",  # literal text on many lines
            r'"(?:\\.|[^"\\\n])*"',  # text, with escapes
            r"'[^'\n]*'",  # literal text
            r"#[^\n]*",  # a comment
            r"(?<![\w.+-])(?P<number>[+-]?\d[\d_]*)(?![\w.:-])(?![ \t]*[=.])",
        ]
    )
)


def _too_long_number(text: str, shown: str) -> Problem:
    """The whole number tomllib could not read (int() refuses one of over 4,300 digits),
    located: the first that long, else the longest."""
    import sys

    limit = sys.get_int_max_str_digits()
    chosen, chosen_size = None, 0
    for found in _TEXT_OR_NUMBER.finditer(text):
        written = found.group("number")
        size = len(written.lstrip("+-").replace("_", "")) if written else 0
        if size > chosen_size:
            chosen, chosen_size = found, size
            if limit and size > limit:
                break
    start = chosen.start() if chosen is not None else 0
    line = text.count("\n", 0, start) + 1
    column = start - text.rfind("\n", 0, start)
    key = _KEY_LINE.match(text.split("\n")[line - 1]) if chosen is not None else None
    name = (key.group(2) or key.group(3) or key.group(4)) if key else ""
    setting = SETTINGS.get(name)
    if chosen is not None and setting is not None:
        written = f"{_shortened(chosen.group('number'))} ({chosen_size:,} digits)"
        hint = f"write {name} = {setting.example}"
        return Problem(shown, line, column, name, f"{written} is not {setting.takes}", hint)
    message = f"a number of {chosen_size:,} digits is too long to read"
    return Problem(shown, line, column, SYNTAX_KEY, message, "write a short number: volume = 80")


_KEY_LINE = re.compile(r"""^([ \t]*)(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))[ \t]*=""")
_TABLE_LINE = re.compile(r"^([ \t]*)(\[\[?)[ \t]*([^\[\]#]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")


def _twice(text: str, shown: str) -> Problem | None:
    """A key or a [table] written twice (tomllib says only "cannot overwrite a value" or
    "cannot declare ('x',) twice"). Keys count within their [table]."""
    from breathe.format.spec import shown as escaped  # no control characters echoed

    first: dict[str, tuple[int, bool]] = {}  # a dotted name: its line, and if a [table]
    table = ""
    for number, line in enumerate(text.splitlines(), 1):
        header = _TABLE_LINE.match(line)
        if header is not None:
            parts = header.group(3).split(".")
            name = escaped(".".join(part.strip().strip("\"'") for part in parts))
            if header.group(2) == "[[":  # an array of tables: each [[x]] is a new one
                table = f"{name}[{number}]"
                continue
            table = name
            if name in first:
                earlier, was_table = first[name]
                message = (
                    f"the table [{name}] is written twice; the first is on line {earlier}"
                    if was_table
                    else f"the table [{name}] repeats `{name}` of line {earlier}"
                )
                return Problem(shown, number, header.start(3) + 1, name, message, "keep one")
            first[name] = (number, True)
            continue
        found = _KEY_LINE.match(line)
        if found is None:
            continue
        key = escaped(found.group(2) or found.group(3) or found.group(4))
        dotted = f"{table}.{key}" if table else key
        if dotted in first:
            earlier, was_table = first[dotted]
            message = (
                f"`{key}` repeats the table [{dotted}] of line {earlier}"
                if was_table
                else f"`{key}` is written twice; the first is on line {earlier}"
            )
            return Problem(
                shown, number, len(found.group(1)) + 1, dotted, message, "keep one of them"
            )
        first[dotted] = (number, False)
    return None


def _syntax_problem(error: tomllib.TOMLDecodeError, shown: str) -> Problem:
    message = str(error)
    found = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    if found:
        message = message[: found.start()]
        line, column = int(found.group(1)), int(found.group(2))
    else:  # "(at end of document)"
        message = re.sub(r"\s*\(at end of document\)$", "", message)
        line, column = 1, 1
    hint = 'write `key = value`, with text in double quotes: sound = "bell"'
    # What `_twice` did not find: tomllib names keys as Python writes them, ('x', 'b') or
    # 'x'; say them as the file does, `x.b`.
    twice = re.fullmatch(rf"Cannot declare ({_KEY_TUPLE}) twice", message)
    duplicate = re.fullmatch(rf"Duplicate inline table key ({_PYTHON_TEXT})", message)
    if twice is not None:
        name = _dotted_name(twice.group(1))
        return Problem(shown, line, column, name, f"`{name}` is written twice", "keep one")
    if duplicate is not None:
        name = _dotted_name(f"({duplicate.group(1)},)")
        message = f"`{name}` is written twice in one {{ }} table"
        return Problem(shown, line, column, name, message, "keep one")
    message = re.sub(_KEY_TUPLE, lambda found: f"`{_dotted_name(found.group(0))}`", message)
    return Problem(shown, line, column, SYNTAX_KEY, message[:1].lower() + message[1:], hint)


_PYTHON_TEXT = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""  # a str as repr() writes it
_KEY_TUPLE = rf"\({_PYTHON_TEXT}(?:, {_PYTHON_TEXT})*,?\)"  # a key as tomllib writes it


def _dotted_name(written: str) -> str:
    """`('x', 'b')` (a key as tomllib writes it) as `x.b`."""
    import ast

    from breathe.format.spec import shown as escaped  # no control characters echoed

    parts = ast.literal_eval(written)
    return escaped(".".join(str(part) for part in parts))


_ASSIGNED = re.compile(r"""^([ \t]*)(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))[ \t]*=[ \t]*""")
_TABLE_OR_DOTTED = re.compile(
    r"""^([ \t]*\[*[ \t]*)(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))[ \t]*[.\]]"""
)


def _places(text: str) -> dict[str, tuple[int, int, int]]:
    """Line, key column and value column of each key (tomllib keeps no positions): where
    it is first given a value, else its first `[key]` section or `key.sub = ...` dotted
    key. One look at each line, however many keys there are."""
    assigned: dict[str, tuple[int, int, int]] = {}
    other: dict[str, tuple[int, int, int]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        found = _ASSIGNED.match(line)
        if found:
            key = found.group(2) or found.group(3) or found.group(4)
            assigned.setdefault(key, (number, len(found.group(1)) + 1, found.end() + 1))
        found = _TABLE_OR_DOTTED.match(line)
        if found:
            key = found.group(2) or found.group(3) or found.group(4)
            column = len(found.group(1)) + 1
            other.setdefault(key, (number, column, column))
    return other | assigned


def _toml(value: Any) -> str:
    """A value as TOML writes it: `true`, `"bell"`, `0.75`, `80`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Fraction):
        return decimal(value)
    return str(value)


def describe(settings: Settings, given: set[str] | None = None) -> list[str]:
    """`key = value  # what it is` lines for `breathe settings`, marking defaults."""
    lines = []
    for key, setting in SETTINGS.items():
        value = getattr(settings, key)
        origin = "" if given is None or key in given else ", default"
        lines.append(f"{key} = {_toml(value)}".ljust(24) + f"# {setting.what}{origin}")
    return lines


def keys_in(path: Path) -> set[str]:
    """The settings the file at `path` sets (for telling them from defaults)."""
    import tomllib

    try:
        return set(tomllib.loads(path.read_text(encoding="utf-8"))) & set(SETTINGS)
    except (OSError, ValueError):  # not text, not TOML, or a number int() refuses
        return set()


TEMPLATE = "\n".join(
    [
        "# breathe settings. Remove the # at the start of a line to use it.",
        "# The command line wins over this file: `breathe play NAME --volume 50`.",
        *(f"# {line}" for line in describe(DEFAULTS)),
        "",
    ]
)
