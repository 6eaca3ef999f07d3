"""History that means something (issue 16 §9): what counts as a practice is declared once
(breathe.history.outcome.counts: finished, or a minute practised), and the History screen
follows it; routine names are shown whole at 80 and 40 columns; every month has its name
above the calendar.

Real history files in tmp dirs, the real app through Pilot, a fixed "today".
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest

from breathe.core.options import PlayOptions
from breathe.history.store import Ended, NewSession, open_history
from breathe.ui.app import make_app
from tests.app.test_history_snapshots import NOW, write_history
from tests.support.player import START, FakeClock, library_ready, screen_lines
from tests.support.repo import SNAPSHOT_ROUTINES

PARIS = timezone(timedelta(hours=1))
Session = tuple[datetime, str, str, int, Ended | None, int | None]


def record(path: Path, sessions: list[Session]) -> None:
    """Add sessions (when, routine, title, practised ms, ended, program day) to `path`."""
    store = open_history(path)
    assert store is not None
    with store:
        for at, routine, title, practised_ms, ended, day in sessions:
            program = None if day is None else "circulation-60-day"
            new = NewSession(routine, title, None, at, 5, program=program, day=day)
            session = store.start_session(new)
            store.update_session(session, practised_ms=practised_ms, steps_done=1, ended=ended)


async def history_screen(path: Path, now: datetime, size: tuple[int, int]) -> list[str]:
    """The History screen's lines, `now` being the app's time."""
    app = make_app(
        bundled=SNAPSHOT_ROUTINES,
        user=SNAPSHOT_ROUTINES / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=path,
        now=lambda: now,
    )
    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        return screen_lines(app)


async def test_a_session_stopped_after_seconds_is_listed_but_makes_no_streak(
    tmp_path: Path,
) -> None:
    """19 s of 4-7-8 stopped: no one-day streak, no day practised, no minutes; the session
    is in the list, quieter, marked not counted, with the rule under it."""
    history = tmp_path / "history.sqlite3"
    evening = NOW.replace(hour=21)
    record(history, [(evening, "4-7-8", "4-7-8 breathing", 19_000, Ended.STOPPED, None)])
    screen = "\n".join(await history_screen(history, NOW, (80, 40)))
    assert "Current streak  0 days" in screen
    assert "Sessions        0 on 0 days" in screen
    assert "Not counted     1" in screen
    assert "Wed 05 Mar 21:00  4-7-8 breathing" in screen
    assert "19 s  not counted" in screen
    assert "A session counts once finished, or after a minute of practice." in screen


async def test_a_minute_stopped_or_a_short_routine_finished_counts(tmp_path: Path) -> None:
    history = tmp_path / "history.sqlite3"
    record(
        history,
        [
            (NOW - timedelta(days=1), "box", "Box breathing", 60_000, Ended.STOPPED, None),
            (NOW, "sigh", "One sigh", 12_000, Ended.FINISHED, None),
        ],
    )
    screen = "\n".join(await history_screen(history, NOW, (80, 40)))
    assert "Current streak  2 days" in screen
    assert "Not counted" not in screen and "not counted" not in screen


@pytest.mark.parametrize("size", [(80, 60), (40, 80)])
async def test_routine_names_are_shown_whole(tmp_path: Path, size: tuple[int, int]) -> None:
    """At 80 columns the favourites and the recent sessions used to share the width, and
    "4-7-8 breathing" became "4-7-8 b…"; at 40 columns a long name wraps between words."""
    history = tmp_path / "history.sqlite3"
    write_history(history)
    record(
        history,
        [
            (NOW + timedelta(minutes=5), "4-7-8", "4-7-8 breathing", 300_000, Ended.FINISHED, 12),
            (NOW + timedelta(minutes=20), "4-7-8", "4-7-8 breathing", 300_000, Ended.FINISHED, 12),
        ],
    )
    lines = await history_screen(history, NOW + timedelta(hours=1), size)
    screen = "\n".join(lines)
    assert "…" not in screen
    assert "Gentle spinal twists" in screen and "Extended exhalation" in screen
    if size[0] == 80:
        assert screen.count("4-7-8 breathing · day 12") == 2
    else:  # the program's day on a line of its own, under the name
        names = [n for n, line in enumerate(lines) if "05 Mar  4-7-8 breathing " in line]
        assert len(names) == 2
        assert all(lines[n + 1].strip() == "day 12" for n in names)
    assert all(len(line) <= size[0] for line in lines)


@pytest.mark.parametrize("width", [100, 80, 40])
async def test_every_month_has_its_name(tmp_path: Path, width: int) -> None:
    """Twelve weeks from Monday 22 September 2025: September shows one week, and October
    begins in the next. October's name used to be left out, as touching September's."""
    today = date(2025, 12, 8)
    now = datetime.combine(today, time(9), PARIS)
    history = tmp_path / "history.sqlite3"
    record(history, [(now, "box", "Box breathing", 300_000, Ended.FINISHED, None)])
    lines = await history_screen(history, now, (width, 40))
    months = next(line for line in lines if "Oct" in line)
    assert months.split() == ["Sep", "Oct", "Nov", "Dec"]
