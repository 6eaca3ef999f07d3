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

from pathlib import Path

import pytest

from breathe.core.problems import RoutineFileError
from breathe.format.loader import parse_routine
from breathe.format.program_spec import PROGRAM_FILE

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
        "p.yaml:3:12: schedule[0].days: `1\u201314` holds \u2013 (EN DASH, U+2013), which looks "
        "like `-` but is not; type `-` instead (the minus key): `1-14`"
    ]
