"""The recovery journal in a real history file: a version-3 file migrates to version 4
losing nothing, answers are kept as given, a new check-in replaces the day's entry, the
person's own scale is named once; and the text chart shows the numbers as they are."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from breathe.history.journal import (
    BUILT_IN_SCALES,
    JournalEntry,
    block,
    chart,
    chart_days,
    chart_rows,
    own_scale_problem,
    scales,
    scales_in,
)
from breathe.history.store import SCHEMA_VERSION, HistoryError, HistoryStore, open_history
from tests.unit.history.test_history_store import OLD_COLUMNS, VERSION_2

DAY = date(2025, 3, 8)

# Version 3 as breathe wrote it: the skipped steps of a finished session, no journal.
VERSION_3 = (
    VERSION_2.replace("PRAGMA user_version = 2;", "")
    + """
ALTER TABLE sessions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
INSERT INTO sessions VALUES
    (4, 'evening-wind-down', 'Evening wind-down', 'ab', '2025-01-03T21:30:00+01:00', 600000,
     'finished', 5, 6, 1.0, '2025-01-03T21:40:00+01:00', 'circulation-60-day', 3,
     '[{"index": 2, "title": "Legs up the wall"}]');
PRAGMA user_version = 3;
"""
)


def opened(path: Path) -> HistoryStore:
    store = open_history(path)
    assert store is not None
    return store


def test_a_version_3_file_migrates_to_the_journal_losing_nothing(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(VERSION_3)
        columns = f"{OLD_COLUMNS}, skipped"
        rows_before = db.execute(f"SELECT {columns} FROM sessions ORDER BY id").fetchall()
        ticks_before = db.execute("SELECT * FROM checklist").fetchall()
    with opened(path) as store:
        assert [record.id for record in store.sessions()] == [1, 2, 3, 4]
        assert store.sessions()[-1].skipped[0].title == "Legs up the wall"
        assert store.journal() == []
        assert store.own_scale() is None
        store.journal_answer(DAY, "sleep", 6, replace_day=True)
        assert store.journal() == [JournalEntry(DAY, {"sleep": 6})]
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        assert db.execute(f"SELECT {columns} FROM sessions ORDER BY id").fetchall() == rows_before
        assert db.execute("SELECT * FROM checklist").fetchall() == ticks_before
    (backup,) = tmp_path.glob("history.sqlite3.v3-*.bak")
    with closing(sqlite3.connect(backup)) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (3,)
        assert db.execute(f"SELECT {columns} FROM sessions").fetchall() == rows_before


def test_answers_are_kept_one_by_one_and_a_new_check_in_replaces_the_day(
    tmp_path: Path,
) -> None:
    path = tmp_path / "h.sqlite3"
    with opened(path) as store:
        store.journal_answer(DAY, "numbness", 3, replace_day=True)
        store.journal_answer(DAY, "cramps", 0, replace_day=False)
        # Another connection (a crash right now) already sees both answers.
        with opened(path) as other:
            assert other.journal_entry(DAY) == JournalEntry(DAY, {"numbness": 3, "cramps": 0})
        store.journal_answer(DAY, "sleep", 8, replace_day=True)  # a second check-in
        assert store.journal() == [JournalEntry(DAY, {"sleep": 8})]
        store.replace_journal_day(date(2025, 3, 7), {"cold": 10, "numbness": 4})
        assert [entry.day for entry in store.journal()] == [date(2025, 3, 7), DAY]
        assert store.journal(since=DAY) == [JournalEntry(DAY, {"sleep": 8})]


def test_a_value_outside_0_to_10_is_refused(tmp_path: Path) -> None:
    with opened(tmp_path / "h.sqlite3") as store, pytest.raises(HistoryError):
        store.journal_answer(DAY, "sleep", 11, replace_day=True)


def test_the_own_scale_is_named_once_and_comes_last(tmp_path: Path) -> None:
    with opened(tmp_path / "h.sqlite3") as store:
        store.set_own_scale("knee stiffness")
        assert store.own_scale() == "knee stiffness"
        assert [s.label for s in scales(store.own_scale())][-1] == "Knee stiffness"
        store.set_own_scale(None)
        assert store.own_scale() is None
    assert own_scale_problem("  ") is not None
    assert own_scale_problem("Cramps") is not None
    assert own_scale_problem("x" * 31) is not None
    assert own_scale_problem("knee stiffness") is None


def test_the_chart_shows_each_value_and_a_dot_for_a_day_without_one() -> None:
    assert block(0) == "▁" and block(10) == "█" and block(None) == "·"
    entries = [
        JournalEntry(date(2025, 3, 6), {"numbness": 0, "sleep": 10}),
        JournalEntry(date(2025, 3, 8), {"numbness": 5, "knee": 2}),
    ]
    shown = scales_in(entries, None)  # a scale named once and since renamed is still shown
    assert [s.key for s in shown] == [s.key for s in BUILT_IN_SCALES] + ["knee"]
    lines = chart(entries, shown, date(2025, 3, 6), DAY)
    numbness, cold, _cramps, sleep, knee = lines
    assert numbness.blocks == "▁·▅" and numbness.last == (DAY, 5)
    assert cold.blocks == "···" and cold.last is None
    assert sleep.blocks == "█··" and sleep.last == (date(2025, 3, 6), 10)
    assert knee.blocks == "··▂"


def test_the_chart_shows_the_last_days_that_fit() -> None:
    assert chart_days(date(2025, 1, 1), DAY, 10) == (date(2025, 2, 27), DAY)
    assert chart_days(date(2025, 3, 5), DAY, 10) == (date(2025, 3, 5), DAY)


def test_the_drawn_chart_fits_its_width_and_dates_its_days() -> None:
    entries = [JournalEntry(date(2025, 2, 1), {"sleep": 3}), JournalEntry(DAY, {"sleep": 10})]
    wide = chart_rows(entries, "knee stiffness", date(2025, 1, 1), DAY, 76)
    assert [row.label.strip() for row in wide[:-1]] == [
        "Numbness or tingling",
        "Cold hands or feet",
        "Cramps",
        "Sleep quality",
        "Knee stiffness",
    ]
    assert all(len(row.label + row.blocks + row.tail) <= 76 for row in wide)
    assert wide[3].blocks.endswith("█") and wide[3].tail == "  10 on 8 Mar"
    assert wide[-1].blocks.startswith("29 Jan") and wide[-1].blocks.endswith("8 Mar")
    narrow = chart_rows(entries, None, date(2025, 1, 1), DAY, 37)
    assert narrow[0].label == "Numbness o… "
    assert all(len(row.label + row.blocks + row.tail) <= 37 for row in narrow)
    assert narrow[-1].blocks.strip() == "28 Feb"  # nine days: room for one date
