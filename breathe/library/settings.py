"""The person's settings: a small TOML file in the user config folder.

breathe reads the file and writes into it only the theme chosen in the app (`breathe
settings --init` writes a commented one only where there is none). The command line wins
over the file, the file over the defaults. A mistake in the file is a Problem located to
its line and column, like a mistake in a routine: `settings.toml:3:10: volume: 150 is out
of range; ...`.

The file gives some of the play options (`breathe.core.options.PlayOptions`, whose defaults
are the defaults), with the bounds of `breathe.core.bounds`; SETTINGS below says each in
words for checks and `breathe settings`. The keys:

    volume = 80             # cue volume, 0 to 100
    sound = "auto"          # auto, miniaudio, simpleaudio, bell or off
    voice = "off"           # auto, piper, espeak-ng or off: the voice that guides
    voice_volume = 70       # the voice's volume, 0 to 100
    eyes_closed = true      # a soft count at each second of long breath phases
    tempo = 0.9             # breathing speed, 0.5 (slower) to 2 (faster)
    length = 5              # breathing routines about 5 minutes; "own": as written
    reduced_motion = false  # a still picture instead of the moving pacer
    theme = "breathe-dark"  # breathe-dark, breathe-light or breathe-night (dim and warm)

The theme is the one key breathe writes: a theme chosen in the app's palette is written
in place of the file's `theme` line (or added, in a new file if need be), nothing else in
the file touched (`remember_theme`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from breathe.core.bounds import (
    LENGTH_RANGE,
    MAX_LENGTH,
    MAX_TEMPO,
    MAX_VOLUME,
    MIN_LENGTH,
    MIN_TEMPO,
    MIN_VOLUME,
    SOUND_CHOICES,
    TEMPO_RANGE,
    TEMPO_SPAN,
    THEME_CHOICES,
    VOICE_CHOICES,
    VOLUME_RANGE,
    decimal,
)
from breathe.core.options import DEFAULTS, OPTION_NAMES, PlayOptions
from breathe.core.problems import (
    FILE_KEY,
    MAX_LISTED,
    SYNTAX_KEY,
    Location,
    Problem,
    more_problems,
)
from breathe.core.words import either
from breathe.format.files import NotARegularFile, open_regular

if TYPE_CHECKING:  # imported where a problem is located: a good file needs neither
    from breathe.format.toml_source import Entry, TomlLayout

MAX_SETTINGS_BYTES = 64 * 1024
SYNTAX_HINT = 'write `key = value`, with text in double quotes: sound = "bell"'


@dataclass(frozen=True, slots=True)
class SettingsFile:
    """What the settings file says: the play options it gives over the defaults, and
    which it gives (so that `breathe settings` marks the rest as defaults)."""

    options: PlayOptions = DEFAULTS
    given: frozenset[str] = frozenset()


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


def _one_of(options: tuple[str, ...]) -> str:
    """The choices as TOML writes them: `one of "auto", "bell", "off"`."""
    return "one of " + ", ".join(f'"{option}"' for option in options)


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    listing = _one_of(options)

    def convert(value: Any) -> str:
        if not isinstance(value, str) or value not in options:
            from breathe.format.spec import shown as escaped  # no control characters echoed

            shown = f'"{escaped(value)}"' if isinstance(value, str) else _toml(value)
            raise ValueError(f"{shown} is not {listing}")
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


OWN_LENGTH = "own"  # `length = "own"`: every routine as written (the default)


def _length(value: Any) -> int | None:
    if value == OWN_LENGTH:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f'must be a whole number of minutes from {LENGTH_RANGE}, or "own"')
    if not MIN_LENGTH <= value <= MAX_LENGTH:
        raise ValueError(f"{value} is out of range; the allowed range is {LENGTH_RANGE}")
    return value


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
        _one_of(SOUND_CHOICES),
        '"bell"',
    ),
    "voice": Key(
        "the voice that guides: " + either(VOICE_CHOICES),
        _choice(VOICE_CHOICES),
        _one_of(VOICE_CHOICES),
        '"off"',
    ),
    "voice_volume": Key(
        f"the voice's volume, {VOLUME_RANGE}",
        _whole(MIN_VOLUME, MAX_VOLUME),
        f"a whole number from {VOLUME_RANGE}",
        "70",
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
    "length": Key(
        f'breathing routines about this many minutes ({LENGTH_RANGE}), or "own"',
        _length,
        f'a whole number of minutes from {LENGTH_RANGE}, or "own"',
        "5",
    ),
    "reduced_motion": Key(
        "a still picture instead of the moving pacer", _flag, "true or false", "true"
    ),
    "theme": Key(
        "the app's colours: " + either(THEME_CHOICES),
        _choice(THEME_CHOICES),
        _one_of(THEME_CHOICES),
        '"breathe-night"',
    ),
}
assert tuple(SETTINGS) == OPTION_NAMES  # one table, in the order of the record


def load_settings(path: Path) -> SettingsFile:
    """The settings in `path` (none if there is no file); SettingsError if bad."""
    try:
        with open_regular(path) as file:  # a FIFO is never opened: it would block
            data = file.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return SettingsFile()
    except NotARegularFile as error:
        problem = Problem(str(path), 1, 1, FILE_KEY, f"cannot be read: it {error.what}")
        raise SettingsError([problem]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(str(path), 1, 1, FILE_KEY, f"cannot be read: {reason}")
        raise SettingsError([problem]) from None
    return parse_settings(data, str(path))


def parse_settings(data: bytes, shown: str) -> SettingsFile:
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
        table = tomllib.loads(text)  # tomllib decides what is TOML, and reads the values
    except tomllib.TOMLDecodeError:
        raise SettingsError([_not_toml(_layout(text, shown))]) from None
    except ValueError:  # tomllib lets int() refuse a number of over 4,300 digits
        raise SettingsError([_too_long_number(_layout(text, shown))]) from None
    places = _Places(text, shown)
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    unlisted: list[Location] = []  # unknown keys past MAX_LISTED: only counted
    for key, value in table.items():
        setting = SETTINGS.get(key)
        if setting is None and len(problems) >= MAX_LISTED:
            unlisted.append(places.key(key))
        elif setting is None:
            problems.append(_not_a_setting(key, value, places.key(key)))
        else:
            checked = _checked(key, setting, value, places)
            if isinstance(checked, Problem):
                problems.append(checked)
            else:
                values[key] = checked
    if unlisted:
        problems.append(more_problems(shown, unlisted[0].line, unlisted[0].column, len(unlisted)))
    if problems:
        raise SettingsError(problems)
    return SettingsFile(DEFAULTS.with_chosen(values), frozenset(values))


def _layout(text: str, shown: str) -> TomlLayout:
    from breathe.format.toml_source import scan

    return scan(text, shown)


class _Places:
    """Where each top-level key of the file is written, worked out at the first problem
    (tomllib keeps no positions): where it is given a value, else its first `[key]`
    header or `key.sub = ...` dotted key."""

    def __init__(self, text: str, shown: str) -> None:
        self.text = text
        self.shown = shown
        self.entries: dict[str, Entry] | None = None

    def entry(self, key: str) -> Entry | None:
        if self.entries is None:
            assigned: dict[str, Entry] = {}
            other: dict[str, Entry] = {}
            for entry in _layout(self.text, self.shown).entries:
                if entry.table:
                    continue
                whole = entry.kind == "value" and len(entry.name) == 1
                (assigned if whole else other).setdefault(entry.name[0], entry)
            self.entries = other | assigned
        return self.entries.get(key)

    def key(self, key: str) -> Location:
        entry = self.entry(key)
        return entry.key if entry is not None else Location(self.shown, 1, 1, key)

    def value(self, key: str) -> Location:
        entry = self.entry(key)
        return entry.value if entry is not None else Location(self.shown, 1, 1, key)

    def written(self, key: str) -> str:
        """The key's value as the file writes it ("" if it is not found)."""
        entry = self.entry(key)
        return entry.written if entry is not None else ""


def _not_a_setting(key: str, value: Any, at: Location) -> Problem:
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
    return Problem(at.path, at.line, at.column, key, f"`{key}` is not a setting", hint)


def _checked(key: str, setting: Key, value: Any, places: _Places) -> Any:
    """The setting's value, or the Problem with it, at the value (looked for only then)."""
    unfit = _unfit(value, lambda: places.written(key))
    if unfit is not None:  # a table, a list, nan or inf: said as the file writes it
        at, hint = places.value(key), f"write {key} = {setting.example}"
        return Problem(at.path, at.line, at.column, key, f"{unfit} is not {setting.takes}", hint)
    try:
        return setting.convert(value)
    except ValueError as error:
        at = places.value(key)
        return Problem(at.path, at.line, at.column, key, str(error), None)


# No setting takes a whole number this big; past it, Python may refuse to write the number
# out at all (over 4,300 digits), so it is said as the file writes it.
_MAX_BITS = 64


def _unfit(value: Any, written: Callable[[], str]) -> str | None:
    """How to name a value no setting takes, where Python's own words would show:
    "a table", "a list", a number that is none (nan, inf, 1e400) or a whole number too big
    to print (0xfff…), as the file writes it (`written`, asked only then)."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    huge = isinstance(value, int) and value.bit_length() > _MAX_BITS
    if huge or (isinstance(value, float) and not math.isfinite(value)):
        as_written = written()
        if as_written:
            return _shortened(as_written)
        return "a number too big to use" if huge else str(value)
    return None


def _shortened(written: str, limit: int = 24) -> str:
    return written if len(written) <= limit else written[: limit - 1] + "…"


def _not_toml(layout: TomlLayout) -> Problem:
    """The first fault of a file tomllib refuses, as the scan of it located and named it."""
    fault = layout.fault
    if fault is None:  # tomllib refuses what the scan let by: said, if not located
        return Problem(layout.path, 1, 1, SYNTAX_KEY, "is not valid TOML", SYNTAX_HINT)
    if fault.key_path == SYNTAX_KEY:
        return Problem(fault.path, fault.line, fault.column, SYNTAX_KEY, fault.message, SYNTAX_HINT)
    return fault


def _too_long_number(layout: TomlLayout) -> Problem:
    """The whole number tomllib could not read (int() refuses one of over 4,300 digits),
    located: the first that long, else the longest."""
    import sys

    limit = sys.get_int_max_str_digits()
    too_long = [number for number in layout.integers if limit and number.digits > limit]
    if not too_long and not layout.integers:
        return _not_toml(layout)
    number = too_long[0] if too_long else max(layout.integers, key=lambda n: n.digits)
    at = number.at
    name = next(  # the setting whose whole value the number is, if it is one
        (
            entry.name[0]
            for entry in layout.entries
            if entry.kind == "value"
            and not entry.table
            and len(entry.name) == 1
            and (entry.value.line, entry.value.column) == (at.line, at.column)
            and entry.written == number.text
        ),
        "",
    )
    setting = SETTINGS.get(name)
    if setting is not None:
        written = f"{_shortened(number.text)} ({number.digits:,} digits)"
        hint = f"write {name} = {setting.example}"
        return Problem(at.path, at.line, at.column, name, f"{written} is not {setting.takes}", hint)
    message = f"a number of {number.digits:,} digits is too long to read"
    return Problem(
        at.path, at.line, at.column, SYNTAX_KEY, message, "write a short number: volume = 80"
    )


def _toml(value: Any) -> str:
    """A value as TOML writes it: `true`, `"bell"`, `0.75`, `80`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, Fraction):
        return decimal(value)
    if value is None:  # the one option that may be unset: `length`, as written
        return f'"{OWN_LENGTH}"'
    return str(value)


def describe(settings: PlayOptions, given: frozenset[str] | None = None) -> list[str]:
    """`key = value  # what it is` lines for `breathe settings`, marking defaults."""
    lines = []
    for key, setting in SETTINGS.items():
        value = getattr(settings, key)
        origin = "" if given is None or key in given else ", default"
        lines.append(f"{key} = {_toml(value)}".ljust(24) + f"# {setting.what}{origin}")
    return lines


TEMPLATE = "\n".join(
    [
        "# breathe settings. Remove the # at the start of a line to use it.",
        "# The command line wins over this file: `breathe play NAME --volume 50`.",
        *(f"# {line}" for line in describe(DEFAULTS)),
        "",
    ]
)


def remember_theme(path: Path, theme: str) -> None:
    """Write `theme` to the settings file at `path`, in place of its `theme = ...` value
    (the rest of that line and of the file as it was), or as a new last line, in a new
    file if there is none. A file with mistakes is left alone: SettingsError (the person
    sees them at the next start); OSError if it cannot be written.

    Written whole to a temporary file beside it, then renamed over it: a file cut short
    by a crash would stop breathe from starting."""
    if theme not in THEME_CHOICES:
        raise ValueError(f"not a theme: {theme!r}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    settings = parse_settings(data, str(path))  # raises SettingsError: not written into
    if settings.options.theme == theme and "theme" in settings.given:
        return
    text = data.decode("utf-8")
    written = f'"{theme}"'
    entry = _Places(text, str(path)).entry("theme") if "theme" in settings.given else None
    if entry is not None:
        lines = text.splitlines(keepends=True)
        line = lines[entry.value.line - 1]
        start = entry.value.column - 1
        lines[entry.value.line - 1] = line[:start] + written + line[start + len(entry.written) :]
        text = "".join(lines)
    else:
        text += ("" if not text or text.endswith("\n") else "\n") + f"theme = {written}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".new")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
