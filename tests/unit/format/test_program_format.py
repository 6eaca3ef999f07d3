"""Program files: the bundled ones are valid and name real routines; every mistake in a
program file is reported with its line, column, key path and a hint; the committed JSON
Schema is what the declaration generates, and it agrees with the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from breathe.core.problems import RoutineFileError
from breathe.core.program import PartOfDay
from breathe.format.program_spec import (
    SCHEMA_PATH,
    load_program,
    looks_like_program,
    parse_program,
    program_json_schema,
    program_json_schema_text,
)
from breathe.library.catalog import Catalog
from breathe.library.locations import bundled_programs_dir
from breathe.library.program_catalog import ProgramCatalog, program_file_problems, routine_problems
from tests.support.json_schema import (
    assert_closed_and_documented,
    assert_schema_and_loader_agree,
    schema_named_by,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

BUNDLED_PROGRAMS = BUNDLED_ROUTINES / "programs"
SHIPPED = sorted(BUNDLED_PROGRAMS.glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(program_json_schema())


def problems(write_routine: WriteRoutine, text: str) -> list[str]:
    """Every problem `text` has as a program file named bad.yaml, as breathe prints them."""
    path = write_routine("bad", text)
    with pytest.raises(RoutineFileError) as caught:
        load_program(path, "bad.yaml")
    return [str(problem) for problem in caught.value.problems]


def problems_against_bundled_routines(path: Path, tmp_path: Path) -> list[str]:
    """The problems the bundled routines (and no user's) find in the program file at `path`,
    each as breathe prints it after the file's path: `:line:column: key path: message`."""
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    return [
        str(problem).removeprefix(str(path)) for problem in program_file_problems(path, catalog)
    ]


# -- the bundled programs -------------------------------------------------------------------


def test_there_is_a_bundled_program() -> None:
    assert [path.name for path in SHIPPED] == ["circulation-60-day.yaml"]
    assert bundled_programs_dir() == BUNDLED_PROGRAMS


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_bundled_program_is_valid_and_every_routine_it_names_exists(path: Path) -> None:
    program = load_program(path)
    catalog = Catalog.load(BUNDLED_ROUTINES, Path("/nonexistent"))
    assert routine_problems(program, catalog.entries) == []
    for name in program.routine_names():
        catalog.timeline(catalog.entries[name])  # compiles: includes resolve, totals hold


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_bundled_program_points_at_the_schema_and_satisfies_it(path: Path) -> None:
    assert schema_named_by(path) == SCHEMA_PATH
    VALIDATOR.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_the_60_day_program_follows_the_article() -> None:
    """Two months, daily breathing and gentle movement, building up, an evening session
    every day, and the article's habits without any dose."""
    program = load_program(BUNDLED_PROGRAMS / "circulation-60-day.yaml")
    assert program.length_days == 60
    assert program.title.startswith("60 days")
    for day in range(1, 61):
        routines = program.stage_for(day).routines
        assert any(planned.when is PartOfDay.EVENING for planned in routines), day
        assert len(routines) >= 2, day
    first, last = program.stage_for(1).routines, program.stage_for(60).routines
    assert len(last) > len(first)  # it builds up
    assert "circulation-and-nerve-recovery" in {planned.routine for planned in last}
    assert "circulation-and-nerve-recovery" not in {planned.routine for planned in first}
    assert "slow-walking" in program.routine_names()
    assert "joint-mobility" in program.routine_names()
    checklist = " ".join(program.checklist).lower()
    for habit in ("magnesium", "clinician", "water", "sleep"):
        assert habit in checklist, habit
    text = (BUNDLED_PROGRAMS / "circulation-60-day.yaml").read_text(encoding="utf-8").lower()
    dosage = re.compile(r"\b(\d+\s*mg|mg|milligrams?|grams?|doses?|dosage|tablets?|capsules?)\b")
    assert not dosage.search(text), "the program must give no dosage advice"


def test_program_catalog_lists_bundled_and_user_programs(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    user = tmp_path / "user-programs"
    write_routine("mine", "title: Mine\nschedule:\n  - days: 1\n    routines: [x]\n", folder=user)
    write_routine("circulation-60-day", "title: Mine too\n", folder=user)
    catalog = ProgramCatalog.load(BUNDLED_PROGRAMS, user)
    assert sorted(catalog.entries) == ["circulation-60-day", "mine"]
    replaced = catalog.entries["circulation-60-day"]
    assert replaced.program is None and replaced.overrides == SHIPPED[0]
    assert "a program needs `schedule`" in str(replaced.problems[0])
    assert catalog.find("mine").program is not None
    with pytest.raises(LookupError, match="did you mean `circulation-60-day`"):
        catalog.find("circulaton-60-day")  # a typo (a unique start of a name finds it)


# -- what a program file may say -------------------------------------------------------------

FULL = """\
# yaml-language-server: $schema=program.schema.json
format: 1
title: Two weeks
description: A short plan.
author: Me
safety: Stop if dizzy.
checklist:
  - Water
  - Sleep
schedule:
  - days: 1-3
    focus: Start
    routines:
      - belly-breathing
      - routine: extended-exhale
        when: evening
        note: Before bed.
  - days: "4"
    routines: [extended-exhale]
  - days: 5 - 7
    routines: [belly-breathing]
  - weeks: 2
    routines:
      - routine: belly-breathing
        when: morning
"""


def test_a_full_program_loads(write_routine: WriteRoutine) -> None:
    program = load_program(write_routine("two-weeks", FULL))
    assert program.name == "two-weeks"
    assert program.title == "Two weeks"
    assert program.length_days == 14
    assert program.checklist == ("Water", "Sleep")
    assert [(s.first_day, s.last_day, s.label) for s in program.stages] == [
        (1, 3, "days 1-3"),
        (4, 4, "day 4"),
        (5, 7, "days 5-7"),
        (8, 14, "week 2"),
    ]
    first = program.stages[0]
    assert first.focus == "Start"
    assert [(p.routine, p.when, p.note) for p in first.routines] == [
        ("belly-breathing", None, ""),
        ("extended-exhale", PartOfDay.EVENING, "Before bed."),
    ]
    # Where each name is written, for problems the catalog finds later.
    assert (first.routines[0].location.line, first.routines[0].location.column) == (14, 9)
    assert first.routines[1].location.key_path == "schedule[1].routines[2].routine"
    assert (first.routines[1].location.line, first.routines[1].location.column) == (15, 18)
    assert program.routine_names() == ["belly-breathing", "extended-exhale"]


def test_unknown_routines_are_located_with_did_you_mean(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    path = write_routine(
        "plan",
        """\
        title: Plan
        schedule:
          - days: 1-7
            routines:
              - extended-exhail
              - routine: gentle-spinal-twist
                when: evening
              - nothing-like-it
        """,
    )
    assert problems_against_bundled_routines(path, tmp_path) == [
        ":5:9: schedule[1].routines[1]: no routine is named `extended-exhail`; "
        "did you mean `extended-exhale`?",
        ":6:18: schedule[1].routines[2].routine: no routine is named `gentle-spinal-twist`; "
        "did you mean `gentle-spinal-twists`?",
        ":8:9: schedule[1].routines[3]: no routine is named `nothing-like-it`; a routine's "
        "name is its file name without `.yaml`; `breathe list` shows the routines there are",
    ]


def test_a_broken_routine_is_a_problem_of_the_program(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    user = tmp_path / "user"
    write_routine("wobbly", "title: Wobbly\nsteps: oops\n", folder=user)
    path = write_routine("plan", "title: Plan\nschedule:\n  - days: 1\n    routines: [wobbly]\n")
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    (problem,) = program_file_problems(path, catalog)
    assert (problem.line, problem.column, problem.key_path) == (4, 16, "schedule[1].routines[1]")
    assert problem.message == f"`wobbly` cannot be played: {user / 'wobbly.yaml'} has 1 problem"
    assert problem.hint is not None and "steps: must be a list" in problem.hint


# -- alternatives and lighter days -----------------------------------------------------------

WITH_ALTERNATIVES = """\
title: Plan
alternatives:
  - routine: legs-up-the-wall
    instead: [constructive-rest, legs-on-a-chair]
    why: With glaucoma
  - routine: seated-forward-bend
    instead:
      - chair-forward-bend
lighter_days:
  every: 7
  routines:
    - routine: slow-walking
      when: afternoon
schedule:
  - weeks: 1-2
    routines: [evening-wind-down]
"""


def test_alternatives_and_lighter_days_load(write_routine: WriteRoutine, tmp_path: Path) -> None:
    program = load_program(write_routine("plan", WITH_ALTERNATIVES))
    legs, bend = program.alternatives
    assert (legs.routine, legs.names, legs.why) == (
        "legs-up-the-wall",
        ("constructive-rest", "legs-on-a-chair"),
        "With glaucoma",
    )
    assert (legs.location.line, legs.location.column, legs.location.key_path) == (
        3,
        14,
        "alternatives[1].routine",
    )
    assert (bend.instead[0].location.line, bend.instead[0].location.column) == (8, 9)
    assert program.alternative_for("seated-forward-bend") is bend
    assert program.alternative_for("evening-wind-down") is None
    lighter = program.lighter_days
    assert lighter is not None and (lighter.every, lighter.focus) == (7, "A lighter day")
    assert [p.routine for p in program.stage_for(7).routines] == ["slow-walking"]
    assert program.stage_for(7).label == "day 7"
    assert [p.routine for p in program.stage_for(8).routines] == ["evening-wind-down"]
    assert program.routine_names() == ["evening-wind-down", "slow-walking"]
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path / "no-user")
    assert routine_problems(program, catalog.entries) == []


def test_unknown_alternatives_and_lighter_routines_are_located(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    path = write_routine(
        "plan",
        """\
        title: Plan
        alternatives:
          - routine: legs-up-the-wal
            instead: [constructive-rst]
        lighter_days:
          every: 7
          routines: [slow-walk]
        schedule:
          - days: 1-14
            routines: [belly-breathing]
        """,
    )
    assert problems_against_bundled_routines(path, tmp_path) == [  # in the order of the file
        ":3:14: alternatives[1].routine: no routine is named `legs-up-the-wal`; "
        "did you mean `legs-up-the-wall`?",
        ":4:15: alternatives[1].instead[1]: no routine is named `constructive-rst`; "
        "did you mean `constructive-rest`?",
        ":7:14: lighter_days.routines[1]: no routine is named `slow-walk`; "
        "did you mean `slow-walking`?",
    ]


def test_mistakes_in_alternatives_and_lighter_days_are_located(
    write_routine: WriteRoutine,
) -> None:
    assert problems(
        write_routine,
        """\
        title: Bad program
        alternatives:
          - routine: legs-up-the-wall
            play: [legs-on-a-chair]
          - instead: []
        lighter_days:
          every: 1
          rest: [slow-walking]
        instead: [constructive-rest]
        schedule:
          - days: 1-7
            routines: [belly-breathing]
        """,
    ) == [
        "bad.yaml:3:5: alternatives[1]: an alternative needs `instead`; add `instead:` (the "
        "routines that may be done instead of it, best first)",
        "bad.yaml:4:5: alternatives[1].play: `play` is not a key of an alternative; "
        "did you mean `instead`?",
        "bad.yaml:5:5: alternatives[2]: an alternative needs `routine`; add `routine:` (a "
        "routine's name: its file name without `.yaml`, as `breathe list` shows it)",
        "bad.yaml:5:14: alternatives[2].instead: has no routines; list at least 1 under it, "
        "each on a line starting with `- `",
        "bad.yaml:7:3: lighter_days: the lighter-day plan needs `routines`; add `routines:` "
        "(the routines of a lighter day: fewer and shorter than around it)",
        "bad.yaml:7:10: lighter_days.every: 1 days is out of range; the allowed range is 2 to 366",
        "bad.yaml:8:3: lighter_days.rest: `rest` is not a key of the lighter-day plan; "
        "did you mean `routines`?",
        "bad.yaml:9:1: instead: `instead` is not a key of a program; offer alternatives under "
        "`alternatives:`, each entry starting `- routine: NAME` with the routines to do "
        "`instead:`",
    ]


def test_an_alternative_is_neither_itself_nor_named_twice(write_routine: WriteRoutine) -> None:
    assert problems(
        write_routine,
        """\
        title: Bad program
        alternatives:
          - routine: legs-up-the-wall
            instead: [legs-up-the-wall, constructive-rest, constructive-rest]
          - routine: legs-up-the-wall
            instead: [legs-on-a-chair]
        schedule:
          - days: 1-7
            routines: [belly-breathing]
        """,
    ) == [
        "bad.yaml:4:15: alternatives[1].instead[1]: `legs-up-the-wall` cannot be an "
        "alternative to itself; name a different routine to do instead",
        "bad.yaml:4:52: alternatives[1].instead[3]: `constructive-rest` is named twice; "
        "name each alternative once",
        "bad.yaml:5:14: alternatives[2].routine: `legs-up-the-wall` already has alternatives "
        "(line 3); list all its alternatives under that entry's `instead:`",
    ]


# -- every mistake, located -----------------------------------------------------------------


def test_every_mistake_is_reported_at_once(write_routine: WriteRoutine) -> None:
    assert problems(
        write_routine,
        """\
        title: Bad program
        checklist: [Water, Water]
        schedul: []
        schedule:
          - days: 1-7
            routines: [belly-breathing]
          - days: 8-10
            routines:
              - routine: extended-exhale
                when: evenin
          - weeks: 3
            routines: [joint mobility!]
          - day: 30
            routines: []
          - days: 14-1
            weeks: 2
            routines: [x]
        """,
    ) == [
        "bad.yaml:2:20: checklist[2]: `Water` is listed twice; remove one of them",
        "bad.yaml:3:1: schedul: `schedul` is not a key of a program; did you mean `schedule`?",
        "bad.yaml:10:15: schedule[2].routines[1].when: `evenin` is not one of `morning`, "
        "`midday`, `afternoon` or `evening`; did you mean `evening`?",
        "bad.yaml:12:16: schedule[3].routines[1]: `joint mobility!` is not allowed here; "
        "a routine name is its file name without `.yaml`",
        "bad.yaml:13:5: schedule[4].day: `day` is not a key of a schedule entry; "
        "did you mean `days`?",
        "bad.yaml:13:5: schedule[4]: a schedule entry needs `days` or `weeks`; add one of them: "
        "`days: 7` (the days this entry plans) or `weeks: 3` (the weeks this entry plans)",
        "bad.yaml:14:15: schedule[4].routines: has no routines; list at least 1 under it, "
        "each on a line starting with `- `",
        "bad.yaml:15:11: schedule[5].days: the range 14-1 runs backwards; "
        "write the first day first: `1-14`",
        "bad.yaml:16:5: schedule[5].weeks: a schedule entry takes `days` or `weeks`, not both; "
        "keep one of them: remove `weeks:` or `days:`",
    ]


def test_gaps_and_overlaps_in_the_days(write_routine: WriteRoutine) -> None:
    assert problems(
        write_routine,
        """\
        title: Gappy
        schedule:
          - days: 2-7
            routines: [a]
          - days: 5-10
            routines: [b]
          - weeks: 3
            routines: [c]
          - days: 21
            routines: [d]
        """,
    ) == [
        "bad.yaml:3:11: schedule[1].days: day 1 is not planned: this entry starts on day 2; "
        "add an entry for day 1 before it, or start this one on day 1",
        "bad.yaml:5:11: schedule[2].days: days 5-7 are planned twice: `days 2-7` (line 3) "
        "already ends on day 7; each day belongs to one entry, in order: "
        "start this one on day 8",
        "bad.yaml:7:12: schedule[3].weeks: days 11-14 are not planned: this entry starts on "
        "day 15; add an entry for days 11-14 before it, or start this one on day 11",
        "bad.yaml:9:11: schedule[4].days: day 21 is planned twice: `week 3` (line 7) already "
        "ends on day 21; each day belongs to one entry, in order: start this one on day 22",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", "there is no day 0: days count from 1; the program's first day is day 1: write `1`"),
        (
            "0-6",
            "there is no day 0: days count from 1; the program's first day is day 1: write `1-6`",
        ),
        (
            "1-",
            "`1-` is not a day or a range of days; "
            "a range has a first and a last day, such as `1-7`",
        ),
        ("one", "`one` is not a day or a range of days; write the day's number in digits: `1`"),
        ("-3", "`-3` is not a day or a range of days; days count from 1: write `1-3`"),
        (
            "1 to 14",
            "`1 to 14` is not a day or a range of days; "
            "join the first and last day with a dash: `1-14`",
        ),
        (
            "day 1-14",
            "`day 1-14` is not a day or a range of days; "
            "write the numbers alone, under `days:`: `1-14`",
        ),
        (
            "week 2",
            "`week 2` is not a day or a range of days; "
            "plan weeks with `weeks: 2`, or write it in days: `8-14`",
        ),
        (
            "1, 2, 3",
            "`1, 2, 3` is not a day or a range of days; "
            "for days in a row, write the first and the last: `1-3`",
        ),
        ("seven", "`seven` is not a day or a range of days; write the day's number in digits: `7`"),
        (
            "1-400",
            "day 400 is past the end of the longest program; a program lasts at most "
            "366 days (52 weeks): end this entry by day 366, as `1-366`",
        ),
        (
            "[1, 7]",
            "must be a day or a range of days, not a list; an entry plans days in a row (`1-7`); "
            "give other days entries of their own",
        ),
        (
            "[1, 2]",
            "must be a day or a range of days, not a list; for days in a row, write the first and "
            "the last: `1-2`",
        ),
        (
            "[one]",
            "must be a day or a range of days, not a list; write a day or a range of days as "
            "one value after the colon, not a list",
        ),
        ("", "has no value; write a day or a range of days after the colon"),
    ],
)
def test_day_ranges(write_routine: WriteRoutine, value: str, expected: str) -> None:
    text = f"title: T\nschedule:\n  - days: {value}\n    routines: [a]\n"
    (found,) = problems(write_routine, text)
    column = 11 if value else 10
    assert found == f"bad.yaml:3:{column}: schedule[1].days: {expected}"


def test_weeks_have_their_own_limit(write_routine: WriteRoutine) -> None:
    (found,) = problems(write_routine, "title: T\nschedule:\n  - weeks: 1-53\n    routines: [a]\n")
    assert found == (
        "bad.yaml:3:12: schedule[1].weeks: week 53 is past the end of the longest program; "
        "a program lasts at most 366 days (52 weeks): end this entry by week 52, as `1-52`"
    )


def test_top_level_mistakes_have_hints(write_routine: WriteRoutine) -> None:
    assert problems(
        write_routine,
        """\
        format: 2
        name: x
        steps: []
        days: 1-7
        """,
    ) == [
        "bad.yaml:1:1: (document): a program needs `title`; add `title:` (the program's name "
        "as people see it)",
        "bad.yaml:1:1: (document): a program needs `schedule`; add `schedule:` (the plan, day "
        "by day: entries in order, covering every day from day 1 to the last once)",
        "bad.yaml:1:9: format: this file is written in format `2`; this breathe reads program "
        "format 1; a newer breathe may read it: upgrade breathe, or write `format: 1`",
        "bad.yaml:2:1: name: `name` is not a key of a program; the program's name is its file "
        "name; its display name is `title`",
        "bad.yaml:3:1: steps: `steps` is not a key of a program; a program lists routines by "
        "name under `schedule:`; steps belong in routine files",
        "bad.yaml:4:1: days: `days` is not a key of a program; plan the days under "
        "`schedule:`, each entry starting `- days: 1-14`",
    ]


def test_yaml_mistakes_are_reported_like_routines(write_routine: WriteRoutine) -> None:
    assert problems(write_routine, "title: T\nschedule:\n\t- days: 1\n") == [
        "bad.yaml:3:1: schedule[1].days: this line is indented with a tab (U+0009, CHARACTER "
        "TABULATION), and YAML allows only spaces for indentation; replace the tab with 2 "
        "spaces, so that its `-` starts in column 3; most editors can be set to put in spaces "
        "when you press Tab"
    ]


def test_parse_program_never_raises_anything_else() -> None:
    for data in (b"", b"\xff", b"- a\n- b\n", b"title: [", b"schedule: {a: 1}\n", b"&a x"):
        with pytest.raises(RoutineFileError):
            parse_program(data, "x.yaml", "x")


def test_validate_tells_programs_from_routines(tmp_path: Path, write_routine: WriteRoutine) -> None:
    routine = write_routine("r", "title: R\nsteps:\n  - rest: Sit\n    duration: 10s\n")
    program = write_routine("p", "title: P\nschedule:\n  - days: 1\n    routines: [r]\n")
    in_folder = write_routine("q", "title: broken\n", folder=tmp_path / "programs")
    assert not looks_like_program(routine)
    assert looks_like_program(program)
    assert looks_like_program(in_folder)


@pytest.mark.parametrize("typed", ["q.yaml", ".", "../programs/q.yaml", "./q.yaml"])
def test_a_program_is_one_however_its_path_is_typed(
    tmp_path: Path,
    write_routine: WriteRoutine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    typed: str,
) -> None:
    """Typed from inside `programs/`, the file is still in that folder: checked as a program."""
    from breathe.cli import main

    folder = tmp_path / "programs"
    write_routine("q", "title: broken\n", folder=folder)
    monkeypatch.chdir(folder)
    assert looks_like_program(Path(typed) if typed != "." else Path("q.yaml"))
    assert main(["validate", typed]) == 1
    out = capsys.readouterr().out
    assert "q.yaml:1:1: (document): a program needs `schedule`" in out
    assert "steps" not in out


# -- the schema -----------------------------------------------------------------------------


def test_committed_schema_matches_the_generator() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == program_json_schema_text(), (
        "the committed program schema drifted: run `python -m breathe.format.schema`"
    )


def test_schema_is_valid_closed_and_documented() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert_closed_and_documented(schema)


AGREEMENT = {
    "full": (FULL, True),
    "numbers": (
        "title: T\nschedule:\n  - days: 1\n    routines: [a]\n  - days: 2\n    routines: [a]\n",
        True,
    ),
    "misspelled key": ("title: T\nschedule:\n  - dayz: 1\n    routines: [a]\n", False),
    "no routines": ("title: T\nschedule:\n  - days: 1\n", False),
    "both days and weeks": (
        "title: T\nschedule:\n  - days: 1\n    weeks: 1\n    routines: [a]\n",
        False,
    ),
    "bad when": (
        "title: T\nschedule:\n  - days: 1\n    routines:\n      - {routine: a, when: noon}\n",
        False,
    ),
    "bad name": ("title: T\nschedule:\n  - days: 1\n    routines: ['-a']\n", False),
    "no title": ("schedule:\n  - days: 1\n    routines: [a]\n", False),
    "words for days": ("title: T\nschedule:\n  - days: one\n    routines: [a]\n", False),
}


@pytest.mark.parametrize("name", AGREEMENT)
def test_schema_and_loader_agree(name: str) -> None:
    """On each entry; whether the entries cover the days in order only the loader checks."""
    text, valid = AGREEMENT[name]
    assert_schema_and_loader_agree(VALIDATOR, parse_program, text, valid)
