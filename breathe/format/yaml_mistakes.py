"""The YAML mistakes people make, read from the lines of a file the parser refused.

A parser reports where it gave up, which is often a line after the mistake (the line after
`duration:30s`) or the end of one (the colon of a key indented a space too far). The
mistakes teachers make have shapes that can be recognised in the text around that place:
a key with no space after its colon, a key indented more than the key above it, the second
line of a text at its key's column, a quote that ends the text early (`'Teacher's'`), a `[`
never closed, text that starts with `*`, curly quotes around text holding `: `. Each is
reported where it is, with what to type; `diagnose` returns None for any other, and the
parser's own words and place are used.

The key path of a mistake comes from the parser's events before it: the collections open
there, and the key written on the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from breathe.core.problems import item_path
from breathe.core.words import counted, plural
from breathe.format.lookalikes import LOOKALIKES, named
from breathe.format.nesting import quoted_end

# A line that writes a key: its indentation and `- ` entries, the key, what follows it.
_KEY_LINE_RE = re.compile(r"^( *(?:- +)*)([A-Za-z][\w-]*)(:|\uff1a|\u2236|\ufe55|\ua789)(.*)$")
_ITEM_RE = re.compile(r"^ *(?:- +)+")
# A backslash in double quotes that starts no escape YAML knows.
_BAD_ESCAPE_RE = re.compile(
    r'\\(?:[^0abt\tnvfre "/\\N_LPxuU]|x(?![0-9A-Fa-f]{2})|u(?![0-9A-Fa-f]{4})|U(?![0-9A-Fa-f]{8}))'
)
_BLANKS = " " + "".join(c for c, typed in LOOKALIKES.items() if typed == " ")
_CURLY_OPENING = "\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039"
# What makes text more than plain text: an indicator first, or `: ` or ` #` inside.
_NOT_PLAIN_RE = re.compile(r"^[\[\]{},#&*!|>'\"%@`]|^[-?:](?:\s|$)|: | #|:$")


Place = tuple[int, int]
"""A 0-based line and column."""


@dataclass(frozen=True, slots=True)
class Mistake:
    """A mistake at `line`, `column` (both 0-based); the key path is that of `key`, written
    at `key_at` (0-based line and column), or `(syntax)` when `key` is None; `key` "" is
    the list item itself (`steps[2]`). The path is read in the file with the `repaired`
    lines (index, text) put in place: a line out of place is counted where it belongs."""

    line: int
    column: int
    message: str
    hint: str
    key: str | None = None
    key_at: Place = (0, 0)
    repaired: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class _Line:
    """A line that writes a key: `key` at column `column`, then its colon and `rest`."""

    number: int
    column: int
    key: str
    colon: str
    rest: str

    @property
    def value(self) -> str:
        return self.rest.strip()

    @property
    def value_column(self) -> int:
        """Where the value starts, after the colon and its blanks."""
        after = self.column + len(self.key) + 1
        return after + len(self.rest) - len(self.rest.lstrip(" "))


def _key_line(lines: list[str], number: int) -> _Line | None:
    if not 0 <= number < len(lines):
        return None
    found = _KEY_LINE_RE.match(lines[number])
    if found is None:
        return None
    lead, key, colon, rest = found.groups()
    return _Line(number, len(lead), key, colon, rest)


def _content_above(lines: list[str], number: int) -> int | None:
    """The nearest line above `number` that holds more than blanks and a comment."""
    for above in range(number - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _text_key_above(lines: list[str], number: int, column: int) -> _Line | None:
    """The key above line `number` whose plain text the line may go on from: the nearest
    line above indented at most `column`, past lines indented more (more of that text),
    if it writes a key with plain text after it."""
    above = _content_above(lines, number)
    while above is not None and len(lines[above]) - len(lines[above].lstrip(" ")) > column:
        above = _content_above(lines, above)
    if above is None:
        return None
    found = _key_line(lines, above)
    return found if found is not None and _plain_value(found) else None


def _plain_value(line: _Line) -> bool:
    """Whether a key line has plain text for its value, which may go on below."""
    value = line.value
    return bool(value) and value[0] not in "'\"[{|>&*!#"


def diagnose(
    error: yaml.MarkedYAMLError,
    lines: list[str],
    known_keys: Callable[[], Collection[str]],
    inside_block_text: Callable[[list[str], int], bool],
) -> Mistake | None:
    """The mistake behind `error`, in a file of `lines`, if it has a known shape."""
    mark = error.problem_mark
    if mark is None:
        return None
    context = error.context_mark
    # Where the parser says the construct it was reading starts (a `[`, a quote, a key).
    opening = (context.line, context.column) if context is not None else None
    line = min(mark.line, len(lines) - 1)
    diagnoses: tuple[Callable[[], Mistake | None], ...] = (
        lambda: _unclosed_bracket(opening, mark.line, lines),
        lambda: _text_like_a_reference(opening, lines),
        lambda: _missing_space(lines, line, opening, inside_block_text),
        lambda: _block_text_out_of_line(lines, line),
        lambda: _item_out_of_line_with_the_items_below(lines, line),
        lambda: _curly_quotes_with_colon(lines, line, mark.column),
        lambda: _item_read_as_text(lines, line, mark.column),
        lambda: _colon_in_text(lines, line, mark.column, known_keys),
        lambda: _quote_ends_early(lines, line, opening),
        lambda: _backslash_in_double_quotes(opening, lines),
        lambda: _quote_not_closed_on_its_line(lines, line),
        lambda: _key_without_colon_above(lines, line, mark.column, known_keys),
        lambda: _key_level_line(opening, lines, known_keys),
        lambda: _item_out_of_line(lines, line, mark.column),
        lambda: _key_right_of_a_whole_value(lines, line, mark.column),
        lambda: _first_line_indented(lines, line),
        lambda: _key_out_of_line_with_its_item(lines, line, mark.column),
        lambda: _key_left_of_the_keys_above(lines, line, mark.column),
    )
    for diagnosis in diagnoses:
        found = diagnosis()
        if found is not None:
            return found
    return None


def _unclosed_bracket(opening: Place | None, error_line: int, lines: list[str]) -> Mistake | None:
    """`tags: [calm, evening` and then the next key: said at the `[` never closed."""
    if opening is None:
        return None
    line, column = opening
    if error_line <= line or line >= len(lines):
        return None
    bracket = lines[line][column : column + 1]
    if bracket not in ("[", "{"):
        return None
    closing = "]" if bracket == "[" else "}"
    noun = "list" if bracket == "[" else "group"
    written = lines[line].rstrip()
    fixed = written.rstrip(",") + closing
    key = _key_line(lines, line)
    return Mistake(
        line,
        column,
        f"this `{bracket}` is never closed: the {noun} it starts has no `{closing}`",
        f"end the {noun} with `{closing}` on this line: `{fixed.strip().removeprefix('- ')}`",
        key.key if key is not None and key.column < column else None,
        (line, key.column if key is not None else column),
    )


def _text_like_a_reference(opening: Place | None, lines: list[str]) -> Mistake | None:
    """`instructions: *slowly* let go`: text starting with `*` or `&`, at that character."""
    if opening is None:
        return None
    line, column = opening
    if line >= len(lines):
        return None
    return text_starting_with_indicator(lines, line, column)


def text_starting_with_indicator(lines: list[str], line: int, column: int) -> Mistake | None:
    """Text at `line`, `column` (0-based) that starts with `*` or `&`, which YAML reads as
    a reference to another part of the file: put in quotes."""
    text = lines[line][column:].split(" #")[0].rstrip()
    if not text or text[0] not in "*&":
        return None
    key = _key_line(lines, line)
    quoted = _quoted(text)
    fix = f"{key.key}: {quoted}" if key is not None and key.value_column == column else quoted
    return Mistake(
        line,
        column,
        f"`{text}` starts with `{text[0]}`, which YAML reads as a reference to another "
        "part of the file, not as text",
        f"put the text in quotes: `{fix}`",
        key.key if key is not None and key.value_column == column else None,
        (line, key.column if key is not None else column),
    )


def _missing_space(
    lines: list[str],
    line: int,
    opening: Place | None,
    inside_block_text: Callable[[list[str], int], bool],
) -> Mistake | None:
    """`duration:30s`, `duration:` and a no-break space, `duration：30s`: at the place."""
    candidates = []
    if opening is not None and opening[0] < len(lines):
        candidates.append(opening[0])
    number: int | None = line
    for _ in range(3):
        if number is None:
            break
        candidates.append(number)
        number = _content_above(lines, number)
    for number in candidates:
        found = _key_line(lines, number)
        if found is None or inside_block_text(lines, number):
            continue
        after = found.column + len(found.key) + 1  # the column after the colon
        rest = found.rest
        meant = f"{found.key}: {rest.lstrip(_BLANKS)}"
        if found.colon != ":":
            return Mistake(
                number,
                after - 1,
                f"`{found.key}{found.colon}` ends with {named(found.colon)}, which looks "
                "like `:` but is not",
                f"type `:` and a space instead: `{meant.rstrip()}`",
                found.key,
                (number, found.column),
            )
        if rest[:1] in LOOKALIKES and LOOKALIKES[rest[0]] == " ":
            return Mistake(
                number,
                after,
                f"the space after `{found.key}:` is {named(rest[0])}, which YAML does not "
                "read as a space",
                f"delete it and type an ordinary space: `{meant.rstrip()}`",
                found.key,
                (number, found.column),
            )
        if rest and rest[0] not in " \t#/" and not rest.startswith("\\"):
            word = _shortened(f"{found.key}:{rest.split(' #')[0].rstrip()}")
            return Mistake(
                number,
                after,
                f"`{word}` has no space after its colon, so YAML reads it as one word, "
                "not as a key and its value",
                f"put a space after the colon: `{found.key}: {rest.rstrip()}`",
                found.key,
                (number, found.column),
            )
    return None


def _colon_at(lines: list[str], line: int, column: int) -> bool:
    """Whether a `:` that starts a value (before a blank or the end) is at the place."""
    text = lines[line] if line < len(lines) else ""
    return text[column : column + 1] == ":" and text[column + 1 : column + 2] in ("", " ", "\t")


def _curly_quotes_with_colon(lines: list[str], line: int, column: int) -> Mistake | None:
    """`instructions: “Breathe in: slowly”`: the `: ` in text quoted with curly quotes."""
    if not _colon_at(lines, line, column):
        return None
    found = _key_line(lines, line)
    if found is None or found.value[:1] not in _CURLY_OPENING:
        return None
    start = found.value_column
    if column <= start:
        return None
    text = lines[line][start:].rstrip()
    inner = text[1:-1] if len(text) > 1 and text[-1] in LOOKALIKES else text[1:]
    quote = "'" if '"' in inner else '"'
    return Mistake(
        line,
        start,
        f"the text starts with {named(text[0])}, which YAML does not read as a quote, "
        "so the `: ` inside it starts a key",
        f"type straight quotes instead: `{found.key}: {quote}{inner}{quote}`",
        found.key,
        (line, found.column),
    )


def _colon_in_text(
    lines: list[str],
    line: int,
    column: int,
    known_keys: Callable[[], Collection[str]],
) -> Mistake | None:
    """A `: ` inside plain text: on the key's own line (`instructions: In: 4 counts`), or
    on a line indented more than the key above it, which YAML reads as more of that key's
    text (`     cycles: 6` under `    pattern: 4-6`)."""
    if not _colon_at(lines, line, column):
        return None
    found = _key_line(lines, line)
    if found is not None and column > found.column + len(found.key):
        if found.value and found.value[0] not in "'\"":
            text = found.value.split(" #")[0]
            quoted = _quoted(text)
            return Mistake(
                line,
                column,
                f"the text `{text}` holds `: `, which YAML reads as the start of a key",
                f"put the text in quotes: `{found.key}: {quoted}`",
                found.key,
                (line, found.column),
            )
        return None
    if found is None or column != found.column + len(found.key):
        text = lines[line]
        above = _text_key_above(lines, line, len(text) - len(text.lstrip(" ")) - 1)
        if found is not None or above is None:
            return None
        return Mistake(
            line,
            column,
            f"this line goes on from the text of `{above.key}`, and its `: ` starts a key",
            f"put the whole text of `{above.key}` in double quotes, or leave out the `: `",
            above.key,
            (above.number, above.column),
        )
    above = _text_key_above(lines, line, found.column - 1)
    if above is None:
        return None
    if found.key in known_keys() and (moved_out := _key_out_of_its_block(lines, above, found)):
        return moved_out
    if found.key in known_keys():
        return Mistake(
            line,
            found.column,
            f"`{found.key}` is indented more than `{above.key}` above it, so YAML reads "
            f"this line as more of the value of `{above.key}`",
            f"start `{found.key}` in column {above.column + 1}, under `{above.key}`",
            found.key,
            (line, above.column),
        )
    return Mistake(
        line,
        found.column,
        f"this line goes on from the text of `{above.key}`, and its `: ` starts a key",
        f"put the whole text of `{above.key}` in double quotes, or leave out the `: `",
        above.key,
        (above.number, above.column),
    )


def _key_out_of_its_block(lines: list[str], first: _Line, second: _Line) -> Mistake | None:
    """`pattern:`, `inhale: 4` in the column of `pattern`, `  exhale: 6` under it: the first
    key of a block written in its opener's column, where the second is right."""
    opener_line = _content_above(lines, first.number)
    opener = _key_line(lines, opener_line) if opener_line is not None else None
    if (
        opener is None
        or _without_comment(opener.value)
        or "-" in lines[first.number][: first.column]
    ):
        return None
    if opener.column == first.column:
        message = (
            f"`{first.key}` is in the column of `{opener.key}` above it, so YAML reads it as "
            f"a key beside `{opener.key}`, not one of its keys"
        )
    elif opener.column < first.column and second.column == opener.column + 2:
        message = (
            f"`{first.key}` is not lined up with `{second.key}` below it, which starts two "
            f"columns further in than `{opener.key}`, as the keys under a key do"
        )
    else:
        return None
    fixed = " " * second.column + lines[first.number].lstrip(" ")
    return Mistake(
        first.number,
        first.column,
        message,
        f"start `{first.key}` in column {second.column + 1}, in line with `{second.key}` "
        f"below it (line {second.number + 1})",
        first.key,
        (first.number, second.column),
        ((first.number, fixed),),
    )


def _key_right_of_a_whole_value(lines: list[str], line: int, column: int) -> Mistake | None:
    """`tags: [calm, evening]`, then ` steps:` a space further in: a key indented more than
    the key above it, whose value (in brackets or quotes) is already whole."""
    found = _key_line(lines, line)
    above_line = _content_above(lines, line)
    above = _key_line(lines, above_line) if above_line is not None else None
    if found is None or found.column != column or above is None or column <= above.column:
        return None
    if "-" in lines[line][:column] or above.value[:1] not in ("[", "{", '"', "'"):
        return None
    if "-" in lines[above.number][: above.column]:
        return None
    return Mistake(
        line,
        column,
        f"`{found.key}` is indented more than `{above.key}` above it, whose value ends on "
        "its line, so YAML cannot tell where this key belongs",
        f"start `{found.key}` in column {above.column + 1}, under `{above.key}`",
        found.key,
        (line, above.column),
        ((line, " " * above.column + lines[line].lstrip(" ")),),
    )


def _first_line_indented(lines: list[str], line: int) -> Mistake | None:
    """The file's first key indented, and the keys below it not: YAML reads the first
    line as a whole document and stops at the next."""
    first = _content_above(lines, line)
    while first is not None and (earlier := _content_above(lines, first)) is not None:
        first = earlier
    found = _key_line(lines, first) if first is not None else None
    if found is None or found.column == 0 or line >= len(lines):
        return None
    if _indent(lines[line]) >= found.column or "-" in lines[found.number][: found.column]:
        return None
    return Mistake(
        found.number,
        0,
        f"`{found.key}` is indented, and the keys below it are not",
        f"start `{found.key}` in column 1, as the keys below it start",
        found.key,
        (found.number, 0),
        ((found.number, lines[found.number].lstrip(" ")),),
    )


def _quote_ends_early(lines: list[str], line: int, opening: Place | None) -> Mistake | None:
    """`title: 'Teacher's evening practice'`: the quote that ends the text early."""
    for number in dict.fromkeys([line, opening[0] if opening is not None else line]):
        if number >= len(lines):
            continue
        found = _key_line(lines, number)
        if found is None or found.value[:1] not in ("'", '"'):
            continue
        text = lines[number]
        start = found.value_column
        quote = text[start]
        end = quoted_end(text, start + 1, quote)
        after = text[end:].strip() if end > 0 else ""
        if end < 0 or not after or after.startswith("#"):
            continue
        last = text.split(" #")[0].rstrip().rfind(quote)
        if last < end:  # `"Relax" and let go`: the quoted words start the text
            meant = text[start:].split(" #")[0].rstrip()
            if quote == "'":
                meant = meant.replace("''", "'")  # a quote written twice is one quote
            other = '"' if quote == "'" else "'"
            kind = "double" if other == '"' else "single"
            fix = f"put the whole text in {kind} quotes"
            if other not in meant:
                return Mistake(
                    number,
                    end - 1,
                    f"this quote ends the quoted text, and `{after}` is left over after it",
                    f"{fix}: `{found.key}: {other}{meant}{other}`",
                    found.key,
                    (number, found.column),
                )
            continue
        meant = text[start + 1 : last]
        if quote == "'" and _NOT_PLAIN_RE.search(meant) is None:
            fix = f"leave the quotes out: `{found.key}: {meant}`"
        elif quote == "'":
            doubled = meant.replace("'", "''")
            fix = f"write each `'` inside the text twice: `{found.key}: '{doubled}'`"
        elif "'" not in meant:
            fix = f"put the text in single quotes: `{found.key}: '{meant}'`"
        else:
            escaped = meant.replace('"', '\\"')
            fix = f'write each `"` inside the text as `\\"`: `{found.key}: "{escaped}"`'
        mark = "apostrophe" if quote == "'" and text[end - 2 : end - 1].isalpha() else "quote"
        return Mistake(
            number,
            end - 1,
            f"this {mark} ends the text that the `{quote}` in column {start + 1} starts, "
            f"and `{after}` is left over after it",
            fix,
            found.key,
            (number, found.column),
        )
    return None


def _backslash_in_double_quotes(opening: Place | None, lines: list[str]) -> Mistake | None:
    """`title: "Calm\\Evening"`: a backslash in double quotes starts an escape."""
    if opening is None:
        return None
    line, start = opening
    if line >= len(lines) or lines[line][start : start + 1] != '"':
        return None
    text = lines[line]
    end = quoted_end(text, start + 1, '"')
    found_escape = _BAD_ESCAPE_RE.search(text, start + 1, end if end > 0 else len(text))
    if found_escape is None or end < 0:
        return None
    backslash = found_escape.start()
    meant = text[start + 1 : end - 1]
    found = _key_line(lines, line)
    fix = f"'{meant}'" if "'" not in meant else f'"{meant.replace(chr(92), chr(92) * 2)}"'
    written = f"{found.key}: {fix}" if found is not None else fix
    return Mistake(
        line,
        backslash,
        f"in double quotes `\\` starts an escape (`\\n` is a new line), and "
        f"`{text[backslash : backslash + 2]}` is not one",
        f"put the text in single quotes, where `\\` is only a character: `{written}`",
        found.key if found is not None else None,
        (line, found.column if found is not None else start),
    )


def _quote_not_closed_on_its_line(lines: list[str], line: int) -> Mistake | None:
    """`title: "Evening wind-down` with no closing quote: the text runs on over the lines
    below, up to the next quote, and YAML stumbles over what follows it."""
    number: int | None = line
    for _ in range(20):
        number = _content_above(lines, number) if number is not None else None
        if number is None:
            return None
        found = _key_line(lines, number)
        if found is None or found.value[:1] not in ("'", '"'):
            continue
        text = lines[number].rstrip()
        start = found.value_column
        quote = text[start]
        if quoted_end(text, start + 1, quote) >= 0:
            return None
        return Mistake(
            number,
            start,
            f"this `{quote}` is not closed on its line, so the text runs on over the lines "
            "below it",
            f"end the text with `{quote}` on this line: `{found.key}: {text[start:]}{quote}`",
            found.key,
            (number, found.column),
        )
    return None


_TAB_WIDTHS = (2, 4, 8)  # what editors show a tab as, narrowest first
_LEADING_BLANKS_RE = re.compile(r"^[ \t]*")


def tabs_in_indentation(
    lines: list[str],
    loader: type,
    inside_block_text: Callable[[list[str], int], bool],
) -> list[Mistake]:
    """Every line indented with a tab, each with the spaces to type instead.

    The spaces are what the author saw: the tabs are widened to stops every 2, 4 or 8
    columns, and the narrowest width at which YAML reads the file is the one meant, when
    every width it reads gives the same file. When none does (the file has another
    mistake too) or they differ, only the first such line is named, with the column
    nearest to a 4-column tab at which YAML reads the file up to it.
    """
    tabbed = [
        number
        for number, text in enumerate(lines)
        if "\t" in _leading_blanks(text) and text.strip() and not inside_block_text(lines, number)
    ]
    if not tabbed:
        return []
    readings: list[tuple[list[str], object]] = []
    for width in _TAB_WIDTHS:
        widened = list(lines)
        for number in tabbed:
            widened[number] = _widened(lines[number], width)
        if (read := _read(widened, loader)) is not None:
            readings.append((widened, read))
    if readings and all(reading[1] == readings[0][1] for reading in readings):
        widened = readings[0][0]
        written = [number for number, text in enumerate(widened) if text.strip()]
        if set(written) <= set(tabbed):  # every line is indented: the file starts at 1
            least = min(_indent(widened[number]) for number in written)
            widened = [text[least:] if text.strip() else text for text in widened]
        repaired = tuple((number, widened[number]) for number in tabbed)
        return [
            _tab_mistake(
                lines, number, _text_column(widened, number), repaired, number == tabbed[0]
            )
            for number in tabbed
        ]
    first = tabbed[0]
    column = _nearest_column(lines[: first + 1], first, loader)
    content = lines[first].lstrip(" \t")
    repaired = ((first, " " * column + content),) if column is not None else ()
    return [_tab_mistake(lines, first, column, repaired, True)]


def _text_column(lines: list[str], number: int) -> int:
    """Where line `number` starts; a line of text further in than the line of text above
    it (a tab is wide) starts in line with it."""
    column = _indent(lines[number])
    if lines[number].lstrip().startswith("#"):  # a comment: in line with what it is about
        below = (n for n in range(number + 1, len(lines)) if lines[n].strip())
        following = next((n for n in below if not lines[n].lstrip().startswith("#")), None)
        return _indent(lines[following]) if following is not None else column
    if _key_line(lines, number) is not None or lines[number].lstrip().startswith("-"):
        return column
    above = _content_above(lines, number)
    if (
        above is None
        or _key_line(lines, above) is not None
        or lines[above].lstrip().startswith("-")
    ):
        return column
    return min(column, _indent(lines[above]))


def _leading_blanks(text: str) -> str:
    return text[: len(text) - len(text.lstrip(" \t"))]


def _read(lines: list[str], loader: type) -> object | None:
    try:
        return yaml.load("\n".join(lines), Loader=loader) or {}
    except yaml.YAMLError:
        return None


def _nearest_column(lines: list[str], number: int, loader: type) -> int | None:
    """The column nearest to where line `number` shows with 4-column tabs at which YAML
    reads the lines up to it, if there is one."""
    shown = _indent(_widened(lines[number], 4))
    content = lines[number].lstrip(" \t")
    for column in sorted(range(shown + 3), key=lambda column: (abs(column - shown), column)):
        if _read([*lines[:number], " " * column + content], loader) is not None:
            return column
    return None


def _widened(text: str, width: int) -> str:
    """`text` with the tabs in its indentation widened to stops every `width` columns."""
    blanks = _leading_blanks(text)
    column = 0
    for blank in blanks:
        column = column + 1 if blank == " " else (column // width + 1) * width
    return " " * column + text[len(blanks) :]


def _tab_mistake(
    lines: list[str],
    number: int,
    column: int | None,
    repaired: tuple[tuple[int, str], ...],
    first: bool,
) -> Mistake:
    """The tab indenting line `number`, and the `column` its text starts in when fixed;
    the `first` such line also says how to stop the editor from typing tabs."""
    text = lines[number]
    blanks = _leading_blanks(text)
    content = text[len(blanks) :]
    dashes = _ITEM_RE.match(" " + content)
    after_dashes = dashes.end() - 1 if dashes is not None else 0
    key = re.match(r"[A-Za-z][\w-]*(?=:)", content[after_dashes:])
    tabs, spaces = blanks.count("\t"), blanks.count(" ")
    written = f"the {tabs} tabs" if tabs > 1 else "the tab"
    if spaces:
        written = f"{written} and {_spaces(spaces)}"
    starts = "its `-`" if after_dashes else f"`{key.group()}`" if key else "the line"
    if content.startswith("#"):
        starts = "the comment"
    if column is None:
        hint = f"replace {written} with spaces, lining {starts} up with the lines it belongs with"
    elif column == 0:
        hint = f"delete {written}, so that {starts} starts in column 1"
    else:
        hint = (
            f"replace {written} with {_spaces(column)}, so that {starts} starts in "
            f"column {column + 1}"
        )
    if first:
        hint += "; most editors can be set to put in spaces when you press Tab"
    fixed = column if column is not None else len(blanks)
    key_name, key_at = (key.group() if key else ""), (number, fixed + after_dashes)
    if key is None and not after_dashes:  # a line of text: the key whose text it is
        owner = _content_above(lines, number)
        while owner is not None and (
            _key_line(lines, owner) is None or _indent(lines[owner]) >= fixed
        ):
            owner = _content_above(lines, owner)
        owner_key = _key_line(lines, owner) if owner is not None else None
        if owner_key is not None:
            key_name, key_at = owner_key.key, (owner_key.number, owner_key.column)
    return Mistake(
        number,
        blanks.index("\t"),
        "this line is indented with a tab (U+0009, CHARACTER TABULATION), and YAML allows "
        "only spaces for indentation",
        hint,
        key_name,
        key_at,
        repaired,
    )


_TAB_AFTER_DASH_RE = re.compile(r"^( *(?:- +)*-)([ \t]*\t[ \t]*)(?=\S)")


def tabs_after_dashes(lines: list[str]) -> list[Mistake]:
    """Every list item whose `-` is followed by a tab (`-<Tab>rest: Lie down`): YAML wants
    spaces there too, and one is enough."""
    mistakes = []
    for number, text in enumerate(lines):
        found = _TAB_AFTER_DASH_RE.match(text)
        if found is None:
            continue
        fixed = f"{found[1]} {text[found.end() :]}"
        item = len(found[1]) + 1  # where the item starts once the tab is a space
        mistakes.append(
            Mistake(
                number,
                found.start(2) + found[2].index("\t"),
                "a tab (U+0009, CHARACTER TABULATION) follows this `-`, and YAML allows only "
                "spaces between a `-` and its item",
                f"replace it with one space: `{fixed.strip()}`; most editors can be set to "
                "put in spaces when you press Tab",
                "",
                (number, item),
                ((number, fixed),),
            )
        )
    return mistakes


def quote_never_closed(lines: list[str], line: int, column: int) -> Mistake | None:
    """A quote at `line`, `column` (0-based) that opens the value of a key and is closed
    nowhere below: the text it starts runs to the end of the file."""
    found = _key_line(lines, line)
    if found is None or found.value_column != column:
        return None
    quote = lines[line][column]
    return Mistake(
        line,
        column,
        f"this `{quote}` is never closed, so the text it starts runs on to the end of the file",
        f"end the text with `{quote}` on this line: "
        f"`{found.key}: {lines[line][column:].rstrip()}{quote}`",
        found.key,
        (line, found.column),
    )


def _key_level_line(
    opening: Place | None, lines: list[str], known_keys: Callable[[], Collection[str]]
) -> Mistake | None:
    """A line with no colon among keys: a key without its colon (`cycles 4`), or the
    second line of a text written at its key's column."""
    if opening is None:
        return None
    line, column = opening
    if line >= len(lines):
        return None
    text = lines[line][column:].rstrip()
    word, _, value = text.partition(" ")
    if not text or ":" in text:
        return None
    if word in known_keys() and (value.strip() or _opens_a_block(lines, line, column)):
        return Mistake(
            line,
            column + len(word),
            f"`{text}` has no colon after `{word}`" if value.strip() else f"`{word}` has no colon",
            f"write `{word}: {value.strip()}`" if value.strip() else f"write `{word}:`",
            word,
            (line, column),
        )
    key_above = _content_above(lines, line)
    empty_key = _key_line(lines, key_above) if key_above is not None else None
    if (
        empty_key is not None
        and empty_key.column == column
        and not _without_comment(empty_key.value)
    ):
        value_text = _without_comment(text)
        return Mistake(
            line,
            column,
            f"the value of `{empty_key.key}` is on the line below it, in the column of a "
            "key, so YAML reads it as a key with no colon",
            f"write it after the colon, `{empty_key.key}: {value_text}`, or indent it "
            f"further than `{empty_key.key}`",
            empty_key.key,
            (empty_key.number, empty_key.column),
        )
    above = _text_key_above(lines, line, column)
    if above is None or above.column != column:
        return None
    return Mistake(
        line,
        column,
        f"this line goes on from the text of `{above.key}` above, but it starts in the "
        "column of a key",
        f"indent it further than `{above.key}` (start it in column {column + 3}), "
        "or join it to the line above",
        above.key,
        (above.number, above.column),
    )


def _without_comment(text: str) -> str:
    return text.split(" #")[0].strip() if not text.startswith("#") else ""


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _opens_a_block(lines: list[str], line: int, column: int) -> bool:
    """Whether the next line with content is indented further than `column`."""
    for below in lines[line + 1 :]:
        stripped = below.strip()
        if stripped and not stripped.startswith("#"):
            return _indent(below) > column
    return False


_NO_COLON_RE = re.compile(r"^( *(?:- +)?)([A-Za-z][\w-]*) +([^:#]*[^\s:#])\s*(?:#.*)?$")


def _key_without_colon_above(
    lines: list[str], line: int, column: int, known_keys: Callable[[], Collection[str]]
) -> Mistake | None:
    """`title Evening wind-down` and `steps:` below it: YAML reads the two lines as one
    text, and stops at the colon of the second. Said after the key that lost its colon."""
    if not _colon_at(lines, line, column):
        return None
    found = _key_line(lines, line)
    above = _content_above(lines, line)
    if found is None or above is None or column != found.column + len(found.key):
        return None
    no_colon = _NO_COLON_RE.match(lines[above])
    if no_colon is None or len(no_colon.group(1)) != found.column:
        return None
    word, value = no_colon.group(2), no_colon.group(3)
    if word not in known_keys():
        return None
    key_column = len(no_colon.group(1))
    return Mistake(
        above,
        key_column + len(word),
        f"`{word} {value}` has no colon after `{word}`",
        f"write `{word}: {value}`",
        word,
        (above, key_column),
    )


_DASH_RE = re.compile(r"( *)- +(?=[^\s#])")  # `  - rest: x`: an item with a value


def _item_above(lines: list[str], line: int, dash: int) -> tuple[int, int] | None:
    """The item above line `line` (0-based) whose `-` is a few columns left or right of
    `dash`: (its line, the column of its `-`), when the lines between are its own (indented
    further than its `-`), so that the line ends that item."""
    least = len(lines[line])
    above = _content_above(lines, line)
    while above is not None:
        text = lines[above]
        item = _DASH_RE.match(text)
        if item is None:
            if text.strip() == "-":
                return None  # an item with no value: its keys are on the lines below it
            least = min(least, _indent(text))
            above = _content_above(lines, above)
            continue
        column = len(item.group(1))
        if 0 < abs(column - dash) <= 4 and least > column:
            return above, column
        if column <= dash + 4 or least < column:
            return None
        least = column  # an item of a list inside the item above: look further up
        above = _content_above(lines, above)
    return None


def _item_out_of_line_with_the_items_below(lines: list[str], line: int) -> Mistake | None:
    """`   - rest: x` a space out of line with the items below it, while its other keys
    (line `line`, where YAML stops) are in line with theirs: the `-` line is the slip."""
    found = _key_line(lines, line)
    if found is None or "-" in lines[line][: found.column]:
        return None
    above = _content_above(lines, line)
    item = _DASH_RE.match(lines[above]) if above is not None else None
    if above is None or item is None or item.end() == found.column:
        return None
    dash = len(item.group(1))
    for below in range(line + 1, len(lines)):
        text = lines[below]
        if not text.strip() or text.strip().startswith("#") or _indent(text) >= found.column:
            continue
        other = _DASH_RE.match(text)
        if (
            other is None
            or other.end() != found.column
            or not 0 < abs(len(other.group(1)) - dash) <= 2
        ):
            return None
        shift = len(other.group(1)) - dash
        columns = f"{_count(abs(shift), 'column')} {'left' if shift > 0 else 'right'}"
        return Mistake(
            above,
            dash,
            f"this `-` is {columns} of the `-` of the next item (line {below + 1}), while "
            "the keys below it are in line with that item's keys",
            f"start the `-` in column {dash + shift + 1}, in line with the `-` on line {below + 1}",
            "",
            (above, item.end() + shift),
            ((above, " " * (dash + shift) + lines[above].lstrip(" ")),),
        )
    return None


_BLOCK_START_RE = re.compile(r"^( *(?:- +)?)([A-Za-z][\w-]*): +[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _block_text_out_of_line(lines: list[str], line: int) -> Mistake | None:
    """A line of a `>` or `|` text left of the lines of text above it (YAML ends the text
    there), or the text written in its key's column: said at the line out of line."""
    start = next(
        (
            n
            for n in range(min(line, len(lines) - 1), max(-1, line - 80), -1)
            if _BLOCK_START_RE.match(lines[n])
        ),
        None,
    )
    if start is None:
        return None
    opening = _BLOCK_START_RE.match(lines[start])
    assert opening is not None
    key, key_column = opening.group(2), len(opening.group(1))
    text: list[int] = []
    for number in range(start + 1, len(lines)):
        written = lines[number]
        if not written.strip():
            continue
        indent = _indent(written)
        if indent < key_column or (indent == key_column and _key_line(lines, number)):
            break
        if written.lstrip().startswith("- ") and indent <= key_column:
            break
        text.append(number)
    if not text or line > text[-1] + 2:
        return None
    indents = [_indent(lines[number]) for number in text]
    if indents[0] == key_column and _key_right_of_its_sibling(lines, start):
        return None  # the key moved, not its text: said as a key indented too far
    column = indents[1] if len(text) > 1 else key_column
    agreed = len(set(indents[1:])) == 1 and column > key_column
    # Two lines: the one two columns in from the key, as text usually starts, is right.
    agreed = agreed and (len(text) > 2 or column == key_column + 2)
    if agreed and (indents[0] > column or indents[0] == key_column):
        return _text_line_mistake(lines, text[0], column, key, (start, key_column), "below")
    if indents[0] == key_column:
        return _text_line_mistake(lines, text[0], key_column + 2, key, (start, key_column), "")
    for number, indent in zip(text[1:], indents[1:], strict=True):
        if indent < indents[0]:
            return _text_line_mistake(lines, number, indents[0], key, (start, key_column), "above")
    return None


def _key_right_of_its_sibling(lines: list[str], number: int) -> bool:
    """Whether the key on line `number` is indented more than the key on the line above
    it, which has its value on its line (a sibling, not the key this one belongs to)."""
    found = _key_line(lines, number)
    above_line = _content_above(lines, number)
    above = _key_line(lines, above_line) if above_line is not None else None
    if found is None or above is None or not above.value or above.column >= found.column:
        return False
    return "-" not in lines[number][: found.column]


def _text_line_mistake(
    lines: list[str], number: int, column: int, key: str, key_at: Place, side: str
) -> Mistake:
    """Line `number` of the text of `key`, to start in `column` (0-based), in line with
    the text on `side` of it ("" when there is no other line to line it up with)."""
    indent = _indent(lines[number])
    where = "in the column of" if side == "" else f"in column {indent + 1}, out of line with"
    other = f"the text {side} it" if side else f"`{key}`"
    return Mistake(
        number,
        indent,
        f"this line of the text of `{key}` starts {where} {other}, so YAML ends the text before it",
        f"start it in column {column + 1}"
        + (f", in line with the text {side} it" if side else f", further in than `{key}`"),
        key,
        key_at,
        ((number, " " * column + lines[number].lstrip(" ")),),
    )


def _item_read_as_text(lines: list[str], line: int, column: int) -> Mistake | None:
    """An item indented under the keys of the item above (`  - rest: x`, `    duration: 5s`,
    `     - rest: y`): YAML reads it as more of the value above, and stops at its colon."""
    if not _colon_at(lines, line, column) or _DASH_RE.match(lines[line]) is None:
        return None
    return _item_out_of_line(lines, line, _indent(lines[line]))


def _item_out_of_line(lines: list[str], line: int, column: int) -> Mistake | None:
    """A `-` a column or two left or right of the `-` of the items above it, where YAML
    expects the next item of that list or the end of it."""
    if line >= len(lines):
        return None
    item = _DASH_RE.match(lines[line])
    if item is None or len(item.group(1)) != column:
        return None
    sibling = _item_above(lines, line, column)
    if sibling is None:
        return None
    above, dash = sibling
    shift = dash - column
    # The item's own lines: those below it indented further than its `-`.
    own: list[int] = [line]
    for below in range(line + 1, len(lines)):
        stripped = lines[below].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _indent(lines[below]) <= column:
            break
        own.append(below)
    # Its keys in line with its own first key: the whole item is out of place.
    moved = own if len(own) > 1 and _indent(lines[own[1]]) == item.end() else own[:1]
    repaired = tuple(
        (number, " " * (_indent(lines[number]) + shift) + lines[number].lstrip(" "))
        for number in moved
    )
    columns = f"{_count(abs(shift), 'column')} {'left' if shift > 0 else 'right'}"
    place = f"the `-` on line {above + 1} (column {dash + 1})"
    if len(moved) > 1:
        spaces = _count(abs(shift), "space")
        hint = (
            f"move this item (lines {line + 1} to {moved[-1] + 1}) {spaces} "
            f"{'right' if shift > 0 else 'left'}, so that its `-` is in column {dash + 1}, "
            f"under the `-` on line {above + 1}"
        )
    else:
        hint = f"start the `-` in column {dash + 1}, under the `-` on line {above + 1}"
    return Mistake(
        line,
        column,
        f"this `-` is {columns} of {place}, so YAML does not read it as the next item of that list",
        hint,
        "",
        (line, item.end() + shift),
        repaired,
    )


def _spaces(number: int) -> str:
    return counted(number, "space")


def _count(number: int, noun: str) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four"}
    return f"{words.get(number, number)} {noun if number == 1 else plural(noun)}"


@dataclass(slots=True)
class _Collection:
    """A collection the parser has opened: its key path, and its nodes so far (in a
    mapping, keys and values in turn; `key` is the last key)."""

    path: str
    is_list: bool
    nodes: int = 0
    key: str = "?"
    key_column: int = 0

    def child_path(self, event: yaml.Event) -> str:
        """The key path of the node `event` starts, counted in as the next node here."""
        index, self.nodes = self.nodes, self.nodes + 1
        if self.is_list:
            return item_path(self.path, index)
        if index % 2 == 0:  # a key
            self.key = event.value if isinstance(event, ScalarEvent) else "?"
            self.key_column = event.start_mark.column if event.start_mark else 0
            return self.path
        return _joined(self.path, self.key)


_ITEM_KEY_RE = re.compile(r"( *)- +([A-Za-z][\w-]*):(?:[ \t]|$)")  # `  - rest: x`


def _key_out_of_line_with_its_item(lines: list[str], line: int, column: int) -> Mistake | None:
    """A key of a list item a space or two left or right of the item's first key (the one
    after its `- `), where YAML expects a new item or the end of the list."""
    found = _key_line(lines, line)
    if found is None or found.column != column or "-" in lines[line][:column]:
        return None
    above = _content_above(lines, line)
    while above is not None:
        text = lines[above]
        item = _ITEM_KEY_RE.match(text)
        if item is None:
            if len(text) - len(text.lstrip(" ")) < column or text.strip() == "-":
                return None  # a key this line is inside of, or an item with no key
            above = _content_above(lines, above)
            continue
        dash, first_key, first = len(item.group(1)), item.start(2), item.group(2)
        if column < dash and not _right_of_the_list_s_key(lines, above, column):
            return None
        if column == first_key or column > first_key + 2:
            return None
        keys, last = _keys_in_the_same_column(lines, line, column)
        hint = (
            f"start `{found.key}` in column {first_key + 1}, under `{first}`; "
            f"it starts in column {column + 1}"
        )
        if len(keys) > 1:
            named_keys = ", ".join(f"`{key}`" for key in keys[:-1]) + f" and `{keys[-1]}`"
            hint = (
                f"start {named_keys} (lines {line + 1} to {last + 1}) in column "
                f"{first_key + 1}, under `{first}`; they start in column {column + 1}"
            )
        return Mistake(
            line,
            column,
            f"`{found.key}` is not lined up with `{first}`, the first key of its item "
            f"(line {above + 1})",
            hint,
            found.key,
            (above, first_key),
        )
    return None


def _keys_in_the_same_column(lines: list[str], line: int, column: int) -> tuple[list[str], int]:
    """The keys from line `line` on that start in `column`, up to a line left of it or an
    item; and the last line they hold (with the lines indented under them)."""
    keys: list[str] = []
    last = line
    for number in range(line, len(lines)):
        text = lines[number]
        if not text.strip() or text.strip().startswith("#"):
            continue
        if _indent(text) > column:
            last = number
            continue
        found = _key_line(lines, number)
        if _indent(text) < column or found is None or found.column != column:
            break
        keys.append(found.key)
        last = number
    return keys, last


def _key_left_of_the_keys_above(lines: list[str], line: int, column: int) -> Mistake | None:
    """A key a space or two left of the keys it goes with, but right of the key they are
    the value of: `sounds:`, `    step: none`, `  inhale: none` (4 spaces, then 2)."""
    found = _key_line(lines, line)
    if found is None or found.column != column or "-" in lines[line][:column]:
        return None
    first = None
    above = _content_above(lines, line)
    while above is not None and _indent(lines[above]) >= column:
        first, above = above, _content_above(lines, above)
    owner = _key_line(lines, above) if above is not None else None
    sibling = _key_line(lines, first) if first is not None else None
    if owner is None or sibling is None or owner.value or "-" in lines[sibling.number][:column]:
        return None
    if not owner.column < column < sibling.column:
        return None
    two_keys = _content_above(lines, line) == sibling.number  # no other key to go by
    if (
        two_keys
        and owner.number == _content_above(lines, sibling.number)
        and (moved := _key_out_of_its_block(lines, sibling, found))
    ):
        return moved
    return Mistake(
        line,
        column,
        f"`{found.key}` is left of `{sibling.key}` (line {sibling.number + 1}), the first "
        f"key under `{owner.key}`, so YAML cannot tell which keys it goes with",
        f"start `{found.key}` in column {sibling.column + 1}, under `{sibling.key}`; "
        f"it starts in column {column + 1}",
        found.key,
        (sibling.number, sibling.column),
    )


def _right_of_the_list_s_key(lines: list[str], item: int, column: int) -> bool:
    """Whether `column` is right of the key whose list holds the item on line `item`
    (`steps:`): a key there can only belong to the item."""
    dash = _indent(lines[item])
    above = _content_above(lines, item)
    while above is not None and (_indent(lines[above]) >= dash):
        above = _content_above(lines, above)
    return above is not None and _indent(lines[above]) < column


def key_path_at(lines: list[str], text: str, where: Place, key: str, loader: type) -> str:
    """The key path of `key`, written at `where`: the path of the collections the parser
    had opened there, then the key (after an item's index if the line is a list item)."""
    opened: list[_Collection] = []
    try:
        for event in yaml.parse(text, Loader=loader):
            mark = event.start_mark
            if mark is None or (mark.line, mark.column) >= where:
                break
            if isinstance(event, CollectionEndEvent):
                opened.pop()
            elif isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)):
                path = opened[-1].child_path(event) if opened else ""
                if isinstance(event, CollectionStartEvent):
                    opened.append(_Collection(path, isinstance(event, SequenceStartEvent)))
    except yaml.YAMLError:
        pass  # the mistake itself: everything before it has been read
    if not opened:
        return key
    top = opened[-1]
    if not top.is_list and top.nodes % 2 and where[1] > top.key_column:
        return _joined(_joined(top.path, top.key), key)  # under a key whose value is to come
    if not top.is_list:
        return _joined(top.path, key)
    before = lines[where[0]][: where[1]] if where[0] < len(lines) else ""
    is_item = "-" in before and _ITEM_RE.fullmatch(before) is not None
    return _joined(item_path(top.path, top.nodes if is_item else max(top.nodes - 1, 0)), key)


def _quoted(text: str) -> str:
    """`text` in quotes YAML reads back as it is: double quotes, or single quotes (with
    each `'` in it written twice) when it holds a `"` or a backslash."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _shortened(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _joined(path: str, key: str) -> str:
    return f"{path}.{key}" if path and key else path or key
