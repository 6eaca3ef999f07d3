"""Where things are written in a TOML document: each key and value, and its first fault.

tomllib reads the values but keeps no positions, and says what is wrong only in English
words with the place inside them. This scanner walks the same grammar (TOML 1.0) to give
every key and value its line and column, and, in a document tomllib refuses, the first
fault, located and named in breathe's words. It builds no values: tomllib's are the ones
used, and it alone decides whether a document is TOML; the scanner only says where.

    entries: `volume = 80` (a key and its value), `[audio]` and `[[x]]` (table headers)
    integers: every decimal whole number, as written (int() refuses over 4,300 digits)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from breathe.core.problems import SYNTAX_KEY, Location, Problem

Kind = Literal["value", "table", "array"]  # `key = value`, `[table]`, `[[array]]`


@dataclass(frozen=True, slots=True)
class Entry:
    """A `key = value` line, or a `[table]` or `[[array]]` header, where it is written.

    `table` is the header it is under; `key` is located at its first part, `value` where
    the value starts (for a header, the key again). `written` is the value as written.
    """

    kind: Kind
    table: tuple[str, ...]
    name: tuple[str, ...]
    key: Location
    value: Location
    written: str = ""


@dataclass(frozen=True, slots=True)
class Written:
    """A decimal whole number as the file writes it, and where."""

    text: str
    at: Location

    @property
    def digits(self) -> int:
        return len(self.text.lstrip("+-").replace("_", ""))


@dataclass(frozen=True, slots=True)
class TomlLayout:
    """What `scan` found in the file `path`: the entries up to the first fault, and that
    fault (or None)."""

    path: str
    entries: tuple[Entry, ...]
    integers: tuple[Written, ...]
    fault: Problem | None


class _Fault(Exception):
    """The first fault, at `offset` in the text: it ends the scan."""

    def __init__(
        self, offset: int, message: str, key_path: str = SYNTAX_KEY, hint: str = ""
    ) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.key_path = key_path
        self.hint = hint or None


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ILLEGAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # in text and comments: tab is fine
_ILLEGAL_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # line breaks are fine too
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_HEX = re.compile(r"[0-9A-Fa-f]+")
_NUMBER = re.compile(
    r"0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|b[01](?:_?[01])*|o[0-7](?:_?[0-7])*)"
    r"|(?P<whole>[+-]?(?:0|[1-9](?:_?[0-9])*))"
    r"(?P<fraction>(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?)"
)
_NO_EQUALS = "expected '=' after a key in a key/value pair"
_SPECIAL_FLOAT = re.compile(r"[+-]?(?:inf|nan)")
_TIME = r"(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?"
_DATE_TIME = re.compile(  # a day is checked further: 2024-02-30 is written right, but none
    rf"[0-9]{{4}}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])"
    rf"(?:[Tt ]{_TIME}(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])?)?"
    rf"|{_TIME}"
)


def scan(text: str, path: str) -> TomlLayout:
    """The layout of `text` (a TOML document; `path` names it in locations)."""
    return _Scanner(text.replace("\r\n", "\n"), path).run()


@dataclass(slots=True)
class _Scanner:
    text: str
    path: str
    entries: list[Entry] = field(default_factory=list)
    integers: list[Written] = field(default_factory=list)
    # Each dotted name given so far, with how and on which line: "value" (`name = ...`),
    # "table" (`[name]`), "array" (`[[name]]`), "dotted" (made by `name.more = ...`) or
    # "parent" (made by `[name.more]`, and still free to be declared itself).
    seen: dict[tuple[str, ...], tuple[str, int]] = field(default_factory=dict)
    table: tuple[str, ...] = ()
    line_starts: list[int] = field(default_factory=list)

    def run(self) -> TomlLayout:
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        fault = None
        try:
            self._document()
        except _Fault as found:
            line, column = self._place(found.offset)
            fault = Problem(self.path, line, column, found.key_path, found.message, found.hint)
        return TomlLayout(self.path, tuple(self.entries), tuple(self.integers), fault)

    # -- where ---------------------------------------------------------------------------

    def _place(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def _location(self, offset: int, name: tuple[str, ...]) -> Location:
        line, column = self._place(offset)
        return Location(self.path, line, column, _dotted(name))

    def _char(self, pos: int) -> str:
        return self.text[pos] if pos < len(self.text) else ""

    def _skip_spaces(self, pos: int) -> int:
        while self._char(pos) in (" ", "\t"):
            pos += 1
        return pos

    def _skip_comment(self, pos: int) -> int:
        if self._char(pos) != "#":
            return pos
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        illegal = _ILLEGAL.search(self.text, pos, end)
        if illegal is not None:
            raise _illegal(illegal.group(), illegal.start())
        return end

    def _skip_blank(self, pos: int) -> int:
        """Spaces, comments and line breaks, as between the items of a list."""
        while True:
            before = pos
            pos = self._skip_comment(self._skip_spaces(pos))
            if self._char(pos) == "\n":
                pos += 1
            if pos == before:
                return pos

    # -- statements ----------------------------------------------------------------------

    def _document(self) -> None:
        pos = 0
        while pos < len(self.text):
            pos = self._skip_spaces(pos)
            char = self._char(pos)
            if char == "\n":
                pos += 1
                continue
            if char == "[":
                pos = self._header(pos)
            elif char in ('"', "'") or _BARE_KEY.match(char):
                pos = self._pair(pos)
            elif char and char != "#":
                raise _Fault(pos, "invalid statement")
            pos = self._skip_comment(self._skip_spaces(pos))
            if self._char(pos) not in ("", "\n"):
                raise _Fault(pos, "expected newline or end of document after a statement")
            pos += 1

    def _header(self, start: int) -> int:
        array = self.text.startswith("[[", start)
        pos = self._skip_spaces(start + (2 if array else 1))
        key_start = pos
        pos, name = self._key(pos)
        closing = "]]" if array else "]"
        if not self.text.startswith(closing, pos):
            declaration = "an array" if array else "a table"
            raise _Fault(pos, f"expected '{closing}' at the end of {declaration} declaration")
        kind: Kind = "array" if array else "table"
        self._declare(kind, name, key_start, pos)
        key = self._location(key_start, name)
        self.entries.append(Entry(kind, (), name, key, key))
        self.table = name
        return pos + len(closing)

    def _declare(self, kind: Kind, name: tuple[str, ...], key_start: int, key_end: int) -> None:
        """A [table] or [[array]] named `name`: refused if that name is given already."""
        line = self._place(key_start)[0]
        shown = _dotted(name)
        header = f"[[{shown}]]" if kind == "array" else f"[{shown}]"
        for size in range(1, len(name)):
            how, earlier = self.seen.get(name[:size], ("", 0))
            if how == "value":
                part = _dotted(name[:size])
                message = f"the table {header} repeats `{part}` of line {earlier}"
                raise _Fault(key_start, message, shown, "keep one")
            self.seen.setdefault(name[:size], ("parent", line))
        how, earlier = self.seen.get(name, ("", 0))
        if kind == "array" and how == "array":  # the next table of the array: a fresh one
            for other in [given for given in self.seen if given[: len(name)] == name]:
                del self.seen[other]
        elif how == "table" and kind == "table":
            message = f"the table [{shown}] is written twice; the first is on line {earlier}"
            raise _Fault(key_start, message, shown, "keep one")
        elif how == "value":
            message = f"the table {header} repeats `{shown}` of line {earlier}"
            raise _Fault(key_start, message, shown, "keep one")
        elif how not in ("", "array" if kind == "array" else "parent"):
            raise _Fault(key_end, f"`{shown}` is written twice", shown, "keep one")
        self.seen[name] = (kind, line)

    def _pair(self, start: int) -> int:
        pos, name = self._key(start)
        if self._char(pos) != "=":
            raise _Fault(pos, _NO_EQUALS)
        value_start = self._skip_spaces(pos + 1)
        end = self._value(value_start)
        full = self.table + name
        line = self._place(start)[0]
        for size in range(len(self.table) + 1, len(full) + 1):
            how, earlier = self.seen.get(full[:size], ("", 0))
            given = _dotted(full[len(self.table) : size])
            if how == "value" or (size == len(full) and how == "dotted"):
                message = f"`{given}` is written twice; the first is on line {earlier}"
                raise _Fault(start, message, _dotted(full[:size]), "keep one of them")
            if how == "table" or (how and size == len(full)):
                table = _dotted(full[:size])
                message = f"`{given}` repeats the table [{table}] of line {earlier}"
                raise _Fault(start, message, table, "keep one of them")
            self.seen.setdefault(full[:size], ("dotted", line))
        self.seen[full] = ("value", line)
        written = self.text[value_start:end]
        self.entries.append(
            Entry(
                "value",
                self.table,
                name,
                self._location(start, name),
                self._location(value_start, name),
                written,
            )
        )
        return end

    # -- keys ----------------------------------------------------------------------------

    def _key(self, pos: int) -> tuple[int, tuple[str, ...]]:
        parts = []
        while True:
            pos, part = self._key_part(pos)
            parts.append(part)
            pos = self._skip_spaces(pos)
            if self._char(pos) != ".":
                return pos, tuple(parts)
            pos = self._skip_spaces(pos + 1)

    def _key_part(self, pos: int) -> tuple[int, str]:
        char = self._char(pos)
        if char == '"':
            return self._basic_text(pos)
        if char == "'":
            return self._literal_text(pos)
        bare = _BARE_KEY.match(self.text, pos)
        if bare is None:
            raise _Fault(pos, "invalid initial character for a key part")
        return bare.end(), bare.group()

    # -- values --------------------------------------------------------------------------

    def _value(self, pos: int) -> int:
        """Where the value at `pos` ends."""
        text = self.text
        char = self._char(pos)
        if text.startswith('"""', pos) or text.startswith("'''", pos):
            return self._multiline_text(pos)
        if char == '"':
            return self._basic_text(pos)[0]
        if char == "'":
            return self._literal_text(pos)[0]
        for word in ("true", "false"):
            if text.startswith(word, pos):
                return pos + len(word)
        if char == "[":
            return self._array(pos)
        if char == "{":
            return self._inline_table(pos)
        for pattern in (_DATE_TIME, _NUMBER, _SPECIAL_FLOAT):
            found = pattern.match(text, pos)
            if found is None:
                continue
            if pattern is _DATE_TIME and not _is_date_or_time(found):
                raise _Fault(pos, "invalid date or datetime")
            if pattern is _NUMBER and found.group("whole") and not found.group("fraction"):
                self.integers.append(Written(found.group(), self._location(pos, ())))
            return found.end()
        raise _Fault(pos, "invalid value")

    def _array(self, start: int) -> int:
        pos = self._skip_blank(start + 1)
        while self._char(pos) != "]":
            pos = self._skip_blank(self._value(pos))
            char = self._char(pos)
            if char == ",":
                pos = self._skip_blank(pos + 1)
            elif char != "]":
                raise _Fault(pos, "unclosed array")
        return pos + 1

    def _inline_table(self, start: int) -> int:
        pos = self._skip_spaces(start + 1)
        if self._char(pos) == "}":
            return pos + 1
        given: set[tuple[str, ...]] = set()
        while True:
            pos, name = self._key(pos)
            if self._char(pos) != "=":
                raise _Fault(pos, _NO_EQUALS)
            pos = self._value(self._skip_spaces(pos + 1))
            if any(name[: len(other)] == other or other[: len(name)] == name for other in given):
                shown = _dotted(name)
                message = f"`{shown}` is written twice in one {{ }} table"
                raise _Fault(pos, message, shown, "keep one")
            given.add(name)
            pos = self._skip_spaces(pos)
            char = self._char(pos)
            if char == "}":
                return pos + 1
            if char != ",":
                raise _Fault(pos, "unclosed inline table")
            pos = self._skip_spaces(pos + 1)

    # -- text ----------------------------------------------------------------------------

    def _basic_text(self, start: int) -> tuple[int, str]:
        """Text in double quotes, on one line: where it ends, and what it says."""
        pieces: list[str] = []
        pos = start + 1
        while True:
            char = self._char(pos)
            if char == '"':
                return pos + 1, "".join(pieces)
            if char in ("", "\n"):
                raise _Fault(pos, "unterminated string")
            if char == "\\":
                pos, piece = self._escape(pos)
                pieces.append(piece)
                continue
            if _ILLEGAL.match(char):
                raise _illegal(char, pos)
            pieces.append(char)
            pos += 1

    def _literal_text(self, start: int) -> tuple[int, str]:
        end = self.text.find("'", start + 1)
        line_end = self.text.find("\n", start)
        if end < 0 or 0 <= line_end < end:
            raise _Fault(len(self.text) if line_end < 0 else line_end, "unterminated string")
        illegal = _ILLEGAL.search(self.text, start + 1, end)
        if illegal is not None:
            raise _illegal(illegal.group(), illegal.start())
        return end + 1, self.text[start + 1 : end]

    def _multiline_text(self, start: int) -> int:
        quotes = self.text[start : start + 3]
        pos = start + 3
        while True:
            end = self.text.find(quotes, pos)
            if end < 0:
                raise _Fault(start, "unterminated string")  # where it starts, not at the end
            escaped = self.text.find("\\", pos, end) if quotes == '"""' else -1
            illegal = _ILLEGAL_MULTILINE.search(self.text, pos, end if escaped < 0 else escaped)
            if illegal is not None:
                raise _illegal(illegal.group(), illegal.start())
            if escaped >= 0:
                pos = self._multiline_escape(escaped)
                continue
            end += 3
            for _ in range(2):  # up to two more quotes end the text itself: 'a' in '''a''''
                end += self._char(end) == quotes[0]
            return end

    def _multiline_escape(self, pos: int) -> int:
        """Past a backslash in \"\"\"text\"\"\": an escape, or one ending the line."""
        after = self._skip_spaces(pos + 1)
        if self._char(after) == "\n":
            return after + 1
        return self._escape(pos)[0]

    def _escape(self, pos: int) -> tuple[int, str]:
        code = self._char(pos + 1)
        if code in _ESCAPES:
            return pos + 2, _ESCAPES[code]
        size = {"u": 4, "U": 8}.get(code, 0)
        if not size:
            raise _Fault(pos, "unescaped '\\' in a string")
        digits = self.text[pos + 2 : pos + 2 + size]
        if len(digits) != size or not _HEX.fullmatch(digits):
            raise _Fault(pos, "invalid hex value")
        number = int(digits, 16)
        if 0xD800 <= number <= 0xDFFF or number > 0x10FFFF:
            raise _Fault(pos, "escaped character is not a Unicode scalar value")
        return pos + 2 + size, chr(number)


def _illegal(character: str, pos: int) -> _Fault:
    return _Fault(pos, f"illegal character U+{ord(character):04X}")


def _is_date_or_time(found: re.Match[str]) -> bool:
    """Whether a date written in the right shape is a real day (not 2024-02-30)."""
    import datetime

    written = found.group()
    try:
        if written[2] != ":":
            datetime.date.fromisoformat(written[:10])
    except ValueError:
        return False
    return True


def _dotted(name: tuple[str, ...]) -> str:
    """A key as the file says it, `a.b`, with no control character echoed."""
    from breathe.format.spec import shown  # only when a key is named

    return shown(".".join(name))
