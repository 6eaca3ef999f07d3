"""Teachers' slips in the text of a routine file, each in a small file a teacher can read.

Every `cases/text/NAME.yaml` holds one mistake in how a routine is typed, written the way
people write them: text pasted from a word processor or a phone (curly quotes, an en dash
in `4–6`, a no-break space), a key with no space after its colon (`duration:30s`), a line
indented one level too far or too little, quotes that end a text early (`'Teacher's
evening practice'`), a `[` never closed, text that starts with `*`. `NAME.expected` beside
it is what breathe answers, exactly as `breathe validate` prints it:
`file:line:column: key.path: message; hint`, at the place of the mistake itself (not the
line after it, where YAML gives up), with what to type instead.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from breathe.core.problems import RoutineFileError
from breathe.format.loader import parse_routine
from breathe.format.program_spec import PROGRAM_FILE
from breathe.format.yaml_source import INDENTATION_HINT, read_source

CASES = Path(__file__).resolve().parent / "cases" / "text"
CASE_FILES = sorted(CASES.glob("*.yaml"))


def answer(case: Path) -> list[str]:
    """What breathe says about the case file, a line a problem."""
    with pytest.raises(RoutineFileError) as refused:
        parse_routine(case.read_bytes(), case.name, case.stem)
    return [str(problem) for problem in refused.value.problems]


@pytest.mark.parametrize("case", CASE_FILES, ids=[case.stem for case in CASE_FILES])
def test_each_slip_is_answered_at_its_place_with_what_to_type(case: Path) -> None:
    expected = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert answer(case) == expected


@pytest.mark.parametrize("case", CASE_FILES, ids=[case.stem for case in CASE_FILES])
def test_every_answer_names_a_key_and_says_what_to_do(case: Path) -> None:
    with pytest.raises(RoutineFileError) as refused:
        parse_routine(case.read_bytes(), case.name, case.stem)
    for problem in refused.value.problems:
        assert problem.hint, str(problem)
        assert not problem.key_path.startswith("("), str(problem)


def test_every_case_has_its_expected_answer() -> None:
    assert len(CASE_FILES) >= 40
    assert all(case.with_suffix(".expected").is_file() for case in CASE_FILES)


def test_text_that_takes_any_character_keeps_its_typography() -> None:
    # Curly quotes, dashes and an ellipsis in a title, a description and instructions are
    # the author's own words: nothing to report, and nothing changed.
    text = (
        "title: \u201cMorning\u201d practice \u2013 gentle\n"
        "description: It\u2019s a quiet start \u2014 no rush.\n"
        "steps:\n"
        "  - breathe: Slow breaths\n"
        "    pattern: 4-6\n"
        "    cycles: 6\n"
        "    instructions: \u201cBreathe in\u201d through the nose\u2026 and out.\n"
    )
    routine = parse_routine(text.encode("utf-8"), "r.yaml", "r")
    assert routine.title == "\u201cMorning\u201d practice \u2013 gentle"
    assert routine.description == "It\u2019s a quiet start \u2014 no rush."


def test_a_program_s_days_pasted_with_an_en_dash_are_named_too() -> None:
    text = "title: Recovery\nschedule:\n  - days: 1\u201314\n    routines: [box-breathing]\n"
    with pytest.raises(RoutineFileError) as refused:
        PROGRAM_FILE.parse(text.encode("utf-8"), "p.yaml", "p")
    assert [str(problem) for problem in refused.value.problems] == [
        "p.yaml:3:12: schedule[1].days: `1\u201314` holds \u2013 (EN DASH, U+2013), which looks "
        "like `-` but is not; type `-` instead (the minus key): `1-14`"
    ]


def offered_line(case: Path) -> tuple[int, str] | None:
    """The line a case's answer offers, written into its place: (its index, the line);
    None when the hint offers no line to type (a column to start in, a key's name)."""
    with pytest.raises(RoutineFileError) as refused:
        parse_routine(case.read_bytes(), case.name, case.stem)
    problem = refused.value.problems[0]
    offered = re.search(r": `([^`]*)`$", problem.hint or "")  # `...: line` at the end
    key = re.sub(r"\[\d+\]", "", problem.key_path).split(".")[-1]
    if offered is None:
        return None
    line = offered.group(1)
    written = line if line.startswith(f"{key}: ") else f"{key}: {line}"
    lines = case.read_text(encoding="utf-8").split("\n")
    for index in range(problem.line - 1, -1, -1):  # the line that writes the key
        found = re.match(rf"( *(?:- +)*){re.escape(key)}\W", lines[index])
        if found is not None:
            return index, found.group(1) + written
    return None


OFFERING = [case for case in CASE_FILES if offered_line(case) is not None]


@pytest.mark.parametrize("case", OFFERING, ids=[case.stem for case in OFFERING])
def test_the_line_an_answer_offers_loads(case: Path) -> None:
    # Typed as the hint shows it, the line is right: the answer is a fix, not a guess.
    place = offered_line(case)
    assert place is not None
    lines = case.read_text(encoding="utf-8").split("\n")
    lines[place[0]] = place[1]
    parse_routine("\n".join(lines).encode("utf-8"), case.name, case.stem)


def test_most_answers_offer_the_line_to_type() -> None:
    assert len(OFFERING) >= 55


# Answers that say where a line should start: a tab to replace by spaces, a `-` or a key to
# start in a column, an item to move. Each is a place on the problem's own line(s).
_SPACES_FOR_TABS = re.compile(
    r"(?:replace|delete) the (?:tab|\d+ tabs)(?: and \d+ spaces?)?(?: with (\d+) spaces?)?"
)
_START_IN_COLUMN = re.compile(r"start (?:the `-`|`[\w-]+`) in column (\d+)")
_START_LINES = re.compile(
    r"start `[\w-]+`(?:, `[\w-]+`)* and `[\w-]+` \(lines (\d+) to (\d+)\) in column (\d+)"
)
_MOVE_ITEM = re.compile(r"move this item \(lines (\d+) to (\d+)\) (\w+) spaces? (left|right)")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4}


def placed_by_columns(case: Path) -> str | None:
    """The case's text with every line placed where its answer says, or None when an answer
    says something else (a character to type, quotes to add)."""
    with pytest.raises(RoutineFileError) as refused:
        parse_routine(case.read_bytes(), case.name, case.stem)
    lines = case.read_text(encoding="utf-8").split("\n")
    for problem in refused.value.problems:
        hint, index = problem.hint or "", problem.line - 1
        if (tabs := _SPACES_FOR_TABS.search(hint)) is not None:
            lines[index] = " " * int(tabs.group(1) or 0) + lines[index].lstrip(" \t")
        elif (move := _MOVE_ITEM.search(hint)) is not None:
            count = _NUMBERS.get(move.group(3)) or int(move.group(3))
            for number in range(int(move.group(1)) - 1, int(move.group(2))):
                line = lines[number]
                lines[number] = " " * count + line if move.group(4) == "right" else line[count:]
        elif (block := _START_LINES.search(hint)) is not None:
            shift = int(block.group(3)) - problem.column
            for number in range(int(block.group(1)) - 1, int(block.group(2))):
                lines[number] = " " * shift + lines[number]
        elif (start := _START_IN_COLUMN.search(hint)) is not None:
            lines[index] = " " * (int(start.group(1)) - 1) + lines[index].lstrip(" ")
        else:
            return None
    return "\n".join(lines)


PLACING = [case for case in CASE_FILES if placed_by_columns(case) is not None]


@pytest.mark.parametrize("case", PLACING, ids=[case.stem for case in PLACING])
def test_lines_placed_where_the_answer_says_load(case: Path) -> None:
    # A tab replaced by the spaces named, a `-` or a key started in the column named, an
    # item moved as said: the file loads. The columns are the fix, not a guess.
    placed = placed_by_columns(case)
    assert placed is not None
    parse_routine(placed.encode("utf-8"), case.name, case.stem)


def test_indentation_answers_say_where_to_start_the_line() -> None:
    assert len(PLACING) >= 20


# -- a file that is not UTF-8 text, or not a file ------------------------------------------


def problems_in(data: bytes) -> list[str]:
    with pytest.raises(RoutineFileError) as refused:
        parse_routine(data, "r.yaml", "r")
    return [str(problem) for problem in refused.value.problems]


SAVE_AS_UTF8 = "save it again in your editor with the encoding UTF-8 (under Save As)"
ROUTINE = "title: Calm\nsteps:\n  - rest: Sit\n    duration: 1m\n"


def test_a_file_saved_as_utf16_is_named_so_with_or_without_its_byte_order_mark() -> None:
    # Notepad's "Unicode" is UTF-16: every other byte 0, after the bytes FF FE or not.
    assert problems_in(ROUTINE.encode("utf-16")) == [
        "r.yaml:1:1: (file): the file is saved as UTF-16 text (it starts with the bytes "
        f"0xff 0xfe); breathe reads UTF-8; {SAVE_AS_UTF8}"
    ]
    assert problems_in(ROUTINE.encode("utf-16-be")) == [
        "r.yaml:1:1: (file): the file is saved as UTF-16 text (every other byte is 0); "
        f"breathe reads UTF-8; {SAVE_AS_UTF8}"
    ]


def test_a_nul_byte_says_what_to_do() -> None:
    assert problems_in(b"title: Calm\x00\nsteps: []\n") == [
        "r.yaml:1:12: (file): the file holds a NUL byte; it is not text; a routine file is "
        "plain text: check that this is the file you meant, or open it in a text editor and "
        "save it as UTF-8 text"
    ]


def refusal_of(path: Path) -> str:
    with pytest.raises(RoutineFileError) as refused:
        read_source(path, path.name)
    return str(refused.value.problems[0])


def test_what_is_not_a_file_says_what_to_give_instead(tmp_path: Path) -> None:
    folder = tmp_path / "evening.yaml"
    folder.mkdir()
    assert refusal_of(folder) == (
        "evening.yaml:1:1: (file): cannot read the file: it is a folder, not a file; "
        "give the path of a routine file in it (a `.yaml` file)"
    )
    link = tmp_path / "calm.yaml"
    link.symlink_to(tmp_path / "moved.yaml")
    assert refusal_of(link).endswith(
        "which does not exist; point the link at the routine file, or give the path of the "
        "file itself"
    )
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    assert refusal_of(pipe) == (
        "pipe.yaml:1:1: (file): cannot read the file: it is a FIFO (named pipe), not a "
        "regular file; give the path of a routine file (a `.yaml` file you can open in an "
        "editor)"
    )


def test_a_path_through_a_file_says_which_part_is_wrong(tmp_path: Path) -> None:
    (tmp_path / "routines").write_text(ROUTINE, encoding="utf-8")
    assert refusal_of(tmp_path / "routines" / "calm.yaml") == (
        "calm.yaml:1:1: (file): cannot read the file: Not a directory; check the path: a part "
        "of it before the file's name is a file, not a folder"
    )


# -- every line of a routine shifted, tabbed, its colon lost ----------------------------

SLIPPED = """title: Evening wind-down
description: A slow end to the day
tags: [calm, evening]
steps:
  - rest: Lie still
    duration: 1m
    instructions: >
      Let the floor hold you. Let the breath
      come and go on its own, without
      changing it.
  - breathe: Slow breaths
    pattern:
      inhale: 4
      exhale: 6
    cycles: 6
  - pose: Child's pose
    hold: 1m
    breathing: 4-6
""".splitlines()


def slips() -> list[tuple[str, list[str]]]:
    """The routine above with one line slipped: a space or two in or out, indented with a
    tab, its `: ` written ` ` or `:`."""
    found = []
    for number, line in enumerate(SLIPPED):
        indent = len(line) - len(line.lstrip(" "))
        changed = [" " * (indent + d) + line.lstrip(" ") for d in (-2, -1, 1, 2) if indent + d >= 0]
        if indent:
            changed.append("\t" + line.lstrip(" "))
        if ": " in line:
            changed += [line.replace(": ", " ", 1), line.replace(": ", ":", 1)]
        for text in changed:
            lines = [*SLIPPED[:number], text, *SLIPPED[number + 1 :]]
            found.append((f"line {number + 1}: {text.strip()!r}", lines))
    return found


def test_every_slip_of_a_line_is_answered_with_its_key_and_what_to_do() -> None:
    answered = 0
    for slip, lines in slips():
        try:
            parse_routine("\n".join(lines).encode("utf-8"), "r.yaml", "r")
        except RoutineFileError as refused:
            problem = refused.problems[0]
            assert problem.key_path not in ("(syntax)", ""), (slip, str(problem))
            assert problem.hint, (slip, str(problem))
            assert not problem.hint.startswith("look at this line"), (slip, str(problem))
            assert problem.hint != INDENTATION_HINT, (slip, str(problem))
            answered += 1
    assert answered >= 90
