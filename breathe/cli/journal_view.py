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

LABEL_WIDTH = 21  # "Numbness or tingling" and a space
TAIL_WIDTH = 16  # "  10 on 28 Dec"


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


def journal_lines(
    entries: list[JournalEntry], own: str | None, start: date, today: date, width: int
) -> list[str]:
    """The chart's lines for a terminal `width` columns wide, from `start` to `today`."""
    from breathe.history.journal import chart, chart_days, scales_in, short_date

    label_width = min(LABEL_WIDTH, max(12, width // 3))
    room = max(7, width - 2 - label_width - TAIL_WIDTH)
    first, last = chart_days(start, today, room)
    lines = []
    for line in chart(entries, scales_in(entries, own), first, last):
        label = line.scale.label
        if len(label) >= label_width:
            label = label[: label_width - 2] + "…"
        tail = f"  {line.last[1]} on {short_date(line.last[0])}" if line.last else ""
        lines.append(f"  {label:<{label_width}}{line.blocks}{tail}")
    span = (last - first).days + 1
    left, right = short_date(first), short_date(last)
    fits = span >= len(left) + len(right) + 1
    axis = left + right.rjust(span - len(left)) if fits else left
    lines.append(f"  {'':<{label_width}}{axis}")
    return lines


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
    for line in journal_lines(entries, own, start, today, console.width):
        console.print(line, highlight=False, markup=False)
