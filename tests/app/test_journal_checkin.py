"""The recovery journal's check-in in the real app, on a fake clock and a real history file:
asked after an evening session over its summary, one key each (t for 10, Tab passes), each
answer in the file as soon as it is given, Esc skips and the summary stays, once a day
(`j` opens it again and it says it replaces the day's entry), and never after a morning
routine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.options import PlayOptions
from breathe.history.journal import JournalEntry
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.journal_checkin import JournalCheckin, is_evening_session
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.summary import SummaryScreen
from tests.support.history import history_at
from tests.support.player import (
    START,
    FakeClock,
    library_ready,
    run_timers,
    screen_lines,
    session_screen,
    start_routine,
    text,
)

PARIS = timezone(timedelta(hours=1))
NOW = datetime(2025, 3, 5, 21, 30, tzinfo=PARIS)
TODAY = NOW.date()
EVENING = """
title: Short wind-down
tags: [relaxation, evening]
steps:
  - rest: Settle
    duration: 5s
"""
MORNING = EVENING.replace("Short wind-down", "Short wake-up").replace("evening", "morning")


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    bundled, user = tmp_path / "bundled", tmp_path / "user"
    bundled.mkdir()
    user.mkdir()
    (bundled / "wind-down.yaml").write_text(EVENING)
    (bundled / "wake-up.yaml").write_text(MORNING)
    return bundled, user


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The history file the app is given: not there until the first session is recorded."""
    return tmp_path / "history.sqlite3"


def app_on(folders: tuple[Path, Path], history: Path) -> BreatheApp:
    bundled, user = folders
    return make_app(
        bundled=bundled,
        user=user,
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        history=history,
        now=lambda: NOW,
    )


async def play_to_the_end(pilot: Pilot[Any], name: str) -> None:
    app = pilot.app
    assert isinstance(app, BreatheApp)
    await start_routine(pilot, name)
    screen = session_screen(app)
    assert isinstance(app.clock, FakeClock)
    run_timers(screen, app.clock)
    await pilot.pause()
    await pilot.pause()


def on_file(history: Path) -> list[JournalEntry]:
    """The journal as another process would read it right now."""
    with history_at(history, create=False) as store:
        return store.journal()


@asynccontextmanager
async def checking_in(
    folders: tuple[Path, Path], history: Path, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[BreatheApp, Pilot[Any]]]:
    """The app at the check-in it asks after the evening routine (the wind-down), played to
    its end: the app and the Pilot that drives it."""
    app = app_on(folders, history)
    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        await play_to_the_end(pilot, "wind-down")
        assert isinstance(app.screen, JournalCheckin)
        yield app, pilot


def summary_of(app: BreatheApp) -> SummaryScreen:
    (summary,) = [s for s in app.screen_stack if isinstance(s, SummaryScreen)]
    return summary


async def test_after_an_evening_session_one_key_each_and_each_answer_is_kept_at_once(
    folders: tuple[Path, Path], history: Path
) -> None:
    async with checking_in(folders, history) as (app, pilot):
        assert "Journal for Wed 5 Mar" in text(app.screen.query_one("#checkin-title", Static))
        await pilot.press("3")
        assert on_file(history) == [JournalEntry(TODAY, {"numbness": 3})]  # a crash now keeps it
        await pilot.press("tab")  # cold hands or feet: passed over
        await pilot.press("t")
        assert on_file(history) == [JournalEntry(TODAY, {"numbness": 3, "cramps": 10})]
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)  # four scales, four keys, done
        assert on_file(history) == [JournalEntry(TODAY, {"numbness": 3, "cramps": 10, "sleep": 0})]
        noted = text(app.screen.query_one("#summary-journal", Static))
        assert noted == "Journal    numbness 3, cramps 10, sleep 0"
        assert not any(word in noted.lower() for word in ("better", "worse", "improv"))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)

        # Once a day: the next evening session does not ask again...
        await play_to_the_end(pilot, "wind-down")
        assert isinstance(app.screen, SummaryScreen)
        # ...but `j` does, says it replaces the day's entry, and does so from the first key.
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalCheckin)
        replaces = text(app.screen.query_one("#checkin-replaces", Static))
        assert replaces == "Answering replaces today's entry."
        await pilot.press("5")
        assert on_file(history) == [JournalEntry(TODAY, {"numbness": 5})]
        await pilot.press("escape")  # the rest skipped: the answer given stays
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text(app.screen.query_one("#summary-journal", Static)) == "Journal    numbness 5"
    assert on_file(history) == [JournalEntry(TODAY, {"numbness": 5})]


async def test_esc_skips_the_whole_check_in_and_the_summary_stays(
    folders: tuple[Path, Path], history: Path
) -> None:
    async with checking_in(folders, history, size=(40, 12)) as (app, pilot):
        await pilot.press("escape")
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert text(summary.query_one("#summary-head", Static)) == "Well done."
        assert text(summary.query_one("#summary-journal", Static)) == (
            "Journal    skipped (j opens it)"
        )
        short = summary.query_one("#summary-journal-short", Static)  # 12 lines: the short one
        assert text(short) == "Journal    skipped" and short.display
        assert not summary.query_one("#summary-journal", Static).display
        store = app.history_store()
        assert store is not None
        (session,) = store.sessions()
        assert session.ended == "finished"  # the session was recorded before anything was asked
    assert on_file(history) == []


async def test_the_own_scale_is_asked_last(folders: tuple[Path, Path], history: Path) -> None:
    with history_at(history) as store:
        store.set_own_scale("knee stiffness")
    async with checking_in(folders, history) as (app, pilot):
        await pilot.press("enter", "enter", "enter", "enter")
        scales = text(app.screen.query_one("#checkin-scales", Static))
        assert scales.splitlines()[-1].startswith("▸ Knee stiffness")
        assert text(app.screen.query_one("#checkin-anchors", Static)) == "0 none · 10 the most"
        await pilot.press("7")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
    assert on_file(history) == [JournalEntry(TODAY, {"knee stiffness": 7})]


async def test_no_check_in_after_a_morning_routine(
    folders: tuple[Path, Path], history: Path
) -> None:
    app = app_on(folders, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await play_to_the_end(pilot, "wake-up")
        assert isinstance(app.screen, SummaryScreen)
        assert not summary_of(app).query_one("#summary-journal", Static).display
        assert not summary_of(app).has_class("-journal-noted")


async def test_no_check_in_after_an_evening_routine_tried_and_stopped(
    folders: tuple[Path, Path], history: Path
) -> None:
    """Two seconds of the wind-down, then stopped: not a practice (history.outcome), so
    the summary says so and asks nothing; `j` still opens the check-in."""
    app = app_on(folders, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await start_routine(pilot, "wind-down")
        screen = session_screen(app)
        assert isinstance(app.clock, FakeClock)
        run_timers(screen, app.clock, until=START + 2000)
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen), app.screen_stack
        assert not app.screen.query(JournalCheckin)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalCheckin)


def test_which_sessions_are_evening_ones() -> None:
    late = datetime(2025, 3, 5, 18, 0)
    early = datetime(2025, 3, 5, 17, 59)
    assert is_evening_session(["Sleep"], None, early)  # by its tags, at any hour
    assert is_evening_session(["bedtime"], None, early)
    assert not is_evening_session(["calm"], None, late)  # not a program's: its tags decide
    assert is_evening_session(["calm"], "circulation-60-day", late)  # a program's, from 18:00
    assert is_evening_session(["calm"], "circulation-60-day", datetime(2025, 3, 6, 3, 0))
    assert not is_evening_session(["calm"], "circulation-60-day", early)


async def test_the_history_screen_shows_a_journal_without_sessions_and_without_colour(
    folders: tuple[Path, Path], history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries noted with `breathe journal add` and no session yet: the chart is still
    there, and under NO_COLOR its blocks and dots say everything."""
    monkeypatch.setenv("NO_COLOR", "1")
    with history_at(history) as store:
        store.replace_journal_day(TODAY - timedelta(days=2), {"sleep": 4})
        store.replace_journal_day(TODAY, {"sleep": 10, "cramps": 0})
    app = app_on(folders, history)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.press("h")
        await pilot.pause()
        lines = screen_lines(app)
    assert "Nothing recorded yet. Each day you practise fills a square." in "\n".join(lines)
    chart = {
        line.split("  ")[1].strip(): line
        for line in lines
        if line.startswith("  ") and "on " in line
    }
    assert chart["Sleep quality"].split()[2:] == ["▄·█", "10", "on", "5", "Mar"]
    assert chart["Cramps"].split()[1:] == ["··▁", "0", "on", "5", "Mar"]


async def test_keys_typed_at_once_are_read_in_the_order_typed(
    folders: tuple[Path, Path], history: Path
) -> None:
    """Keys arriving together (typed quickly, pasted) as the terminal delivers them: Tab
    once overtook the digit typed before it, and the answers went to the wrong scales."""
    async with checking_in(folders, history) as (app, pilot):
        for key, character in (("4", "4"), ("tab", "\t"), ("t", "t"), ("5", "5")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
    assert on_file(history) == [JournalEntry(TODAY, {"numbness": 4, "cramps": 10, "sleep": 5})]
