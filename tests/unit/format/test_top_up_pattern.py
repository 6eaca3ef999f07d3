"""The top-up: a short second breath in on top of a full one (the physiological sigh's two
inhales), written `4+1-8` in the short form or `top-up:` phase by phase."""

from __future__ import annotations

import textwrap
from typing import Any

import jsonschema
import pytest

from breathe.core.model import BreathingStep, BreathPattern, PoseStep, Routine
from breathe.core.problems import Problem, RoutineFileError
from breathe.format.loader import parse_routine
from breathe.format.schema import routine_json_schema


def parse(text: str) -> Routine:
    return parse_routine(textwrap.dedent(text).lstrip("\n").encode(), "r.yaml", "r")


def breathing(pattern: str) -> str:
    return f"title: T\nsteps:\n  - breathe: Sigh\n    pattern: {pattern}\n    cycles: 3\n"


def pace_of(text: str) -> Any:
    step = parse(text).steps[0]
    assert isinstance(step, BreathingStep)
    return step.pace


def only_problem(text: str) -> Problem:
    with pytest.raises(RoutineFileError) as caught:
        parse(text)
    problems = caught.value.problems
    assert len(problems) == 1, "\n".join(str(problem) for problem in problems)
    return problems[0]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("4+1-8", BreathPattern(4000, 0, 8000, 0, 1000)),
        ("2 + 0.5 - 6", BreathPattern(2000, 0, 6000, 0, 500)),
        ("4s+1s-8s", BreathPattern(4000, 0, 8000, 0, 1000)),
        ("'4+1-2-8'", BreathPattern(4000, 2000, 8000, 0, 1000)),
        ("4+1-2-8-2", BreathPattern(4000, 2000, 8000, 2000, 1000)),
        ("4+0-8", BreathPattern(4000, 0, 8000, 0, 0)),
    ],
)
def test_a_plus_after_the_inhale_adds_a_top_up(written: str, expected: BreathPattern) -> None:
    assert pace_of(breathing(written)) == expected


def test_the_top_up_phase_by_phase() -> None:
    pace = pace_of(breathing("{inhale: 2.5, top-up: 1, exhale: 6}"))
    assert pace == BreathPattern(2500, 0, 6000, 0, 1000)
    assert pace.cycle_ms == 9500


def test_a_pose_may_breathe_with_a_top_up() -> None:
    step = parse("""
        title: T
        steps:
          - pose: Lie back
            hold: 40s
            breathing: 3+1-6
    """).steps[0]
    assert isinstance(step, PoseStep)
    assert step.breathing == BreathPattern(3000, 0, 6000, 0, 1000)


def test_a_top_up_reads_back_as_written() -> None:
    assert BreathPattern(4000, 0, 8000, 0, 1000).describe() == "4+1-8"
    assert BreathPattern(2500, 2000, 6000, 1000, 500).describe() == "2.5+0.5-2-6-1"
    assert BreathPattern(4000, 0, 8000, 0).describe() == "4-8"


@pytest.mark.parametrize(
    ("written", "column", "message", "hint"),
    [
        ("4++1-8", 15, "`+` is written twice", "one `+` adds a top-up: `4+1-8`"),
        ("4+ +1-8", 15, "`+` is written twice", "one `+` adds a top-up"),
        ("+1-8", 14, "a top-up needs an inhale before it", "write the inhale first"),
        ("4-8+1", 17, "a top-up can only follow the inhale", "right after the first number"),
        ("4-2+1-8", 17, "a top-up can only follow the inhale", "right after the first number"),
        ("4+1+1-8", 17, "a breath has one top-up", "keep one `+`"),
        ("'4++1-8'", 16, "`+` is written twice", "`4+1-8`"),
    ],
)
def test_a_misplaced_plus_is_pointed_at(written: str, column: int, message: str, hint: str) -> None:
    problem = only_problem(breathing(written))
    assert (problem.path, problem.line, problem.column) == ("r.yaml", 4, column)
    assert problem.key_path == "steps[1].pattern"
    assert problem.message == message
    assert problem.hint is not None and hint in problem.hint


@pytest.mark.parametrize("written", ["4+-8", "4+1", "4+x-8"])
def test_other_mistakes_with_a_plus_show_the_forms(written: str) -> None:
    problem = only_problem(breathing(written))
    assert (problem.line, problem.column) == (4, 14)
    assert problem.message == f"`{written}` is not a breath pattern"
    assert problem.hint is not None and "a `+` after the inhale adds a top-up" in problem.hint


@pytest.mark.parametrize("written", ["2+2-8", "2+3-8"])
def test_a_top_up_no_shorter_than_the_inhale_is_refused(written: str) -> None:
    problem = only_problem(breathing(written))
    assert str(problem).startswith("r.yaml:4:15: steps[1].pattern (top-up): the top-up (")
    assert "must be shorter than the inhale (2s)" in problem.message
    assert problem.hint is not None and "a short second breath in" in problem.hint


def test_a_top_up_too_long_phase_by_phase_is_located_at_its_value() -> None:
    problem = only_problem(breathing("{inhale: 2, top-up: 3, exhale: 6}"))
    assert (problem.line, problem.column) == (4, 34)
    assert problem.key_path == "steps[1].pattern.top-up"
    assert problem.message == "the top-up (3s) must be shorter than the inhale (2s)"


def test_a_top_up_keeps_to_its_limits() -> None:
    problem = only_problem(breathing("12+11-8"))
    assert problem.key_path == "steps[1].pattern (top-up)"
    assert problem.message == "11s is too long for a top-up"


def test_a_misspelt_top_up_key_is_named() -> None:
    problem = only_problem(breathing("{inhale: 4, topup: 1, exhale: 8}"))
    assert problem.key_path == "steps[1].pattern.topup"
    assert problem.hint == "did you mean `top-up`?"


def test_a_progression_takes_a_top_up_at_both_ends_or_neither() -> None:
    pace = pace_of(breathing("{from: 4+1-8, to: 4+1-10}"))
    assert pace.start.top_up_ms == pace.end.top_up_ms == 1000
    problem = only_problem(breathing("{from: 4+1-8, to: 4-8}"))
    assert (problem.line, problem.column, problem.key_path) == (4, 14, "steps[1].pattern")
    assert problem.message == "`from` and `to` must both have a top-up, or neither"


@pytest.mark.parametrize("written", ["4+1-8", "4 + 1 - 2 - 8", "4+1-2-8-2"])
def test_the_editor_schema_takes_the_top_up(written: str) -> None:
    data = {"title": "T", "steps": [{"breathe": "S", "pattern": written, "cycles": 3}]}
    jsonschema.validate(data, routine_json_schema())


@pytest.mark.parametrize("written", ["4++1-8", "+1-8", "4-8+1", "4+1+1-8"])
def test_the_editor_schema_refuses_a_misplaced_plus(written: str) -> None:
    data = {"title": "T", "steps": [{"breathe": "S", "pattern": written, "cycles": 3}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, routine_json_schema())
