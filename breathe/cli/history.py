"""`breathe history` and `breathe stats`: the practice history on the command line.

Reading never creates the history file: with none yet, there is simply nothing recorded.
`breathe history` lists the newest sessions (50 unless --limit N or --all says otherwise;
--json and --csv export every one unless --limit is given) and says how many older ones it
left out; the sums (its last line, `breathe stats`) are over every session, summed by
SQLite, and count only practices (breathe.history.outcome.counts), saying how many were
left out. The exports, and the table when it is piped, are written as the sessions are read,
so `--all` of 100,000 sessions holds a batch of them in memory, not all.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from breathe.history.stats import Summary, Totals
    from breathe.history.store import SessionRecord

SPARK = " ▁▂▃▄▅▆▇█"
CSV_COLUMNS = (
    "id",
    "started_at",
    "date",
    "routine",
    "title",
    "practised_seconds",
    "ended",
    "steps_done",
    "steps_total",
    "tempo",
    "program",
    "day",
    "skipped_steps",
    "checklist",
    "file_sha256",
    "counts",
)


def print_history(since: date | None, *, as_json: bool, as_csv: bool, last: int | None) -> int:
    """`breathe history`: the sessions as a table (the `last` newest, all when None), or
    every one as JSON or as CSV (the `last` newest only when asked for with --limit)."""
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
    from breathe.history.store import HistoryError

    if not (as_json or as_csv):
        try:
            if _stream_piped_table(since, last):
                return EXIT_OK
            shown = _shown(since, last)
        except HistoryError as error:
            print(f"breathe: {error}", file=sys.stderr)
            return EXIT_PROBLEMS
        _print_sessions(*shown)
        return EXIT_OK
    try:
        _export(since, last, as_json=as_json)
    except HistoryError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _export(since: date | None, last: int | None, *, as_json: bool) -> None:
    """Every session (from `since` on; the `last` newest when given) as JSON or CSV,
    written as it is read (a batch of rows in memory, never every session or the whole
    text); HistoryError when the history file cannot be read."""
    from breathe.history.store import open_history
    from breathe.library.locations import history_path

    write = sys.stdout.write
    store = open_history(history_path(), create=False)
    if store is None:
        write("[]\n" if as_json else ",".join(CSV_COLUMNS) + "\n")
        return
    with store:
        checklists = store.every_checklist()
        sessions = store.each_session(since, last=last)
        if as_json:
            # The text json.dumps(every row, indent=2) gives, a row at a time.
            before = "["
            for record in sessions:
                item = json.dumps(_json(record, checklists), indent=2, ensure_ascii=False)
                write(before + "\n  " + item.replace("\n", "\n  "))
                before = ","
            write("[]\n" if before == "[" else "\n]\n")
            return
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for record in sessions:
            row = _json(record, checklists)
            row["checklist"] = "; ".join(row["checklist"])
            row["skipped_steps"] = "; ".join(row["skipped_steps"])
            writer.writerow("" if row[column] is None else row[column] for column in CSV_COLUMNS)


TABLE_HEADINGS = ("WHEN", "ROUTINE", "PRACTISED", "STEPS", "ENDED", "PROGRAM")
RIGHT_ALIGNED = ("PRACTISED", "STEPS")


def _stream_piped_table(since: date | None, last: int | None) -> bool:
    """The table `_print_sessions` prints, written a row at a time as SQLite reads them,
    when standard output is not a terminal and has no styles (the table's plain text is
    then known without Rich: each cell on one line, padded to its column's widest, two
    spaces between columns, no trailing spaces). Two passes over the sessions, the first
    for the columns' widths; a batch of rows in memory at once. At 100,000 sessions
    (`--all`), Rich took half a minute and 467 MiB for the whole table. False, having
    written nothing, when the table is not one line a row of plain text (a terminal, a
    character that is not printable, a row wider than the piped width), or there is nothing
    to list: `_print_sessions` says it then."""
    from breathe.cli.console import PlainTable, plain_when_piped, stdout_console
    from breathe.history.stats import stored_totals
    from breathe.history.store import open_history
    from breathe.library.locations import history_path

    console = stdout_console()
    if not plain_when_piped(console):
        return False
    store = open_history(history_path(), create=False)
    if store is None:
        return False
    # One snapshot for both passes: a session recorded meanwhile is in both or in neither.
    with store, store.snapshot():
        table = PlainTable(TABLE_HEADINGS, RIGHT_ALIGNED)
        listed, programs = 0, False
        for record in store.each_session(since, last=last):
            if not table.measure(_plain_cells(record)):
                return False
            listed += 1
            programs = programs or bool(record.program)
        columns = len(TABLE_HEADINGS) if programs else len(TABLE_HEADINGS) - 1
        if not listed or not table.fits(columns):
            return False
        write = sys.stdout.write
        write(table.line(TABLE_HEADINGS, columns))
        for record in store.each_session(since, last=last):
            write(table.line(_plain_cells(record), columns))
        every = store.session_count(since)
        total = stored_totals(store, since)
    _print_counts(console, listed, every, total)
    return True


def _plain_cells(record: SessionRecord) -> tuple[str, ...]:
    """A session's cells in `_sessions_table` unstacked, as plain text."""
    from breathe.core.durations import format_practised
    from breathe.history.outcome import NOT_COUNTED, counts, how_it_ended

    title = record.title
    if record.tempo != 1:
        title += f"  tempo {record.tempo:g}×"
    ended = how_it_ended(record)
    if not counts(record):
        ended += f" · {NOT_COUNTED}"
    return (
        record.started_at.strftime("%Y-%m-%d %H:%M"),
        title,
        format_practised(record.practised_ms),
        f"{record.steps_done}/{record.steps_total}",
        ended,
        f"{record.program} day {record.day}" if record.program else "",
    )


def _shown(since: date | None, last: int | None) -> tuple[list[SessionRecord], int, Totals]:
    """The sessions the table lists, how many there are in all (from `since` on), and
    the sums over all of them (not only those listed)."""
    from breathe.history.stats import Totals, stored_totals
    from breathe.history.store import open_history
    from breathe.library.locations import history_path

    store = open_history(history_path(), create=False)
    if store is None:
        return [], 0, Totals(0, 0, 0, 0, 0)
    with store:
        return (
            store.sessions(since, last=last),
            store.session_count(since),
            stored_totals(store, since),
        )


def print_stats(*, as_json: bool, today: date) -> int:
    """`breathe stats`: streaks, totals and the most practised routines up to `today`."""
    from breathe.cli.exits import EXIT_PROBLEMS
    from breathe.history.stats import stored_summary, summary
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    try:
        store = open_history(history_path(), create=False)
        if store is None:
            figures = summary([], today)
        else:
            with store:
                figures = stored_summary(store, today)
    except HistoryError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    return _stats(figures, today, as_json=as_json)


def _json(record: SessionRecord, checklists: dict[str, dict[date, set[str]]]) -> dict[str, Any]:
    from breathe.history.outcome import counts

    ticked = checklists.get(record.program, {}).get(record.date, set()) if record.program else set()
    return {
        "id": record.id,
        "started_at": record.started_at.isoformat(),
        "date": record.date.isoformat(),
        "routine": record.routine,
        "title": record.title,
        "practised_seconds": record.practised_ms / 1000,
        "ended": str(record.ended) if record.ended is not None else None,
        "steps_done": record.steps_done,
        "steps_total": record.steps_total,
        "tempo": record.tempo,
        "program": record.program,
        "day": record.day,
        # The steps a finished session left out on purpose, by title, in order.
        "skipped_steps": [step.title for step in record.skipped],
        "checklist": sorted(ticked),
        "file_sha256": record.file_sha256,
        # A practice (finished, or a minute practised): in the streaks and the totals.
        "counts": counts(record),
    }


LIST_BELOW_COLUMNS = 64  # narrower, a session is a short paragraph rather than a row


def _print_sessions(records: list[SessionRecord], every: int, total: Totals) -> None:
    """The sessions as a table: on one line each where they fit (and always when piped),
    else with the date over the time, `not counted` under the ending and a program's day
    under its name; below LIST_BELOW_COLUMNS, a paragraph a session. Under it, how many are
    not listed (of `every` session), and the sums (`total`) over all of them."""

    from breathe.cli.console import PIPED_WIDTH, print_table, stdout_console

    console = stdout_console()
    if not records:
        console.print("No sessions recorded yet.", style="muted")
        return
    if console.width < LIST_BELOW_COLUMNS:
        _print_session_list(console, records)
    else:
        from rich.measure import Measurement

        table = _sessions_table(records, stacked=False)
        unbounded = console.options.update_width(PIPED_WIDTH)
        if Measurement.get(console, unbounded, table).maximum > console.width:
            table = _sessions_table(records, stacked=True)
        print_table(console, table)
    _print_counts(console, len(records), every, total)


def _print_counts(console: Console, listed: int, every: int, total: Totals) -> None:
    """Under the sessions: how many are not listed (of `every` session), and the sums
    (`total`) over all of them."""
    from rich.text import Text

    from breathe.core.durations import format_practice_time
    from breathe.core.words import counted
    from breathe.history.outcome import NOT_COUNTED, PRACTICE_RULE

    if every > listed:
        older = every - listed
        _print_wrapped(
            console,
            Text(
                f"The last {listed} of {every} sessions; {counted(older, 'older one')} "
                "not shown (--all lists every one, --limit N the last N).",
                style="muted",
            ),
        )
    practised = f"{counted(every, 'session')}, {format_practice_time(total.practised_ms)}"
    if total.not_counted:  # why the time is less than the rows add up to
        rule = PRACTICE_RULE[0].lower() + PRACTICE_RULE[1:-1]
        practised += f" practised ({total.not_counted} {NOT_COUNTED}: {rule})"
    else:
        practised += " practised"
    _print_wrapped(console, Text(practised + "."))


def _ended(record: SessionRecord, *, stacked: bool) -> Text:
    from rich.text import Text

    from breathe.history.outcome import NOT_COUNTED, counts, how_it_ended

    ended = Text(how_it_ended(record), style="good" if record.ended == "finished" else "muted")
    if not counts(record):
        ended.append(f"\n{NOT_COUNTED}" if stacked else f" · {NOT_COUNTED}", style="muted")
    return ended


def _title(record: SessionRecord) -> Text:
    from rich.text import Text

    title = Text(record.title)
    if record.tempo != 1:
        title.append(f"  tempo {record.tempo:g}×", style="muted")
    return title


def _sessions_table(records: list[SessionRecord], *, stacked: bool) -> Table:
    from rich.table import Table
    from rich.text import Text

    from breathe.cli.console import whole_width
    from breathe.core.durations import format_practised

    table = Table(box=None, pad_edge=False, header_style="bold")
    join = "\n" if stacked else " "
    programs = [f"{r.program}{join}day {r.day}" if r.program else "" for r in records]
    columns = 6 if any(programs) else 5  # PROGRAM if any
    # Times, counts and names stay whole. On a narrow terminal a title wraps between its
    # words.
    words = {
        "ROUTINE": [word for record in records for word in record.title.split()],
        "PROGRAM": [record.program for record in records if record.program],
    }
    for column in ("WHEN", "ROUTINE", "PRACTISED", "STEPS", "ENDED", "PROGRAM")[:columns]:
        right = column in ("PRACTISED", "STEPS")
        table.add_column(
            column,
            justify="right" if right else "left",
            overflow="fold",
            no_wrap=column not in words,
            min_width=whole_width(column, words[column]) if column in words else None,
        )
    for record, program in zip(records, programs, strict=True):
        cells: list[str | Text] = [
            record.started_at.strftime(f"%Y-%m-%d{join}%H:%M"),
            _title(record),
            format_practised(record.practised_ms),
            f"{record.steps_done}/{record.steps_total}",
            _ended(record, stacked=stacked),
            Text(program, style="muted"),
        ]
        table.add_row(*cells[:columns])
    return table


def _print_session_list(console: Console, records: list[SessionRecord]) -> None:
    """`2026-12-07 21:10  4-7-8 breathing`, then, indented, `0:19 · 1/5 steps · stopped ·
    not counted` and a program's day: every word whole at 40 columns."""
    from rich.text import Text

    from breathe.core.durations import format_practised

    for record in records:
        head = Text(record.started_at.strftime("%Y-%m-%d %H:%M  "), style="muted")
        head.append_text(_title(record))
        _print_wrapped(console, head)
        facts = Text(f"{format_practised(record.practised_ms)} · ")
        facts.append(f"{record.steps_done}/{record.steps_total} steps · ")
        ended = _ended(record, stacked=False)
        facts.append_text(ended)
        if record.program:
            facts.append(f" · {record.program} day {record.day}", style="muted")
        _print_wrapped(console, facts, indent=2)


def _print_wrapped(console: Console, text: Text, *, indent: int = 0) -> None:
    """`text` wrapped between words to the console's width, every line indented by
    `indent`, none with trailing spaces (the console itself does not wrap: soft_wrap)."""
    for line in text.wrap(console, max(1, console.width - indent)):
        line.rstrip()
        console.print(" " * indent, line, sep="")


def _stats(figures: Summary, today: date, *, as_json: bool) -> int:
    from breathe.cli.exits import EXIT_OK

    streak, total, last_30, top = figures.streaks, figures.totals, figures.last_days, figures.top
    if as_json:
        print(
            json.dumps(
                {
                    "today": today.isoformat(),
                    "current_streak_days": streak.current,
                    "longest_streak_days": streak.longest,
                    "sessions": total.sessions,
                    "finished": total.finished,
                    "not_counted": total.not_counted,
                    "practised_seconds": total.practised_ms / 1000,
                    "days_practised": total.days,
                    "minutes_per_day_last_30_days": [round(value, 2) for value in last_30],
                    "most_practised": [
                        {
                            "routine": routine.routine,
                            "title": routine.title,
                            "sessions": routine.sessions,
                            "practised_seconds": routine.practised_ms / 1000,
                        }
                        for routine in top
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return EXIT_OK
    from rich.table import Table

    from breathe.cli.console import print_table, stdout_console
    from breathe.core.durations import format_practice_time
    from breathe.core.words import counted
    from breathe.history.outcome import PRACTICE_RULE

    console = stdout_console()
    facts = Table(box=None, pad_edge=False, show_header=False)
    facts.add_column(style="muted", no_wrap=True)
    facts.add_column()
    facts.add_row("Current streak", counted(streak.current, "day"))
    facts.add_row("Longest streak", counted(streak.longest, "day"))
    facts.add_row(
        "Practised",
        f"{format_practice_time(total.practised_ms)} in {counted(total.sessions, 'session')} "
        f"({total.finished} finished) on {counted(total.days, 'day')}",
    )
    if total.not_counted:
        facts.add_row("Not counted", f"{counted(total.not_counted, 'session')}: {PRACTICE_RULE}")
    # Bars against a scale of at least a minute: a 12 s day is a low bar, not a full one.
    scale = max(max(last_30), 1.0)
    spark = "".join(SPARK[max(1, round(value / scale * 8)) if value else 0] for value in last_30)
    average = sum(last_30) / len(last_30)
    if average:
        per_day = format_practice_time(round(average * 60_000))
        facts.add_row("Last 30 days", f"{spark}  {per_day} a day on average")
    else:
        facts.add_row("Last 30 days", "nothing yet")
    print_table(console, facts)
    if top:
        console.print()
        console.print("Most practised", style="title")
        table = Table(box=None, pad_edge=False, show_header=False)
        table.add_column(overflow="fold")
        table.add_column(justify="right", style="muted", no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        for routine in top:
            table.add_row(
                routine.title, f"{routine.sessions}×", format_practice_time(routine.practised_ms)
            )
        print_table(console, table)
    return EXIT_OK


# -- for `breathe program status` and `breathe program tick`: what the history knows of a
#    program (kept here so the program commands need only a line or two each) --


def program_progress(program: str, start: date, today: date) -> tuple[int, int] | None:
    """Days done and days missed of `program` started on `start`; None if the history
    cannot be read (there is nothing to say then, and the reason is said elsewhere)."""
    from breathe.history.stats import days_done, days_missed
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    try:
        store = open_history(history_path(), create=False)
        if store is None:
            return 0, len(days_missed([], program, start, today))
        with store:
            records = store.sessions(since=start)
    except HistoryError:
        return None
    return (
        len(days_done(records, program, start, today)),
        len(days_missed(records, program, start, today)),
    )


def ticked_today(program: str, today: date) -> set[str]:
    """The checklist items ticked for `program` today (none if the history cannot be read)."""
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    try:
        store = open_history(history_path(), create=False)
        if store is None:
            return set()
        with store:
            return store.ticked(today, program)
    except HistoryError:
        return set()


def set_ticked(program: str, today: date, item: str, *, ticked: bool) -> str | None:
    """Tick (or untick) a checklist item for today; the reason it failed, or None."""
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    try:
        store = open_history(history_path())
        assert store is not None
        with store:
            if ticked:
                store.tick(today, program, item)
            else:
                store.untick(today, program, item)
    except HistoryError as error:
        return str(error)
    return None
