"""Read bytes into a YAML node tree, refusing whatever could hurt or mislead.

The node tree (not constructed Python objects) is what the checker walks: every node keeps
its start mark, so each problem can be reported at its exact line and column, and values
keep the text the author wrote (`title: yes` stays "yes", `1:30` stays a clock time).

Composing uses libyaml's C parser when PyYAML has it. That parser recurses in C and
crashes the process on very deep nesting, so a cheap upper bound on the depth is computed
first and, when it is high, an iterative scan of the event stream measures the real depth.
"""

from __future__ import annotations

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import Node

from breathe.problems import Problem, RoutineFileError

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
# Below this bound on the depth the C composer is safe (it was measured safe at 20,000).
_DEPTH_BOUND_WITHOUT_SCAN = 400

Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]
try:
    Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    Loader = yaml.SafeLoader

FILE_KEY = "(file)"
SYNTAX_KEY = "(syntax)"


def read_yaml(data: bytes, path: str) -> Node:
    """Return the single document in `data` as a node tree, or raise RoutineFileError."""
    text = _decode(data, path)
    if not text.strip() or _only_comments(text):
        raise RoutineFileError(
            [Problem(path, 1, 1, FILE_KEY, "the file is empty", "start with `title: ...`")]
        )
    _refuse_anchors_and_deep_nesting(text, path)
    try:
        node: Node | None = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as error:
        raise RoutineFileError([_syntax_problem(error, text, path)]) from None
    except yaml.YAMLError as error:
        raise RoutineFileError([Problem(path, 1, 1, SYNTAX_KEY, _first_line(error))]) from None
    if node is None:
        raise RoutineFileError(
            [Problem(path, 1, 1, FILE_KEY, "the file is empty", "start with `title: ...`")]
        )
    return node


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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise RoutineFileError(
            [
                Problem(
                    path,
                    line,
                    column,
                    FILE_KEY,
                    f"byte 0x{data[error.start]:02x} is not UTF-8 text",
                    "save the file as UTF-8 in your editor",
                )
            ]
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise RoutineFileError(
            [Problem(path, line, column, FILE_KEY, "the file holds a NUL byte; it is not text")]
        )
    return text


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _depth_bound(text: str) -> int:
    """An upper bound on how deeply collections can nest in `text`.

    Each level is opened by `[`, `{`, `-` or `?`, or by indenting further, so their counts
    plus the widest indentation bound the depth.
    """
    widest_indent = max((len(line) - len(line.lstrip(" ")) for line in text.split("\n")), default=0)
    openers = text.count("[") + text.count("{") + text.count("-") + text.count("?")
    return openers + widest_indent + 2


def _refuse_anchors_and_deep_nesting(text: str, path: str) -> None:
    may_alias = "&" in text or "*" in text
    may_be_deep = _depth_bound(text) > _DEPTH_BOUND_WITHOUT_SCAN
    if not (may_alias or may_be_deep):
        return
    problems: list[Problem] = []
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
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
                    problems.append(
                        _event_problem(
                            path,
                            event,
                            f"the file nests more than {MAX_DEPTH} levels deep",
                            "a routine needs only a few levels; check the indentation",
                        )
                    )
                    break
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, text, path))
    except yaml.YAMLError as error:
        problems.append(Problem(path, 1, 1, SYNTAX_KEY, _first_line(error)))
    if problems:
        raise RoutineFileError(problems)


def _event_problem(path: str, event: yaml.Event, message: str, hint: str) -> Problem:
    mark = event.start_mark
    return Problem(path, mark.line + 1, mark.column + 1, SYNTAX_KEY, message, hint)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (error.problem or "").strip() or "the file is not valid YAML"
    context = (error.context or "").strip()
    message = f"{problem} ({context})" if context else problem
    hint = None
    source_line = text.split("\n")[line - 1] if line - 1 < text.count("\n") + 1 else ""
    if "\t" in source_line or "'\\t'" in problem:
        hint = "indent with spaces; YAML does not allow tabs for indentation"
        message = "a tab character is used for indentation"
        tab = source_line.find("\t")
        column = tab + 1 if tab >= 0 else column
    elif "mapping values are not allowed" in problem:
        hint = (
            "if this line belongs to the one above, check its indentation; "
            "a value that contains `: ` needs quotes around it"
        )
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above"
    return Problem(path, line, column, SYNTAX_KEY, message, hint)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or ["the file is not valid YAML"])[0]
