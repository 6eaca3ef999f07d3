"""`breathe program list|start|stop|status` and `breathe today`: following a program.

The active program and its start date are kept in the state file (`breathe.library.state`);
which day it is comes from that date and today's local date (`breathe.core.program`).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from breathe.core.paste import breathe_command
from breathe.core.program import day_headline

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console

    from breathe.core.options import PlayOptions
    from breathe.core.problems import Problem
    from breathe.core.program import PlannedRoutine, Program, ProgramDay
    from breathe.library.catalog import Catalog
    from breathe.library.program_catalog import ProgramCatalog
    from breathe.library.state import ActiveProgram


# -- shared -----------------------------------------------------------------------------------


def _catalogs() -> tuple[Catalog, ProgramCatalog]:
    from breathe.cli.routines import load_catalog
    from breathe.library.locations import bundled_programs_dir, user_programs_dir
    from breathe.library.program_catalog import ProgramCatalog

    return load_catalog(), ProgramCatalog.load(bundled_programs_dir(), user_programs_dir())


def _print_problems(console: Console, problems: Sequence[Problem]) -> None:
    from breathe.cli.validate import render_problem

    for problem in problems:
        console.print(render_problem(problem))


def _state_error(console: Console, error: Exception) -> int:
    from breathe.cli.exits import EXIT_PROBLEMS

    console.print(f"breathe: {error}", style="bad")
    return EXIT_PROBLEMS


def _active_day(
    console: Console, today: date, *, when_none: int
) -> tuple[Catalog, ActiveProgram, Program, ProgramDay] | int:
    """The active program and today's place in it; an exit status once a reason is printed
    (`when_none` if no program is active)."""
    from breathe.cli.exits import EXIT_PROBLEMS
    from breathe.core.program import beyond_calendar, program_day
    from breathe.library.state import StateFileError, active_program

    try:
        active = active_program()
    except StateFileError as error:
        return _state_error(console, error)
    if active is None:
        console.print(
            f"No program is active. `{breathe_command('program', 'list')}` shows the "
            f"programs; `{breathe_command('program', 'start', 'NAME')}` starts one."
        )
        return when_none
    catalog, programs = _catalogs()
    entry = programs.entries.get(active.name)
    if entry is None:
        console.print(
            f"breathe: the active program `{active.name}` is no longer there; "
            f"`{breathe_command('program', 'stop')}` clears it",
            style="bad",
        )
        return EXIT_PROBLEMS
    if entry.program is None:
        console.print(f"The active program `{active.name}` has problems:", style="bad")
        _print_problems(console, list(entry.problems))
        return EXIT_PROBLEMS
    beyond = beyond_calendar(entry.program, active.started)
    if beyond is not None:  # a start date written by hand, or a program made longer since
        console.print(
            f"breathe: the active program `{active.name}` cannot be followed: {beyond}; "
            f"`{breathe_command('program', 'stop')}` clears it",
            style="bad",
        )
        return EXIT_PROBLEMS
    day = program_day(entry.program, active.started, today, active.choices)
    return catalog.choosing(active.choices), active, entry.program, day


# -- breathe program list ---------------------------------------------------------------------


def run_program_list() -> int:
    from rich.table import Table
    from rich.text import Text

    from breathe.cli.console import print_table, stdout_console, whole_width
    from breathe.cli.exits import EXIT_OK
    from breathe.library.state import StateFileError, active_program

    console = stdout_console()
    _, programs = _catalogs()
    try:
        active = active_program()
    except StateFileError as error:
        console.print(f"breathe: {error}", style="bad")
        active = None
    table = Table(box=None, pad_edge=False, header_style="bold")
    # Names, day counts and sources stay whole; a title (or a problem) wraps between words.
    table.add_column("NAME", no_wrap=True, min_width=whole_width("NAME", programs.entries))
    table.add_column("TITLE", overflow="fold")
    table.add_column("DAYS", justify="right", no_wrap=True)
    table.add_column("SOURCE", no_wrap=True)
    for entry in programs.sorted_entries():
        source = "user (overrides bundled)" if entry.overrides else str(entry.source)
        if entry.program is None:
            title = Text("broken", style="bad") + Text(" (the problem is below)", style="muted")
            days = Text("—", style="muted")
        else:
            title = Text(entry.program.title)
            if active is not None and active.name == entry.name:
                title.append(f"  (active since {active.started.isoformat()})", style="good")
            days = Text(str(entry.program.length_days))
        table.add_row(entry.name, title, days, source)
    if programs.entries:
        print_table(console, table)
        broken = [e.problems[0] for e in programs.sorted_entries() if e.program is None]
        if broken:  # whole, under the table: a location is never folded in a narrow column
            console.print()
            _print_problems(console, list(broken))
    else:
        console.print(f"No programs found. Put program files in {programs.user_dir}", style="muted")
    return EXIT_OK


# -- breathe program start --------------------------------------------------------------------


def run_program_start(
    name: str,
    started: date | None,
    *,
    force: bool,
    today: date,
    instead: list[tuple[str, str]] | None = None,
) -> int:
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
    from breathe.core.program import DayState, beyond_calendar, latest_start, program_day
    from breathe.library.program_catalog import routine_problems
    from breathe.library.state import StateFileError, load_state, start_program

    console = stdout_console()
    catalog, programs = _catalogs()
    try:
        entry = programs.find(name)
    except LookupError as error:
        raise UsageError(f"program start: {error}") from None
    name = entry.name  # as found: `circulation` may name circulation-60-day
    if entry.program is None:
        _print_problems(console, list(entry.problems))
        return EXIT_PROBLEMS
    program = entry.program
    problems = routine_problems(program, catalog.entries)
    if problems:
        _print_problems(console, list(problems))
        console.print(f"`{name}` cannot be started until its routines are there.", style="bad")
        return EXIT_PROBLEMS
    chosen = checked_choices(program, instead or [], "program start: --instead")
    started = started or today
    beyond = beyond_calendar(program, started)
    if beyond is not None:
        raise UsageError(
            f"program start: {beyond}; give a --date no later than "
            f"{latest_start(program).isoformat()}"
        )
    day = program_day(program, started, today)
    if day.state is DayState.FINISHED:
        raise UsageError(
            f"program start: a program started on {started.isoformat()} would have ended on "
            f"{day.end.isoformat()} ({program.length_days} days); give a later --date"
        )
    try:
        state = load_state()
        if state.program is not None and not force:
            running = programs.entries.get(state.program.name)
            where = ""
            if running is not None and running.program is not None:
                now = program_day(running.program, state.program.started, today)
                where = f", {day_headline(now).lower()}"
            console.print(
                f"`{state.program.name}` is already active (started "
                f"{state.program.started.isoformat()}{where}). Add --force to replace it; "
                f"`{breathe_command('program', 'stop')}` stops it.",
                style="bad",
            )
            return EXIT_PROBLEMS
        start_program(name, started, instead=chosen)
    except StateFileError as error:
        return _state_error(console, error)
    console.print(f"Started {program.title}.", style="title")
    if day.state is DayState.UPCOMING:
        console.print(f"{day_headline(day)}; its last day is {day.end.isoformat()}.")
    else:
        console.print(
            f"Today, {today.isoformat()}, is day {day.number} of {day.length}; "
            f"the last day is {day.end.isoformat()}."
        )
    if program.safety:
        console.print(f"Safety: {' '.join(program.safety.split())}", style="hint")
    print_alternatives(console, catalog, program, chosen)
    if day.state is DayState.UPCOMING:
        console.print(
            f"From {day.start.isoformat()}, `{breathe_command('today')}` plays each day's "
            f"session; `{breathe_command('program', 'status')}` shows the plan."
        )
    else:
        console.print(
            f"`{breathe_command('today')}` plays today's session; "
            f"`{breathe_command('program', 'status')}` shows the plan."
        )
    return EXIT_OK


# -- alternatives -----------------------------------------------------------------------------


def checked_choices(program: Program, pairs: list[tuple[str, str]], where: str) -> dict[str, str]:
    """`pairs` (routine, alternative) as a choice for `program`; a UsageError naming `where`
    if the program does not offer one of them, or a routine is given twice."""
    from breathe.cli.exits import UsageError
    from breathe.core.program import choice_problem

    chosen: dict[str, str] = {}
    for routine, alternative in pairs:
        problem = choice_problem(program, routine, alternative)
        if problem is None and routine in chosen:
            problem = f"`{routine}` is given twice; choose one routine to do instead of it"
        if problem is not None:
            raise UsageError(f"{where} {routine}={alternative}: {problem}")
        chosen[routine] = alternative
    return chosen


def run_program_choose(pairs: list[tuple[str, str]], as_planned: list[str], today: date) -> int:
    """Change what the active program plays instead of its routines, from now on."""
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
    from breathe.library.state import StateFileError, choose_alternatives

    console = stdout_console()
    found = _active_day(console, today, when_none=EXIT_PROBLEMS)
    if isinstance(found, int):
        return found
    catalog, active, program, _ = found
    if not pairs and not as_planned:
        raise UsageError("program choose: give ROUTINE=ALTERNATIVE, or --as-planned ROUTINE")
    chosen = checked_choices(program, pairs, "program choose:")
    for routine in as_planned:
        if program.alternative_for(routine) is None or routine in chosen:
            problem = choice_problem_for_as_planned(program, routine, chosen)
            raise UsageError(f"program choose: --as-planned {routine}: {problem}")
    instead = {r: a for r, a in active.choices.items() if r not in as_planned} | chosen
    try:
        choose_alternatives(instead)
    except StateFileError as error:
        return _state_error(console, error)
    if not instead:
        console.print(f"{program.title}: every routine as planned.")
    print_alternatives(console, catalog, program, instead)
    return EXIT_OK


def choice_problem_for_as_planned(program: Program, routine: str, chosen: dict[str, str]) -> str:
    if routine in chosen:
        return f"`{routine}` is also given an alternative; give one or the other"
    offered = ", ".join(a.routine for a in program.alternatives)
    return f"`{program.name}` offers nothing instead of `{routine}`" + (
        f"; it offers alternatives to: {offered}" if offered else ""
    )


def print_alternatives(
    console: Console, catalog: Catalog, program: Program, chosen: dict[str, str]
) -> None:
    """What the person does instead of a routine for the whole program, what else the
    program offers, and the commands that choose or change it."""
    from rich.text import Text

    def title(name: str) -> str:
        entry = catalog.entries.get(name)
        routine = entry.routine if entry is not None else None
        return routine.title if routine is not None else name

    for routine, done in chosen.items():
        console.print(
            Text.assemble(
                "Instead of ",
                (title(routine), "bold"),
                ": ",
                (title(done), "bold"),
                (f" ({done}), wherever the program plays it", "muted"),
            )
        )
    offered = [a for a in program.alternatives if a.routine not in chosen]
    for alternative in offered:
        why = f" {alternative.why.rstrip('.')}." if alternative.why else ""
        console.print(
            f"Instead of {alternative.routine}, you may do: {', '.join(alternative.names)}.{why}",
            style="muted",
        )
    if offered:
        example = f"{offered[0].routine}={offered[0].names[0]}"
        command = breathe_command("program", "choose", example)
        console.print(f"To choose for the whole program: `{command}`", style="muted")
    if chosen:
        routine = next(iter(chosen))
        command = breathe_command("program", "choose", "--as-planned", routine)
        console.print(
            f"To do {routine} as planned again: `{command}`; to choose another, "
            f"`{breathe_command('program', 'choose', 'ROUTINE=ALTERNATIVE')}`",
            style="muted",
        )


# -- breathe program status -------------------------------------------------------------------


def _routine_title(catalog: Catalog, planned: PlannedRoutine) -> tuple[str, str | None]:
    """The routine's title and length, or (its name, why it cannot be played)."""
    from breathe.core.durations import format_clock
    from breathe.core.problems import RoutineFileError

    entry = catalog.entries.get(planned.routine)
    if entry is None:
        return planned.routine, f"missing: no routine is named `{planned.routine}`"
    if entry.routine is None:
        return planned.routine, f"broken: {entry.problems[0]}"
    try:
        return entry.routine.title, format_clock(catalog.total_ms(entry))
    except RoutineFileError as error:
        return entry.routine.title, f"broken: {error.first}"


def print_day(console: Console, catalog: Catalog, day: ProgramDay, moment: datetime) -> None:
    """Today's routines (the one for now marked) and the checklist."""
    from rich.table import Table
    from rich.text import Text

    from breathe.cli.console import print_table, whole_width

    now = day.suggested(moment.time())
    table = Table(box=None, pad_edge=False, show_header=False)
    # The marker, the time of day, the title (wraps between words), its length, its name.
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    table.add_column(justify="right", overflow="fold")
    names = [planned.routine for planned in day.routines]
    table.add_column(no_wrap=True, min_width=whole_width("", names))
    for planned in day.routines:
        title, length = _routine_title(catalog, planned)
        broken = length is not None and not length[:1].isdigit()
        table.add_row(
            Text("▸", style="good") if planned is now else "",
            str(planned.when or "any time"),
            Text(title, style="bad" if broken else ""),
            Text(length or "", style="bad" if broken else ""),
            Text(planned.routine, style="muted"),
        )
        if planned.note:
            table.add_row("", "", Text(planned.note, style="muted"), "", "")
    print_table(console, table)
    checklist = day.program.checklist
    if checklist:
        from breathe.cli.history import ticked_today

        ticked = ticked_today(day.program.name, moment.date())
        console.print()
        console.print("Daily checklist", style="title")
        for number, item in enumerate(checklist, 1):
            box = Text("☑", style="good") if item in ticked else Text("☐")
            console.print(Text.assemble(f"  {number} ", box, f" {item}"))
        console.print(
            f"`{breathe_command('program', 'tick', 'N')}` ticks item N for today.", style="muted"
        )


def run_program_status(today: date, moment: datetime) -> int:
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK
    from breathe.core.program import DayState

    console = stdout_console()
    found = _active_day(console, today, when_none=EXIT_OK)
    if isinstance(found, int):
        return found
    catalog, active, program, day = found
    from breathe.cli.history import program_progress
    from breathe.core.program import ProgramStatus

    progress = None
    if day.state is not DayState.UPCOMING:
        progress = program_progress(program.name, active.started, min(today, day.end))
    status = ProgramStatus(day, progress)
    console.print(program.title, style="title")
    console.print(status.headline)
    console.print(status.dates, style="muted")
    if day.state is DayState.UPCOMING:
        console.print(
            f"`{breathe_command('today')}` has nothing to play until {day.start.isoformat()}.",
            style="muted",
        )
    if day.state is not DayState.UPCOMING:
        if status.progress_line is not None:
            console.print(status.progress_line)
        from breathe.cli.journal_view import print_journal_chart

        print_journal_chart(console, active.started, min(today, day.end))
    if day.state is DayState.IN_PROGRESS:
        console.print()
        print_day(console, catalog, day, moment)
        console.print()
        console.print(f"`{breathe_command('today')}` plays the routine marked ▸.", style="muted")
    if day.state is not DayState.FINISHED and (active.instead or program.alternatives):
        console.print()
        print_alternatives(console, catalog, program, active.choices)
    elif day.state is DayState.FINISHED:
        console.print(
            f"`{breathe_command('program', 'stop')}` clears it; "
            f"`{breathe_command('program', 'start')}` begins one anew."
        )
    return EXIT_OK


# -- breathe program tick / untick -------------------------------------------------------------


def run_program_tick(item: str, *, today: date, ticked: bool) -> int:
    """Tick (or untick) an item of today's checklist, by its number or its text."""
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, UsageError
    from breathe.cli.history import set_ticked
    from breathe.core.program import DayState

    console = stdout_console()
    found = _active_day(console, today, when_none=EXIT_PROBLEMS)
    if isinstance(found, int):
        return found
    _, _, program, day = found
    verb = "tick" if ticked else "untick"
    if day.state is not DayState.IN_PROGRESS:  # a tick is kept for a day of the program
        headline = day_headline(day)
        console.print(
            f"{program.title}: {headline[:1].lower()}{headline[1:]}; "
            f"today has no checklist to {verb}.",
            style="bad",
        )
        return EXIT_PROBLEMS
    checklist = list(program.checklist)
    if item.isdigit() and 1 <= int(item) <= len(checklist):
        chosen = checklist[int(item) - 1]
    elif item in checklist:
        chosen = item
    else:
        raise UsageError(
            f"program {verb}: `{item}` is not an item of the checklist; "
            f"give a number from 1 to {len(checklist)}"
            if checklist
            else f"program {verb}: `{program.name}` has no checklist"
        )
    problem = set_ticked(program.name, today, chosen, ticked=ticked)
    if problem is not None:
        console.print(f"breathe: {problem}", style="bad")
        return EXIT_PROBLEMS
    console.print(f"{'☑' if ticked else '☐'} {chosen}")
    return EXIT_OK


# -- breathe program stop ---------------------------------------------------------------------


def run_program_stop(today: date) -> int:
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK
    from breathe.core.program import beyond_calendar, program_day, take_up_again
    from breathe.library.state import StateFileError, load_state, stop_program

    console = stdout_console()
    try:
        state = load_state()
        if state.program is None:
            console.print("No program is active; there is nothing to stop.")
            return EXIT_OK
        stop_program()
    except StateFileError as error:
        return _state_error(console, error)
    active = state.program
    _, programs = _catalogs()
    entry = programs.entries.get(active.name)
    where = ""
    if entry is not None and entry.program is not None:
        if beyond_calendar(entry.program, active.started) is not None:
            console.print(f"Stopped `{active.name}`, started on {active.started.isoformat()}.")
            return EXIT_OK  # a start it could not be taken up again from
        where = f" ({day_headline(program_day(entry.program, active.started, today)).lower()})"
    console.print(f"Stopped `{active.name}`{where}.")
    console.print(
        "To take it up again where it was: "
        + take_up_again(active.name, active.started, active.choices),
        style="muted",
    )
    return EXIT_OK


def run_program_schema() -> int:
    import sys

    from breathe.cli.exits import EXIT_OK
    from breathe.format.program_spec import program_json_schema_text

    sys.stdout.write(program_json_schema_text())
    return EXIT_OK


def run_program_locate() -> int:
    from breathe.cli.exits import EXIT_OK
    from breathe.library.locations import user_programs_dir

    print(user_programs_dir(create=True))
    return EXIT_OK


# -- breathe today ----------------------------------------------------------------------------


def run_today(options: PlayOptions, *, list_only: bool, today: date, moment: datetime) -> int:
    """Say which day it is, then play the routine for now (or only list the day's)."""
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
    from breathe.core.program import DayState

    console = stdout_console()
    found = _active_day(console, today, when_none=EXIT_PROBLEMS)
    if isinstance(found, int):
        return found
    catalog, active, program, day = found
    if day.state is not DayState.IN_PROGRESS:
        headline = day_headline(day)
        console.print(f"{program.title}: {headline[:1].lower()}{headline[1:]}.")
        return EXIT_PROBLEMS
    focus = f" · {day.stage.focus}" if day.stage and day.stage.focus else ""
    console.print(f"{program.title}: {day_headline(day).lower()}{focus}", style="title")
    if list_only:
        console.print()
        print_day(console, catalog, day, moment)
        return EXIT_OK
    planned = day.suggested(moment.time())
    assert planned is not None  # a day in progress has at least one routine
    if planned.routine not in catalog.entries:
        console.print(f"breathe: today's routine `{planned.routine}` is not there", style="bad")
        return EXIT_PROBLEMS
    when = f" ({planned.when})" if planned.when else ""
    others = len(day.routines) - 1
    more = f"; {others} more today: `{breathe_command('today', '--list')}`" if others else ""
    console.print(f"Now{when}: {planned.routine}{more}", style="muted")
    from breathe.cli.play import run_play

    return run_play(
        planned.routine, options, program=program.name, day=day.number, instead=active.choices
    )
