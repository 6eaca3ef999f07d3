"""The program format, version 1, declared once; and the loader of program files.

A program is a plan over days: `schedule` entries name a range of days (`days: 1-14`) or
weeks (`weeks: 3-4`) and the routines to do on each of those days. `PROGRAM` checks a
document with the same machinery as routines (`spec`, and `document` for loading and the
schema: `PROGRAM_FILE`), so problems read the same; `program_json_schema()` describes the
same declaration for editors. Whether
the routines a program names exist is a question for a catalog, asked separately
(`breathe.library.program_catalog`): a program file can be checked on its own.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breathe.core.problems import Location, Problem
from breathe.core.program import (
    PART_OF_DAY_STARTS,
    PROGRAM_FORMAT_VERSION,
    Alternative,
    LighterDays,
    PartOfDay,
    PlannedRoutine,
    Program,
    RoutineName,
    Stage,
)
from breathe.core.words import is_or_are, plural, span
from breathe.format.document import (
    Document,
    author_field,
    file_name,
    title_field,
    top_level_key_hints,
)
from breathe.format.routine_spec import NAME_PATTERN
from breathe.format.spec import (
    INVALID,
    Checker,
    Choice,
    Field,
    FormatVersion,
    Invalid,
    JsonSchema,
    ListOf,
    Record,
    SchemaBuilder,
    Spec,
    Text,
    Whole,
    scalar_text,
    shortened,
)
from breathe.format.yaml_source import MAX_FILE_BYTES, YAML_SUFFIXES

PROGRAM_SUFFIXES = YAML_SUFFIXES
MAX_DAYS = 366
DAYS_PER_WEEK = 7
MAX_WEEKS = MAX_DAYS // DAYS_PER_WEEK
MAX_STAGES = 100
MAX_ROUTINES_A_DAY = 8
MAX_CHECKLIST = 12
MAX_ALTERNATIVES = 20  # routines that have alternatives
MAX_CHOICES = 4  # alternatives to one routine


def _range_grammar(digits: str) -> str:
    """A day or a range of days (weeks) as written: `3`, `1-14`, `1 - 14`; declared once
    for the check and the schema."""
    return rf"\s*({digits})\s*(?:-\s*({digits})\s*)?"


_RANGE_RE = re.compile(_range_grammar(r"\d{1,6}"), re.ASCII)
# For editors, only what `check` could accept: the number of digits is checked there.
_RANGE_PATTERN = "^" + _range_grammar(r"\d+") + "$"


_UNIT_WORDS = ("week", "day")
_NUMBER_WORDS = {
    word: number
    for number, words in enumerate(
        (
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
        ),
        1,
    )
    for word in words
}
_OTHER_RANGE_RE = re.compile(
    r"\s*(\d{1,6})\s*(?:to|through|thru|till|until|\.\.+|—|~|/|_)\s*(\d{1,6})\s*"
)
_ENDLESS_RE = re.compile(r"\s*\d{1,6}\s*-\s*")
_UPTO_RE = re.compile(r"\s*-\s*\d{1,6}\s*")
_LIST_RE = re.compile(r"\s*\d{1,6}(?:\s*(?:,|and|&)\s*\d{1,6})+\s*")


def _range_text(first: int, last: int) -> str:
    """`3` for one day or week, `1-14` for a range."""
    return str(first) if first == last else f"{first}-{last}"


@dataclass(frozen=True, slots=True)
class DayRange:
    """A range of days as checked, whether written in days or weeks."""

    first_day: int
    last_day: int
    label: str
    location: Location


class DayRangeSpec(Spec):
    """One day or week (`7`), or a range of them (`1-14`), counted from 1."""

    def __init__(self, description: str, *, unit: str, days_each: int, maximum: int) -> None:
        self.description = description
        self.unit = unit
        self.days_each = days_each
        self.maximum = maximum

    def check(self, node: Node, key_path: str, checker: Checker) -> DayRange | Invalid:
        unit, units = self.unit, plural(self.unit)
        hint = f"write one {unit} (`3`) or a range of {units} (`3-4`)"
        if isinstance(node, SequenceNode) and all(
            isinstance(item, ScalarNode) and item.value.isdigit() for item in node.value
        ):  # `[1, 7]`, or its items on lines of their own
            listed = ", ".join(item.value for item in node.value)
            advice = self.rewritten(listed)
            if advice is not None:
                return checker.report(
                    node, key_path, f"must be a {unit} or a range of {units}, not a list", advice
                )
        text = scalar_text(node, key_path, checker, f"a {unit} or a range of {units}")
        if text is None:
            return INVALID
        match = _RANGE_RE.fullmatch(text)
        if match is None:
            return checker.report(
                node,
                key_path,
                f"`{shortened(text)}` is not a {unit} or a range of {units}",
                self.rewritten(text) or hint,
            )
        first = int(match.group(1))
        last = int(match.group(2) or match.group(1))
        if first < 1:
            fixed = _range_text(1, max(1, last))
            return checker.report(
                node,
                key_path,
                f"there is no {unit} 0: {units} count from 1",
                f"the program's first {unit} is {unit} 1: write `{fixed}`",
            )
        if last < first:
            return checker.report(
                node,
                key_path,
                f"the range {first}-{last} runs backwards",
                f"write the first {unit} first: `{last}-{first}`",
            )
        if last > self.maximum:
            return checker.report(
                node,
                key_path,
                f"{unit} {last} is past the end of the longest program",
                f"a program lasts at most {MAX_DAYS} days ({MAX_WEEKS} weeks): end this entry "
                f"by {unit} {self.maximum}"
                + (f", as `{_range_text(first, self.maximum)}`" if first <= self.maximum else ""),
            )
        return DayRange(
            (first - 1) * self.days_each + 1,
            last * self.days_each,
            span(unit, first, last),
            checker.location(node, key_path),
        )

    def rewritten(self, text: str) -> str | None:
        """Advice for a range written another way (`1 to 14`, `day 1-14`, `1, 2, 3`,
        `week 2` under `days:`), with the value to write; None when none can be guessed."""
        unit, units = self.unit, plural(self.unit)
        words = text.lower()
        other = next(
            (word for word in _UNIT_WORDS if word != unit and re.search(rf"\b{word}s?\b", words)),
            None,
        )
        numbers = [int(number) for number in re.findall(r"\d{1,6}", words)]
        if other is not None and numbers and len(numbers) <= 2:
            first, last = numbers[0], numbers[-1]
            key = plural(other)
            if other == "week":
                in_days = _range_text((first - 1) * DAYS_PER_WEEK + 1, last * DAYS_PER_WEEK)
                weeks = _range_text(first, last)
                return f"plan weeks with `{key}: {weeks}`, or write it in days: `{in_days}`"
            return f"plan days with `{key}: {_range_text(first, last)}`"
        bare = re.sub(rf"\b(?:{unit}s?|from|on)\b|[,.]$", " ", words).strip()
        if bare in _NUMBER_WORDS:
            return f"write the {unit}'s number in digits: `{_NUMBER_WORDS[bare]}`"
        if _ENDLESS_RE.fullmatch(bare):
            first = int(bare.strip(" -"))
            example = _range_text(first, first + (6 if self.days_each == 1 else 1))
            return f"a range has a first and a last {unit}, such as `{example}`"
        if _UPTO_RE.fullmatch(bare):
            return f"{units} count from 1: write `1-{bare.strip(' -')}`"
        pair = _OTHER_RANGE_RE.fullmatch(bare)
        if pair is not None:
            return f"join the first and last {unit} with a dash: `{pair[1]}-{pair[2]}`"
        if _LIST_RE.fullmatch(bare) and len(numbers) > 1:
            span_text = f"{numbers[0]}-{numbers[-1]}"
            if numbers == list(range(numbers[0], numbers[0] + len(numbers))):
                return f"for {units} in a row, write the first and the last: `{span_text}`"
            return (
                f"an entry plans {units} in a row (`{span_text}`); give other {units} entries "
                "of their own"
            )
        if bare != words and _RANGE_RE.fullmatch(bare):
            fixed = re.sub(r"\s+", "", bare)
            return (
                f"write the {plural('number') if '-' in fixed else 'number'} alone, under "
                f"`{units}:`: `{fixed}`"
            )
        return None

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {
            "description": f"{self.description} From 1 to {self.maximum}.",
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": self.maximum},
                {"type": "string", "pattern": _RANGE_PATTERN},
            ],
            "examples": ["1-14", 3],
        }


ROUTINE_NAME = Text(
    "A routine's name: its file name without `.yaml`, as `breathe list` shows it.",
    max_length=80,
    pattern=NAME_PATTERN,
    pattern_hint="a routine name is its file name without `.yaml`",
    examples=("belly-breathing",),
)

WHEN = Choice(
    "When in the day to do it; `breathe today` plays the routine of the part of the day it is.",
    {
        part: f"from {hour}:00" + (", through the night" if part is PartOfDay.EVENING else "")
        for hour, part in PART_OF_DAY_STARTS
    },
    synonyms={
        **dict.fromkeys(("mornings", "dawn", "sunrise", "am", "wake", "waking"), PartOfDay.MORNING),
        **dict.fromkeys(("noon", "lunch", "lunchtime", "midday", "mid-day"), PartOfDay.MIDDAY),
        **dict.fromkeys(("afternoons", "pm"), PartOfDay.AFTERNOON),
        **dict.fromkeys(
            ("evenings", "night", "bedtime", "bed", "sunset", "dusk"), PartOfDay.EVENING
        ),
    },
)

PLANNED_ROUTINE = Record(
    "planned-routine",
    "a planned routine",
    "A routine to do each day, with when and a note.",
    {
        "routine": Field(ROUTINE_NAME, required=True),
        "when": Field(WHEN),
        "note": Field(
            Text("A word for the person doing it, shown with the routine.", max_length=200)
        ),
    },
    key_hints={
        "name": "did you mean `routine`?",
        "include": "a program names a routine with `routine:`",
        "time": "did you mean `when`?",
        "at": "did you mean `when`?",
        "part": "did you mean `when`?",
    },
)


class PlannedRoutineSpec(Spec):
    """A routine by name (`- belly-breathing`), or with details (`- routine: ...`)."""

    description = (
        "A routine to do each of these days: its name, or `routine:` with `when:` "
        "(morning, midday, afternoon or evening) and a `note:`."
    )

    def check(self, node: Node, key_path: str, checker: Checker) -> PlannedRoutine | Invalid:
        if isinstance(node, MappingNode):
            values = PLANNED_ROUTINE.check(node, key_path, checker)
            if not isinstance(values, dict):
                return INVALID
            name_node = next(value for key, value in node.value if key.value == "routine")
            return PlannedRoutine(
                location=checker.location(name_node, f"{key_path}.routine"), **values
            )
        name = ROUTINE_NAME.check(node, key_path, checker)
        if not isinstance(name, str):
            return INVALID
        return PlannedRoutine(routine=name, location=checker.location(node, key_path))

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {
            "description": self.description,
            "oneOf": [ROUTINE_NAME.json_schema(builder), PLANNED_ROUTINE.json_schema(builder)],
        }


class RoutineNameSpec(Spec):
    """A routine's name, kept with where it is written (to say where an unknown one is)."""

    description = ROUTINE_NAME.description

    def check(self, node: Node, key_path: str, checker: Checker) -> RoutineName | Invalid:
        name = ROUTINE_NAME.check(node, key_path, checker)
        if not isinstance(name, str):
            return INVALID
        return RoutineName(name, checker.location(node, key_path))

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return ROUTINE_NAME.json_schema(builder)


def _alternative(values: dict[str, Any], _where: Location) -> Alternative:
    return Alternative(
        routine=values["routine"],
        instead=values["instead"],
        why=values.get("why", ""),
        location=values["location"],
    )


ALTERNATIVE = Record(
    "alternative",
    "an alternative",
    "Routines a person may do instead of one the program plays, chosen once for the whole "
    "program (`breathe program start NAME --instead ROUTINE=ALTERNATIVE`): it then plays "
    "wherever the program plays that routine, on its own or inside a longer routine.",
    {
        "routine": Field(ROUTINE_NAME, required=True),
        "instead": Field(
            ListOf(
                "The routines that may be done instead of it, best first.",
                RoutineNameSpec(),
                min_items=1,
                max_items=MAX_CHOICES,
                noun="routines",
            ),
            required=True,
        ),
        "why": Field(
            Text(
                "Who should choose one of them, in a few words: shown with the choice.",
                max_length=300,
                examples=("With glaucoma, peripheral artery disease or in later pregnancy",),
            )
        ),
    },
    build=_alternative,
    located={"routine": "location"},
    key_hints={
        "alternatives": "list the routines under `instead:`",
        "alternative": "did you mean `instead`?",
        "play": "did you mean `instead`?",
        "name": "did you mean `routine`?",
        "reason": "did you mean `why`?",
    },
)


def _routines_a_day(description: str) -> ListOf:
    return ListOf(
        description,
        PlannedRoutineSpec(),
        min_items=1,
        max_items=MAX_ROUTINES_A_DAY,
        noun="routines",
    )


def _lighter_days(values: dict[str, Any], where: Location) -> LighterDays:
    return LighterDays(location=where, **values)


LIGHTER_DAYS = Record(
    "lighter-days",
    "the lighter-day plan",
    "Lighter days at a steady rhythm: every `every`-th day of the program (7: days 7, 14, "
    "21, ...), its `routines` are done instead of the schedule's for that day.",
    {
        "every": Field(
            Whole(
                "Which days are lighter: 7 makes days 7, 14, 21 and so on lighter.",
                minimum=2,
                maximum=MAX_DAYS,
                noun="days",
                examples=(7,),
            ),
            required=True,
        ),
        "focus": Field(
            Text(
                "What these days are about, in a few words (default: A lighter day).",
                max_length=120,
                examples=("A lighter day",),
            )
        ),
        "routines": Field(
            _routines_a_day("The routines of a lighter day: fewer and shorter than around it."),
            required=True,
        ),
    },
    build=_lighter_days,
    key_hints={
        "days": "write which days with `every: 7` (days 7, 14, 21, ...)",
        "rest": "did you mean `routines`?",
    },
)


def _stage(values: dict[str, Any], _where: Location) -> Stage:
    days = values.get("days") or values["weeks"]
    assert isinstance(days, DayRange)
    return Stage(
        days.first_day,
        days.last_day,
        values["routines"],
        values.get("focus", ""),
        days.label,
        days.location,
    )


STAGE = Record(
    "schedule-entry",
    "a schedule entry",
    "The routines for a range of days (`days`) or weeks (`weeks`).",
    {
        "days": Field(
            DayRangeSpec(
                "The days this entry plans: one day (`7`) or a range (`1-14`); day 1 is the day "
                "the program is started.",
                unit="day",
                days_each=1,
                maximum=MAX_DAYS,
            )
        ),
        "weeks": Field(
            DayRangeSpec(
                "The weeks this entry plans: one week (`3`) or a range (`3-4`); week 1 is "
                "days 1-7.",
                unit="week",
                days_each=DAYS_PER_WEEK,
                maximum=MAX_WEEKS,
            )
        ),
        "focus": Field(
            Text(
                "What these days are about, in a few words: shown with the day.",
                max_length=120,
                examples=("Begin with the breath",),
            )
        ),
        "routines": Field(
            _routines_a_day("The routines to do on each of these days, in the order of the day."),
            required=True,
        ),
    },
    build=_stage,
    one_of=(("days", "weeks"),),
    key_hints={
        "day": "did you mean `days`?",
        "week": "did you mean `weeks`?",
        "routine": "list the routines under `routines:`, each on a line starting with `- `",
        **dict.fromkeys(
            ("when", "note"),
            "a routine's time of day and note go with it: write it under `routines:` as "
            "`- routine: NAME`, with `when:` and `note:` on the lines under it",
        ),
        "steps": "a program names routines under `routines:`; steps belong in routine files",
    },
)


SCHEDULE = ListOf(
    "The plan, day by day: entries in order, covering every day from day 1 to the last once.",
    STAGE,
    min_items=1,
    max_items=MAX_STAGES,
    noun="entries",
)

PROGRAM = Record(
    "program",
    "a program",
    "A plan of breathe routines over many days.",
    {
        "format": Field(FormatVersion(PROGRAM_FORMAT_VERSION, "program", named=True)),
        "title": title_field("program", "60-day circulation and nerve recovery"),
        "description": Field(
            Text("What the program is for and how it builds up.", max_length=2000)
        ),
        "author": author_field("program"),
        "safety": Field(
            Text(
                "Shown with the program: who should ask a professional first, when to stop.",
                max_length=1000,
            )
        ),
        "checklist": Field(
            ListOf(
                "Daily habits that go with the program, listed by its author; breathe shows "
                "them each day and only records what the person ticks.",
                Text("One habit, in a few words.", max_length=120),
                min_items=1,
                max_items=MAX_CHECKLIST,
                noun="items",
                unique=True,
            )
        ),
        "alternatives": Field(
            ListOf(
                "Routines the program plays that some people must avoid, each with what may "
                "be done instead; a person chooses once for the whole program.",
                ALTERNATIVE,
                min_items=1,
                max_items=MAX_ALTERNATIVES,
                noun="alternatives",
            )
        ),
        "lighter_days": Field(LIGHTER_DAYS),
        "schedule": Field(SCHEDULE, required=True),
    },
    key_hints={
        **top_level_key_hints("program"),
        "instead": "offer alternatives under `alternatives:`, each entry starting "
        "`- routine: NAME` with the routines to do `instead:`",
        "days": "plan the days under `schedule:`, each entry starting `- days: 1-14`",
        "weeks": "plan the weeks under `schedule:`, each entry starting `- weeks: 3-4`",
        "plan": "did you mean `schedule`?",
        "habits": "did you mean `checklist`?",
        "rest_days": "did you mean `lighter_days`?",
        "lighter": "did you mean `lighter_days`?",
        "steps": "a program lists routines by name under `schedule:`; steps belong in "
        "routine files",
    },
)


_SCHEDULE_KEY_RE = re.compile(rb"^schedule[ \t]*:", re.MULTILINE)
_STEPS_KEY_RE = re.compile(rb"^steps[ \t]*:", re.MULTILINE)


def looks_like_program(path: Path) -> bool:
    """Whether `breathe validate` should check `path` as a program, not a routine: it sits
    in a `programs` folder, or has a top-level `schedule:` and no top-level `steps:`.

    The folder is read from the absolute path: `p3.yaml` typed inside `programs/` (or
    found there by `validate .`) is in that folder as much as the full path is.
    """
    if in_programs_folder(path):
        return True
    try:
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError:
        return False
    return reads_like_program(data)


def in_programs_folder(path: Path) -> bool:
    """Whether `path` sits in a folder named `programs` (read from the absolute path)."""
    return Path(os.path.abspath(path)).parent.name == "programs"


def reads_like_program(data: bytes) -> bool:
    """A top-level `schedule:` and no top-level `steps:`: a program's file, not a routine's."""
    return bool(_SCHEDULE_KEY_RE.search(data)) and not _STEPS_KEY_RE.search(data)


def _check_schedule(values: dict[str, Any], checker: Checker) -> None:
    _check_days_in_order(values["schedule"], checker)
    _check_alternatives(values.get("alternatives", ()), checker)


def _check_alternatives(alternatives: tuple[Alternative, ...], checker: Checker) -> None:
    """Each routine has alternatives once, and none is an alternative to itself or named
    twice as one."""
    seen: dict[str, Alternative] = {}
    for alternative in alternatives:
        where = alternative.location
        first = seen.setdefault(alternative.routine, alternative)
        if first is not alternative:
            checker.add(
                Problem(
                    where.path,
                    where.line,
                    where.column,
                    where.key_path,
                    f"`{alternative.routine}` already has alternatives (line "
                    f"{first.location.line})",
                    "list all its alternatives under that entry's `instead:`",
                )
            )
        named: set[str] = set()
        for choice in alternative.instead:
            at = choice.location
            if choice.name == alternative.routine:
                message = f"`{choice.name}` cannot be an alternative to itself"
                hint = "name a different routine to do instead"
            elif choice.name in named:
                message, hint = f"`{choice.name}` is named twice", "name each alternative once"
            else:
                named.add(choice.name)
                continue
            checker.add(Problem(at.path, at.line, at.column, at.key_path, message, hint))


def _check_days_in_order(stages: tuple[Stage, ...], checker: Checker) -> None:
    """The entries follow each other: the first on day 1, each the day after the last."""
    expected = 1
    previous: Stage | None = None
    for stage in stages:
        where = stage.location
        problem: tuple[str, str] | None = None
        if stage.first_day > expected:
            missing = span("day", expected, stage.first_day - 1)
            problem = (
                f"{missing} {is_or_are(stage.first_day - expected)} not planned: "
                f"this entry starts on day {stage.first_day}",
                f"add an entry for {missing} before it, or start this one on day {expected}",
            )
        elif stage.first_day < expected and previous is not None:
            last_taken = min(stage.last_day, expected - 1)
            taken = span("day", stage.first_day, last_taken)
            problem = (
                f"{taken} {is_or_are(last_taken - stage.first_day + 1)} planned twice: "
                f"`{previous.label}` (line {previous.location.line}) already ends on day "
                f"{expected - 1}",
                f"each day belongs to one entry, in order: start this one on day {expected}",
            )
        if problem is not None:
            checker.add(Problem(where.path, where.line, where.column, where.key_path, *problem))
        expected = max(expected, stage.last_day + 1)
        previous = stage if previous is None or stage.last_day >= previous.last_day else previous


PROGRAM_FILE = Document(
    "program",
    PROGRAM_FORMAT_VERSION,
    PROGRAM,
    Program,
    {"format": "format_version", "schedule": "stages"},
    check_more=_check_schedule,
)

program_name = file_name
load_program = PROGRAM_FILE.load
parse_program = PROGRAM_FILE.parse
SCHEMA_PATH = PROGRAM_FILE.schema_path
SCHEMA_ID = PROGRAM_FILE.schema_id
program_json_schema = PROGRAM_FILE.json_schema
program_json_schema_text = PROGRAM_FILE.json_schema_text
