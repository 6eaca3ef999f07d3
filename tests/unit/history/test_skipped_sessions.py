"""Following safety advice is never recorded as failure: a real session on a fake clock, a
step skipped on purpose and the rest played to the end, recorded by the real recorder into
a real history file, counts as practised everywhere the history is added up (finished,
the day practised, the streak, the minutes, a program's day done), with only the time
really played. Stopping early is still stopped; skipping through everything is not
practice."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from breathe.core.engine import Event, Session, SkippedStep
from breathe.core.timeline import Timeline, compile_timeline
from breathe.format.loader import parse_routine
from breathe.history.outcome import how_it_ended, skipped_names
from breathe.history.recorder import Played, Recorder
from breathe.history.stats import days_done, days_missed, minutes_per_day, streaks, totals
from breathe.history.store import Ended, HistoryStore, SessionRecord, open_history
from tests.support.clock import FakeClock

PARIS = timezone(timedelta(hours=1))
TODAY = date(2025, 3, 8)
ROUTINE = """
title: Evening
steps:
  - rest: Settle
    duration: 30s
  - pose: Legs up the wall
    hold: 60s
  - rest: Final rest
    duration: 30s
"""
# Settle 0-30 s; Legs up the wall 30-90 s; Final rest 90-120 s.


def timeline() -> Timeline:
    return compile_timeline(parse_routine(ROUTINE.encode(), "evening.yaml", "evening"))


def play(tmp_path: Path, moves: list[tuple[float, str]]) -> SessionRecord:
    """Play the routine as part of a program's day 8: after each number of seconds, a
    command (`next_step`, `stop`); then whatever is left plays to its end."""
    clock = FakeClock()
    session = Session(timeline(), clock)
    store = open_history(tmp_path / "history.sqlite3")
    assert store is not None
    with store:
        recorder = Recorder(
            store,
            Played("evening", "Evening", None, program="nerve", day=8),
            now=lambda: datetime(2025, 3, 8, 21, 0, tzinfo=PARIS),
        )

        def observe(events: list[Event]) -> None:
            recorder.observe(events, session)

        observe(session.start())
        for seconds, command in moves:
            clock.advance(seconds)
            observe(getattr(session, command)())
        clock.advance(600)
        observe(session.poll())
        return only(store)


def only(store: HistoryStore) -> SessionRecord:
    (record,) = store.sessions()
    return record


def test_a_step_skipped_on_purpose_and_the_rest_played_is_practised(tmp_path: Path) -> None:
    record = play(tmp_path, [(35, "next_step")])  # 5 s into legs up the wall: not today
    assert record.ended is Ended.FINISHED
    assert record.skipped == (SkippedStep(1, "Legs up the wall"),)
    assert (record.steps_done, record.steps_total) == (2, 3)
    assert record.practised_ms == 65_000  # 35 s, then the 30 s final rest: what was played
    assert how_it_ended(record) == "finished · 1 step skipped"
    assert skipped_names(record.skipped) == "Legs up the wall"

    records = [record]
    assert totals(records).finished == 1
    assert streaks([record.date], TODAY).current == 1
    assert minutes_per_day(records, TODAY, 1) == [65_000 / 60_000]
    start = TODAY - timedelta(days=7)  # day 8 is today
    assert days_done(records, "nerve", start, TODAY) == {TODAY}
    assert TODAY not in days_missed(records, "nerve", start, TODAY + timedelta(days=1))


def test_stopping_early_is_still_stopped(tmp_path: Path) -> None:
    record = play(tmp_path, [(35, "next_step"), (10, "stop")])
    assert record.ended is Ended.STOPPED and record.skipped == ()
    assert how_it_ended(record) == "stopped"
    assert days_done([record], "nerve", TODAY, TODAY) == set()


def test_skipping_through_every_step_is_not_practice(tmp_path: Path) -> None:
    record = play(tmp_path, [(2, "next_step")] * 3)
    assert record.ended is Ended.STOPPED and record.steps_done == 0
    assert days_done([record], "nerve", TODAY, TODAY) == set()


def test_a_step_repeated_and_skipped_twice_is_named_once_with_its_count() -> None:
    twice = (SkippedStep(1, "Twist"), SkippedStep(2, "Settle"), SkippedStep(4, "Twist"))
    assert skipped_names(twice) == "Twist ×2, Settle"
