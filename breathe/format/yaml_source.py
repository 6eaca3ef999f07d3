"""Read bytes into a YAML node tree, refusing whatever could hurt or mislead.

The node tree (not constructed Python objects) is what the checker walks: every node keeps
its start mark, so each problem can be reported at its exact line and column, and values
keep the text the author wrote (`title: yes` stays "yes", `1:30` stays a clock time).

Composing uses libyaml's C parser when PyYAML has it. That parser recurses in C and
crashes the process on very deep nesting, so a cheap upper bound on the depth is computed
first and, when it is high, an iterative scan of the event stream measures the real depth.
The depth is also measured by breathe's own scan of the text (`nesting`), ahead of any
parser: libyaml has a nesting limit of its own, which it may hit while it looks ahead,
before its events reach the level breathe refuses (PyYAML 6.0.4's wheels do). A mistake is
located by the parser's marks and the text alone; its words (which change between
versions) only choose the advice.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import yaml
from yaml.error import Mark
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from breathe.core.problems import FILE_KEY, SYNTAX_KEY, Problem, RoutineFileError
from breathe.format.files import NotARegularFile, open_regular
from breathe.format.nesting import LINE_BREAK_RE, first_too_deep

# The mistakes breathe recognises (yaml_mistakes: a dozen patterns and their advice) are
# imported when a file has one, not for every good file: `breathe play NAME` reads one
# routine before its first frame, and importing them cost it about 8 ms.
if TYPE_CHECKING:
    from breathe.format.yaml_mistakes import Mistake

MAX_FILE_BYTES = 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")  # routine and program files alike
MAX_DEPTH = 32
# Below this bound on the depth the C composer is safe (it was measured safe at 20,000).
_DEPTH_BOUND_WITHOUT_SCAN = 400

_BaseLoader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader
WITH_LIBYAML = _BaseLoader is not yaml.SafeLoader

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


class Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader with the only tag resolution the checker needs: null or not.

    Values keep the text the author wrote (specs read numbers and words from it), so
    YAML 1.1's guessing of ints, floats, booleans and dates is skipped; it is also the
    costliest part of composing.
    """

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULLS else STR_TAG
        return SEQ_TAG if kind is SequenceNode else MAP_TAG

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


# The line breaks YAML (and so every mark it reports) counts; `\r\n` is one break.
_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")
_BOM = b"\xef\xbb\xbf"


def _no_keys() -> Collection[str]:
    return ()


def read_yaml(data: bytes, path: str, known_keys: Callable[[], Collection[str]] = _no_keys) -> Node:
    """Return the single document in `data` as a node tree, or raise RoutineFileError.

    `known_keys` gives the keys the kind of file has (asked only when the text is not
    valid YAML): a line that starts with one is a key that lost its colon, not text.
    """
    text = _decode(data, path)
    if not text.strip() or _only_comments(text):
        raise RoutineFileError(
            [Problem(path, 1, 1, FILE_KEY, "the file is empty", "start with `title: ...`")]
        )
    _refuse_anchors_and_deep_nesting(text, path, known_keys)
    try:
        node: Node | None = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        raise RoutineFileError(_syntax_problems(error, text, path, known_keys)) from None
    except yaml.YAMLError as error:
        raise RoutineFileError([_unmarked_problem(error, text, path)]) from None
    if node is None or (isinstance(node, ScalarNode) and node.tag == NULL_TAG):
        raise RoutineFileError(
            [Problem(path, 1, 1, FILE_KEY, "the file is empty", "start with `title: ...`")]
        )
    _keep_end_mark_in_text(node, text)
    return node


def _keep_end_mark_in_text(root: Node, text: str) -> None:
    """Move a mark past the end of the text back to the end.

    libyaml ends a stream that lacks a final line break on a line of its own, so an empty
    value at the very end (`steps:` as the last line) would be reported on a line the file
    does not have. Only the last node in reading order can sit there.
    """
    if text.endswith(_LINE_BREAKS):
        return
    lines = LINE_BREAK_RE.split(text)
    last_line, end_column = len(lines) - 1, len(lines[-1])
    node = root
    while True:
        mark = node.start_mark
        if mark.line > last_line:
            node.start_mark = Mark(mark.name, mark.index, last_line, end_column, None, 0)
        if isinstance(node, SequenceNode) and node.value:
            node = node.value[-1]
        elif isinstance(node, MappingNode) and node.value:
            node = node.value[-1][1]
        else:
            return


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineFileError(
            [
                Problem(
                    path,
                    1,
                    1,
                    FILE_KEY,
                    f"the file is {len(data):,} bytes; a routine file may be at most "
                    f"{MAX_FILE_BYTES:,} bytes (1 MiB)",
                    "split it into routines that `include` each other",
                )
            ]
        )
    body = data.removeprefix(_BOM)
    if body.startswith(_UTF16_BOMS):
        raise RoutineFileError(
            [
                Problem(
                    path,
                    1,
                    1,
                    FILE_KEY,
                    f"the file is saved as UTF-16 text (it starts with the bytes "
                    f"0x{body[0]:02x} 0x{body[1]:02x}); breathe reads UTF-8",
                    _SAVE_AS_UTF8,
                )
            ]
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        # Everything before the first bad byte is valid UTF-8: count lines and columns
        # in characters there, as YAML's own marks do.
        line, column = _line_and_column(body[: error.start].decode("utf-8"))
        raise RoutineFileError(
            [
                Problem(
                    path,
                    line,
                    column,
                    FILE_KEY,
                    f"byte 0x{body[error.start]:02x} is not UTF-8 text",
                    "save the file as UTF-8 in your editor",
                )
            ]
        ) from None
    if "\x00" in text:
        line, column = _line_and_column(text[: text.index("\x00")])
        if _utf16_without_bom(body):
            line, column = 1, 1
            message = (
                "the file is saved as UTF-16 text (every other byte is 0); breathe reads UTF-8"
            )
            hint = _SAVE_AS_UTF8
        else:
            message = "the file holds a NUL byte; it is not text"
            hint = (
                "a routine file is plain text: check that this is the file you meant, or "
                "open it in a text editor and save it as UTF-8 text"
            )
        raise RoutineFileError([Problem(path, line, column, FILE_KEY, message, hint)])
    return text


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SAVE_AS_UTF8 = "save it again in your editor with the encoding UTF-8 (under Save As)"


def _utf16_without_bom(data: bytes) -> bool:
    """Whether `data` looks like UTF-16 text without its byte order mark: in its first
    hundred characters, every other byte is 0 (ASCII text saved as UTF-16)."""
    head = data[:200]
    if len(head) < 4 or len(head) % 2:
        return False
    return head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == len(head) // 2


def _line_and_column(before: str) -> tuple[int, int]:
    """The 1-based line and column just after `before`, the text preceding a position."""
    lines = LINE_BREAK_RE.split(before)
    return len(lines), len(lines[-1]) + 1


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _may_nest_deeper_than(text: str, limit: int) -> bool:
    """False when `text` certainly nests collections at most `limit` levels deep.

    Each level is opened by `[`, `{`, `-` or `?`, or by indenting further, so their counts
    plus the widest indentation bound the depth. The widest indentation need not be found:
    it is enough to ask whether any line is indented by the spaces left over.
    """
    openers = text.count("[") + text.count("{") + _entries(text) + text.count("?")
    spaces = limit - 1 - openers
    if spaces <= 0:
        return True
    indent = " " * spaces
    return text.startswith(indent) or any(brk + indent in text for brk in _LINE_BREAKS)


# What may follow the `-` of a list entry: a blank, a line break, or the end of the text.
_AFTER_ENTRY = (" ", "\t", *_LINE_BREAKS)


def _entries(text: str) -> int:
    """At least as many as the `- ` list entries in `text`: a `-` inside a word
    (`4-7-8`, `set-12`) starts no entry, so titles and tags with hyphens do not make
    every such file look deep enough to scan."""
    return sum(text.count("-" + after) for after in _AFTER_ENTRY) + text.endswith("-")


def _refuse_anchors_and_deep_nesting(
    text: str, path: str, known_keys: Callable[[], Collection[str]]
) -> None:
    # Breathe's own measure of the nesting, ahead of any parser: a parser with a nesting
    # limit of its own may give up before it hands over the level that is too deep.
    too_deep = first_too_deep(text, MAX_DEPTH) if _may_nest_deeper_than(text, MAX_DEPTH) else None
    may_alias = "&" in text or "*" in text
    may_be_deep = _may_nest_deeper_than(text, _DEPTH_BOUND_WITHOUT_SCAN)
    if not (may_alias or may_be_deep or too_deep):
        return
    problems: list[Problem] = []
    anchors: set[str] = set()
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            place = _place(event.start_mark)
            if too_deep and isinstance(event, NodeEvent) and place > too_deep:
                too_deep = None  # the parser read past it at a lower level: it is the judge
            if isinstance(event, AliasEvent) and event.anchor not in anchors:
                # No part of the file is named so: text starting with `*`, not a reference.
                text_problem = _text_like_a_reference(event, text, path)
                if text_problem is not None:
                    problems.append(text_problem)
                    break
            if isinstance(event, NodeEvent) and event.anchor is not None:
                anchors.add(event.anchor)
            if isinstance(event, AliasEvent):
                problems.append(
                    _event_problem(
                        path,
                        event,
                        f"`*{event.anchor}` repeats another part of the file; "
                        "aliases are not allowed in routine files",
                        "write the value out again, or `include` a shared routine",
                    )
                )
            elif isinstance(event, NodeEvent) and event.anchor is not None:
                problems.append(
                    _event_problem(
                        path,
                        event,
                        f"`&{event.anchor}` is a YAML anchor; anchors are not allowed "
                        "in routine files",
                        "remove it and write repeated parts out, or `include` a shared routine",
                    )
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(_too_deep_problem(path, *place))
                    too_deep = None
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if too_deep and (mark is None or too_deep < (mark.line, mark.column)):
            problems.append(_too_deep_problem(path, *too_deep))  # the parser gave up past it
        else:
            problems.extend(_syntax_problems(error, text, path, known_keys))
    except yaml.YAMLError as error:
        problem = _unmarked_problem(error, text, path)
        if too_deep and too_deep < (problem.line - 1, problem.column - 1):
            problem = _too_deep_problem(path, *too_deep)
        problems.append(problem)
    if problems:
        raise RoutineFileError(problems)


def _text_like_a_reference(event: yaml.Event, text: str, path: str) -> Problem | None:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - parsed events always carry their marks
        return None
    from breathe.format.yaml_mistakes import text_starting_with_indicator

    lines = LINE_BREAK_RE.split(text)
    mistake = text_starting_with_indicator(lines, mark.line, mark.column)
    return _mistake_problem(mistake, text, path) if mistake is not None else None


def _place(mark: Mark | yaml._yaml.Mark | None) -> tuple[int, int]:
    """A mark's 0-based line and column (parsed events always carry their marks)."""
    return (mark.line, mark.column) if mark is not None else (0, 0)


def _too_deep_problem(path: str, line: int, column: int) -> Problem:
    """The collection at `line`, `column` (0-based) is one level too deep."""
    return Problem(
        path,
        line + 1,
        column + 1,
        SYNTAX_KEY,
        f"the file nests more than {MAX_DEPTH} levels deep",
        "a routine needs only a few levels; check the indentation",
    )


def _event_problem(path: str, event: yaml.Event, message: str, hint: str) -> Problem:
    mark = event.start_mark
    if mark is None:  # pragma: no cover - parsed events always carry their marks
        return Problem(path, 1, 1, SYNTAX_KEY, message, hint)
    return Problem(path, mark.line + 1, mark.column + 1, SYNTAX_KEY, message, hint)


def _syntax_problems(
    error: yaml.MarkedYAMLError,
    text: str,
    path: str,
    known_keys: Callable[[], Collection[str]] = _no_keys,
) -> list[Problem]:
    """The parser's error in the file's words: when a tab in the indentation is to blame,
    every line indented with a tab, each with the spaces to type instead."""
    problem = _syntax_problem(error, text, path, known_keys)
    if problem.message != _TAB_MESSAGE:
        return [problem]
    from breathe.format.yaml_mistakes import tabs_after_dashes, tabs_in_indentation

    lines = LINE_BREAK_RE.split(text)
    mistakes = tabs_in_indentation(lines, Loader, _inside_block_text) or tabs_after_dashes(lines)
    return [_mistake_problem(mistake, text, path) for mistake in mistakes] or [problem]


_TAB_MESSAGE = "a tab character is used for indentation"


def _syntax_problem(
    error: yaml.MarkedYAMLError,
    text: str,
    path: str,
    known_keys: Callable[[], Collection[str]] = _no_keys,
) -> Problem:
    """The parser's error in the file's words. Where it is comes from the parser's marks
    and the text alone; the parser's words (which change between versions) only choose
    the advice, so words breathe does not know give a located problem without advice."""
    from breathe.format.yaml_mistakes import diagnose, quote_never_closed

    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (error.problem or "").strip() or "the file is not valid YAML"
    context = (error.context or "").strip()
    message = f"{problem} ({context})" if context else problem
    hint = None
    lines = LINE_BREAK_RE.split(text)
    if line > len(lines):  # libyaml ends a stream without a final line break on a new line
        line, column = len(lines), len(lines[-1]) + 1
    source_line = lines[line - 1]
    # Only a tab where the error is, or in the indentation it is in, is to blame: a tab
    # inside a value elsewhere on the line is fine, and the real error must be reported.
    at_mark = source_line[column - 1 : column]
    indentation = source_line[: len(source_line) - len(source_line.lstrip(" \t"))]
    tab_indents = "\t" in indentation and column <= len(indentation) + 1
    opening = error.context_mark
    at_end = line == len(lines) and column == len(lines[-1]) + 1  # the end of the file
    quote_open_at_end = opening is not None and at_end and _quote_at(lines, opening)
    # A mistake of a shape breathe knows is said where it is, with its key and its fix.
    if not (at_mark == "\t" or tab_indents or quote_open_at_end):
        mistake = diagnose(error, lines, known_keys, _inside_block_text)
        if mistake is not None:
            return _mistake_problem(mistake, text, path)
    if at_mark == "\t" or tab_indents:
        hint = "indent with spaces; YAML does not allow tabs for indentation"
        message = _TAB_MESSAGE
        column = column if at_mark == "\t" else indentation.index("\t") + 1
    elif quote_open_at_end and opening is not None:
        # Quoted text still open at the end of the file: said at the quote that opens it.
        never_closed = quote_never_closed(lines, opening.line, opening.column)
        if never_closed is not None:
            return _mistake_problem(never_closed, text, path)
        line, column = opening.line + 1, opening.column + 1
        message = "this quote is never closed"
        hint = "end the text with the same quote mark it starts with"
    elif "tab character" in problem or "'\\t'" in problem:
        hint = "indent with spaces; YAML does not allow tabs for indentation"
    elif "single document" in context:
        message = "the file holds more than one YAML document"
        hint = "a routine file holds one routine: remove the second `---` line, or split the file"
    elif "an alias" in context or "an anchor" in context:
        hint = "text that starts with `*` or `&` needs quotes around it, like '*slowly*'"
    elif "flow" in context or _flow_start_before(source_line, column):
        hint = (
            "text that starts with `[` or `{` needs quotes around it; "
            "a list in brackets is written `[a, b]`"
        )
    elif "mapping values are not allowed" in problem:
        hint = (
            "if this line belongs to the one above, check its indentation; "
            "a value that contains `: ` needs quotes around it"
        )
    elif (
        "could not find expected ':'" in problem
        or "expected <block end>" in problem
        or "did not find expected '-' indicator" in problem
        or "did not find expected key" in problem
    ):
        hint = _indentation_hint(lines, line)
    elif "expected node content" in problem and _bare_dash_above(lines, line):
        hint = (
            "an item's keys go right after its `- ` (`- rest: Sit`), or on the lines "
            "below it, indented further than the `-`"
        )
    # The line of the error, or the one above: a missing space after a colon wins over a
    # missing space after a dash (fixing the dash alone would leave the same error), and
    # lines inside a `|` or `>` block are text, where neither is a mistake.
    suspects = [
        lines[number]
        for number in range(max(0, line - 2), line)
        if not _inside_block_text(lines, number)
    ]
    if any(_NO_SPACE_AFTER_COLON_RE.match(suspect) for suspect in suspects):
        hint = "put a space after the colon: `key: value`"
    else:
        for suspect in suspects:
            if found := _NO_SPACE_AFTER_DASH_RE.match(suspect):
                hint = f"put a space after the `-` of an item: `- {found.group(1)}: …`"
    if hint is None:
        hint = (
            "look at this line and the one above it for a missing `:`, a quote or bracket "
            "not closed, or a line out of line with the lines above"
        )
    return Problem(path, line, column, SYNTAX_KEY, message, hint)


def _mistake_problem(mistake: Mistake, text: str, path: str) -> Problem:
    from breathe.format.yaml_mistakes import key_path_at

    lines = LINE_BREAK_RE.split(text)
    if mistake.repaired:
        for index, repaired in mistake.repaired:
            lines[index] = repaired
        text = "\n".join(lines)
    key_path = (
        key_path_at(lines, text, mistake.key_at, mistake.key, Loader)
        if mistake.key is not None
        else SYNTAX_KEY
    ) or SYNTAX_KEY
    return Problem(
        path, mistake.line + 1, mistake.column + 1, key_path, mistake.message, mistake.hint
    )


def _quote_at(lines: list[str], mark: Mark | yaml._yaml.Mark) -> bool:
    """Whether `mark` is at a quote mark that opens text."""
    if mark.line >= len(lines):
        return False
    return lines[mark.line][mark.column : mark.column + 1] in ("'", '"')


_BLOCK_TEXT_START_RE = re.compile(r"^\s*(?:- +)?(?:[^\s#][^#]*:\s+|-\s+)?[|>][-+0-9]*\s*(?:#.*)?$")


def _inside_block_text(lines: list[str], index: int) -> bool:
    """Whether line `index` (0-based) is inside a `|` or `>` block of text: the nearest line
    above it that is indented less opens such a block."""
    current = lines[index]
    if not current.strip():
        return False
    indent = len(current) - len(current.lstrip(" "))
    for above in reversed(lines[:index]):
        if not above.strip():
            continue
        if len(above) - len(above.lstrip(" ")) < indent:
            return _BLOCK_TEXT_START_RE.match(above) is not None
    return False


def _bare_dash_above(lines: list[str], line: int) -> bool:
    """Whether the nearest line above `line` (1-based) with content is a lone `-`, at or
    right of the column where `line` starts: an item whose keys are not indented under it."""
    current = lines[line - 1]
    indent = len(current) - len(current.lstrip(" "))
    for above in reversed(lines[: line - 1]):
        stripped = above.strip()
        if stripped and not stripped.startswith("#"):
            return stripped == "-" and len(above) - len(above.lstrip(" ")) >= indent
    return False


INDENTATION_HINT = "check the indentation of this line against the lines above"
_ITEM_RE = re.compile(r"( *)- +(?=[^\s#])")  # `  - rest: x`: a list item with a value


def _indentation_hint(lines: list[str], line: int) -> str:
    """The indentation advice for `line` (1-based), naming columns when the fix is clear.

    The usual slip is one space too many or too few: a `-` out of line with the items
    above it, or a key of an item out of line with the item's first key (the one right
    after its `- `). Anything else gets the general advice.
    """
    current = lines[line - 1]
    indent = len(current) - len(current.lstrip(" "))
    is_item = _ITEM_RE.match(current) is not None
    for above in reversed(lines[: line - 1]):
        stripped = above.strip()
        if not stripped or stripped.startswith("#"):
            continue
        item = _ITEM_RE.match(above)
        if item is None:
            if len(above) - len(above.lstrip(" ")) < indent or stripped == "-":
                break  # a key the line is inside of (`steps:`), or an item without a value
            continue
        dash, first_key = len(item.group(1)), item.end()
        if is_item and dash != indent and abs(dash - indent) <= 2:
            return (
                f"{INDENTATION_HINT}: this `-` is in column {indent + 1}, "
                f"the `-` of the item above in column {dash + 1}"
            )
        if not is_item and dash <= indent != first_key and indent <= first_key + 2:
            return (
                f"{INDENTATION_HINT}: the keys of an item line up with the first key after "
                f"its `- ` (column {first_key + 1}); this line starts in column {indent + 1}"
            )
        break
    return INDENTATION_HINT


_FLOW_START_RE = re.compile(r":\s+[\[{]")


def _flow_start_before(line: str, column: int) -> bool:
    """A value opening with `[` or `{` before the error: `title: [Draft] Calm`.

    Only before it: in a misindented `  steps: []` the error is at the colon and the
    brackets, after it, are innocent.
    """
    found = _FLOW_START_RE.search(line)
    return found is not None and found.end() <= column


# `title:Calm` (no space) is text to YAML, not a key and a value; `http://` is left alone.
_NO_SPACE_AFTER_COLON_RE = re.compile(r"^\s*(?:- )?[A-Za-z][\w-]*:[^\s/]")
# `-rest: Sit` (no space) is a key named `-rest` to YAML, not an item of a list.
_NO_SPACE_AFTER_DASH_RE = re.compile(r"^\s*-([A-Za-z][\w-]*):")


def _unmarked_problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    """A YAML error without a mark: a character YAML refuses (located), or anything else."""
    if isinstance(error, ReaderError):
        offset = error.position
        if WITH_LIBYAML:  # libyaml counts UTF-8 bytes, not characters
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))
        line, column = _line_and_column(text[:offset])
        return Problem(
            path,
            line,
            column,
            SYNTAX_KEY,
            _first_line(error),
            "delete it: a routine file holds printable text only",
        )
    return Problem(
        path,
        1,
        1,
        SYNTAX_KEY,
        _first_line(error),
        "compare the file with a routine that loads: `breathe docs writing-routines` shows "
        "one, key by key",
    )


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or ["the file is not valid YAML"])[0]


def read_source(path: Path, shown: str) -> bytes:
    """The bytes of a routine or program file (a little past the size limit, so that
    `read_yaml` can say it is too big); RoutineFileError if it cannot be read.

    Only a regular file is opened: reading a FIFO would wait for a writer forever.
    """
    try:
        with open_regular(path) as file:
            return _read_at_most(file, MAX_FILE_BYTES + 1)
    except NotARegularFile as error:
        problem = Problem(
            shown, 1, 1, FILE_KEY, f"cannot read the file: it {error.what}", _not_a_file_hint(error)
        )
        raise RoutineFileError([problem]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise RoutineFileError(
            [
                Problem(
                    shown,
                    1,
                    1,
                    FILE_KEY,
                    f"cannot read the file: {reason}",
                    _UNREADABLE_HINTS.get(
                        error.errno or 0, "check the path, and that you may read the file"
                    ),
                )
            ]
        ) from None


def _read_at_most(file: BinaryIO, limit: int) -> bytes:
    """The first `limit` bytes of `file` (all of it when it is shorter).

    `file.read(limit)` sets aside `limit` bytes (a mebibyte) before it reads a file of a
    few hundred; asking for the size the file has, plus one byte to see that it ended,
    does not. A file that grows while it is read is read on, up to `limit`.
    """
    size = os.fstat(file.fileno()).st_size
    data = file.read(min(size + 1, limit))
    if len(data) <= size or len(data) >= limit:
        return data
    return data + file.read(limit - len(data))


def _not_a_file_hint(error: NotARegularFile) -> str:
    if "folder" in error.what:
        return "give the path of a routine file in it (a `.yaml` file)"
    if "symbolic link" in error.what:
        return "point the link at the routine file, or give the path of the file itself"
    return "give the path of a routine file (a `.yaml` file you can open in an editor)"


_UNREADABLE_HINTS = {
    errno.EACCES: "you may not read it: ask its owner, or change its permissions (`chmod u+r`)",
    errno.EPERM: "you may not read it: ask its owner, or change its permissions (`chmod u+r`)",
    errno.ENOENT: "check the path: no file is there",
    errno.ENOTDIR: "check the path: a part of it before the file's name is a file, not a folder",
    errno.ENAMETOOLONG: "check the path: it is longer than the system allows",
    errno.EIO: "the disk could not be read: copy the file to another disk, or check the disk",
}
