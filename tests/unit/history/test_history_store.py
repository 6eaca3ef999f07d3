"""The history file: real SQLite files in tmp dirs. Sessions, their skipped steps and
checklists round-trip; two writers at once lose nothing; older schemas migrate (with a copy
kept) and lose nothing; corrupt, foreign and newer files are refused and left byte for byte
as they were."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from contextlib import closing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from breathe.core.engine import SkippedStep
from breathe.history.store import (
    SCHEMA_VERSION,
    Ended,
    HistoryError,
    HistoryStore,
    NewSession,
    open_history,
)

PARIS = timezone(timedelta(hours=1))


def new(routine: str = "box", at: datetime | None = None, **changes: object) -> NewSession:
    fields: dict[str, object] = {
        "routine": routine,
        "title": routine.title(),
        "file_sha256": "ab" * 32,
        "started_at": at or datetime(2025, 3, 1, 7, 30, tzinfo=PARIS),
        "steps_total": 4,
        "tempo": 0.75,
    }
    fields.update(changes)
    return NewSession(**fields)  # type: ignore[arg-type]


def opened(path: Path) -> HistoryStore:
    store = open_history(path)
    assert store is not None
    return store


def test_a_session_is_recorded_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "data" / "history.sqlite3"
    with opened(path) as store:
        first = store.start_session(new(program="nerve-recovery", day=3))
        second = store.start_session(new("twists", datetime(2025, 3, 2, 22, 5, tzinfo=PARIS)))
        store.update_session(first, practised_ms=61_234, steps_done=2)
        store.update_session(first, practised_ms=183_500, steps_done=4, ended=Ended.FINISHED)
        store.update_session(second, practised_ms=5_000, steps_done=0, ended=Ended.STOPPED)
    with opened(path) as store:  # a new connection: it was committed
        one, two = store.sessions()
        assert store.sessions(since=date(2025, 3, 2)) == [two]
    assert one.routine == "box" and one.title == "Box" and one.file_sha256 == "ab" * 32
    assert one.started_at == datetime(2025, 3, 1, 7, 30, tzinfo=PARIS)
    assert one.started_at.utcoffset() == timedelta(hours=1)  # the offset it was recorded in
    assert (one.practised_ms, one.steps_done, one.steps_total) == (183_500, 4, 4)
    assert (one.ended, one.tempo, one.program, one.day) == (
        Ended.FINISHED,
        0.75,
        "nerve-recovery",
        3,
    )
    assert (two.ended, two.practised_ms, two.program, two.day) == (Ended.STOPPED, 5_000, None, None)
    assert two.date == date(2025, 3, 2)


def test_a_session_never_ended_reads_as_not_ended(tmp_path: Path) -> None:
    with opened(tmp_path / "h.sqlite3") as store:
        session = store.start_session(new())
        store.update_session(session, practised_ms=20_000, steps_done=1)
        (record,) = store.sessions()
    assert record.ended is None and record.practised_ms == 20_000


def test_the_file_is_in_wal_mode_with_the_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    opened(path).close()
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_checklist_items_are_ticked_per_day_and_program(tmp_path: Path) -> None:
    day = date(2025, 3, 1)
    with opened(tmp_path / "h.sqlite3") as store:
        store.tick(day, "nerve", "Magnesium as advised")
        store.tick(day, "nerve", "Magnesium as advised")  # twice is once
        store.tick(day, "nerve", "Water")
        store.tick(day, "other", "Walk")
        store.tick(day + timedelta(days=1), "nerve", "Sleep by 11")
        store.untick(day, "nerve", "Water")
        assert store.ticked(day, "nerve") == {"Magnesium as advised"}
        assert store.ticked(day, "other") == {"Walk"}
        assert store.checklists("nerve") == {
            day: {"Magnesium as advised"},
            day + timedelta(days=1): {"Sleep by 11"},
        }


def test_reading_a_missing_history_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "none" / "history.sqlite3"
    assert open_history(path, create=False) is None
    assert not path.parent.exists()


# -- two writers at once --


def write_sessions(path: str, tag: str, count: int, ready: Any = None) -> None:
    """One breathe instance: starts `count` sessions, updates each at every step, ends it.

    With `ready` (a barrier), it waits for the other writer, so both open (and create) the
    file at the same moment and then write at once.
    """
    if ready is not None:
        ready.wait(timeout=60)
    with opened(Path(path)) as store:
        for n in range(count):
            session = store.start_session(new(f"{tag}-{n}"))
            for step in range(1, 4):
                store.update_session(session, practised_ms=step * 1000, steps_done=step)
            store.update_session(session, practised_ms=n, steps_done=4, ended=Ended.FINISHED)


def check_all_there(path: Path, tags: list[str], count: int) -> None:
    with opened(path) as store:
        records = store.sessions()
    assert len(records) == len(tags) * count
    by_routine = {record.routine: record for record in records}
    for tag in tags:
        for n in range(count):
            record = by_routine[f"{tag}-{n}"]
            assert (record.practised_ms, record.steps_done, record.ended) == (n, 4, Ended.FINISHED)


def test_two_threads_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    opened(path).close()
    threads = [threading.Thread(target=write_sessions, args=(str(path), tag, 150)) for tag in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check_all_there(path, ["a", "b"], 150)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    """Separate processes (as two breathe instances are), both creating the file at once."""
    path = tmp_path / "h.sqlite3"
    context = multiprocessing.get_context("spawn")
    ready = context.Barrier(2)
    processes = [
        context.Process(target=write_sessions, args=(str(path), tag, 150, ready)) for tag in "ab"
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    check_all_there(path, ["a", "b"], 150)


# -- migration from the first schema --

VERSION_1 = """
CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    routine TEXT NOT NULL,
    title TEXT NOT NULL,
    file_sha256 TEXT,
    started_at TEXT NOT NULL,
    practised_ms INTEGER NOT NULL DEFAULT 0,
    ended TEXT CHECK (ended IN ('finished', 'stopped')),
    steps_done INTEGER NOT NULL DEFAULT 0,
    steps_total INTEGER NOT NULL,
    tempo REAL NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
CREATE INDEX sessions_started ON sessions (started_at);
INSERT INTO sessions VALUES
    (1, 'box', 'Box breathing', NULL, '2024-12-31T21:00:00+01:00', 240000, 'finished', 3, 3,
     1.0, '2024-12-31T21:04:00+01:00'),
    (2, 'twists', 'Gentle twists', 'cd', '2025-01-01T08:00:00-05:00', 30000, NULL, 1, 5,
     1.5, '2025-01-01T08:00:30-05:00');
PRAGMA user_version = 1;
"""


def test_a_version_1_file_migrates_and_a_copy_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(VERSION_1)
    before = path.read_bytes()
    with opened(path) as store:
        old_one, old_two = store.sessions()
        store.tick(date(2025, 1, 1), "nerve", "Water")  # the new table is there
        added = store.start_session(new(program="nerve", day=1))
        assert store.sessions()[-1].id == added
    assert (old_one.title, old_one.practised_ms, old_one.ended) == (
        "Box breathing",
        240_000,
        "finished",
    )
    assert old_one.started_at == datetime(2024, 12, 31, 21, 0, tzinfo=PARIS)
    assert (old_two.ended, old_two.tempo, old_two.program, old_two.day) == (None, 1.5, None, None)
    (backup,) = tmp_path.glob("history.sqlite3.v1-*.bak")
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (2,)
    assert len(before) > 0
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    # Opening it again migrates nothing and copies nothing.
    opened(path).close()
    assert len(list(tmp_path.glob("*.bak"))) == 1


# Version 2 as breathe wrote it: programs and checklists, no skipped steps.
VERSION_2 = (
    VERSION_1.replace("PRAGMA user_version = 1;", "")
    + """
ALTER TABLE sessions ADD COLUMN program TEXT;
ALTER TABLE sessions ADD COLUMN day INTEGER;
CREATE TABLE checklist (
    date TEXT NOT NULL,
    program TEXT NOT NULL,
    item TEXT NOT NULL,
    ticked_at TEXT NOT NULL,
    PRIMARY KEY (date, program, item)
);
INSERT INTO sessions VALUES
    (3, 'legs-up-the-wall', 'Legs up the wall', 'ef', '2025-01-02T21:30:00+01:00', 90000,
     'stopped', 2, 4, 1.0, '2025-01-02T21:31:30+01:00', 'circulation-60-day', 2);
INSERT INTO checklist VALUES
    ('2025-01-02', 'circulation-60-day', 'Water through the day', '2025-01-02T10:00:00+01:00');
PRAGMA user_version = 2;
"""
)
OLD_COLUMNS = (
    "id, routine, title, file_sha256, started_at, practised_ms, ended, steps_done, steps_total, "
    "tempo, updated_at, program, day"
)


def test_a_version_2_file_migrates_losing_nothing_and_gains_skipped_steps(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(VERSION_2)
        rows_before = db.execute(f"SELECT {OLD_COLUMNS} FROM sessions ORDER BY id").fetchall()
        ticks_before = db.execute("SELECT * FROM checklist").fetchall()
    with opened(path) as store:
        old = store.sessions()
        assert [record.skipped for record in old] == [(), (), ()]  # none were recorded
        assert store.ticked(date(2025, 1, 2), "circulation-60-day") == {"Water through the day"}
        added = store.start_session(new("legs-up-the-wall"))
        skipped = (SkippedStep(1, "Legs up the wall"), SkippedStep(3, "Légère détente"))
        store.update_session(
            added, practised_ms=60_000, steps_done=2, ended=Ended.FINISHED, skipped=skipped
        )
        assert store.sessions()[-1].skipped == skipped
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        rows_after = db.execute(f"SELECT {OLD_COLUMNS} FROM sessions ORDER BY id").fetchall()
        assert rows_after[:3] == rows_before  # every old value, as it was
        assert db.execute("SELECT * FROM checklist").fetchall() == ticks_before
    (backup,) = tmp_path.glob("history.sqlite3.v2-*.bak")
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        assert db.execute(f"SELECT {OLD_COLUMNS} FROM sessions").fetchall() == rows_before
    assert (old[2].ended, old[2].practised_ms, old[2].program, old[2].day) == (
        Ended.STOPPED,
        90_000,
        "circulation-60-day",
        2,
    )


def test_skipped_steps_are_recorded_with_the_end_and_read_back(tmp_path: Path) -> None:
    with opened(tmp_path / "h.sqlite3") as store:
        session = store.start_session(new())
        store.update_session(session, practised_ms=20_000, steps_done=1)
        (playing,) = store.sessions()
        assert playing.skipped == ()
        store.update_session(
            session,
            practised_ms=40_000,
            steps_done=3,
            ended=Ended.FINISHED,
            skipped=(SkippedStep(2, "Legs up the wall"),),
        )
        (ended,) = store.sessions()
    assert ended.skipped == (SkippedStep(2, "Legs up the wall"),)
    assert (ended.ended, ended.steps_done, ended.practised_ms) == (Ended.FINISHED, 3, 40_000)


def test_unreadable_skipped_steps_are_a_history_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with opened(path) as store:
        store.start_session(new())
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE sessions SET skipped = 'not json'")
        db.commit()
    with opened(path) as store, pytest.raises(HistoryError, match="skipped steps"):
        store.sessions()


def test_a_new_file_gets_no_backup(tmp_path: Path) -> None:
    opened(tmp_path / "history.sqlite3").close()
    assert not list(tmp_path.glob("*.bak"))


# -- files refused, untouched --


def newer_file(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.executescript(
            VERSION_1.replace("user_version = 1", f"user_version = {SCHEMA_VERSION + 1}")
        )


def sqlite_garbage(path: Path) -> None:
    """A real history whose pages past the header were overwritten."""
    opened(path).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA journal_mode = DELETE")
        db.executemany(
            "INSERT INTO sessions (routine, title, started_at, steps_total, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [(f"r{n}", "t" * 200, "2025-01-01T00:00:00+00:00", 3, "x") for n in range(200)],
        )
        db.commit()
    data = bytearray(path.read_bytes())
    data[4096 + 100 : 4096 * 3] = b"\xff" * (4096 * 2 - 100)
    path.write_bytes(bytes(data))


def truncated(path: Path) -> None:
    sqlite_garbage(path)
    path.write_bytes(path.read_bytes()[:5000])


def another_database(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.executescript("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');")


FILES = {
    "text": lambda path: path.write_text("my notes, not a database\n" * 50),
    "random": lambda path: path.write_bytes(bytes(range(256)) * 40),
    "damaged pages": sqlite_garbage,
    "truncated": truncated,
    "another database": another_database,
    "newer": newer_file,
}


@pytest.mark.parametrize("kind", FILES)
def test_unusable_files_are_refused_and_left_unchanged(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "history.sqlite3"
    FILES[kind](path)
    before = path.read_bytes()
    for _ in range(2):  # and again: still refused, still unchanged
        with pytest.raises(HistoryError) as refused:
            open_history(path)
        assert path.read_bytes() == before
    message = str(refused.value)
    assert str(path) in message
    assert "not changed" in message
    if kind == "newer":
        assert f"newer breathe (history version {SCHEMA_VERSION + 1}" in message
    else:
        assert "Move it away" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.sqlite3"]


def test_sessions_since_a_date_are_found_through_the_start_index(tmp_path: Path) -> None:
    """`since` is the local date as recorded, whatever the offset; and SQLite finds those
    sessions through `sessions_started`, not by reading every row (the Today box asks for
    a program's sessions at each start, with 100,000 recorded)."""
    path = tmp_path / "history.sqlite3"
    tokyo = timezone(timedelta(hours=9))
    with opened(path) as store:
        store.start_session(new("before", datetime(2025, 2, 28, 23, 59, tzinfo=PARIS)))
        on_the_day = store.start_session(new("tokyo", datetime(2025, 3, 1, 0, 0, tzinfo=tokyo)))
        after = store.start_session(new("after", datetime(2025, 3, 5, 7, 0, tzinfo=PARIS)))
        since = store.sessions(since=date(2025, 3, 1))
        assert [record.id for record in since] == [on_the_day, after]
        assert store.session_count(since=date(2025, 3, 1)) == 2
        assert [record.id for record in store.sessions(last=1)] == [after]
    with closing(sqlite3.connect(path)) as db:
        plan = " ".join(
            str(row[-1])
            for row in db.execute(
                "EXPLAIN QUERY PLAN SELECT * FROM sessions WHERE started_at >= ?", ("2025-03-01",)
            )
        )
    assert "sessions_started" in plan


def test_practice_sums_match_the_totals_of_every_record(tmp_path: Path) -> None:
    from breathe.history.stats import stored_totals, totals

    path = tmp_path / "history.sqlite3"
    with opened(path) as store:
        for index, (ms, ended) in enumerate(
            [
                (300_000, Ended.FINISHED),
                (20_000, Ended.STOPPED),
                (61_000, Ended.STOPPED),
                (10_000, Ended.FINISHED),
                (90_000, None),
                (5_000, None),
            ]
        ):
            at = datetime(2025, 3, 1 + index // 2, 7, 0, tzinfo=PARIS)
            session = store.start_session(new(at=at))
            store.update_session(session, practised_ms=ms, steps_done=1, ended=ended)
        assert stored_totals(store) == totals(store.sessions())
        assert stored_totals(store, date(2025, 3, 2)) == totals(store.sessions(date(2025, 3, 2)))


def test_the_stats_summed_by_sqlite_are_those_of_every_record(tmp_path: Path) -> None:
    """`breathe stats` adds up the history in SQL: the streaks, totals, last days and the
    most practised routines (each with its title as last recorded) are the same as from
    every record read into Python."""
    from breathe.history.stats import stored_summary, summary

    path = tmp_path / "history.sqlite3"
    with opened(path) as store:
        for index in range(40):
            routine = f"r{index % 7}"
            at = datetime(2025, 3, 1, 7, 0, tzinfo=PARIS) + timedelta(days=index // 3)
            session = store.start_session(new(routine, at, title=f"{routine} take {index}"))
            ended = (Ended.FINISHED, Ended.STOPPED, None)[index % 3]
            ms = (300_000, 45_000, 75_000, 0)[index % 4]
            store.update_session(session, practised_ms=ms, steps_done=1, ended=ended)
        for today in (date(2025, 3, 10), date(2025, 3, 14), date(2025, 4, 30)):
            assert stored_summary(store, today) == summary(store.sessions(), today)
