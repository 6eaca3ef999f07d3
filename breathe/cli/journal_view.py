"""The recovery journal as a compact text chart, for `breathe program status`: a line per
scale across the program's days (the last ones that fit the terminal), each day a block
from ▁ (0) to █ (10) or a dot for no entry, and the last value given. The numbers only:
no word about what they mean.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from breathe.history.journal import JournalEntry


def _read(since: date) -> tuple[list[JournalEntry], str | None] | None:
    from breathe.history.store import HistoryError, open_history
    from breathe.library.locations import history_path

    try:
        store = open_history(history_path(), create=False)
        if store is None:
            return [], None
        with store:
            return store.journal(since), store.own_scale()
    except HistoryError:
        return None  # `program status` says elsewhere that the history cannot be read


def print_journal_chart(console: Console, start: date, today: date) -> None:
    """The journal across the program started on `start`, up to `today`, under a heading."""
    found = _read(start)
    if found is None:
        return
    entries, own = found
    from breathe.core.paste import breathe_command

    console.print()
    console.print("Journal (0 to 10, · no entry)", style="title")
    if not entries:
        console.print(
            "  No entries yet: the app asks after an evening session, or "
            f"`{breathe_command('journal', 'add')}`.",
            style="muted",
        )
        return
    from breathe.history.journal import chart_rows

    for row in chart_rows(entries, own, start, today, console.width - 2):
        console.print(
            f"  {row.label}{row.blocks}{row.tail}".rstrip(), highlight=False, markup=False
        )
