"""What the summary tells after a session, beyond the session itself: today's practice so
far and the streak (practices only, by breathe.history.outcome.counts), and what is next in
the active program, read as the Today box reads it (breathe.ui.screens.today_source).

Read once, when the summary opens; the session has been recorded by then. Nothing here is
needed: a history that cannot be read, or no program, leaves those lines out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from breathe.core.durations import format_practice_time
from breathe.core.program import DayState, PlannedRoutine, ProgramDay, program_day
from breathe.core.words import counted

if TYPE_CHECKING:
    from breathe.history.store import SessionRecord
    from breathe.library.catalog import Catalog
    from breathe.ui.screens.today_source import HistoryHost


@dataclass(frozen=True, slots=True)
class AfterPractice:
    """Today's practices and their time, the current streak (None: the history cannot be
    read), and `next`: the program's next routine or day in words (None without an active
    program in progress)."""

    sessions: int | None = None
    practised_ms: int = 0
    streak: int = 0
    next: str | None = None
    counts: bool = True  # the session just played is a practice

    def lines(self) -> list[str]:
        """`Today      2 sessions, 24 min`, `Streak     9 days`, `Next       ...`."""
        rows: list[tuple[str, str | None]] = [("Next", self.next)]
        if self.sessions is not None:
            today = (
                f"{counted(self.sessions, 'session')}, {format_practice_time(self.practised_ms)}"
            )
            rows[:0] = [("Today", today), ("Streak", counted(self.streak, "day"))]
        return [f"{name:<10} {value}" for name, value in rows if value is not None]

    def short_lines(self) -> list[str]:
        """For short terminals: `Today      24 min · 9-day streak`, then `Next`."""
        rows: list[tuple[str, str | None]] = [("Next", self.next)]
        if self.sessions is not None:
            today = format_practice_time(self.practised_ms)
            if self.streak:
                today += f" · {self.streak}-day streak"
            rows.insert(0, ("Today", today))
        return [f"{name:<10} {value}" for name, value in rows if value is not None]


def read_after_practice(host: HistoryHost, catalog: Catalog) -> AfterPractice:
    from breathe.history.outcome import counts
    from breathe.history.stats import streaks, today_so_far

    now = host.now()
    read = _read_history(host, now.date())
    upcoming = _next_in_program(host, catalog, read.today if read else [], now)
    if read is None:  # unreadable: the app has said why
        return AfterPractice(next=upcoming)
    sessions, ms = today_so_far(read.today, now.date())
    return AfterPractice(
        sessions=sessions,
        practised_ms=ms,
        streak=streaks(read.practised_days, now.date()).current,
        next=upcoming,
        counts=counts(read.last) if read.last is not None else True,
    )


@dataclass(frozen=True, slots=True)
class _Read:
    """What the summary needs of the history: today's sessions, the days practised (from
    the day sums SQLite keeps) and the last session: never every session, which a history
    of years would take seconds to read at the end of each practice."""

    today: list[SessionRecord]
    practised_days: list[date]
    last: SessionRecord | None


def _read_history(host: HistoryHost, today: date) -> _Read | None:
    from breathe.history.store import HistoryError

    if not host.history_path.exists():
        return _Read([], [], None)  # nothing recorded; looking does not create the file
    store = host.history_store()
    if store is None:
        return None
    try:
        last = store.sessions(last=1)
        return _Read(
            store.sessions(today), list(store.practised_ms_by_day()), last[-1] if last else None
        )
    except HistoryError:
        return None


def _next_in_program(
    host: HistoryHost, catalog: Catalog, records: list[SessionRecord], now: datetime
) -> str | None:
    """`Tonight: Evening wind-down` while today's plan has a routine not practised yet
    today; else `Tomorrow, day 13: Calm breath, Walk`; or the program's end."""
    from breathe.history.outcome import counts
    from breathe.ui.screens.today_source import TodaySource

    day = TodaySource(catalog, host).read().day
    if day is None or day.state is not DayState.IN_PROGRESS:
        return None
    done = {r.routine for r in records if r.date == now.date() and counts(r)}
    left = [planned for planned in day.routines if planned.routine not in done]
    if left:
        return _title(catalog, left[0].routine) + _when(left[0])
    tomorrow = program_day(day.program, day.start, day.today + timedelta(days=1), day.instead)
    if tomorrow.state is not DayState.IN_PROGRESS:
        return f"the last day of {day.program.title} is done"
    return f"Tomorrow, day {tomorrow.number}: {_titles(catalog, tomorrow)}"


def _when(planned: PlannedRoutine) -> str:
    """` (evening)`: the part of the day it is planned for, if any."""
    return "" if planned.when is None else f" ({planned.when})"


def _titles(catalog: Catalog, day: ProgramDay) -> str:
    return ", ".join(_title(catalog, planned.routine) for planned in day.routines)


def _title(catalog: Catalog, name: str) -> str:
    entry = catalog.entries.get(name)
    return entry.routine.title if entry is not None and entry.routine is not None else name
