"""`breathe journal`: list, add and export the recovery journal (breathe.history.journal).

Reading never creates the history file; adding does. The numbers are printed as given,
with no word about what they mean.
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from breathe.history.journal import JournalEntry, Scale


def _read(since: date | None) -> tuple[list[JournalEntry], str | None]:
    """The entries (from `since` on) and the own scale's name; HistoryError if unreadable."""
    from breathe.history.store import open_history
    from breathe.library.locations import history_path

    store = open_history(history_path(), create=False)
    if store is None:
        return [], None
    with store:
        return store.journal(since), store.own_scale()


def run_journal_list(since: date | None, *, as_json: bool, as_csv: bool) -> int:
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS
    from breathe.history.journal import scales_in
    from breathe.history.store import HistoryError

    try:
        entries, own = _read(since)
    except HistoryError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    shown = scales_in(entries, own)
    if as_json:
        print(
            json.dumps(
                {
                    "scales": [
                        {"key": s.key, "label": s.label, "0": s.low, "10": s.high} for s in shown
                    ],
                    "entries": [{"date": e.day.isoformat(), **dict(e.values)} for e in entries],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["date", *(s.key for s in shown)])
        for entry in entries:
            writer.writerow([entry.day.isoformat(), *(entry.values.get(s.key, "") for s in shown)])
    else:
        _print_table(entries, shown)
    return EXIT_OK


def _print_table(entries: list[JournalEntry], shown: tuple[Scale, ...]) -> None:
    from rich.table import Table

    from breathe.cli.console import print_table, stdout_console
    from breathe.core.words import counted

    console = stdout_console()
    if not entries:
        console.print(
            "No journal entries yet. `breathe journal add --help` says how.", style="muted"
        )
        return
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("DATE", no_wrap=True)
    for scale in shown:
        table.add_column(scale.key.upper(), justify="right", overflow="fold")
    for entry in entries:
        cells = [str(entry.values[s.key]) if s.key in entry.values else "–" for s in shown]
        table.add_row(entry.day.isoformat(), *cells)
    print_table(console, table)
    legend = "; ".join(f"{s.key}: {s.label.lower()}, 0 {s.low} to 10 {s.high}" for s in shown)
    console.print(f"{counted(len(entries), 'day')}. {legend}.", style="muted")


def run_journal_add(values: dict[str, int | None], *, own: int | None, day: date) -> int:
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
    from breathe.core.paste import breathe_command
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    given = {key: value for key, value in values.items() if value is not None}
    if not given and own is None:
        print(
            "breathe journal add: give at least one scale, such as --sleep 7 "
            "(`breathe journal add --help` lists them)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        store = open_history(history_path())
        assert store is not None
        with store:
            own_name = store.own_scale()
            if own is not None:
                if own_name is None:
                    command = breathe_command("journal", "scale", "NAME")
                    print(
                        f"breathe journal add: --own needs your scale's name first: `{command}`",
                        file=sys.stderr,
                    )
                    return EXIT_USAGE
                given[own_name] = own
            before = store.journal_entry(day)
            store.replace_journal_day(day, given)
    except HistoryError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    console = stdout_console()
    if before is not None:
        was = ", ".join(f"{key} {value}" for key, value in before.values.items())
        console.print(f"Replaced the entry for {day.isoformat()} (it was: {was}).")
    now = ", ".join(f"{key} {value}" for key, value in given.items())
    console.print(f"Noted for {day.isoformat()}: {now}.")
    return EXIT_OK


def run_journal_scale(name: str | None) -> int:
    from breathe.cli.console import stdout_console
    from breathe.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
    from breathe.history.journal import clean_scale_name, own_scale_problem
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    if name is not None:
        problem = own_scale_problem(name)
        if problem is not None:
            print(f"breathe journal scale: {problem}", file=sys.stderr)
            return EXIT_USAGE
        name = clean_scale_name(name)
    try:
        store = open_history(history_path())
        assert store is not None
        with store:
            store.set_own_scale(name)
    except HistoryError as error:
        print(f"breathe: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    if name is None:
        stdout_console().print(
            "No scale of your own from now on; entries already noted keep theirs."
        )
    else:
        stdout_console().print(
            f"Your own scale is now `{name}`, 0 none to 10 the most: the check-in asks it last."
        )
    return EXIT_OK
