"""The History screen as snapshots: a fixed set of sessions in a real history file and a
fixed "today" (Wednesday 5 March 2025, so the twelve weeks span a year's end and a month's),
at 100x32 and 40x12; an empty history; a history file that cannot be read.

Update with `pytest tests/app/test_history_snapshots.py --snapshot-update`, then look at the
report. `test_stored_snapshots_show_the_right_words` reads the stored SVGs back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.core.engine import SkippedStep
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, NewSession, open_history
from breathe.ui.app import make_app
from tests.support.player import START, FakeClock, library_ready, svg_lines
from tests.support.repo import SNAPSHOT_ROUTINES

SnapCompare = Callable[..., bool]
SIZES = {"100x32": (100, 32), "100x30": (100, 30), "80x24": (80, 24), "40x12": (40, 12)}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
PARIS = timezone(timedelta(hours=1))
TODAY = date(2025, 3, 5)
NOW = datetime(2025, 3, 5, 21, 0, tzinfo=PARIS)
ROUTINES = [
    ("evening-wind-down", "Evening wind-down"),
    ("extended-exhale", "Extended exhalation"),
    ("box-breathing", "Box breathing"),
    ("gentle-spinal-twists", "Gentle spinal twists"),
]


def fixed_sessions() -> list[tuple[datetime, str, str, int, Ended | None]]:
    """The same sessions every time: most days of the last twelve weeks, a gap of three
    days in January, 35 days in a row up to 23 February, then (after a day off) the last
    nine, and a few days with two sessions."""
    sessions: list[tuple[datetime, str, str, int, Ended | None]] = []
    for back in range(84, -1, -1):
        day = TODAY - timedelta(days=back)
        if back == 9 or (back % 7 == 3 and back > 40) or 50 <= back <= 52:
            continue  # a day off most weeks until February, three days in January, and one

        routine, title = ROUTINES[back % 4]
        minutes = 3 + (back * 7) % 23
        ended = Ended.STOPPED if back % 11 == 0 else Ended.FINISHED
        at = datetime.combine(day, datetime.min.time(), PARIS).replace(hour=7, minute=30)
        sessions.append((at, routine, title, minutes * 60_000 + back * 1000, ended))
        if back % 5 == 0:
            evening = at.replace(hour=21, minute=10)
            sessions.append((evening, ROUTINES[0][0], ROUTINES[0][1], 14 * 60_000, Ended.FINISHED))
    return sessions


def write_history(path: Path) -> None:
    """The fixed sessions; tonight's wind-down left out legs up the wall, on purpose."""
    store = open_history(path)
    assert store is not None
    with store:
        for at, routine, title, practised_ms, ended in fixed_sessions():
            session = store.start_session(NewSession(routine, title, None, at, 5))
            tonight = at == NOW.replace(minute=10)
            store.update_session(
                session,
                practised_ms=practised_ms,
                steps_done=4 if tonight else 5,
                ended=ended,
                skipped=(SkippedStep(3, "Legs up the wall"),) if tonight else (),
            )


def snapshot(snap_compare: SnapCompare, history: Path, size: tuple[int, int]) -> bool:
    app = make_app(
        bundled=SNAPSHOT_ROUTINES,
        user=SNAPSHOT_ROUTINES / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=history,
        now=lambda: NOW,
    )

    async def open_history_screen(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()

    return snap_compare(app, terminal_size=size, run_before=open_history_screen)


@pytest.mark.parametrize("size", SIZES)
def test_history_screen(snap_compare: SnapCompare, tmp_path: Path, size: str) -> None:
    history = tmp_path / "history.sqlite3"
    write_history(history)
    assert snapshot(snap_compare, history, SIZES[size])


def test_history_screen_empty(snap_compare: SnapCompare, tmp_path: Path) -> None:
    assert snapshot(snap_compare, tmp_path / "history.sqlite3", SIZES["100x32"])


@pytest.mark.parametrize("size", SIZES)
def test_history_screen_unreadable(
    snap_compare: SnapCompare, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: str
) -> None:
    monkeypatch.chdir(tmp_path)  # the message names the file as given: the same every run
    Path("history.sqlite3").write_text("not a database\n" * 100)
    assert snapshot(snap_compare, Path("history.sqlite3"), SIZES[size])


# What each stored snapshot must show.
WORDS = {
    "test_history_screen[100x32]": [
        "Last 12 weeks, to Wed 5 Mar",
        "Dec   Jan         Feb         Mar",
        "Current streak  9 days",
        "Longest streak  35 days",
        "Minutes a day, last 30 days",
        "Most practised",
        "Recent sessions",
        "Wed 05 Mar 21:10  Evening wind-down",
        "14 min  1 skipped",
        "esc Back",
    ],
    "test_history_screen[40x12]": [
        "9-day streak · best 35 ·",
        "Dec Jan     Feb     Mar",
        "esc Back",
    ],
    "test_history_screen_empty": [
        "Last 12 weeks",
        "Current streak  0 days",
        "Nothing recorded yet",
    ],
    "test_history_screen_unreadable[100x32]": [
        "Your history cannot be shown",
        "history.sqlite3: is not a readable history file (file is not a database)",
        "Routines still play as always",
    ],
    "test_history_screen_unreadable[40x12]": ["Your history cannot be shown", "history.sqlite3"],
}


def test_the_fixed_history_has_the_streaks_the_snapshots_show() -> None:
    from breathe.history.stats import Streaks, streaks

    days = {at.date() for at, *_ in fixed_sessions()}
    assert streaks(days, TODAY) == Streaks(9, 35)


@pytest.mark.parametrize("name", WORDS)
def test_stored_snapshots_show_the_right_words(name: str) -> None:
    path = STORED / f"{name}.svg"
    if not path.exists():
        pytest.fail(f"no stored snapshot {path.name}: run with --snapshot-update")
    lines = svg_lines(path.read_text(encoding="utf-8"))
    screen = "\n".join(lines)
    width, height = SIZES["40x12" if "40x12" in name else "100x32"]
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    missing = [words for words in WORDS[name] if words not in screen]
    assert not missing, screen
    assert "Traceback" not in screen


async def test_a_few_seconds_are_seconds_and_a_low_bar(tmp_path: Path) -> None:
    """One 12-second session: `12 s`, not `0 min`, and the chart's scale is a minute, not
    `0m` with a full-height bar."""
    from textual.widgets import Static

    from breathe.ui.screens.history import MinutesChart

    history = tmp_path / "history.sqlite3"
    store = open_history(history)
    assert store is not None
    with store:
        session = store.start_session(NewSession("box-breathing", "Box breathing", None, NOW, 5))
        # A short routine played to its end: a practice (a 12 s stop would not count).
        store.update_session(session, practised_ms=12_000, steps_done=1, ended=Ended.FINISHED)
    app = make_app(
        bundled=SNAPSHOT_ROUTINES,
        user=SNAPSHOT_ROUTINES / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=history,
        now=lambda: NOW,
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        facts = str(app.screen.query_one("#history-facts", Static).render())
        chart = str(app.screen.query_one(MinutesChart).render()).splitlines()
    assert "This week       12 s" in facts and "In all          12 s" in facts
    assert chart[0].startswith("  1m ")
    bars = [line[5:] for line in chart[:4]]
    assert [line.strip() for line in bars[:3]] == ["", "", ""]  # the top three rows empty
    # Today: 12 s is a fifth of the minute, 6.4 of the chart's 32 eighths: in the bottom row.
    assert bars[3].rstrip().endswith("▆▆")
