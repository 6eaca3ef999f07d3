"""The program model: a plan of routines over many days, and which day a date is.

A program file lists entries for ranges of days (`days: 1-14`, `weeks: 3-4`); the loader
checks that together they cover day 1 to the last day once each, so every day of a loaded
program has exactly one `Stage`. Days are calendar days: the start date is day 1, the
next date day 2, whatever the clock says, so a day is never shorter or longer because of
a time change or a month's length.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, time, timedelta
from enum import StrEnum
from pathlib import Path

from breathe.core.paste import breathe_command
from breathe.core.problems import Location
from breathe.core.words import counted

PROGRAM_FORMAT_VERSION = 1


class PartOfDay(StrEnum):
    """When in the day a routine is meant to be done."""

    MORNING = "morning"
    MIDDAY = "midday"
    AFTERNOON = "afternoon"
    EVENING = "evening"


# The hour (local time) each part of the day starts at; evening runs through the night.
PART_OF_DAY_STARTS: tuple[tuple[int, PartOfDay], ...] = (
    (4, PartOfDay.MORNING),
    (11, PartOfDay.MIDDAY),
    (14, PartOfDay.AFTERNOON),
    (18, PartOfDay.EVENING),
)


def part_of_day(moment: time) -> PartOfDay:
    """The part of the day a local clock time falls in: morning from 4:00, midday from
    11:00, afternoon from 14:00, evening from 18:00 until 4:00."""
    current = PartOfDay.EVENING
    for hour, part in PART_OF_DAY_STARTS:
        if moment.hour >= hour:
            current = part
    return current


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedRoutine:
    """One routine to do on each day of a stage; `location` is where its name is written.

    Built by keyword from a program file's keys: one left out takes its default here."""

    routine: str
    when: PartOfDay | None = None
    note: str = ""
    location: Location


@dataclass(frozen=True, slots=True)
class RoutineName:
    """A routine named in a program file, and where its name is written."""

    name: str
    location: Location


@dataclass(frozen=True, slots=True, kw_only=True)
class Alternative:
    """Routines a person may do instead of `routine` for the whole program, for a reason
    such as glaucoma (`why`): wherever the program plays `routine`, on its own or inside a
    longer routine, the one chosen plays in its place. `location`: where `routine` is
    written."""

    routine: str
    instead: tuple[RoutineName, ...]
    why: str = ""
    location: Location

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(choice.name for choice in self.instead)


@dataclass(frozen=True, slots=True)
class Stage:
    """The plan for the days `first_day` to `last_day` (both included, counted from 1)."""

    first_day: int
    last_day: int
    routines: tuple[PlannedRoutine, ...]
    focus: str
    label: str  # the range as written, in words: "days 1-14", "weeks 3-4", "day 7"
    location: Location  # where the range is written

    @property
    def days(self) -> int:
        return self.last_day - self.first_day + 1


@dataclass(frozen=True, slots=True, kw_only=True)
class LighterDays:
    """Every `every`-th day (day 7, 14, ... for 7) is lighter: `routines` are done that day
    instead of its stage's, so rest comes round at a steady rhythm whatever the stage.
    `location`: where `lighter_days` is written."""

    every: int
    routines: tuple[PlannedRoutine, ...]
    focus: str = "A lighter day"
    location: Location

    def includes(self, day: int) -> bool:
        return day % self.every == 0


@dataclass(frozen=True, slots=True)
class Program:
    """A loaded, checked program file. Its stages cover day 1 to `length_days` in order."""

    name: str
    title: str
    stages: tuple[Stage, ...]
    path: Path
    description: str = ""
    checklist: tuple[str, ...] = ()
    safety: str = ""
    author: str = ""
    alternatives: tuple[Alternative, ...] = ()
    lighter_days: LighterDays | None = None
    format_version: int = PROGRAM_FORMAT_VERSION
    location: Location | None = None

    @property
    def length_days(self) -> int:
        return self.stages[-1].last_day

    def stage_for(self, day: int) -> Stage:
        """The stage planning `day` (1 to `length_days`): a lighter day's, on those days."""
        lighter = self.lighter_days
        if lighter is not None and lighter.includes(day) and 1 <= day <= self.length_days:
            return Stage(day, day, lighter.routines, lighter.focus, f"day {day}", lighter.location)
        for stage in self.stages:
            if stage.first_day <= day <= stage.last_day:
                return stage
        raise ValueError(f"day {day} is outside the program's days 1-{self.length_days}")

    def routine_names(self) -> list[str]:
        """Every routine the program names, once each, in the order first named."""
        lighter = self.lighter_days.routines if self.lighter_days else ()
        planned = [p for s in self.stages for p in s.routines] + list(lighter)
        return list(dict.fromkeys(p.routine for p in planned))

    def alternative_for(self, routine: str) -> Alternative | None:
        """What may be done instead of `routine`, if the program offers anything."""
        return next((a for a in self.alternatives if a.routine == routine), None)


def choice_problem(program: Program, routine: str, chosen: str) -> str | None:
    """Why `chosen` cannot be done instead of `routine` in `program`, in words; None if it
    can (the program offers it as an alternative)."""
    alternative = program.alternative_for(routine)
    if alternative is None:
        offered = ", ".join(a.routine for a in program.alternatives)
        return f"`{program.name}` offers nothing instead of `{routine}`" + (
            f"; it offers alternatives to: {offered}" if offered else ""
        )
    if chosen not in alternative.names:
        return f"`{program.name}` offers instead of `{routine}`: {', '.join(alternative.names)}"
    return None


class DayState(StrEnum):
    UPCOMING = "upcoming"  # the start date is still ahead
    IN_PROGRESS = "in progress"
    FINISHED = "finished"  # the last day is behind


@dataclass(frozen=True, slots=True)
class ProgramDay:
    """Where a date falls in a program started on `start`."""

    program: Program
    start: date
    today: date
    number: int  # 1 on the start date; 0 or less before it; past `length` after the end
    state: DayState
    stage: Stage | None  # the day's plan, while the program is in progress
    # The person's choices for the whole program: routine -> the alternative done instead.
    # The stage's routines already name the alternatives; a routine that includes one of
    # these is played with the alternative in its place (`Catalog.choosing`).
    instead: Mapping[str, str] | None = None

    @property
    def length(self) -> int:
        return self.program.length_days

    @property
    def routines(self) -> tuple[PlannedRoutine, ...]:
        return self.stage.routines if self.stage is not None else ()

    @property
    def end(self) -> date:
        """The date of the last day."""
        return end_date(self.program, self.start)

    @property
    def days_until_start(self) -> int:
        return max(0, 1 - self.number)

    @property
    def lighter(self) -> bool:
        """Whether this is one of the program's lighter days (its own routines, for rest)."""
        lighter = self.program.lighter_days
        return (
            self.state is DayState.IN_PROGRESS
            and lighter is not None
            and lighter.includes(self.number)
        )

    def suggested(self, moment: time) -> PlannedRoutine | None:
        """The routine to do at `moment`: see `suggested_routine`."""
        return suggested_routine(self.routines, moment)


def program_days(
    program: Program, start: date, instead: Mapping[str, str] | None = None
) -> tuple[ProgramDay, ...]:
    """Every day of `program` started on `start`, day 1 to the last, each with its plan
    (and the alternatives chosen): what `breathe program status` and the app's Program
    screen preview. A start past `latest_start` has no days (see `beyond_calendar`)."""
    if beyond_calendar(program, start) is not None:
        return ()
    return tuple(
        program_day(program, start, start + timedelta(days=number - 1), instead)
        for number in range(1, program.length_days + 1)
    )


def day_headline(day: ProgramDay) -> str:
    """`Day 15 of 60`, or where the program stands when it is not in progress."""
    if day.state is DayState.UPCOMING:
        when = (
            "tomorrow"
            if day.days_until_start == 1
            else f"in {counted(day.days_until_start, 'day')}"
        )
        return f"Starts {when}, on {day.start.isoformat()}"
    if day.state is DayState.FINISHED:
        return f"Finished: its {day.length} days ended on {day.end.isoformat()}"
    return f"Day {day.number} of {day.length}"


@dataclass(frozen=True, slots=True)
class ProgramStatus:
    """What `breathe program status` and the app's Program screen say of the active
    program on a day, in the same words: the day (with its stage's focus), its dates, and
    the days done and missed (None where the history cannot be read)."""

    day: ProgramDay
    progress: tuple[int, int] | None = None  # days done, days missed

    @property
    def headline(self) -> str:
        """`Day 15 of 60  ·  days 15-28: Longer walks`."""
        stage = self.day.stage
        focus = f"  ·  {stage.label}: {stage.focus}" if stage and stage.focus else ""
        return f"{day_headline(self.day)}{focus}"

    @property
    def dates(self) -> str:
        """When it started and ends (an upcoming program's headline says when it starts)."""
        day = self.day
        if day.state is DayState.UPCOMING:
            return f"Its last day will be {day.end.isoformat()}."
        return f"Started {day.start.isoformat()}; the last day is {day.end.isoformat()}."

    @property
    def progress_line(self) -> str | None:
        """`12 days done, 2 missed (...)`, once the program has begun and if it is known."""
        if self.progress is None or self.day.state is DayState.UPCOMING:
            return None
        done, missed = self.progress
        return (
            f"{counted(done, 'day')} done, {missed} missed (a day is done when one of its "
            "sessions is finished)"
        )


def take_up_again(name: str, started: date, instead: Mapping[str, str] | None = None) -> str:
    """The command that takes a stopped program up again where it was: its history (the
    days done, the journal, the ticks) is kept, so it carries on from the same day 1, with
    the alternatives chosen for it (`instead`), which someone may need for their health."""
    choices = [
        word
        for routine, chosen in sorted((instead or {}).items())
        for word in ("--instead", f"{routine}={chosen}")
    ]
    return breathe_command("program", "start", name, "--date", started.isoformat(), *choices)


def day_number(start: date, today: date) -> int:
    """Day 1 is `start`; each calendar day after it counts one more."""
    return (today - start).days + 1


def end_date(program: Program, start: date) -> date:
    """The date of the last day; OverflowError past 9999-12-31 (see `latest_start`)."""
    return start + timedelta(days=program.length_days - 1)


def latest_start(program: Program) -> date:
    """The last date `program` can start on: its last day is then 9999-12-31, the end of
    the calendar Python knows. A later start (a typo, or a program made longer since) has
    no end date, so it is refused rather than followed."""
    return date.max - timedelta(days=program.length_days - 1)


def beyond_calendar(program: Program, start: date) -> str | None:
    """Why `program` cannot start on `start`, in words; None if it can."""
    if start <= latest_start(program):
        return None
    return (
        f"started on {start.isoformat()}, its {program.length_days} days would run past "
        f"{date.max.isoformat()}, the end of the calendar"
    )


def program_day(
    program: Program, start: date, today: date, instead: Mapping[str, str] | None = None
) -> ProgramDay:
    """Which day of `program`, started on `start`, the date `today` is, and its plan, with
    the alternatives chosen (`instead`: routine -> alternative) in place of their routines.

    Both are local calendar dates (`date.today()`); no clock time is involved.
    """
    number = day_number(start, today)
    chosen = dict(instead or {}) or None
    if number < 1:
        return ProgramDay(program, start, today, number, DayState.UPCOMING, None, chosen)
    if number > program.length_days:
        return ProgramDay(program, start, today, number, DayState.FINISHED, None, chosen)
    stage = program.stage_for(number)
    if chosen:
        stage = replace(
            stage,
            routines=tuple(
                replace(planned, routine=chosen[planned.routine])
                if planned.routine in chosen
                else planned
                for planned in stage.routines
            ),
        )
    return ProgramDay(program, start, today, number, DayState.IN_PROGRESS, stage, chosen)


def suggested_routine(routines: tuple[PlannedRoutine, ...], moment: time) -> PlannedRoutine | None:
    """The routine planned for the part of the day `moment` falls in, else the first."""
    now = part_of_day(moment)
    for planned in routines:
        if planned.when is now:
            return planned
    return routines[0] if routines else None
