"""Every rule of the routine format, one focused test each, against the real loader.

Each test feeds real bytes (or a real file) to `parse_routine` / `load_routine` and checks
the exact line, column and key path of each problem, and the words of its message and hint
that matter to the person reading them. A few also hold the editor schema to the same
rules, or check a declared list rule that no key of the format uses yet.
"""

from __future__ import annotations

import re
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from yaml.nodes import MappingNode

from breathe.cli import main
from breathe.core.model import (
    BreathingStep,
    BreathPattern,
    IncludeStep,
    PoseStep,
    Progression,
    RestStep,
    Routine,
    Side,
)
from breathe.core.problems import MAX_LISTED, MoreProblems, Problem, RoutineFileError
from breathe.core.timeline import MAX_TOTAL_MS, compile_timeline
from breathe.format import routine_spec as routine_spec_module
from breathe.format import spec as spec_module
from breathe.format import yaml_source
from breathe.format.loader import load_routine, parse_routine
from breathe.format.routine_spec import BREATH_HOLD_HINT, ROUTINE
from breathe.format.schema import routine_json_schema
from breathe.format.spec import INVALID, Checker, ListOf, Text, did_you_mean
from breathe.format.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, read_yaml
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

DURATION_FORMS = ("`90`", "`90s`", "`2m`", "`1m30s`", "`1.5s`")

BREATHING_TIME_HINT = (
    "add one of them: `cycles: 10` (how many breaths) or `duration: 3m` (about how long to breathe)"
)


def doc(text: str) -> str:
    """A YAML document written indented inside a test, as the author would write it."""
    return textwrap.dedent(text).lstrip("\n")


def parse(text: str | bytes) -> Routine:
    data = doc(text).encode("utf-8") if isinstance(text, str) else text
    return parse_routine(data, "r.yaml", "r")


def problems_of(text: str | bytes) -> tuple[Problem, ...]:
    with pytest.raises(RoutineFileError) as caught:
        parse(text)
    problems = caught.value.problems
    assert problems, "a RoutineFileError always lists its problems"
    return problems


def only_problem(text: str | bytes) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, "\n".join(str(problem) for problem in problems)
    return problems[0]


def check(
    problem: Problem,
    line: int,
    column: int,
    key_path: str,
    *words: str,
    hint: tuple[str, ...] | str | None = (),
) -> None:
    """Assert where `problem` is, that its message holds `words`, and what its hint says.

    `hint` is words the hint must hold (a tuple), the exact hint (a str), or None for none.
    """
    assert problem.path == "r.yaml"
    assert (problem.line, problem.column, problem.key_path) == (line, column, key_path), str(
        problem
    )
    for word in words:
        assert word in problem.message, f"{word!r} not in {problem.message!r}"
    if hint is None:
        assert problem.hint is None, problem.hint
    elif isinstance(hint, str):
        assert problem.hint == hint
    else:
        for word in hint:
            assert problem.hint is not None and word in problem.hint, (word, problem.hint)


def rest_with_duration(value: str) -> str:
    return f"title: T\nsteps:\n  - rest: Settle\n    duration: {value}\n"


def breathing_with_pattern(value: str) -> str:
    return f"title: T\nsteps:\n  - breathe: Slow\n    pattern: {value}\n    cycles: 3\n"


def breathing_with_cycles(value: str) -> str:
    return f"title: T\nsteps:\n  - breathe: Slow\n    pattern: 4-6\n    cycles: {value}\n"


# Where a problem with the value of `rest_with_duration`'s duration, or of
# `breathing_with_cycles`'s cycles, is said: at the value.
REST_DURATION = (4, 15, "steps[1].duration")
CYCLES = (5, 13, "steps[1].cycles")


# -- keys ---------------------------------------------------------------------------------


def test_misspelled_top_level_key_suggests_the_real_one() -> None:
    problems = problems_of("""
        title: T
        descripton: Calm
        steps:
          - rest: Settle
            duration: 10s
        """)
    (problem,) = problems
    check(
        problem,
        2,
        1,
        "descripton",
        "`descripton` is not a key of a routine",
        hint="did you mean `description`?",
    )


def test_misspelled_title_is_reported_with_the_missing_title() -> None:
    problems = problems_of("""
        titel: T
        steps:
          - rest: Settle
            duration: 10s
        """)
    assert len(problems) == 2
    check(problems[0], 1, 1, "titel", "not a key of a routine", hint="did you mean `title`?")
    check(problems[1], 1, 1, "(document)", "a routine needs `title`", hint=("add `title:`",))


def test_misspelled_step_key_suggests_the_real_one() -> None:
    problems = problems_of("""
        title: T
        steps:
          - breathe: Slow
            pattern: 4-6
            cycels: 3
        """)
    assert [problem.key_path for problem in problems] == ["steps[1]", "steps[1].cycels"]
    check(
        problems[0],
        3,
        5,
        "steps[1]",
        "a breathing step needs `cycles` or `duration`",
        hint=BREATHING_TIME_HINT,
    )
    check(
        problems[1],
        5,
        5,
        "steps[1].cycels",
        "`cycels` is not a key of a breathing step",
        hint="did you mean `cycles`?",
    )


def test_misspelled_pattern_phase_suggests_exhale() -> None:
    problems = problems_of("""
        title: T
        steps:
          - breathe: Slow
            pattern:
              inhale: 4
              exhal: 6
            cycles: 3
        """)
    by_path = {problem.key_path: problem for problem in problems}
    check(
        by_path["steps[1].pattern.exhal"],
        6,
        7,
        "steps[1].pattern.exhal",
        "`exhal` is not a key of a breath pattern",
        hint="did you mean `exhale`?",
    )
    check(
        by_path["steps[1].pattern"],
        5,
        7,
        "steps[1].pattern",
        "a breath pattern needs `exhale`",
        hint=("add `exhale:`",),
    )


def test_misspelled_phase_in_flow_mapping_is_located_at_the_key() -> None:
    problems = problems_of(breathing_with_pattern("{inhale: 4, exhale: 6, hold-emtpy: 2}"))
    (problem,) = problems
    check(
        problem,
        4,
        37,
        "steps[1].pattern.hold-emtpy",
        "not a key of a breath pattern",
        hint="did you mean `hold-empty`?",
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("in", "did you mean `inhale`?"),
        ("out", "did you mean `exhale`?"),
        ("hold-out", "the hold after the exhale is `hold-empty`"),
        ("retain", "the hold after the inhale is `hold`"),
    ],
)
def test_teachers_words_for_phases_point_at_the_format_words(written: str, hint: str) -> None:
    problems = problems_of(breathing_with_pattern(f"{{inhale: 4, exhale: 6, {written}: 2}}"))
    (problem,) = problems
    check(problem, 4, 37, f"steps[1].pattern.{written}", f"`{written}`", hint=hint)


def test_misspelled_progression_key_suggests_to() -> None:
    problems = problems_of(breathing_with_pattern("{from: 4-4, too: 4-8}"))
    by_path = {problem.key_path: problem for problem in problems}
    check(
        by_path["steps[1].pattern.too"],
        4,
        26,
        "steps[1].pattern.too",
        "`too` is not a key of a progression",
        hint="did you mean `to`?",
    )
    check(by_path["steps[1].pattern"], 4, 14, "steps[1].pattern", "a progression needs `to`")


def test_misspelled_pose_key_suggests_sides() -> None:
    problem = only_problem("""
        title: T
        steps:
          - pose: Twist
            hold: 30s
            sids: both
        """)
    check(
        problem,
        5,
        5,
        "steps[1].sids",
        "`sids` is not a key of a pose step",
        hint="did you mean `sides`?",
    )


def test_unknown_key_without_a_near_match_lists_the_keys() -> None:
    problem = only_problem("""
        title: T
        steps:
          - rest: Settle
            duration: 10s
            colour: blue
        """)
    check(
        problem,
        5,
        5,
        "steps[1].colour",
        "`colour` is not a key of a rest step",
        hint="the keys are `rest`, `duration`, `instructions`, `say`, `sounds`",
    )


def test_hold_on_a_breathing_step_belongs_to_poses() -> None:
    problem = only_problem("""
        title: T
        steps:
          - breathe: Slow
            pattern: 4-6
            cycles: 3
            hold: 30s
        """)
    check(
        problem,
        6,
        5,
        "steps[1].hold",
        "`hold` is not a key of a breathing step",
        hint=BREATH_HOLD_HINT,  # a breath hold, which belongs in the pattern
    )
    assert "`pattern: 4-7-8`" in BREATH_HOLD_HINT


def test_pattern_on_a_pose_points_at_breathing() -> None:
    problem = only_problem("""
        title: T
        steps:
          - pose: Twist
            hold: 30s
            pattern: 4-6
        """)
    check(
        problem,
        5,
        5,
        "steps[1].pattern",
        "`pattern` is not a key of a pose step",
        hint="a pose paces the breath with `breathing:`",
    )


@pytest.mark.parametrize(
    ("step", "key", "hint"),
    [
        ("  - pose: Twist\n    hold: 30s\n", "duration: 1m", "a pose's time is `hold:`"),
        ("  - rest: Settle\n    duration: 10s\n", "cycles: 3", "a rest is timed by `duration:`"),
        ("  - rest: Settle\n    duration: 10s\n", "hold: 10s", "a rest's time is `duration:`"),
        ("  - breathe: B\n    pattern: 4-6\n    cycles: 3\n", "sides: both", "has no sides"),
        ("  - breathe: B\n    pattern: 4-6\n    cycles: 3\n", "steps: []", "repeat blocks"),
        ("  - repeat: 2\n    steps: [{rest: R, duration: 5s}]\n", "times: 3", "`repeat: 3`"),
    ],
)
def test_key_of_another_step_kind_says_where_it_belongs(step: str, key: str, hint: str) -> None:
    text = f"title: T\nsteps:\n{step}    {key}\n"
    problem = only_problem(text)
    name = key.split(":")[0]
    line = text.count("\n")
    check(problem, line, 5, f"steps[1].{name}", f"`{name}` is not a key of a", hint=(hint,))


def test_unknown_step_kind() -> None:
    problem = only_problem("""
        title: T
        steps:
          - jump: High
            instructions: Both feet off the floor.
        """)
    check(
        problem,
        3,
        5,
        "steps[1]",
        "a step needs one of `breathe:`, `pose:`, `rest:`, `repeat:` or `include:`",
        hint=("- breathe: Name",),
    )


def test_misspelled_step_kind_suggests_the_kind() -> None:
    problem = only_problem("""
        title: T
        steps:
          - breath: Slow
            pattern: 4-6
            cycles: 3
        """)
    check(
        problem,
        3,
        5,
        "steps[1].breath",
        "`breath` is not a kind of step",
        hint="`breath` means a `breathe` step here: write `- breathe: Slow`",
    )


def test_a_step_with_two_kinds_is_reported_at_the_second() -> None:
    problem = only_problem("""
        title: T
        steps:
          - breathe: Slow
            pose: Twist
            pattern: 4-6
            cycles: 3
        """)
    check(
        problem,
        4,
        5,
        "steps[1].pose",
        "one step cannot be both `breathe` and `pose`",
        hint="start a new step with `- ` for each",
    )


@pytest.mark.parametrize(
    ("item", "described"),
    [("3", "not `3`"), ("[a, b]", "not a list"), ("", "not empty")],
)
def test_a_step_that_is_not_a_mapping(item: str, described: str) -> None:
    problem = only_problem(f"title: T\nsteps:\n  - {item}\n")
    check(
        problem,
        3,
        5 if item else 4,
        "steps[1]",
        "a step must start with one of `breathe:`, `pose:`, `rest:`, `repeat:` or `include:`, ",
        described,
        hint="begin the step with `- breathe: Name`, `- pose: Name`, ...",
    )


# -- required keys, one of ----------------------------------------------------------------


def test_missing_title_and_steps_are_both_reported_at_the_document() -> None:
    problems = problems_of("description: Calm\n")
    assert len(problems) == 2
    check(problems[0], 1, 1, "(document)", "a routine needs `title`", hint=("add `title:`",))
    check(problems[1], 1, 1, "(document)", "a routine needs `steps`", hint=("add `steps:`",))


@pytest.mark.parametrize(
    ("step", "needs"),
    [
        ("  - breathe: Slow\n    cycles: 3\n", "a breathing step needs `pattern`"),
        ("  - pose: Twist\n    sides: both\n", "a pose step needs `hold`"),
        ("  - rest: Settle\n", "a rest step needs `duration`"),
        ("  - repeat: 2\n", "a repeat block needs `steps`"),
    ],
)
def test_missing_required_step_key(step: str, needs: str) -> None:
    problem = only_problem(f"title: T\nsteps:\n{step}")
    key = needs.split("`")[1]
    check(problem, 3, 5, "steps[1]", needs, hint=(f"add `{key}:`",))


def test_required_key_with_no_value() -> None:
    problem = only_problem("""
        title:
        steps:
          - rest: Settle
            duration: 10s
        """)
    check(problem, 1, 7, "title", "has no value", hint="write text after the colon")


def test_cycles_and_duration_together_are_refused() -> None:
    problem = only_problem("""
        title: T
        steps:
          - breathe: Slow
            pattern: 4-6
            cycles: 3
            duration: 2m
        """)
    check(  # at the key written last
        problem,
        6,
        5,
        "steps[1].duration",
        "a breathing step takes `cycles` or `duration`, not both",
        hint="keep one of them: remove `duration:` or `cycles:`",
    )


def test_neither_cycles_nor_duration_is_refused() -> None:
    problem = only_problem("""
        title: T
        steps:
          - breathe: Slow
            pattern: 4-6
        """)
    check(
        problem,
        3,
        5,
        "steps[1]",
        "a breathing step needs `cycles` or `duration`",
        hint=BREATHING_TIME_HINT,
    )


LIST_AT_LEAST_ONE = "list at least 1 under it, each on a line starting with `- `"


def test_empty_steps_list() -> None:
    problem = only_problem("title: T\nsteps: []\n")
    check(problem, 2, 8, "steps", "has no steps", hint=LIST_AT_LEAST_ONE)
    assert problem.message == "has no steps"


def test_steps_with_no_value() -> None:
    problem = only_problem("title: T\nsteps:\n")
    check(problem, 2, 7, "steps", "has no steps", hint=LIST_AT_LEAST_ONE)
    assert problem.message == "has no steps"


@pytest.mark.parametrize(
    ("text", "message"),
    [("[]", "has no tags"), ("[calm]", "needs at least 2 tags, not 1")],
)
def test_a_list_too_short_says_how_many_it_needs(text: str, message: str) -> None:
    # No list of the format needs more than one item yet: a declared list that does.
    node = read_yaml(f"tags: {text}\n".encode(), "r.yaml")
    assert isinstance(node, MappingNode)
    ((_, list_node),) = node.value
    tags = ListOf("Tags.", Text("A tag.", max_length=30), min_items=2, max_items=5, noun="tags")
    checker = Checker("r.yaml")
    assert tags.check(list_node, "tags", checker) is INVALID
    (problem,) = checker.problems()
    check(
        problem,
        1,
        7,
        "tags",
        message,
        hint="list at least 2 under it, each on a line starting with `- `",
    )
    assert problem.message == message


# -- duplicate keys -----------------------------------------------------------------------


def test_duplicate_top_level_key_names_the_first_line() -> None:
    problem = only_problem("""
        title: One
        steps:
          - rest: Settle
            duration: 10s
        title: Two
        """)
    check(
        problem,
        5,
        1,
        "title",
        "`title` is written twice; the first is on line 1",
        hint="keep one of them",
    )


def test_duplicate_step_key_names_the_first_line() -> None:
    problem = only_problem("""
        title: T
        steps:
          - rest: Settle
            duration: 10s
            instructions: Sit.
            duration: 20s
        """)
    check(
        problem, 6, 5, "steps[1].duration", "written twice; the first is on line 4", hint=("one",)
    )


def test_duplicate_phase_key_in_flow_mapping() -> None:
    problem = only_problem(breathing_with_pattern("{inhale: 4, exhale: 6, inhale: 5}"))
    check(
        problem,
        4,
        37,
        "steps[1].pattern.inhale",
        "`inhale` is written twice; the first is on line 4",
    )


def test_duplicate_key_written_once_quoted_is_still_a_duplicate() -> None:
    problem = only_problem('title: T\n"title": U\nsteps: [{rest: R, duration: 5s}]\n')
    check(problem, 2, 1, "title", "written twice; the first is on line 1")


# -- anchors and aliases ------------------------------------------------------------------


def test_anchor_and_alias_are_each_reported() -> None:
    problems = problems_of("""
        title: T
        steps:
          - rest: &settle Settle
            duration: 10s
          - rest: *settle
            duration: 10s
        """)
    assert len(problems) == 2
    check(
        problems[0],
        3,
        11,
        "(syntax)",
        "`&settle` is a YAML anchor; anchors are not allowed",
        hint=("write repeated parts out",),
    )
    check(
        problems[1],
        5,
        11,
        "(syntax)",
        "`*settle` repeats another part of the file; aliases are not allowed",
        hint=("write the value out again",),
    )


def test_merge_key_with_alias_is_refused() -> None:
    problems = problems_of("""
        title: T
        base: &base {pattern: 4-6, cycles: 3}
        steps:
          - <<: *base
            breathe: Slow
        """)
    assert [(p.line, p.column) for p in problems] == [(2, 7), (4, 9)]
    assert "anchor" in problems[0].message
    assert "`*base`" in problems[1].message


def test_anchor_on_a_collection_is_refused() -> None:
    problem = only_problem("title: T\nsteps: &all\n  - rest: Settle\n    duration: 10s\n")
    check(problem, 2, 8, "(syntax)", "`&all` is a YAML anchor")


BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_is_refused_fast_with_every_anchor_and_alias() -> None:
    started = time.perf_counter()
    problems = problems_of(BILLION_LAUGHS)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, f"took {elapsed:.2f}s"
    assert len(problems) == 9 + 8 * 9  # nine anchors, nine aliases on each later line
    assert all(problem.key_path == "(syntax)" for problem in problems)
    assert all(
        "anchors are not allowed" in problem.message or "aliases are not allowed" in problem.message
        for problem in problems
    )
    check(problems[0], 1, 4, "(syntax)", "`&a`")
    check(problems[-1], 9, 32, "(syntax)", "`*h`")


def test_anchors_are_reported_even_beside_a_syntax_error() -> None:
    problems = problems_of("title: &t T\nsteps: [\n")
    assert [(p.line, p.column) for p in problems] == [(1, 8), (3, 1)]
    assert "anchor" in problems[0].message
    assert problems[1].key_path == "(syntax)"


# -- tabs and syntax errors ---------------------------------------------------------------

TAB_HINT = "indent with spaces; YAML does not allow tabs for indentation"


@pytest.mark.parametrize(
    ("text", "line", "column", "key_path", "hint"),
    [
        ("title: T\nsteps:\n\t- rest: Settle\n", 3, 1, "steps[1].rest", "with 2 spaces"),
        (
            "title: T\nsteps:\n  - rest: Settle\n\t duration: 10s\n",
            4,
            1,
            "steps[1].duration",
            "replace the tab and 1 space with 4 spaces",
        ),
        (
            "title: T\nsteps:\n  - rest: Settle\n  \tduration: 10s\n",
            4,
            3,
            "steps[1].duration",
            "replace the tab and 2 spaces with 4 spaces",
        ),
        ("\ttitle: T\n", 1, 1, "title", "delete the tab, so that `title` starts in column 1"),
        ("description: |\n\tCalm\n", 2, 1, "description", "replace the tab with 2 spaces"),
    ],
)
def test_tab_indentation_is_located(
    text: str, line: int, column: int, key_path: str, hint: str
) -> None:
    problem = only_problem(text.encode())
    check(problem, line, column, key_path, "is indented with a tab", hint=(hint,))


def test_a_tab_after_an_item_s_dash_is_located() -> None:
    problem = only_problem(b"title: T\nsteps:\n  -\trest: Settle\n    duration: 10s\n")
    check(
        problem,
        3,
        4,
        "steps[1]",
        "a tab (U+0009, CHARACTER TABULATION) follows this `-`, and YAML allows only spaces "
        "between a `-` and its item",
        hint="replace it with one space: `- rest: Settle`; most editors can be set to put in "
        "spaces when you press Tab",
    )


def test_tab_inside_a_value_is_text_not_an_error() -> None:
    routine = parse(
        'title: T\nsteps:\n  - rest: Settle\n    duration:\t10s\n    instructions: "a\tb"\n'
    )
    step = routine.steps[0]
    assert isinstance(step, RestStep)
    assert (step.duration_ms, step.instructions) == (10_000, "a\tb")


def test_tab_inside_a_value_does_not_hide_the_real_syntax_error() -> None:
    # The tab is fine; the second `: ` on the line is the mistake.
    problem = only_problem("title: T\nsteps:\n  - rest: Sit\tdown: now\n    duration: 10s\n")
    check(problem, 3, 19, "steps[1].rest", "holds `: `", hint=("put the text in quotes",))


FLOW_HINT = (
    "text that starts with `[` or `{` needs quotes around it; "
    "a list in brackets is written `[a, b]`"
)
QUOTE_HINT = "end the text with the same quote mark it starts with"
COLON_SPACE_HINT = "put a space after the colon"


@pytest.mark.parametrize(
    ("text", "line", "column", "words", "hint"),
    [
        (
            "title: T\nsteps:\n  - rest: Settle\n    duration: 10s\n  instructions\n",
            6,
            1,
            "could not find expected ':'",
            ("check the indentation of this line against the lines above",),
        ),
        # An item's keys on the lines below a lone `-`, but not indented under it.
        (
            "title: T\nsteps:\n  -\n  rest: Sit\n  duration: 10s\n",
            4,
            3,
            "did not find expected node content",
            "an item's keys go right after its `- ` (`- rest: Sit`), or on the lines below "
            "it, indented further than the `-`",
        ),
        # `-rest:` is a key named `-rest` to YAML: the hint names the missing space.
        (
            "title: T\nsteps:\n  - rest: Sit\n    duration: 10s\n  -breathe: Calm\n",
            5,
            3,
            "did not find expected '-' indicator",
            "put a space after the `-` of an item: `- breathe: …`",
        ),
        (
            "title: T\nsteps:\n  -rest: Sit\n   duration: 10s\n",
            4,
            12,
            "mapping values are not allowed",
            "put a space after the `-` of an item: `- rest: …`",
        ),
    ],
)
def test_syntax_errors_are_located(
    text: str, line: int, column: int, words: str, hint: tuple[str, ...] | str | None
) -> None:
    problem = only_problem(text)
    check(problem, line, column, "(syntax)", words, hint=hint)


@pytest.mark.parametrize(
    ("text", "where", "fix"),
    [
        # YAML reads `title:Calm` as text and stops on a later line; the problem is said
        # where the space is missing, with the line as it should be.
        ("title:Calm\nsteps:\n  - rest: R\n    duration: 5s\n", (1, 7, "title"), "title: Calm"),
        (
            "title: T\nauthor:Ana\nsteps:\n  - rest: R\n    duration: 5s\n",
            (2, 8, "author"),
            "author: Ana",
        ),
        (
            "title: T\nsteps:\n  - rest:Settle\n    duration: 5s\n",
            (3, 10, "steps[1].rest"),
            "rest: Settle",
        ),
        # At the end of the file; and before a key that is right.
        (
            "title: T\nsteps:\n  - rest: R\n    duration:5s\n",
            (4, 14, "steps[1].duration"),
            "duration: 5s",
        ),
        (
            "title: T\nsteps:\n  - rest: R\n    duration:5s\n    instructions: Sit.\n",
            (4, 14, "steps[1].duration"),
            "duration: 5s",
        ),
    ],
)
def test_a_missing_space_after_a_colon_is_named(
    text: str, where: tuple[int, int, str], fix: str
) -> None:
    problem = only_problem(text)
    check(problem, *where, "has no space after its colon", hint=f"{COLON_SPACE_HINT}: `{fix}`")


@pytest.mark.parametrize(
    ("text", "where", "words", "hint"),
    [
        # A `: ` in plain text: said at that colon, with the text in quotes.
        (
            "title: T: U\nsteps: []\n",
            (1, 9, "title"),
            "holds `: `",
            'put the text in quotes: `title: "T: U"`',
        ),
        # A `[` never closed: said at the `[`, not on the next line where YAML gives up.
        (
            "title: [T\nsteps: []\n",
            (1, 8, "title"),
            "this `[` is never closed",
            "end the list with `]` on this line: `title: [T]`",
        ),
        (
            "title: T\nsteps: {rest: R, duration: 5s\n",
            (2, 8, "steps"),
            "this `{` is never closed",
            "end the group with `}` on this line: `steps: {rest: R, duration: 5s}`",
        ),
        # A key indented more than the key above it: said at its first letter.
        (
            "title: T\n  steps: []\n",
            (2, 3, "steps"),
            "`steps` is indented more than `title` above it",
            "start `steps` in column 1, under `title`",
        ),
        # The colon of `duration:10s` is the error, not the `-breathe` below it.
        (
            "title: T\nsteps:\n  - rest: Sit\n    duration:10s\n  -breathe: Calm\n",
            (4, 14, "steps[1].duration"),
            "`duration:10s` has no space after its colon",
            "put a space after the colon: `duration: 10s`",
        ),
    ],
)
def test_syntax_mistakes_are_said_where_they_are_with_their_key(
    text: str, where: tuple[int, int, str], words: str, hint: str
) -> None:
    check(only_problem(text), *where, words, hint=hint)


INDENT = "check the indentation of this line against the lines above"


ONE_RIGHT = (
    "this `-` is one column right of the `-` on line 3 (column 3), so YAML does not read it "
    "as the next item of that list"
)


@pytest.mark.parametrize(
    ("text", "line", "column", "key_path", "message", "hint"),
    [
        # A step one space further in than the steps above it.
        (
            "title: T\nsteps:\n  - rest: x\n    duration: 5s\n   - rest: y\n    duration: 5s\n",
            5,
            4,
            "steps[2]",
            ONE_RIGHT,
            "start the `-` in column 3, under the `-` on line 3",
        ),
        # A step one space further out than the steps above it, its keys with it.
        (
            "title: T\nsteps:\n   - rest: x\n     duration: 5s\n  - rest: y\n    duration: 5s\n",
            5,
            3,
            "steps[2]",
            "this `-` is one column left of the `-` on line 3 (column 4), so YAML does not read "
            "it as the next item of that list",
            "move this item (lines 5 to 6) one space right, so that its `-` is in column 4, "
            "under the `-` on line 3",
        ),
        # `-note:` inside a `|` block is text: the real mistake (the `-` below) is named.
        (
            "title: T\nsteps:\n  - rest: Sit\n    instructions: |\n      -note: text\n"
            "   - rest: x\n",
            6,
            4,
            "steps[2]",
            ONE_RIGHT,
            "start the `-` in column 3, under the `-` on line 3",
        ),
        # A key left of its item's `-`: lined up with the item's first key.
        (
            "title: T\nsteps:\n  - rest: x\n duration: 10s\n",
            4,
            2,
            "steps[1].duration",
            "`duration` is not lined up with `rest`, the first key of its item (line 3)",
            "start `duration` in column 5, under `rest`; it starts in column 2",
        ),
        # Two keys under a key, 3 and 2 spaces in: the one two columns in is right.
        (
            "title: T\nsounds:\n   step: none\n  inhale: none\nsteps: []\n",
            3,
            4,
            "sounds.step",
            "`step` is not lined up with `inhale` below it, which starts two columns further "
            "in than `sounds`, as the keys under a key do",
            "start `step` in column 3, in line with `inhale` below it (line 4)",
        ),
        # A key left of the keys it goes with: lined up with the first of them.
        (
            "title: T\nsounds:\n   step: none\n   inhale: none\n  exhale: none\nsteps: []\n",
            5,
            3,
            "sounds.exhale",
            "`exhale` is left of `step` (line 3), the first key under `sounds`, so YAML cannot "
            "tell which keys it goes with",
            "start `exhale` in column 4, under `step`; it starts in column 3",
        ),
        # A step under the keys of the step above, which YAML reads as more of its value.
        (
            "title: T\nsteps:\n  - rest: x\n    duration: 5s\n      - rest: y\n",
            5,
            7,
            "steps[2]",
            "this `-` is four columns right of the `-` on line 3 (column 3), so YAML does not "
            "read it as the next item of that list",
            "start the `-` in column 3, under the `-` on line 3",
        ),
    ],
)
def test_an_indentation_slip_names_the_columns(
    text: str, line: int, column: int, key_path: str, message: str, hint: str
) -> None:
    problem = only_problem(text)
    check(problem, line, column, key_path, hint=hint)
    assert problem.message == message


@pytest.mark.parametrize(
    ("text", "where", "first", "hint"),
    [
        # A key of the step one space short of the step's first key, after another key.
        (
            "title: T\nsteps:\n  - rest: x\n    duration: 5s\n   instructions: Sit.\n",
            (5, 4, "steps[1].instructions"),
            "rest",
            "start `instructions` in column 5, under `rest`; it starts in column 4",
        ),
        # Keys written under the dash (the tutorial's example).
        (
            "title: T\nsteps:\n  - breathe: Slow\n  pattern: 4-6\n  cycles: 6\n",
            (4, 3, "steps[1].pattern"),
            "breathe",
            "start `pattern` and `cycles` (lines 4 to 5) in column 5, under `breathe`; "
            "they start in column 3",
        ),
        # The same after a group of keys inside the step (its `sounds:`).
        (
            "title: T\nsteps:\n  - rest: x\n    sounds:\n      step: none\n   duration: 5s\n",
            (6, 4, "steps[1].duration"),
            "rest",
            "start `duration` in column 5, under `rest`; it starts in column 4",
        ),
        # In the second step, after the first.
        (
            "title: T\nsteps:\n  - rest: x\n    duration: 5s\n  - rest: y\n   duration: 5s\n",
            (6, 4, "steps[2].duration"),
            "rest",
            "start `duration` in column 5, under `rest`; it starts in column 4",
        ),
    ],
)
def test_a_key_out_of_line_with_its_item_is_said_with_the_column_to_start_in(
    text: str, where: tuple[int, int, str], first: str, hint: str
) -> None:
    check(only_problem(text), *where, "the first key of its item", hint=hint)
    assert f"is not lined up with `{first}`" in only_problem(text).message


def test_a_web_address_is_not_taken_for_a_missing_space() -> None:
    text = (
        "title: T\nsteps:\n  - rest: R\n    duration: 5s\n    instructions: Sit\n  http://x.org\n"
    )
    problem = only_problem(text)
    check(
        problem,
        7,
        1,
        "(syntax)",
        "could not find expected ':'",
        hint="check the indentation of this line against the lines above",
    )


@pytest.mark.parametrize(
    ("text", "line", "column", "key_path", "fix"),
    [
        ('title: "T\nsteps: []\n', 1, 8, "title", '`title: "T"`'),
        ('title: "Calm\nsteps: []\n', 1, 8, "title", '`title: "Calm"`'),
        ("title: 'Calm\nsteps: []\n", 1, 8, "title", "`title: 'Calm'`"),
        ('title: T\nsteps:\n  - rest: "Settle\n    duration: 5s\n', 3, 11, "steps[1].rest", ""),
        (
            "title: T\nsteps:\n  - rest: R\n    duration: 5s\n    instructions: 'it is\n",
            5,
            19,
            "steps[1].instructions",
            "`instructions: 'it is'`",
        ),
    ],
)
def test_an_unclosed_quote_is_reported_where_it_opens(
    text: str, line: int, column: int, key_path: str, fix: str
) -> None:
    # YAML notices only at the end of the file; the quote that opened the text is the mistake.
    problem = only_problem(text)
    check(problem, line, column, key_path, "is never closed", hint=("end the text with", fix))


def test_an_unclosed_quote_inside_brackets_is_reported_where_it_opens() -> None:
    problem = only_problem('title: T\nsteps: [{rest: "R, duration: 5s}]\n')
    check(problem, 2, 16, "(syntax)", hint=QUOTE_HINT)
    assert problem.message == "this quote is never closed"


@pytest.mark.parametrize(
    "value",
    ["*slowly*", "& more", "*slowly and softly"],  # the last: an alias to YAML
)
def test_text_starting_with_star_or_ampersand_is_told_to_take_quotes(value: str) -> None:
    problem = only_problem(f"title: T\nsteps:\n  - rest: R\n    instructions: {value}\n")
    check(
        problem,
        4,
        19,  # at the `*` or `&`, not where the name YAML reads ends
        "steps[1].instructions",
        f"`{value}` starts with `{value[0]}`, which YAML reads as a reference",
        hint=f'put the text in quotes: `instructions: "{value}"`',
    )


@pytest.mark.parametrize("value", ["[Draft] Calm", "{Draft} Calm"])
def test_text_starting_with_a_bracket_is_told_to_take_quotes(value: str) -> None:
    problem = only_problem(f"title: {value}\nsteps: [{{rest: R, duration: 5s}}]\n")
    check(problem, 1, 16, "(syntax)", "did not find expected key", hint=FLOW_HINT)


def test_control_character_is_located() -> None:
    problem = only_problem("title: T\nsteps:\n  - rest: Sé\x07ttle\n    duration: 10s\n")
    check(
        problem,
        3,
        13,
        "(syntax)",
        "#x0007",
        "not allowed",
        hint="delete it: a routine file holds printable text only",
    )


def test_deep_nesting_is_refused_at_the_level_that_is_too_deep() -> None:
    problem = only_problem("title: T\nsteps: " + "[" * 200_000)
    # The routine's mapping is the first level, so the 32nd `[` is one too many.
    check(problem, 2, 7 + MAX_DEPTH, "(syntax)", f"more than {MAX_DEPTH} levels deep")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_deep_nesting_by_indentation_is_refused_with_any_line_ending(newline: str) -> None:
    lines = ["a:"] + [" " * depth + "a:" for depth in range(1, 500)]
    problem = only_problem(newline.join(lines).encode())
    check(problem, MAX_DEPTH + 1, MAX_DEPTH + 1, "(syntax)", f"more than {MAX_DEPTH} levels deep")


NESTING_HINT = "a routine needs only a few levels; check the indentation"
RUN = "[" * 1_200  # past the nesting limit of libyaml's own, which it meets looking ahead


def parsers() -> Iterator[str]:
    """Each parser PyYAML has here, put in place in turn: libyaml's, and its own."""
    loader = yaml_source.Loader
    if yaml_source.WITH_LIBYAML:
        yield "libyaml"
    overrides = ("resolve", "descend_resolver", "ascend_resolver")
    pure = type("PureLoader", (yaml.SafeLoader,), {name: vars(loader)[name] for name in overrides})
    setattr(yaml_source, "Loader", pure)  # noqa: B010 - put in place for a while
    try:
        yield "python"
    finally:
        setattr(yaml_source, "Loader", loader)  # noqa: B010


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: T\nsteps: " + RUN + "\n", 2, 7 + MAX_DEPTH),
        ("title: T\nsteps: " + "{" * 1_200 + "\n", 2, 7 + MAX_DEPTH),
        ("title: T\nsteps: " + "[{" * 600 + "\n", 2, 7 + MAX_DEPTH),
        # Brackets in quotes, comments, plain text and `|` text are no levels.
        (
            "title: \"[[[{{{\" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nsteps: ['[{', " + RUN,
            2,
            15 + 30,  # the 31st `[` after the list's own
        ),
        ("title: a [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nsteps:\n  - " + RUN, 3, 5 + 30),
        ("description: |\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\nsteps:\n  - " + RUN, 4, 5 + 30),
        # Levels by indentation and by `- ` count with the brackets that follow.
        (
            "".join(" " * depth + "a:\n" for depth in range(20)) + " " * 20 + "a: " + RUN,
            21,
            24 + 11,  # 21 levels of `a:`, then the 12th `[`
        ),
        ("- " * 20 + RUN, 1, 2 * 20 + 13),
    ],
    ids=["[", "{", "[{", "in-quotes", "in-plain-text", "in-block-text", "indented", "dashes"],
)
def test_too_deep_is_said_at_the_first_level_past_the_limit_whatever_the_parser(
    text: str, line: int, column: int
) -> None:
    for parser in parsers():
        problem = only_problem(text)
        assert (problem.line, problem.column) == (line, column), (parser, str(problem))
        check(problem, line, column, "(syntax)", f"more than {MAX_DEPTH} levels deep")
        assert problem.hint == NESTING_HINT, parser  # no advice about quotes


@pytest.mark.parametrize(
    "value",
    [
        "a" + " " * 500_000 + "b",
        '"a' + " " * 500_000 + 'b"',
        "[a" + " " * 500_000 + "b]",
        "a" + " " * 500_000 + "# [[[",
    ],
    ids=["plain", "quoted", "in-brackets", "before-a-comment"],
)
def test_long_runs_of_blanks_do_not_slow_the_measure_of_nesting(value: str) -> None:
    started = time.perf_counter()
    problem = only_problem(f"title: T\ndescription: {value}\nsteps: {RUN}\n")
    assert time.perf_counter() - started < 2.0
    check(problem, 3, 7 + MAX_DEPTH, "(syntax)", f"more than {MAX_DEPTH} levels deep")


# Syntax errors, with where each is (line, column): the same whatever words the parser has.
SYNTAX_ERRORS = [
    ("title: T\nsteps:\n\t- rest: Settle\n", 3, 1),
    ("title: T\nsteps:\n  - rest: Settle\n\t duration: 10s\n", 4, 1),
    ("description: |\n\tCalm\n", 2, 1),
    ('title: "Calm\nsteps: []\n', 1, 8),
    ("title: T\nsteps: [{rest: 'Settle, duration: 5s}]\n", 2, 16),
    ("title: T\n---\ntitle: U\n", 2, 1),
    ("title: *slowly*\nsteps: []\n", 1, 8),
    ("title: [Draft] Calm\nsteps: [{rest: R, duration: 5s}]\n", 1, 16),
    ("title: T: U\nsteps: []\n", 1, 9),
    ("title:Calm\nsteps: []\n", 1, 7),
    ("title: T\nsteps:\n  - rest: R\n   duration: 5s\n", 4, 4),
    ("title: T\nsteps: " + RUN + "\n", 2, 7 + MAX_DEPTH),
]


def test_the_parser_s_words_choose_advice_never_where_a_mistake_is(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = [only_problem(text) for text, _, _ in SYNTAX_ERRORS]
    assert [(p.line, p.column) for p in known] == [(line, col) for _, line, col in SYNTAX_ERRORS]
    words = yaml.error.MarkedYAMLError.__init__

    def other_words(
        self: yaml.error.MarkedYAMLError,
        context: str | None = None,
        context_mark: Any = None,
        problem: str | None = None,
        problem_mark: Any = None,
        note: str | None = None,
    ) -> None:  # what a later PyYAML or libyaml might say instead
        words(
            self,
            context and "while reading something",
            context_mark,
            problem and "found something breathe has no words for",
            problem_mark,
            note,
        )

    monkeypatch.setattr(yaml.error.MarkedYAMLError, "__init__", other_words)
    for (text, line, column), before in zip(SYNTAX_ERRORS, known, strict=True):
        problem = only_problem(text)
        assert (problem.line, problem.column, problem.key_path) == (
            line,
            column,
            before.key_path,
        ), (text, str(problem))
        assert problem.message
        path = tmp_path / "r.yaml"
        path.write_text(text)
        assert main(["validate", str(path)]) == 1
        assert capsys.readouterr().out.startswith(f"{path}:{line}:{column}: {before.key_path}: ")


@pytest.mark.parametrize(
    ("data", "line", "column", "key_path"),
    [
        (b"title: T\nsteps: [", 2, 9, "(syntax)"),
        (b"[", 1, 2, "(syntax)"),
        (b"title: T\nsteps:", 2, 7, "steps"),
        (b"title: T\nsteps:\n  - rest: R\n    duration:", 4, 14, "steps[1].duration"),
        (b"title: T\r\nsteps:\r\n  - rest: R\r\n    duration: 5s\r\n  - [", 5, 6, "(syntax)"),
    ],
)
def test_end_of_a_file_without_a_final_line_break_stays_in_the_file(
    data: bytes, line: int, column: int, key_path: str
) -> None:
    # libyaml puts the end of such a stream on a line of its own, past the end of the file.
    problem = only_problem(data)
    assert (problem.line, problem.column, problem.key_path) == (line, column, key_path)


@pytest.mark.parametrize("levels", [198, 199])
def test_repeats_nested_as_deep_as_the_reader_allows_do_not_overflow_the_stack(
    levels: int,
) -> None:
    # 198 flow levels stay under the bound below which nesting is not measured; 199 do not.
    inner = "[{rest: R, duration: 5s}]"
    text = "title: T\nsteps: " + "[{repeat: 1, steps: " * levels + inner + "}]" * levels + "\n"
    try:
        routine = parse(text.encode())
    except RoutineFileError as error:
        (problem,) = error.problems
        assert f"more than {MAX_DEPTH} levels deep" in problem.message
        return
    assert compile_timeline(routine).total_ms == 5_000


# -- the bytes of the file ----------------------------------------------------------------


def test_file_over_one_mib_is_refused_before_parsing() -> None:
    data = b"title: T\nsteps: [{rest: R, duration: 5s}]\n#" + b"x" * MAX_FILE_BYTES
    problem = only_problem(data)
    check(
        problem,
        1,
        1,
        "(file)",
        f"the file is {len(data):,} bytes",
        "at most 1,048,576 bytes (1 MiB)",
        hint=("split it",),
    )


def test_file_of_exactly_one_mib_is_read() -> None:
    head = b"title: T\nsteps: [{rest: R, duration: 5s}]\n#"
    data = head + b"x" * (MAX_FILE_BYTES - len(head))
    assert len(data) == MAX_FILE_BYTES
    assert parse(data).title == "T"


def test_load_routine_refuses_a_huge_file_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"title: T\n" + b"#" * (8 * MAX_FILE_BYTES))
    with pytest.raises(RoutineFileError) as caught:
        load_routine(path)
    (problem,) = caught.value.problems
    assert problem.path == str(path)
    assert (problem.line, problem.column, problem.key_path) == (1, 1, "(file)")
    assert "1,048,577 bytes" in problem.message  # read stops one byte past the limit


def test_non_utf8_byte_is_located_by_line_and_character_column() -> None:
    # Latin-1 "é" (0xe9) on line 3, after a correct UTF-8 "é" (two bytes, one character).
    problem = only_problem(b"title: T\nsteps:\n  - rest: \xc3\xa9t\xe9\n    duration: 10s\n")
    check(
        problem,
        3,
        13,
        "(file)",
        "byte 0xe9 is not UTF-8 text",
        hint="save the file as UTF-8 in your editor",
    )


def test_non_utf8_byte_after_a_bom_is_named_and_located_right() -> None:
    problem = only_problem(b"\xef\xbb\xbftitle: \xff\n")
    check(problem, 1, 8, "(file)", "byte 0xff is not UTF-8 text")


def test_utf8_bom_is_accepted() -> None:
    routine = parse(b"\xef\xbb\xbftitle: T\nsteps:\n  - rest: Settle\n    duration: 10s\n")
    assert routine.title == "T"
    assert routine.location is not None
    assert (routine.location.line, routine.location.column) == (1, 1)


def test_utf8_bom_does_not_shift_problem_columns() -> None:
    problems = problems_of(b"\xef\xbb\xbftitle: T\nsteps: [{rest: R, duration: 0}]\n")
    (problem,) = problems
    check(problem, 2, 29, "steps[1].duration", "must last longer than zero")


def test_nul_byte_is_refused_with_its_location() -> None:
    problem = only_problem(b"title: T\nsteps:\n  - rest: Set\x00tle\n")
    check(problem, 3, 14, "(file)", "NUL byte", "not text")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_nul_byte_lines_count_like_yaml_with_other_line_endings(newline: str) -> None:
    text = newline.join(["title: T", "steps:", "  - rest: Set\x00tle", ""])
    problem = only_problem(text.encode())
    check(problem, 3, 14, "(file)", "NUL byte")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_keep_problem_lines(newline: str) -> None:
    text = newline.join(["title: T", "steps:", "  - rest: Settle", "    duration: 0", ""])
    problem = only_problem(text.encode())
    check(problem, 4, 15, "steps[1].duration", "must last longer than zero")


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\n  \n", b"\n", b"# just a comment\n  # and another\n", b"\xef\xbb\xbf"],
    ids=["empty", "whitespace", "newline", "comments", "bom-only"],
)
def test_empty_file_is_refused(data: bytes) -> None:
    problem = only_problem(data)
    check(problem, 1, 1, "(file)", "the file is empty", hint="start with `title: ...`")


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("- title: T\n- steps: []\n", "not a list"),
        ("Just breathe\n", "not `Just breathe`"),
        ("42\n", "not `42`"),
        ('"title: T"\n', "not `title: T`"),
    ],
)
def test_top_level_must_be_a_mapping(text: str, described: str) -> None:
    problem = only_problem(text)
    check(
        problem,
        1,
        1,
        "(document)",
        "must be a routine written as `key: value` lines",
        described,
    )


def test_multiple_documents_are_refused_at_the_second() -> None:
    problem = only_problem("""
        title: One
        steps: [{rest: R, duration: 5s}]
        ---
        title: Two
        """)
    check(
        problem,
        3,
        1,
        "(syntax)",
        hint="a routine file holds one routine: remove the second `---` line, or split the file",
    )
    assert problem.message == "the file holds more than one YAML document"


@pytest.mark.parametrize(
    "data", [b"---", b"---\n", b"--- # nothing here\n...\n", b"# a note\n---\n...\n"]
)
def test_an_empty_explicit_document_is_an_empty_file(data: bytes) -> None:
    problem = only_problem(data)
    check(problem, 1, 1, "(file)", hint="start with `title: ...`")
    assert problem.message == "the file is empty"


def test_one_explicit_document_is_fine() -> None:
    routine = parse("---\ntitle: T\nsteps:\n  - rest: R\n    duration: 5s\n...\n")
    assert routine.title == "T"


@pytest.mark.parametrize("key", ["[a, b]", "{a: 1}", "~", "''", '"  "'])
def test_keys_that_are_not_words(key: str) -> None:
    text = f"title: T\n? {key}\n: 1\nsteps: [{{rest: R, duration: 5s}}]\n"
    problem = only_problem(text)
    check(
        problem, 2, 3, "(document)", "cannot be a key", hint="keys are plain words such as `title`"
    )


# -- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "ms"),
    [
        ("90", 90_000),
        ("90s", 90_000),
        ("2m", 120_000),
        ("1m30s", 90_000),
        ("1.5s", 1_500),
        ("1:30", 90_000),
        ("0:01:30", 90_000),
        ("1.5", 1_500),
        ("90 s", 90_000),
        ("1m 30s", 90_000),
        ("2 min", 120_000),
        ("2 minutes", 120_000),
        ("15 seconds", 15_000),
        ("'90'", 90_000),
        ('"1m30s"', 90_000),
        ("1.0005s", 1_001),  # whole milliseconds, half up
        ("1m30", 90_000),  # a bare last number is seconds...
        ("0h20", 1_200_000),  # ...but minutes right after hours
        ("0h 20", 1_200_000),
        ("0h1m30", 90_000),
        ("0h20s", 20_000),
    ],
)
def test_every_duration_form_is_accepted(written: str, ms: int) -> None:
    step = parse(rest_with_duration(written)).steps[0]
    assert isinstance(step, RestStep)
    assert step.duration_ms == ms


@pytest.mark.parametrize(
    "written", ["abc", "5x", "1.5.3", "1e3", "0x10", "1_000", "10s10s", "2m 3m", "-abc"]
)
def test_bad_duration_names_the_forms(written: str) -> None:
    problem = only_problem(rest_with_duration(written))
    check(problem, *REST_DURATION, f"`{written}` is not a duration", hint=DURATION_FORMS)


@pytest.mark.parametrize(
    ("written", "why", "hint"),
    [
        (".5", "a number needs a digit before its point", "write `0.5`"),
        ("1:75", "a clock's seconds go up to 59 (75 seconds is 1:15)", "write `2:15`"),
    ],
)
def test_a_duration_s_mistake_is_named_with_the_value_it_was_meant_to_be(
    written: str, why: str, hint: str
) -> None:
    problem = only_problem(rest_with_duration(written))
    check(problem, *REST_DURATION, f"`{written}` is not a duration: {why}", hint=hint)


@pytest.mark.parametrize(
    ("written", "held"),
    [("1h30", "1h30m"), ("1h 30", "1h30m"), ("1h30m", "1h30m"), ("1h30s", "1h00m30s")],
)
def test_a_bare_number_after_hours_is_minutes(written: str, held: str) -> None:
    # `1h30` is an hour and a half, as people mean it; the message shows how it was read.
    problem = only_problem(rest_with_duration(written))
    check(
        problem,
        *REST_DURATION,
        f"{held} is too long for a rest",
        hint="the allowed range is 1s to 30m",
    )
    assert problem.message == f"{held} is too long for a rest"


@pytest.mark.parametrize(
    "written",
    ["99999999999999999999999999999h", "1" * 16, "1" * 16 + ":00", "2m " + "3" * 20 + "s"],
)
def test_a_duration_with_a_huge_number_is_too_long_not_unreadable(written: str) -> None:
    problem = only_problem(rest_with_duration(written))
    shown = written if len(written) <= 40 else written[:39] + "…"
    check(
        problem,
        *REST_DURATION,
        hint="the allowed range is 1s to 30m",
    )
    assert problem.message == f"`{shown}` is longer than the limit for a rest"


@pytest.mark.parametrize("written", ["1." + "5" * 16 + "s", "0" * 16 + "1s", "9" * 16 + "x"])
def test_too_many_decimals_or_zeros_are_not_called_too_long(written: str) -> None:
    problem = only_problem(rest_with_duration(written))
    assert problem.message.endswith("is not a duration")


@pytest.mark.parametrize("written", ["90S", "2M", "1H", "1m30S", "2 Minutes", "10 Sec"])
def test_duration_units_are_lower_case(written: str) -> None:
    problem = only_problem(rest_with_duration(written))
    message = f"`{written}` is not a duration: units are written in lower case"
    check(problem, *REST_DURATION, message, hint=f"write `{written.lower()}`")


def test_duration_of_the_wrong_shape() -> None:
    problem = only_problem(rest_with_duration("[10s]"))
    check(problem, *REST_DURATION, "must be a duration, not a list")


@pytest.mark.parametrize("written", ["0", "0s", "0:00", "0.0001", "-0s"])
def test_zero_durations_are_refused_with_what_to_write(written: str) -> None:
    problem = only_problem(rest_with_duration(written))
    check(
        problem,
        *REST_DURATION,
        "a rest must last longer than zero",
        hint="give it 1s to 30m, such as `30s`; or remove the step",
    )


@pytest.mark.parametrize(("written", "meant"), [("-5", "5"), ("-5s", "5s"), ("-1m30s", "1m30s")])
def test_negative_durations_are_refused_without_their_minus(written: str, meant: str) -> None:
    problem = only_problem(rest_with_duration(written))
    check(
        problem,
        *REST_DURATION,
        f"`{written}` is less than zero: a length of time has no minus sign",
        hint=f"leave the minus out: `{meant}`",
    )


def test_zero_breath_in_a_phase_mapping_is_refused() -> None:
    problem = only_problem(breathing_with_pattern("{inhale: 0, exhale: 6}"))
    check(
        problem,
        4,
        23,
        "steps[1].pattern.inhale",
        "a breath in or out must last longer than zero",
        hint="breathe in and out for 0.5s to 30s, such as `4-6`; only the holds may be 0",
    )


def test_zero_hold_means_no_hold() -> None:
    step = parse(breathing_with_pattern("{inhale: 4, hold: 0, exhale: 6}")).steps[0]
    assert isinstance(step, BreathingStep)
    assert step.pace == BreathPattern(4000, 0, 6000, 0)


# -- ranges -------------------------------------------------------------------------------


def test_ten_minute_breath_hold_names_the_limit() -> None:
    problem = only_problem(breathing_with_pattern("{inhale: 4, hold: 10m, exhale: 8}"))
    check(
        problem,
        4,
        32,
        "steps[1].pattern.hold",
        "10m is too long for a breath hold",
        hint="the allowed range is 0 (none) or 0.5s to 1m",
    )


def test_ten_minute_hold_in_a_compact_pattern_names_the_phase_and_limit() -> None:
    problem = only_problem(breathing_with_pattern("4-600-8"))
    check(
        problem,
        4,
        16,  # at the hold's number
        "steps[1].pattern (hold)",
        "10m is too long for a breath hold",
        hint=("0.5s to 1m",),
    )


def test_inhale_of_31_seconds_names_the_limit() -> None:
    problem = only_problem(breathing_with_pattern("{inhale: 31s, exhale: 6}"))
    check(
        problem,
        4,
        23,
        "steps[1].pattern.inhale",
        "31s is too long for a breath in or out",
        hint="the allowed range is 0.5s to 30s",
    )


@pytest.mark.parametrize("cycles", ["0", "501", "-3", "-0"])
def test_cycles_out_of_range(cycles: str) -> None:
    problem = only_problem(breathing_with_cycles(cycles))
    check(
        problem,
        *CYCLES,
        f"{cycles} cycles is out of range",
        hint="the allowed range is 1 to 500",
    )
    assert problem.message == f"{cycles} cycles is out of range"


def test_cycles_at_the_limits_are_fine() -> None:
    for cycles in (1, 500):
        text = f"title: T\nsteps:\n  - breathe: S\n    pattern: 4-6\n    cycles: {cycles}\n"
        step = parse(text).steps[0]
        assert isinstance(step, BreathingStep)
        assert step.cycles == cycles


@pytest.mark.parametrize("written", ["1e2", "--3", "3-", "+-3"])
def test_cycles_that_are_not_whole_numbers(written: str) -> None:
    problem = only_problem(breathing_with_cycles(written))
    check(
        problem,
        *CYCLES,
        f"`{written}` is not a whole number",
        hint="write a number of cycles from 1 to 500",
    )


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("3.0", "a number of cycles is whole: write `3`"),
        ("3.5", "a number of cycles is whole: write `3` or `4`"),
        ("three", "write it in digits: `3`"),
        ("3 breaths", "write the number alone: `3`"),
        ("3x", "write the number alone: `3`"),
    ],
)
def test_cycles_written_another_way_say_the_number(written: str, hint: str) -> None:
    problem = only_problem(breathing_with_cycles(written))
    check(problem, *CYCLES, f"`{written}` is not a whole number", hint=hint)


@pytest.mark.parametrize("times", ["0", "-2"])
def test_repeat_below_one_names_the_range(times: str) -> None:
    problem = only_problem(
        f"title: T\nsteps:\n  - repeat: {times}\n    steps: [{{rest: R, duration: 5s}}]\n"
    )
    check(
        problem,
        3,
        13,
        "steps[1].repeat",
        f"{times} times is out of range",
        hint="the allowed range is 1 to 100",
    )


def test_repeat_101_names_the_limit() -> None:
    problem = only_problem("""
        title: T
        steps:
          - repeat: 101
            steps:
              - rest: Settle
                duration: 10s
        """)
    check(
        problem,
        3,
        13,
        "steps[1].repeat",
        "101 times is out of range",
        hint="the allowed range is 1 to 100",
    )


@pytest.mark.parametrize(
    ("step", "line", "column", "key_path", "message", "limits"),
    [
        (
            "  - rest: R\n    duration: 31m\n",
            4,
            15,
            "steps[1].duration",
            "31m is too long for a rest",
            "1s to 30m",
        ),
        (
            "  - breathe: B\n    pattern: 4-6\n    duration: 61m\n",
            5,
            15,
            "steps[1].duration",
            "1h01m is too long for a breathing step",
            "10s to 1h",
        ),
        (
            "  - breathe: B\n    pattern: 4-6\n    duration: 5s\n",
            5,
            15,
            "steps[1].duration",
            "5s is too short for a breathing step",
            "10s to 1h",
        ),
        (
            "  - pose: P\n    hold: 2s\n",
            4,
            11,
            "steps[1].hold",
            "2s is too short for a pose hold",
            "5s to 30m",
        ),
        (
            "  - pose: P\n    hold: 30s\n    sides: both\n    switch: 90s\n",
            6,
            13,
            "steps[1].switch",
            "1m30s is too long for a side switch",
            "2s to 1m",
        ),
    ],
)
def test_durations_out_of_range_name_the_limits(
    step: str, line: int, column: int, key_path: str, message: str, limits: str
) -> None:
    problem = only_problem(f"title: T\nsteps:\n{step}")
    check(problem, line, column, key_path, message, hint=f"the allowed range is {limits}")


def test_absurd_duration_is_named_as_written() -> None:
    problem = only_problem(rest_with_duration("999999999999999h"))
    check(problem, *REST_DURATION, "999999999999999h is too long for a rest")


def test_routine_of_more_than_three_hours_in_all_names_the_limit() -> None:
    routine = parse("""
        title: Marathon
        steps:
          - repeat: 7
            steps:
              - rest: Lie still
                duration: 30m
        """)
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(routine)
    (problem,) = caught.value.problems
    assert MAX_TOTAL_MS == 3 * 60 * 60 * 1000
    check(  # reported at the count that makes it too long
        problem,
        3,
        13,
        "steps[1].repeat",
        "the whole routine lasts 3h30m, over the limit of 3h",
        hint="lower it to 6 or fewer, or shorten the steps it repeats",
    )


def test_nested_repeats_cannot_make_an_endless_routine() -> None:
    steps = "  - rest: Lie still\n    duration: 30m\n"
    for _ in range(8):
        steps = "  - repeat: 100\n    steps:\n" + textwrap.indent(steps, "    ")
    routine = parse(f"title: Forever\nsteps:\n{steps}")
    started = time.perf_counter()
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(routine)
    assert time.perf_counter() - started < 1.0
    assert "over the limit of 3h" in caught.value.problems[0].message


# -- breath patterns ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "pattern"),
    [
        ("4-6", BreathPattern(4000, 0, 6000, 0)),
        ("4-7-8", BreathPattern(4000, 7000, 8000, 0)),
        ("4-4-4-4", BreathPattern(4000, 4000, 4000, 4000)),
        ("4s-6s", BreathPattern(4000, 0, 6000, 0)),
        ("4 - 6", BreathPattern(4000, 0, 6000, 0)),
        ("4-0-6", BreathPattern(4000, 0, 6000, 0)),
        ("2.5-5", BreathPattern(2500, 0, 5000, 0)),
        ('"4-6"', BreathPattern(4000, 0, 6000, 0)),
        ("{inhale: 4, hold: 2, exhale: 6, hold-empty: 1}", BreathPattern(4000, 2000, 6000, 1000)),
        ("{inhale: 4s, exhale: 1:00}", None),
    ],
)
def test_compact_and_phase_patterns(written: str, pattern: BreathPattern | None) -> None:
    if pattern is None:  # 1:00 is a minute: too long for a breath out
        problem = only_problem(breathing_with_pattern(written))
        check(problem, 4, 35, "steps[1].pattern.exhale", "1m is too long for a breath in or out")
        return
    step = parse(breathing_with_pattern(written)).steps[0]
    assert isinstance(step, BreathingStep)
    assert step.pace == pattern


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("-4-6", "one dash between the seconds, none before or after: `4-6`"),
        ("4--6", "one dash between the seconds, none before or after: `4-6`"),
        ("4-6-", "one dash between the seconds, none before or after: `4-6`"),
        ("4 6", "join the seconds with dashes: `4-6`"),
        ("4/6", "join the seconds with dashes: `4-6`"),
        (
            "1-2-3-4-5",
            "a pattern has at most four numbers (in, hold, out, hold empty), such as `1-2-3-4`",
        ),
    ],
)
def test_a_pattern_written_another_way_is_put_right(written: str, hint: str) -> None:
    problem = only_problem(breathing_with_pattern(written))
    check(problem, 4, 14, "steps[1].pattern", f"`{written}` is not a breath pattern", hint=hint)


@pytest.mark.parametrize("written", ["4", "4-x", "in-out"])
def test_bad_compact_patterns_show_the_forms(written: str) -> None:
    problem = only_problem(breathing_with_pattern(written))
    check(
        problem,
        4,
        14,
        "steps[1].pattern",
        f"`{written}` is not a breath pattern",
        hint=("`4-6` (in, out)", "`4-7-8` (in, hold, out)", "`4-4-4-4`"),
    )


def test_pattern_as_a_list_shows_the_forms() -> None:
    problem = only_problem(breathing_with_pattern("[4, 6]"))
    check(problem, 4, 14, "steps[1].pattern", "must be a breath pattern, not a list", hint=("4-6",))


def test_compact_pattern_phase_out_of_range_names_the_phase() -> None:
    problem = only_problem(breathing_with_pattern("31-6"))
    check(
        problem,
        4,
        14,
        "steps[1].pattern (inhale)",
        "31s is too long for a breath in or out",
        hint=("0.5s to 30s",),
    )


def test_progression_from_to() -> None:
    routine = parse("""
        title: T
        steps:
          - breathe: Lengthen
            pattern:
              from: 4-4
              to: {inhale: 4, exhale: 8}
            cycles: 5
        """)
    step = routine.steps[0]
    assert isinstance(step, BreathingStep)
    assert step.pace == Progression(
        BreathPattern(4000, 0, 4000, 0), BreathPattern(4000, 0, 8000, 0)
    )


def test_progression_needs_both_ends() -> None:
    problem = only_problem(breathing_with_pattern("{from: 4-4}"))
    check(problem, 4, 14, "steps[1].pattern", "a progression needs `to`", hint=("add `to:`",))


def test_progression_of_a_progression_is_refused() -> None:
    problem = only_problem(breathing_with_pattern("{from: 4-4, to: {from: 4-6, to: 4-8}}"))
    check(
        problem,
        4,
        30,
        "steps[1].pattern.to",
        "a pattern cannot change here",
        hint="only breathing steps take `from:` and `to:`",
    )


def test_progression_refused_in_a_pose_breathing() -> None:
    problem = only_problem("""
        title: T
        steps:
          - pose: Twist
            hold: 1m
            breathing:
              from: 4-4
              to: 4-8
        """)
    check(
        problem,
        6,
        7,
        "steps[1].breathing",
        "a pattern cannot change here",
        hint="only breathing steps take `from:` and `to:`",
    )


def test_pose_breathing_takes_a_compact_pattern() -> None:
    step = parse("title: T\nsteps:\n  - pose: P\n    hold: 1m\n    breathing: 4-6\n").steps[0]
    assert isinstance(step, PoseStep)
    assert step.breathing == BreathPattern(4000, 0, 6000, 0)


# -- sides --------------------------------------------------------------------------------


def pose_with_sides(value: str) -> str:
    return f"title: T\nsteps:\n  - pose: Twist\n    hold: 30s\n    sides: {value}\n"


@pytest.mark.parametrize(
    ("written", "sides"),
    [
        ("both", (Side.LEFT, Side.RIGHT)),
        ("left", (Side.LEFT,)),
        ("right", (Side.RIGHT,)),
        ("[right, left]", (Side.RIGHT, Side.LEFT)),
        ("[left]", (Side.LEFT,)),
    ],
)
def test_sides_forms(written: str, sides: tuple[Side, ...]) -> None:
    step = parse(pose_with_sides(written)).steps[0]
    assert isinstance(step, PoseStep)
    assert step.sides == sides


def test_no_sides_is_one_hold() -> None:
    step = parse("title: T\nsteps:\n  - pose: P\n    hold: 30s\n").steps[0]
    assert isinstance(step, PoseStep)
    assert step.sides == ()


@pytest.mark.parametrize(
    ("written", "column", "key_path", "message", "hint"),
    [
        ("bothh", 12, "steps[1].sides", "`bothh` is not a choice of sides", "did you mean `both`?"),
        ("Both", 12, "steps[1].sides", "`Both` is not a choice of sides", "in lower case: `both`"),
        ("[Right]", 13, "steps[1].sides[1]", "`Right` is not a side", "in lower case: `right`"),
        ("up", 12, "steps[1].sides", "`up` is not a choice of sides", "write `both`"),
        ("[up]", 13, "steps[1].sides[1]", "`up` is not a side", "write `both`"),
        ("[left, left]", 19, "steps[1].sides[2]", "`left` is listed twice", "write `both`"),
        ("[]", 12, "steps[1].sides", "lists no side", "write `both`"),
        ("{left: 1}", 12, "steps[1].sides", "must be `both`, `left` or `right`", "without `{ }`"),
    ],
)
def test_bad_sides(
    written: str, column: int, key_path: str, message: str, hint: str | None
) -> None:
    problem = only_problem(pose_with_sides(written))
    check(problem, 5, column, key_path, message, hint=(hint,) if hint else None)


SWITCH_NEEDS_SIDES = "`switch` only applies together with `sides`"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title: T\nsteps:\n  - pose: Twist\n    hold: 30s\n    switch: 5s\n", 5, 5),
        ("title: T\nsteps:\n  - pose: Twist\n    switch: 5s\n    hold: 30s\n", 4, 5),
        ("title: T\nsteps: [{pose: Twist, hold: 30s, switch: 5s}]\n", 2, 34),
    ],
)
def test_switch_without_sides_is_refused_at_the_switch_key(
    text: str, line: int, column: int
) -> None:
    problem = only_problem(text)
    check(problem, line, column, "steps[1].switch", hint="add `sides:`, or remove `switch:`")
    assert problem.message == SWITCH_NEEDS_SIDES


def test_switch_without_sides_is_reported_beside_its_own_problems() -> None:
    problems = problems_of("title: T\nsteps:\n  - pose: Twist\n    hold: 30s\n    switch: 90s\n")
    assert [(p.line, p.column, p.key_path) for p in problems] == [
        (5, 5, "steps[1].switch"),
        (5, 13, "steps[1].switch"),
    ]
    assert problems[0].message == SWITCH_NEEDS_SIDES
    assert problems[1].message == "1m30s is too long for a side switch"


@pytest.mark.parametrize("sides", ["left", "right", "both", "[right, left]"])
def test_switch_with_sides_is_fine_even_with_one_side(sides: str) -> None:
    step = parse(pose_with_sides(sides) + "    switch: 5s\n").steps[0]
    assert isinstance(step, PoseStep)
    assert step.switch_ms == 5_000


# -- format version, text -----------------------------------------------------------------


def test_format_2_is_refused_with_an_upgrade_hint() -> None:
    problem = only_problem("format: 2\ntitle: T\nsteps: [{rest: R, duration: 5s}]\n")
    check(
        problem,
        1,
        9,
        "format",
        "this file is written in format `2`; this breathe reads format 1",
        hint=("upgrade breathe",),
    )


@pytest.mark.parametrize("written", ["1", '"1"'])
def test_format_1_is_read(written: str) -> None:
    routine = parse(f"format: {written}\ntitle: T\nsteps: [{{rest: R, duration: 5s}}]\n")
    assert routine.format_version == 1


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "y", "true", "False", "123", "1:30"])
def test_yaml_11_booleans_and_numbers_in_text_stay_as_typed(written: str) -> None:
    routine = parse(f"""
        title: {written}
        author: {written}
        tags: [{written}]
        steps:
          - rest: {written}
            duration: 10s
            instructions: {written}
        """)
    assert routine.title == written
    assert routine.author == written
    assert routine.tags == (written,)
    step = routine.steps[0]
    assert isinstance(step, RestStep)
    assert (step.title, step.instructions) == (written, written)


@pytest.mark.parametrize("written", ["~", "null", '""', "''"])
def test_empty_title(written: str) -> None:
    problem = only_problem(f"title: {written}\nsteps: [{{rest: R, duration: 5s}}]\n")
    assert (problem.line, problem.column, problem.key_path) == (1, 8, "title")
    assert problem.message in ("has no value", "is empty")


def test_title_too_long_names_the_limit() -> None:
    problem = only_problem(f"title: {'a' * 81}\nsteps: [{{rest: R, duration: 5s}}]\n")
    check(problem, 1, 8, "title", "is 81 characters long, over the limit of 80", hint="shorten it")


def test_level_choice_suggests_the_word() -> None:
    problem = only_problem("title: T\nlevel: beginer\nsteps: [{rest: R, duration: 5s}]\n")
    check(problem, 2, 8, "level", "`beginer` is not one of", hint="did you mean `beginner`?")


LEVELS = "`beginner`, `intermediate`, `advanced` or `all levels`"
FEELS = "`calming`, `balancing` or `energising`"


@pytest.mark.parametrize(
    ("line", "column", "message", "hint"),
    [
        ("level: Beginner", 8, f"`Beginner` is not one of {LEVELS}", "`beginner`"),
        ("level: ALL LEVELS", 8, f"`ALL LEVELS` is not one of {LEVELS}", "`all levels`"),
        ("level: All levels", 8, f"`All levels` is not one of {LEVELS}", "`all levels`"),
        ("feel: Calming", 7, f"`Calming` is not one of {FEELS}", "`calming`"),
        ("feel: ENERGISING", 7, f"`ENERGISING` is not one of {FEELS}", "`energising`"),
    ],
)
def test_capitalised_words_are_told_to_be_lower_case(
    line: str, column: int, message: str, hint: str
) -> None:
    problem = only_problem(f"title: T\n{line}\nsteps: [{{rest: R, duration: 5s}}]\n")
    key = line.split(":")[0]
    check(problem, 2, column, key, hint=f"write it in lower case: {hint}")
    assert problem.message == message


@pytest.mark.parametrize(
    ("written", "column", "key_path", "message", "hint"),
    [
        ("Both", 12, "steps[1].sides", "`Both` is not a choice of sides", "`both`"),
        ("LEFT", 12, "steps[1].sides", "`LEFT` is not a choice of sides", "`left`"),
        ("[left, Right]", 19, "steps[1].sides[2]", "`Right` is not a side", "`right`"),
    ],
)
def test_capitalised_sides_are_told_to_be_lower_case(
    written: str, column: int, key_path: str, message: str, hint: str
) -> None:
    problem = only_problem(pose_with_sides(written))
    check(problem, 5, column, key_path, hint=f"write it in lower case: {hint}")
    assert problem.message == message


def test_include_name_must_be_a_file_name() -> None:
    problem = only_problem("title: T\nsteps:\n  - include: ../secrets\n")
    check(
        problem,
        3,
        14,
        "steps[1].include",
        "`../secrets` is not allowed here",
        hint="a routine name is its file name without `.yaml`",
    )


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("evening wind-down", "evening wind-down"),
        ("Evening Wind Down 2", "Evening Wind Down 2"),
        ("my_routine.v2", "my_routine.v2"),
        ('"calm "', "calm"),  # spaces around the name are dropped, as around any text
    ],
)
def test_include_names_may_hold_spaces(written: str, name: str) -> None:
    step = parse(f"title: T\nsteps:\n  - include: {written}\n").steps[0]
    assert isinstance(step, IncludeStep)
    assert step.name == name


@pytest.mark.parametrize("written", ["-calm", "calm/evening", "'.hidden'", "évening", "calm\\\\x"])
def test_include_names_refuse_other_characters(written: str) -> None:
    problem = only_problem(f"title: T\nsteps:\n  - include: {written}\n")
    check(
        problem,
        3,
        14,
        "steps[1].include",
        "is not allowed here",
        hint="a routine name is its file name without `.yaml`",
    )


def test_tags_listed_twice() -> None:
    problem = only_problem("title: T\ntags: [calm, calm]\nsteps: [{rest: R, duration: 5s}]\n")
    check(problem, 2, 14, "tags[2]", "`calm` is listed twice")


def test_yaml_tags_never_construct_objects() -> None:
    problem = only_problem(
        'title: !!python/object/apply:os.system ["echo hacked"]\nsteps: [{rest: R, duration: 5s}]\n'
    )
    check(problem, 1, 8, "title", "must be text, not a list")


# -- values echoed in messages stay short ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key_path"),
    [
        (breathing_with_pattern("4-" + "x" * 5000), "steps[1].pattern"),
        (rest_with_duration("x" * 5000), "steps[1].duration"),
        (pose_with_sides("x" * 5000), "steps[1].sides"),
        (pose_with_sides("[" + "x" * 5000 + "]"), "steps[1].sides[1]"),
        ("format: " + "9" * 5000 + "\ntitle: T\nsteps: [{rest: R, duration: 5s}]\n", "format"),
    ],
)
def test_long_values_are_shortened_in_messages(text: str, key_path: str) -> None:
    problem = only_problem(text)
    assert problem.key_path == key_path
    assert len(problem.message) < 200
    assert "…" in problem.message


def test_long_duplicate_key_is_shortened_in_the_message() -> None:
    key = "k" * 5000
    problems = problems_of(f"title: T\n{key}: 1\n{key}: 2\nsteps: [{{rest: R, duration: 5s}}]\n")
    assert all(len(problem.message) < 200 for problem in problems)


# -- huge numbers and long runs of spaces (these once crashed or hung) ------------------------


@pytest.mark.parametrize(
    ("text", "key_path", "words"),
    [
        (rest_with_duration("1" * 5000), "steps[1].duration", "is longer than the limit"),
        (
            rest_with_duration("1:" + "1" * 5000 + ":00"),
            "steps[1].duration",
            "is longer than the limit",
        ),
        (breathing_with_pattern("4-" + "9" * 5000), "steps[1].pattern", "is not a breath pattern"),
        (
            "title: T\nsteps:\n  - breathe: B\n    pattern: 4-6\n    cycles: " + "1" * 5000 + "\n",
            "steps[1].cycles",
            "cycles is out of range",
        ),
        (
            "title: T\nsteps:\n  - repeat: +"
            + "0" * 5000
            + "7\n    steps: [{rest: R, duration: 5s}]\n",
            None,
            "",
        ),
    ],
)
def test_numbers_too_long_for_int_are_refused_cleanly(
    text: str, key_path: str | None, words: str
) -> None:
    if key_path is None:  # leading zeros do not make a number big
        step = parse(text).steps[0]
        assert getattr(step, "times", None) == 7
        return
    problem = only_problem(text)
    assert problem.key_path == key_path
    assert words in problem.message
    assert len(problem.message) < 200


@pytest.mark.parametrize(
    "value",
    [
        "1" + " " * 300_000 + "x",
        "1h" + " " * 300_000 + "x",
        "1 m " + " " * 300_000 + "2" + " " * 300_000 + "x",
    ],
    ids=["seconds", "hours", "minutes"],
)
def test_long_runs_of_spaces_in_a_duration_are_refused_fast(value: str) -> None:
    started = time.perf_counter()
    problem = only_problem(rest_with_duration(value))
    assert time.perf_counter() - started < 2.0
    check(problem, *REST_DURATION, "is not a duration", hint=DURATION_FORMS)


def test_long_runs_of_spaces_in_a_pattern_are_refused_fast() -> None:
    started = time.perf_counter()
    problem = only_problem(breathing_with_pattern("4" + " " * 600_000 + "x"))
    assert time.perf_counter() - started < 2.0
    check(problem, 4, 14, "steps[1].pattern", "is not a breath pattern")


# -- digits are 0 to 9, as editors read the schema ------------------------------------------


def _pattern_as_editors_read_it(
    validator: Any, pattern: str, instance: Any, schema: Any
) -> Iterator[jsonschema.ValidationError]:
    """JSON Schema's `pattern` is an ECMA-262 regex, where `\\d` is 0 to 9 only; Python's
    `re`, which jsonschema uses, would also take other scripts' digits."""
    ascii_pattern = pattern.replace(r"\d", "[0-9]")
    if validator.is_type(instance, "string") and not re.search(ascii_pattern, instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EDITOR_SCHEMA = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"pattern": _pattern_as_editors_read_it}
)(routine_json_schema())

ARABIC_3 = "\u0663"  # ٣
ARABIC_30 = "\u0663\u0660"  # ٣٠
FULLWIDTH_90 = "\uff19\uff10"  # ９０

NOT_ASCII_DIGITS = [
    # (document, where the problem is, message; for a duration, the duration it means)
    (
        f"title: T\nsteps:\n  - breathe: B\n    pattern: 4-6\n    cycles: {ARABIC_3}\n",
        (5, 13, "steps[1].cycles"),
        f"`{ARABIC_3}` is not a whole number",
    ),
    (
        f"title: T\nsteps:\n  - repeat: {ARABIC_3}\n    steps: [{{rest: R, duration: 5s}}]\n",
        (3, 13, "steps[1].repeat"),
        f"`{ARABIC_3}` is not a whole number",
    ),
    (rest_with_duration(f"{ARABIC_30}s"), (4, 15, "steps[1].duration"), "30s"),
    (rest_with_duration(ARABIC_30), (4, 15, "steps[1].duration"), "30"),
    (rest_with_duration(f"1:{ARABIC_30}"), (4, 15, "steps[1].duration"), "1:30"),
    (rest_with_duration(FULLWIDTH_90), (4, 15, "steps[1].duration"), "90"),
    (
        breathing_with_pattern("\u0664-\u0666"),  # ٤-٦
        (4, 14, "steps[1].pattern"),
        "`\u0664-\u0666` is not a breath pattern",
    ),
    (
        breathing_with_pattern("{inhale: \u0664, exhale: 6}"),
        (4, 23, "steps[1].pattern.inhale"),
        "4",
    ),
    (
        f"title: T\nsteps:\n  - pose: P\n    hold: 30s\n    sides: both\n    switch: {ARABIC_3}s\n",
        (6, 13, "steps[1].switch"),
        "3s",
    ),
]


@pytest.mark.parametrize(("text", "where", "message"), NOT_ASCII_DIGITS)
def test_only_ascii_digits_make_numbers_and_durations(
    text: str, where: tuple[int, int, str], message: str
) -> None:
    problem = only_problem(text)
    check(problem, *where)
    if "`" not in message:  # a duration, said with its ASCII digits
        assert problem.message.endswith("is not a duration: digits are `0` to `9` only")
        assert problem.hint == f"write `{message}`"
    else:
        assert problem.message == message


@pytest.mark.parametrize(("text", "where", "message"), NOT_ASCII_DIGITS)
def test_the_editor_schema_refuses_other_digits_too(
    text: str, where: tuple[int, int, str], message: str | None
) -> None:
    assert list(EDITOR_SCHEMA.iter_errors(yaml.safe_load(text))), text


AGREEMENT = [
    # (document, valid for breathe and for an editor)
    (breathing_with_pattern("4-6"), True),
    (breathing_with_pattern("{inhale: 4, exhale: 6}"), True),
    (rest_with_duration("30s"), True),
    (rest_with_duration("0:30"), True),
    (rest_with_duration("0h20"), True),
    (rest_with_duration("30S"), False),
    (rest_with_duration("0H20"), False),
    ("title: T\nlevel: all levels\nsteps: [{rest: R, duration: 5s}]\n", True),
    ("title: T\nlevel: All levels\nsteps: [{rest: R, duration: 5s}]\n", False),
    ("title: T\nfeel: Calming\nsteps: [{rest: R, duration: 5s}]\n", False),
    (pose_with_sides("Both"), False),
    (pose_with_sides("[left, Right]"), False),
    (pose_with_sides("both") + "    switch: 5s\n", True),
    (pose_with_sides("left") + "    switch: 5s\n", True),
    ("title: T\nsteps:\n  - pose: P\n    hold: 30s\n    switch: 5s\n", False),
    ("title: T\nsteps:\n  - include: evening wind-down\n", True),
    ("title: T\nsteps:\n  - include: ../evening\n", False),
    ("title: T\nsteps:\n  - breathe: B\n    pattern: 4-6\n    cycles: -3\n", False),
]


@pytest.mark.parametrize(("text", "valid"), AGREEMENT)
def test_breathe_and_the_editor_schema_agree(text: str, valid: bool) -> None:
    try:
        parse(text)
        loads = True
    except RoutineFileError:
        loads = False
    errors = [error.message for error in EDITOR_SCHEMA.iter_errors(yaml.safe_load(text))]
    assert loads is valid
    assert (not errors) is valid, errors


# -- collecting and reporting ---------------------------------------------------------------


def test_every_problem_is_collected_in_reading_order() -> None:
    problems = problems_of("""
        title: T
        levl: beginner
        steps:
          - breathe: Slow
            pattern: 4-x
            cycles: 0
          - pose: Twist
            hold: 10m
            pattern: 4-6
            sides: bothh
          - rest: Settle
            duration: 0
          - jump: High
        feel: calming
        feel: calm
        """)
    assert [(p.line, p.column, p.key_path) for p in problems] == [
        (2, 1, "levl"),
        (5, 14, "steps[1].pattern"),
        (6, 13, "steps[1].cycles"),
        (9, 5, "steps[2].pattern"),
        (10, 12, "steps[2].sides"),
        (12, 15, "steps[3].duration"),
        (13, 5, "steps[4]"),
        (15, 1, "feel"),
    ]
    assert problems[0].hint == "did you mean `level`?"
    assert "written twice; the first is on line 14" in problems[-1].message
    assert problems == tuple(sorted(problems, key=lambda p: (p.line, p.column)))


def test_problem_string_format() -> None:
    problems = problems_of("title: T\nsteps:\n  - breathe: Slow\n    patern: 4-6\n    cycles: 3\n")
    assert [str(problem) for problem in problems] == [
        "r.yaml:3:5: steps[1]: a breathing step needs `pattern`; add `pattern:` (the breath: "
        "`4-6`, `4-7-8`, phase by phase (`inhale`, `hold`, `exhale`, `hold-empty`), or `from:` "
        "one pattern `to:` another, changing evenly across the step)",
        "r.yaml:4:5: steps[1].patern: `patern` is not a key of a breathing step; "
        "did you mean `pattern`?",
    ]


def test_problem_without_hint_has_no_trailing_separator() -> None:
    # Every problem breathe finds has a hint; a Problem made without one still prints whole.
    problem = Problem("r.yaml", 1, 9, "(file)", "the file holds a NUL byte; it is not text")
    assert str(problem) == "r.yaml:1:9: (file): the file holds a NUL byte; it is not text"


def test_error_string_lists_every_problem_one_per_line() -> None:
    with pytest.raises(RoutineFileError) as caught:
        parse("titel: T\nsteps: []\n")
    error = caught.value
    assert str(error).splitlines() == [str(problem) for problem in error.problems]
    assert error.first == error.problems[0]


# -- a file of thousands of mistakes: the first hundred, and how many more -------------------


def counting_did_you_mean(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The real `did_you_mean`, noting each word it is asked about."""
    asked: list[str] = []

    def counting(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
        asked.append(word)
        return did_you_mean(word, choices)

    monkeypatch.setattr(spec_module, "did_you_mean", counting)
    monkeypatch.setattr(routine_spec_module, "did_you_mean", counting)
    return asked


def test_thousands_of_unknown_keys_list_the_first_hundred_and_count_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = counting_did_you_mean(monkeypatch)
    # No title: that problem is found after every key, yet it is first in reading order.
    keys = "".join(f"x{number}: 1\n" for number in range(60_000))
    with pytest.raises(RoutineFileError) as caught:
        parse(("steps:\n  - rest: R\n    duration: 5s\n" + keys).encode())
    problems = caught.value.problems
    assert len(problems) == MAX_LISTED + 1
    check(problems[0], 1, 1, "(document)", "a routine needs `title`")
    assert [(p.line, p.key_path) for p in problems[1:MAX_LISTED]] == [
        (4 + number, f"x{number}") for number in range(MAX_LISTED - 1)
    ]
    assert problems[1].hint == "the keys are " + ", ".join(f"`{key}`" for key in ROUTINE.keys)
    more = problems[-1]
    assert isinstance(more, MoreProblems)
    assert str(more) == (
        "r.yaml:103:1: (more): 59,901 more problems are not listed, from here on; "
        "fix the ones above and check again"
    )
    assert more.count == 59_901
    assert caught.value.count == 60_001
    assert len(asked) == MAX_LISTED - 1  # advice is worked out for listed problems only


def test_the_cap_counts_problems_of_every_kind_within_steps(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked = counting_did_you_mean(monkeypatch)
    steps = "".join(
        f"  - brethe: B{number}\n    pattern: 4-4\n    cycles: 3\n"  # no kind: a near one
        if number % 2
        else f"  - rest: R{number}\n    duration: 0s\n    sides: bothh\n"  # two problems
        for number in range(200)  # the most a list of steps may hold
    )
    with pytest.raises(RoutineFileError) as caught:
        parse(f"title: T\nsteps:\n{steps}".encode())
    problems = caught.value.problems
    assert caught.value.count == 300  # 100 rest steps with two problems, 100 without a kind
    assert len(problems) == MAX_LISTED + 1
    assert problems[:3] == (
        Problem("r.yaml", 4, 15, "steps[1].duration", problems[0].message, problems[0].hint),
        Problem("r.yaml", 5, 5, "steps[1].sides", problems[1].message, problems[1].hint),
        Problem(
            "r.yaml",
            6,
            5,
            "steps[2].brethe",
            "`brethe` is not a kind of step",
            "did you mean `breathe`?",
        ),
    )
    # Line 3 + 3 lines a step: the 67th step (steps[66], a rest) holds the 100th and 101st.
    assert (problems[-2].line, problems[-2].key_path) == (3 + 66 * 3 + 1, "steps[67].duration")
    assert str(problems[-1]) == (
        f"r.yaml:{3 + 66 * 3 + 2}:5: (more): 200 more problems are not listed, from here on; "
        "fix the ones above and check again"
    )
    assert len(asked) <= MAX_LISTED


def test_the_cap_holds_for_yaml_problems_and_the_timeline_too() -> None:
    anchors = "".join(f"k{number}: &a{number} 1\n" for number in range(250))
    with pytest.raises(RoutineFileError) as caught:
        parse(f"title: T\nsteps: [{{rest: R, duration: 5s}}]\n{anchors}".encode())
    assert caught.value.count == 250
    assert [p.key_path for p in caught.value.problems] == ["(syntax)"] * MAX_LISTED + ["(more)"]
    assert (caught.value.problems[-1].line, caught.value.problems[-1].column) == (103, 7)

    steps = "".join("  - breathe: B\n    pattern: 20-20\n    duration: 10s\n" for _ in range(150))
    routine = parse(f"title: T\nsteps:\n{steps}".encode())
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(routine)
    assert caught.value.count == 150
    assert len(caught.value.problems) == MAX_LISTED + 1
    assert str(caught.value.problems[-1]).startswith(
        f"r.yaml:{5 + 100 * 3}:15: (more): 50 more problems are not listed"
    )


# -- real files -----------------------------------------------------------------------------


def test_load_routine_reports_the_path_it_was_given(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "calm",
        """
        title: Calm
        steps:
          - rest: Settle
            duration: 0
        """,
    )
    with pytest.raises(RoutineFileError) as caught:
        load_routine(path)
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{path}:4:15: steps[1].duration: a rest must last longer than zero; "
        "give it 1s to 30m, such as `30s`; or remove the step"
    )


def test_load_routine_names_the_routine_after_the_file(write_routine: WriteRoutine) -> None:
    path = write_routine("evening-calm", "title: Calm\nsteps: [{rest: R, duration: 5s}]\n")
    routine = load_routine(path)
    assert (routine.name, routine.title, routine.path) == ("evening-calm", "Calm", path)


def test_load_routine_of_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gone.yaml"
    with pytest.raises(RoutineFileError) as caught:
        load_routine(path)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.column, problem.key_path) == (
        str(path),
        1,
        1,
        "(file)",
    )
    assert "cannot read the file" in problem.message


def test_load_routine_of_a_folder(tmp_path: Path) -> None:
    with pytest.raises(RoutineFileError) as caught:
        load_routine(tmp_path)
    assert "cannot read the file" in caught.value.problems[0].message


@pytest.mark.parametrize(
    "path", sorted(BUNDLED_ROUTINES.glob("*.yaml")), ids=lambda path: path.name
)
def test_every_bundled_routine_loads_and_compiles(path: Path) -> None:
    routine = load_routine(path)
    assert routine.name == path.stem
    assert routine.title
    assert routine.steps
    bundled = Catalog.load(BUNDLED_ROUTINES, path.parent / "no-user-folder")  # for includes
    timeline = compile_timeline(routine, bundled.resolve_include)
    assert 0 < timeline.total_ms <= MAX_TOTAL_MS


def test_there_are_bundled_routines() -> None:
    assert len(list(BUNDLED_ROUTINES.glob("*.yaml"))) >= 2
