"""The History screen's overview and `breathe stats`, summed by SQLite from the sums its
triggers keep, against the same figures from every record read the slow way, on a real
history file: sessions updated as a recorder updates them, every way a session ends, the
practice rule's edge (a minute practised), time zones, a title changed, rows deleted and
edited by hand, and a file written by an earlier version (migrated)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from breathe.history.outcome import MINIMUM_PRACTICE_MS
from breathe.history.overview import overview_of, read_overview
from breathe.history.stats import stored_summary, summary
from breathe.history.store import Ended, HistoryStore, NewSession, open_history
from tests.unit.history.test_history_store import VERSION_1

PARIS = timezone(timedelta(hours=1))
TOKYO = timezone(timedelta(hours=9))
TODAY = date(2025, 3, 5)


def opened(path: Path) -> HistoryStore:
    store = open_history(path)
    assert store is not None
    return store


def record_many(store: HistoryStore) -> None:
    """Sixty days of varied sessions, each written as a recorder writes it: started, then
    updated as it goes, then ended (or never, when killed)."""
    for n in range(120):
        day = TODAY - timedelta(days=(n * 7) % 60)
        zone = TOKYO if n % 13 == 0 else PARIS
        at = datetime.combine(day, datetime.min.time(), zone).replace(hour=6 + n % 15)
        routine = f"routine-{n % 7}"
        title = f"Routine {n % 7}" + (" (renamed)" if n > 90 else "")
        program = ("nerve-recovery", 1 + n % 20) if n % 4 == 0 else (None, None)
        session = store.start_session(
            NewSession(routine, title, None, at, 5, program=program[0], day=program[1])
        )
        practised = [0, 30_000, MINIMUM_PRACTICE_MS - 1, MINIMUM_PRACTICE_MS, 600_000][n % 5]
        store.update_session(session, practised_ms=practised // 2, steps_done=1)
        if n % 9 == 0:
            store.update_session(session, practised_ms=practised, steps_done=2)  # killed
            continue
        ended = Ended.FINISHED if n % 3 == 0 else Ended.STOPPED
        store.update_session(session, practised_ms=practised, steps_done=5, ended=ended)


def assert_same_as_every_record(store: HistoryStore, today: date = TODAY) -> None:
    records = store.sessions()
    assert read_overview(store, today) == overview_of(records, today)
    assert stored_summary(store, today) == summary(records, today)


def test_the_sums_sqlite_keeps_are_those_of_every_record(tmp_path: Path) -> None:
    with opened(tmp_path / "history.sqlite3") as store:
        record_many(store)
        overview = read_overview(store, TODAY)
        assert overview.recorded == 120
        assert overview.totals.not_counted > 0 and overview.totals.finished > 0
        assert [total.title for total in overview.top if "renamed" in total.title]
        assert overview.program_start is not None
        assert_same_as_every_record(store)
        assert_same_as_every_record(store, TODAY + timedelta(days=3))  # streak broken


def test_the_sums_follow_rows_deleted_and_edited_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with opened(path) as store:
        record_many(store)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("DELETE FROM sessions WHERE id % 5 = 1")
        db.execute(
            "UPDATE sessions SET routine = 'moved', started_at = '2025-01-01T08:00:00+01:00' "
            "WHERE id % 7 = 2"
        )
        db.execute("UPDATE sessions SET program = NULL, day = NULL WHERE id > 100")
    with opened(path) as store:
        assert_same_as_every_record(store)


def test_an_empty_history_sums_to_nothing(tmp_path: Path) -> None:
    with opened(tmp_path / "history.sqlite3") as store:
        assert_same_as_every_record(store)
        assert read_overview(store, TODAY).recorded == 0


def test_a_file_of_an_earlier_version_gets_its_sums_as_it_migrates(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(VERSION_1)  # sessions from breathe's first history
    with opened(path) as store:
        assert store.sessions()
        assert_same_as_every_record(store)
        record_many(store)  # and kept up to date from then on
        assert_same_as_every_record(store)


def test_older_sessions_come_a_page_at_a_time(tmp_path: Path) -> None:
    with opened(tmp_path / "history.sqlite3") as store:
        record_many(store)
        every = store.sessions()
        newest = store.sessions(last=8)
        assert newest == every[-8:]
        page = store.sessions(last=25, before=newest[0].id)
        assert page == every[-33:-8]
        assert store.sessions(last=25, before=every[2].id) == every[:2]
