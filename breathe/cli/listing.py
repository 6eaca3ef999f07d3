"""`breathe list` and `breathe show`: what there is to play, and what a routine holds."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.table import Table
from rich.text import Text

from breathe.cli.console import (
    PlainTable,
    fits,
    plain_when_piped,
    print_table,
    print_wrapped,
    stdout_console,
    whole_width,
)
from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
from breathe.cli.routines import load_catalog, named_timeline
from breathe.cli.validate import render_problem
from breathe.core.durations import format_clock, format_duration
from breathe.core.model import SoundChoice
from breathe.core.problems import Problem, RoutineFileError
from breathe.core.timeline import Timeline, describe_step
from breathe.core.words import counted
from breathe.library.catalog import Catalog, Entry


def source_label(entry: Entry) -> str:
    if entry.overrides is not None:
        return "user (overrides bundled)"
    return str(entry.source)


def _total(catalog: Catalog, entry: Entry) -> tuple[int | None, Problem | None]:
    """Total milliseconds, or the first problem."""
    if entry.routine is None:
        return None, entry.problems[0]
    try:
        return catalog.total_ms(entry), None
    except RoutineFileError as error:
        return None, error.first


def run_list(*, as_json: bool) -> int:
    catalog = load_catalog()
    rows = []
    for entry in catalog.sorted_entries(parts=as_json):  # JSON: every one, parts marked
        total_ms, problem = _total(catalog, entry)
        rows.append((entry, total_ms, problem))
    if as_json:
        print(
            json.dumps(
                [
                    _entry_json(entry, total, None if problem is None else str(problem))
                    for entry, total, problem in rows
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    console = stdout_console()
    if not (plain_when_piped(console) and _write_plain_table(rows)):
        # A narrow terminal: the titles need the room more than the tags, then the authors.
        for tags, authors in ((True, True), (False, True), (False, False)):
            table = _list_table(rows, tags=tags, authors=authors)
            if fits(console, table):
                break
        print_table(console, table)
    problems = [problem for _, _, problem in rows if problem is not None]
    if problems:  # whole, under the table: a location is never folded in a narrow column
        console.print()
        for problem in problems:
            console.print(render_problem(problem))
    parts = catalog.parts()
    if parts:
        names = ", ".join(entry.name for entry in parts)
        what = "a part" if len(parts) == 1 else "parts"
        console.print()
        console.print(
            f"Not listed on their own: {names} ({what} of other routines, `part: true`)",
            style="muted",
        )
    if not rows and not parts:
        console.print(f"No routines found. Put .yaml files in {catalog.user_dir}", style="muted")
    return EXIT_OK


LIST_HEADINGS = ("NAME", "TITLE", "LENGTH", "AUTHOR", "TAGS", "SOURCE")
BROKEN_TITLE = ("broken", " (the problem is below)")  # styled bad, then muted
NO_LENGTH = "—"


def _write_plain_table(rows: list[tuple[Entry, int | None, Problem | None]]) -> bool:
    """`_list_table` with every column, written without Rich (its bytes when piped, about a
    third of `breathe list`'s CPU at 1,000 routines). False, having written nothing, when
    Rich lays it out otherwise: a cell that is not printable, a row wider than the piped
    width (then Rich drops the tags, or folds)."""
    table = PlainTable(LIST_HEADINGS, right_aligned=("LENGTH",))
    lines = [_plain_cells(*row) for row in rows]
    if not all(table.measure(cells) for cells in lines) or not table.fits():
        return False
    sys.stdout.write("".join(map(table.line, [LIST_HEADINGS, *lines])))
    return True


def _plain_cells(entry: Entry, total_ms: int | None, problem: Problem | None) -> list[str]:
    """A row of `_list_table` (with tags and authors) as plain text."""
    routine = entry.routine
    if problem is not None:
        title, length = "".join(BROKEN_TITLE), NO_LENGTH
    else:
        assert routine is not None and total_ms is not None
        title, length = routine.title, format_clock(total_ms)
    author = routine.author if routine else ""
    tags = ", ".join(routine.tags) if routine else ""
    return [entry.name, title, length, author, tags, source_label(entry)]


def _list_table(
    rows: list[tuple[Entry, int | None, Problem | None]], *, tags: bool, authors: bool
) -> Table:
    """`breathe list`'s table: names, lengths and sources stay whole; titles and tags wrap
    between words."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    names = [entry.name for entry, _, _ in rows]
    table.add_column("NAME", no_wrap=True, min_width=whole_width("NAME", names))
    table.add_column("TITLE", overflow="fold")
    table.add_column("LENGTH", justify="right", no_wrap=True)
    if authors:
        table.add_column("AUTHOR", overflow="fold")
    if tags:
        table.add_column("TAGS", overflow="fold")
    table.add_column("SOURCE", no_wrap=True)
    for entry, total_ms, problem in rows:
        if problem is not None:
            broken, below = BROKEN_TITLE
            title = Text(broken, style="bad") + Text(below, style="muted")
            length = Text(NO_LENGTH, style="muted")
        else:
            assert entry.routine is not None and total_ms is not None
            title, length = Text(entry.routine.title), Text(format_clock(total_ms))
        cells: list[str | Text] = [entry.name, title, length]
        if authors:
            cells.append(Text(entry.routine.author if entry.routine else ""))
        if tags:
            cells.append(
                Text(", ".join(entry.routine.tags) if entry.routine else "", style="muted")
            )
        table.add_row(*cells, source_label(entry))
    return table


def _entry_json(entry: Entry, total_ms: int | None, problem: str | None) -> dict[str, Any]:
    routine = entry.routine
    return {
        "name": entry.name,
        "title": routine.title if routine else None,
        "total_seconds": total_ms / 1000 if total_ms is not None else None,
        "total": format_duration(total_ms) if total_ms is not None else None,
        "author": routine.author or None if routine else None,
        "part": entry.part,
        "tags": list(routine.tags) if routine else [],
        "level": str(routine.level) if routine and routine.level else None,
        "source": str(entry.source),
        "overrides": str(entry.overrides) if entry.overrides else None,
        "path": str(entry.path),
        "ok": problem is None,
        "problem": problem,
    }


def run_show(name_or_path: str, *, segments: bool) -> int:
    found = named_timeline("show", name_or_path)
    if found is None:
        return EXIT_PROBLEMS
    _, entry, timeline = found
    print_routine(entry, timeline, segments=segments)
    return EXIT_OK


def print_routine(entry: Entry, timeline: Timeline, *, segments: bool) -> None:
    """What `breathe show` prints: the routine's facts, its steps (or segments), the total."""
    console = stdout_console()
    routine = entry.routine
    assert routine is not None
    console.print(Text(routine.title, style="title"))
    facts = [entry.name, source_label(entry), entry.shown_path]
    console.print(Text(" · ".join(facts), style="muted"))
    details = [f"by {routine.author}"] if routine.author else []
    if routine.part:
        details.insert(0, "a part of other routines, not listed on its own")
    details.extend(str(value) for value in (routine.level, routine.feel) if value)
    if routine.tags:
        details.append(", ".join(routine.tags))
    if details:
        print_wrapped(console, " · ".join(details))
    if routine.description:
        console.print()
        print_wrapped(console, routine.description.strip())
    for note in timeline.safety:  # its own note, then its includes' (each sentence once)
        console.print()
        print_wrapped(console, Text("Safety: ", style="bold") + Text(note))
    console.print()
    print_table(console, _segments_table(timeline) if segments else _steps_table(timeline))
    sounds = _sounds_table(timeline)
    if sounds is not None:
        console.print()
        console.print(Text("Sounds", style="bold") + Text("  (others: bundled)", style="muted"))
        print_table(console, sounds)
    console.print()
    console.print(
        Text(f"Total {format_clock(timeline.total_ms)}", style="title")
        + Text(
            f"  ({format_duration(timeline.total_ms)}, {counted(len(timeline.steps), 'step')}, "
            f"{counted(len(timeline.segments), 'segment')})",
            style="muted",
        )
    )


def _sounds_table(timeline: Timeline) -> Table | None:
    """The sounds the author chose: the routine's, then each step's own; None if none."""

    def listing(chosen: list[tuple[str, SoundChoice]]) -> str:
        return " · ".join(f"{name} {choice.written}" for name, choice in chosen)

    rows = []
    if timeline.sounds:
        rows.append(("", "whole routine", listing(list(timeline.sounds.chosen))))
    for step in timeline.steps:
        own = [(n, c) for n, c in step.sounds.chosen if timeline.sounds.get(n) != c]
        if own:
            rows.append((str(step.index + 1), step.title, listing(own)))
    if not rows:
        return None
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("STEP", overflow="fold")
    table.add_column("SOUNDS", overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _steps_table(timeline: Timeline) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("AT", justify="right", no_wrap=True)
    table.add_column("LENGTH", justify="right", no_wrap=True)
    table.add_column("STEP", overflow="fold")
    table.add_column("WHAT", overflow="fold")
    for step in timeline.steps:
        title = Text(step.title)
        if step.rounds:
            rounds = ", ".join(f"round {number}/{count}" for number, count in step.rounds)
            title.append(f"  {rounds}", style="muted")
        if step.routine != timeline.routine_name:
            title.append(f"  from {step.routine}", style="muted")
        what = describe_step(step, timeline)
        table.add_row(
            str(step.index + 1),
            format_clock(step.start_ms),
            format_duration(step.duration_ms),
            title,
            Text(what, style="muted"),
        )
    return table


def _segments_table(timeline: Timeline) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("AT", "LENGTH", "KIND", "STEP", "SIDE", "CYCLE"):
        right = column in ("AT", "LENGTH")
        table.add_column(column, justify="right" if right else "left", no_wrap=column != "STEP")
    for segment in timeline.segments:
        cycle = f"{segment.cycle}/{segment.cycles}" if segment.cycle else ""
        table.add_row(
            f"{format_clock(segment.start_ms)}.{segment.start_ms % 1000:03d}",
            format_duration(segment.duration_ms),
            str(segment.kind),
            segment.step_title,
            str(segment.side or ""),
            cycle,
        )
    return table
