"""What the History screen shows, read by SQL: the sums SQLite keeps (the store's
`practice_days` and `practice_routines`), the days practised, the newest sessions and where
the last program began. Opening the screen reads a row a day practised and a handful of
sessions, never every session: at 100,000 sessions, reading them all took most of a second.

`overview_of` is the same from records in hand (the slow way, which the tests hold the SQL
to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from breathe.history.stats import (
    RoutineTotal,
    Streaks,
    Totals,
    practised_ms_by_day,
    stored_top_routines,
    stored_totals,
    streaks,
    top_routines,
    totals,
)

if TYPE_CHECKING:
    from breathe.history.store import HistoryStore, SessionRecord

RECENT = 8  # the newest sessions listed as the screen opens
MORE = 25  # and how many older ones each request for more adds


@dataclass(frozen=True, slots=True)
class Overview:
    by_day: dict[date, int]  # milliseconds practised on each day practised
    streaks: Streaks
    totals: Totals
    top: list[RoutineTotal]  # the routines practised longest
    recent: list[SessionRecord]  # the newest sessions, oldest first
    program_start: date | None  # day 1 of the program last practised, if any

    @property
    def recorded(self) -> int:
        """Every session recorded, practice or not."""
        return self.totals.sessions + self.totals.not_counted


def read_overview(store: HistoryStore, today: date, recent: int = RECENT) -> Overview:
    """The overview of every session in `store`, summed by SQLite; HistoryError when the
    file cannot be read."""
    by_day = store.practised_ms_by_day()
    last_in_program = store.last_program_session()
    return Overview(
        by_day,
        streaks(by_day, today),
        stored_totals(store),
        stored_top_routines(store),
        store.sessions(last=recent),
        None if last_in_program is None else program_start(last_in_program),
    )


def overview_of(records: Sequence[SessionRecord], today: date, recent: int = RECENT) -> Overview:
    """The same overview from every record in hand, oldest first."""
    by_day = practised_ms_by_day(records)
    in_programs = [r for r in records if r.program is not None and r.day is not None]
    return Overview(
        by_day,
        streaks(by_day, today),
        totals(records),
        top_routines(records),
        list(records[-recent:]) if recent else [],
        program_start(in_programs[-1]) if in_programs else None,
    )


def program_start(record: SessionRecord) -> date:
    """Day 1 of the program `record` was a day of (its `day` counted back from its date)."""
    assert record.day is not None
    return record.date - timedelta(days=record.day - 1)
