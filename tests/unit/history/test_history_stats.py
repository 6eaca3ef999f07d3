"""What the history adds up to, from records as the store returns them: streaks across
month and year ends and time-zone changes, totals, minutes a day, favourites, program days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from breathe.history.outcome import MINIMUM_PRACTICE_MS, counts, how_it_ended
from breathe.history.stats import (
    Streaks,
    days_done,
    days_missed,
    minutes_per_day,
    practised_ms_by_day,
    streaks,
    today_so_far,
    top_routines,
    totals,
)
from breathe.history.store import Ended, NewSession, SessionRecord, open_history

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
TOKYO = timezone(timedelta(hours=9))


def recorded(
    tmp_path: Path, sessions: list[tuple[datetime, int, Ended | None, str | None]]
) -> list[SessionRecord]:
    """Write the sessions to a real history file and read them back."""
    store = open_history(tmp_path / "history.sqlite3")
    assert store is not None
    with store:
        for n, (at, practised_ms, ended, program) in enumerate(sessions):
            session = store.start_session(
                NewSession(f"r{n % 3}", f"Routine {n % 3}", None, at, 3, program=program)
            )
            store.update_session(session, practised_ms=practised_ms, steps_done=3, ended=ended)
        return store.sessions()


def days(*dates: str) -> set[date]:
    return {date.fromisoformat(text) for text in dates}


def test_a_streak_runs_across_month_and_year_ends() -> None:
    practised = days("2024-12-29", "2024-12-30", "2024-12-31", "2025-01-01", "2025-01-02")
    assert streaks(practised, date(2025, 1, 2)) == Streaks(5, 5)
    # February to March, in a leap year and not.
    assert streaks(days("2024-02-28", "2024-02-29", "2024-03-01"), date(2024, 3, 1)) == Streaks(
        3, 3
    )
    assert streaks(days("2025-02-27", "2025-02-28", "2025-03-01"), date(2025, 3, 1)) == Streaks(
        3, 3
    )
    # A missing 29 February breaks it in a leap year.
    assert streaks(days("2024-02-28", "2024-03-01"), date(2024, 3, 1)) == Streaks(1, 1)
    # 30 April to 1 May, and 31 July to 1 August.
    assert streaks(days("2025-04-30", "2025-05-01"), date(2025, 5, 1)).current == 2
    assert streaks(days("2025-07-31", "2025-08-01"), date(2025, 8, 1)).current == 2


def test_the_current_streak_lasts_until_a_whole_day_is_missed() -> None:
    practised = days("2025-03-01", "2025-03-02", "2025-03-03")
    assert streaks(practised, date(2025, 3, 3)).current == 3  # practised today
    assert streaks(practised, date(2025, 3, 4)).current == 3  # not yet today: still going
    assert streaks(practised, date(2025, 3, 5)) == Streaks(0, 3)  # a day missed
    assert streaks(set(), date(2025, 3, 5)) == Streaks(0, 0)


def test_the_longest_streak_is_found_among_several() -> None:
    practised = days(
        "2025-01-01", "2025-01-02", "2025-01-04", "2025-01-05", "2025-01-06", "2025-01-08"
    )
    assert streaks(practised, date(2025, 1, 8)) == Streaks(1, 3)


def test_a_day_is_the_local_date_where_it_was_practised(tmp_path: Path) -> None:
    """Evening practice in Paris, then after a flight, evening practice in New York: two
    days in a row, though in UTC the second is two dates after the first."""
    records = recorded(
        tmp_path,
        [
            (datetime(2025, 3, 1, 23, 30, tzinfo=PARIS), 600_000, Ended.FINISHED, None),
            (datetime(2025, 3, 2, 20, 0, tzinfo=NEW_YORK), 600_000, Ended.FINISHED, None),
            # Flying east: Tokyo's morning of 4 March is still 3 March in New York.
            (datetime(2025, 3, 4, 7, 0, tzinfo=TOKYO), 300_000, Ended.STOPPED, None),
        ],
    )
    assert [record.started_at.astimezone(UTC).date() for record in records] == [
        date(2025, 3, 1),
        date(2025, 3, 3),
        date(2025, 3, 3),
    ]
    by_day = practised_ms_by_day(records)
    assert by_day == {
        date(2025, 3, 1): 600_000,
        date(2025, 3, 2): 600_000,
        date(2025, 3, 4): 300_000,
    }
    assert streaks(by_day, date(2025, 3, 2)) == Streaks(2, 2)
    assert streaks(by_day, date(2025, 3, 4)) == Streaks(1, 2)


def test_two_sessions_on_one_local_day_are_one_day(tmp_path: Path) -> None:
    records = recorded(
        tmp_path,
        [
            (datetime(2025, 3, 1, 7, 0, tzinfo=PARIS), 300_000, Ended.FINISHED, None),
            (datetime(2025, 3, 1, 22, 0, tzinfo=PARIS), 900_000, Ended.FINISHED, None),
            (datetime(2025, 3, 2, 22, 0, tzinfo=PARIS), 0, Ended.STOPPED, None),  # no time
        ],
    )
    assert practised_ms_by_day(records) == {date(2025, 3, 1): 1_200_000}
    total = totals(records)
    assert (total.sessions, total.finished, total.practised_ms, total.days) == (2, 2, 1_200_000, 1)
    assert total.not_counted == 1  # stopped at once: recorded, not a practice


def test_minutes_a_day_end_with_today(tmp_path: Path) -> None:
    records = recorded(
        tmp_path,
        [
            (datetime(2025, 2, 27, 8, 0, tzinfo=PARIS), 90_000, Ended.FINISHED, None),
            (datetime(2025, 3, 1, 8, 0, tzinfo=PARIS), 600_000, Ended.FINISHED, None),
            (datetime(2025, 3, 1, 20, 0, tzinfo=PARIS), 300_000, Ended.FINISHED, None),
        ],
    )
    assert minutes_per_day(records, date(2025, 3, 1), days=4) == [0.0, 1.5, 0.0, 15.0]


def test_the_most_practised_routines_come_first(tmp_path: Path) -> None:
    at = datetime(2025, 3, 1, 8, 0, tzinfo=PARIS)
    records = recorded(
        tmp_path,
        [(at, ms, Ended.FINISHED, None) for ms in (60_000, 500_000, 70_000, 80_000, 1_000)],
    )
    # r0: 60 s + 80 s, r1: 500 s + 1 s, r2: 70 s
    ranked = top_routines(records)
    assert [(t.routine, t.sessions, t.practised_ms) for t in ranked] == [
        ("r1", 2, 501_000),
        ("r0", 2, 140_000),
        ("r2", 1, 70_000),
    ]
    assert [t.routine for t in top_routines(records, limit=1)] == ["r1"]


def test_program_days_done_and_missed(tmp_path: Path) -> None:
    start = date(2025, 1, 30)  # a program started at the end of January
    records = recorded(
        tmp_path,
        [
            (datetime(2025, 1, 30, 20, 0, tzinfo=PARIS), 900_000, Ended.FINISHED, "nerve"),
            (datetime(2025, 1, 31, 20, 0, tzinfo=PARIS), 300_000, Ended.STOPPED, "nerve"),
            (datetime(2025, 2, 1, 20, 0, tzinfo=PARIS), 900_000, Ended.FINISHED, None),
            (datetime(2025, 2, 2, 20, 0, tzinfo=PARIS), 900_000, Ended.FINISHED, "other"),
            (datetime(2025, 2, 3, 19, 0, tzinfo=NEW_YORK), 900_000, Ended.FINISHED, "nerve"),
            (datetime(2025, 1, 29, 20, 0, tzinfo=PARIS), 900_000, Ended.FINISHED, "nerve"),
        ],
    )
    today = date(2025, 2, 4)
    assert days_done(records, "nerve", start, today) == days("2025-01-30", "2025-02-03")
    assert days_missed(records, "nerve", start, today) == sorted(
        days("2025-01-31", "2025-02-01", "2025-02-02")
    )  # today is not missed yet
    assert days_missed(records, "nerve", start, start) == []


def test_a_practice_is_a_finished_session_or_a_minute_practised(tmp_path: Path) -> None:
    """Sessions opened by mistake do not make a day: 3 s and 19 s stopped are kept in the
    history but count nowhere; a minute stopped, a minute cut off and a short routine played
    to its end all count."""
    at = datetime(2025, 3, 1, 7, 0, tzinfo=PARIS)
    records = recorded(
        tmp_path,
        [
            (at, 3_000, Ended.STOPPED, None),
            (at + timedelta(days=1), 19_000, Ended.STOPPED, "nerve"),
            (at + timedelta(days=2), MINIMUM_PRACTICE_MS - 1, None, None),
            (at + timedelta(days=3), MINIMUM_PRACTICE_MS, Ended.STOPPED, None),
            (at + timedelta(days=4), MINIMUM_PRACTICE_MS, None, None),
            (at + timedelta(days=5), 45_000, Ended.FINISHED, None),
        ],
    )
    assert [counts(record) for record in records] == [False, False, False, True, True, True]
    assert [how_it_ended(record, short=True) for record in records][:3] == ["not counted"] * 3
    assert how_it_ended(records[0]) == "stopped"  # in full, it still says how it ended
    assert set(practised_ms_by_day(records)) == days("2025-03-04", "2025-03-05", "2025-03-06")
    assert streaks(practised_ms_by_day(records[:2]), date(2025, 3, 2)) == Streaks(0, 0)
    total = totals(records)
    assert (total.sessions, total.days, total.not_counted) == (3, 3, 3)
    assert total.practised_ms == 2 * MINIMUM_PRACTICE_MS + 45_000
    assert days_done(records, "nerve", date(2025, 3, 1), date(2025, 3, 6)) == set()
    assert [t.routine for t in top_routines(records)] == ["r0", "r1", "r2"]  # 3 to 5 alone
    assert today_so_far(records, date(2025, 3, 6)) == (1, 45_000)
    assert today_so_far(records, date(2025, 3, 1)) == (0, 0)
