"""What the history adds up to: days practised, streaks, totals, favourite routines, and a
program's days done and missed.

A session belongs to the local calendar day it started on, as recorded where it was
practised: the date part of its local start time, whatever the offset. A person who
practises every evening keeps the streak across a flight to another time zone, which
comparing UTC dates would break. A day counts as practised when any time was practised.

A finished session may have skipped steps on purpose (breathe.core.engine): it is finished
here too, for totals and a program's days done, and its minutes are those really played.

Only practices count (breathe.history.outcome.counts: finished, or a minute practised):
a session stopped after a few seconds is kept in the history but adds nothing here, except
to `Totals.not_counted`, so that a list of every session can say why it is not in the sums.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from breathe.history.outcome import counts
from breathe.history.store import Ended, HistoryStore, SessionRecord

TOP_ROUTINES = 5  # `breathe stats` lists the routines practised longest, this many


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int  # days in a row up to today (or up to yesterday, if today is not done yet)
    longest: int


@dataclass(frozen=True, slots=True)
class Totals:
    sessions: int  # the practices (sessions that count)
    finished: int
    practised_ms: int  # in the practices
    days: int  # distinct days practised
    not_counted: int = 0  # sessions recorded that were not practices


@dataclass(frozen=True, slots=True)
class RoutineTotal:
    routine: str
    title: str  # as last recorded
    sessions: int
    practised_ms: int


def practices(records: Iterable[SessionRecord]) -> list[SessionRecord]:
    """The sessions that count as practice, in their order."""
    return [record for record in records if counts(record)]


def practised_ms_by_day(records: Iterable[SessionRecord]) -> dict[date, int]:
    """Milliseconds practised on each local day that has a practice."""
    days: dict[date, int] = {}
    for record in practices(records):
        if record.practised_ms > 0:
            days[record.date] = days.get(record.date, 0) + record.practised_ms
    return days


def streaks(days: Iterable[date], today: date) -> Streaks:
    """The current and the longest run of consecutive practised days.

    The current streak still counts up to yesterday while today has not been practised:
    it ends only once a whole day passes without practice. Days after `today` (a clock set
    back, a trip west) are ignored for the current streak.
    """
    # Day numbers, not dates: a history of 25,000 days is walked in a few milliseconds.
    practised = {day.toordinal() for day in days}
    longest = run = 0
    previous = -2
    for number in sorted(practised):
        run = run + 1 if number == previous + 1 else 1
        longest = max(longest, run)
        previous = number
    number = today.toordinal()
    if number not in practised:
        number -= 1
    current = 0
    while number in practised:
        current += 1
        number -= 1
    return Streaks(current, longest)


def totals(records: Iterable[SessionRecord]) -> Totals:
    every = list(records)
    counted = practices(every)
    return Totals(
        sessions=len(counted),
        finished=sum(1 for record in counted if record.ended is Ended.FINISHED),
        practised_ms=sum(record.practised_ms for record in counted),
        days=len(practised_ms_by_day(counted)),
        not_counted=len(every) - len(counted),
    )


def stored_totals(store: HistoryStore, since: date | None = None) -> Totals:
    """`totals` of every session in `store` (from `since` on), summed by SQLite: the same
    figures without reading 100,000 sessions into Python."""
    sums = store.practice_sums(since)
    return Totals(
        sessions=sums.practices,
        finished=sums.finished,
        practised_ms=sums.practised_ms,
        days=sums.days,
        not_counted=sums.sessions - sums.practices,
    )


@dataclass(frozen=True, slots=True)
class Summary:
    """What `breathe stats` shows."""

    streaks: Streaks
    totals: Totals
    last_days: list[float]  # minutes a day, oldest first, ending today
    top: list[RoutineTotal]


def stored_summary(store: HistoryStore, today: date, days: int = 30) -> Summary:
    """`breathe stats`'s figures, summed by SQLite (the same as `summary` of every record)."""
    by_day = store.practised_ms_by_day()
    return Summary(
        streaks(by_day, today),
        stored_totals(store),
        minutes_of_days(by_day, today, days),
        stored_top_routines(store),
    )


def stored_top_routines(store: HistoryStore, limit: int = TOP_ROUTINES) -> list[RoutineTotal]:
    """`top_routines` of every session in `store`, summed by SQLite."""
    return [
        RoutineTotal(routine, title, sessions, ms)
        for routine, title, sessions, ms in store.routine_sums(limit)
    ]


def summary(records: Iterable[SessionRecord], today: date, days: int = 30) -> Summary:
    """`breathe stats`'s figures from records in hand."""
    every = list(records)
    by_day = practised_ms_by_day(every)
    return Summary(
        streaks(by_day, today),
        totals(every),
        minutes_of_days(by_day, today, days),
        top_routines(every),
    )


def today_so_far(records: Iterable[SessionRecord], today: date) -> tuple[int, int]:
    """The practices of `today` and the milliseconds practised in them."""
    counted = [record for record in practices(records) if record.date == today]
    return len(counted), sum(record.practised_ms for record in counted)


def minutes_per_day(records: Iterable[SessionRecord], today: date, days: int = 30) -> list[float]:
    """Minutes practised on each of the `days` days ending with `today`, oldest first."""
    return minutes_of_days(practised_ms_by_day(records), today, days)


def minutes_of_days(by_day: dict[date, int], today: date, days: int) -> list[float]:
    """Minutes on each of the `days` days ending with `today`, oldest first, from the
    milliseconds practised on each day."""
    first = today - timedelta(days=days - 1)
    return [by_day.get(first + timedelta(days=n), 0) / 60_000 for n in range(days)]


def top_routines(records: Iterable[SessionRecord], limit: int = TOP_ROUTINES) -> list[RoutineTotal]:
    """The routines practised longest, with their practices counted."""
    by_routine: dict[str, RoutineTotal] = {}
    for record in practices(records):
        before = by_routine.get(record.routine)
        by_routine[record.routine] = RoutineTotal(
            record.routine,
            record.title,
            (before.sessions if before else 0) + 1,
            (before.practised_ms if before else 0) + record.practised_ms,
        )
    ranked = sorted(by_routine.values(), key=lambda total: (-total.practised_ms, total.routine))
    return ranked[:limit]


# -- programs --


def days_done(
    records: Iterable[SessionRecord], program: str, start: date, today: date
) -> set[date]:
    """The days from `start` to `today` on which a session of `program` was finished
    (steps skipped on purpose or not): a finished session is always a practice."""
    return {
        record.date
        for record in practices(records)
        if record.program == program
        and record.ended is Ended.FINISHED
        and start <= record.date <= today
    }


def days_missed(
    records: Iterable[SessionRecord], program: str, start: date, today: date
) -> list[date]:
    """The days from `start` to yesterday with no finished session of `program`.

    Today is not missed yet: there is still time.
    """
    done = days_done(records, program, start, today)
    missed = []
    day = start
    while day < today:
        if day not in done:
            missed.append(day)
        day += timedelta(days=1)
    return missed
