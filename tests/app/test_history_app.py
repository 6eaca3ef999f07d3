"""The history in the app, through Pilot on the fake clock: sessions land in a real SQLite
file as they are played (updated at every step boundary), however they end (finished,
stopped, the app quit, a signal), and show on the History screen; a history file that
cannot be used is explained there while routines still play."""

from __future__ import annotations

import gc
import hashlib
import signal
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.message import Message

from breathe.core.engine import SessionEnded, SessionState
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, SessionRecord, open_history
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.history import HistoryScreen
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.session import SessionScreen
from breathe.ui.screens.summary import SummaryScreen
from tests.support.player import (
    TOTAL_S,
    FakeClock,
    advance,
    advance_to,
    library_ready,
    screen_text,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine
from tests.support.toasts import toasts

BIG = (100, 32)
NOW = datetime(2025, 3, 1, 7, 30, 5, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    return user_routines


@pytest.fixture
def history(tmp_path: Path) -> Path:
    return tmp_path / "history" / "history.sqlite3"


def app_on(user: Path, clock: FakeClock, history: Path) -> BreatheApp:
    return make_app(
        bundled=BUNDLED_ROUTINES,
        user=user,
        clock=clock,
        options=PlayOptions(sound="off"),
        history=history,
        now=lambda: NOW,
    )


def words(screen: str) -> str:
    """The screen's words in order, one space apart (borders and layout gone)."""
    return " ".join(screen.replace("█", " ").replace("▌", " ").split())


def rows(history: Path) -> list[SessionRecord]:
    """What another process reading the file would see now."""
    store = open_history(history, create=False)
    assert store is not None
    with store:
        return store.sessions()


async def test_a_finished_session_lands_in_the_history_and_on_its_screen(
    user: Path, clock: FakeClock, history: Path
) -> None:
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 20)
        await pilot.press("space")  # a 40-second pause, not counted
        await advance(pilot, clock, 40)
        await pilot.press("space")
        await advance(pilot, clock, TOTAL_S - 20)
        assert isinstance(app.screen, SummaryScreen)
        (record,) = rows(history)
        await pilot.press("enter")  # back to the library, then `h`
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = words(screen_text(app))
    routine_file = user / "short.yaml"
    assert record.routine == "short" and record.title == "Short practice"
    assert record.file_sha256 == hashlib.sha256(routine_file.read_bytes()).hexdigest()
    assert record.started_at == NOW.replace(microsecond=0)
    assert (record.practised_ms, record.ended) == (TOTAL_S * 1000, Ended.FINISHED)
    assert (record.steps_done, record.steps_total, record.tempo) == (3, 3, 1.0)
    assert (record.program, record.day) == (None, None)
    assert "Sat 01 Mar 07:30 Short practice 57 s finished" in shown
    assert "Current streak 1 day" in shown and "Longest streak 1 day" in shown
    assert "Short practice 1× 57 s" in shown


async def test_the_row_is_written_at_the_start_and_at_every_step_boundary(
    user: Path, clock: FakeClock, history: Path
) -> None:
    """What a `kill -9` would leave: the row as of the last step boundary (or pause)."""
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        (started,) = rows(history)
        assert (started.practised_ms, started.steps_done, started.ended) == (0, 0, None)
        await advance_to(pilot, clock, 5.25)  # the second step began 0.25 s ago
        assert (rows(history)[0].practised_ms, rows(history)[0].steps_done) == (5250, 1)
        await advance_to(pilot, clock, 30)  # within the step: nothing new written
        assert (rows(history)[0].practised_ms, rows(history)[0].steps_done) == (5250, 1)
        await advance_to(pilot, clock, 33)  # the third step
        assert (rows(history)[0].practised_ms, rows(history)[0].steps_done) == (33_000, 2)
        await advance_to(pilot, clock, 40)
        await pilot.press("space")  # a pause is written too
        await pilot.pause()
        assert (rows(history)[0].practised_ms, rows(history)[0].ended) == (40_000, None)


async def test_a_session_has_its_row_from_the_moment_it_starts(
    user: Path, clock: FakeClock, history: Path
) -> None:
    """Looked at before each message the app handles (between any two frames, where a
    `kill -9` could land): once the session has started, its row is in the file. The row
    used to be written after the first frame had shown the session running."""
    app = app_on(user, clock, history)
    looks: list[tuple[str, int]] = []

    def look(message: Message) -> None:
        if looks and looks[-1][1]:
            return  # recorded: nothing more to learn
        sessions = [screen for screen in app.screen_stack if isinstance(screen, SessionScreen)]
        if sessions and sessions[-1].session.state is not SessionState.READY:
            recorded = len(rows(history)) if history.exists() else 0
            looks.append((type(message).__name__, recorded))

    async with app.run_test(size=BIG, message_hook=look) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 6)
    assert looks, "the session never started"
    assert [recorded for _, recorded in looks] == [1], looks


def connections_open_on(path: Path) -> list[sqlite3.Connection]:
    """This process's sqlite3 connections still open on `path`. Python 3.13 warns about
    one when it is collected; 3.11 says nothing, and it keeps the file open meanwhile."""
    gc.collect()
    found = []
    for thing in gc.get_objects():
        if not isinstance(thing, sqlite3.Connection):
            continue
        try:
            files = [Path(str(row[2])) for row in thing.execute("PRAGMA database_list")]
        except sqlite3.ProgrammingError:  # closed
            continue
        if path.resolve() in [file.resolve() for file in files if str(file)]:
            found.append(thing)
    return found


@pytest.mark.parametrize("how", ["session", "history screen"])
async def test_the_app_closes_the_history_it_opened_when_it_ends(
    user: Path, clock: FakeClock, history: Path, how: str
) -> None:
    """Whoever opens the history closes it: the app opens it on first use (a session to
    record, the History screen to fill) and closes it as it ends, after every screen has
    recorded its session, whatever ran it (`breathe play`, the library, a test)."""
    if how == "history screen":
        store = open_history(history)
        assert store is not None
        with store:
            pass
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        if how == "session":
            await start_short_routine(pilot)
            await advance_to(pilot, clock, 6)
        else:
            await pilot.press("h")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
        assert len(connections_open_on(history)) == 1  # opened, as it should be
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert connections_open_on(history) == []
    assert app.history_store() is None  # and not opened again once the app has ended
    assert connections_open_on(history) == []
    if how == "session":  # recorded before it was closed
        (record,) = rows(history)
        assert (record.practised_ms, record.ended) == (6000, Ended.STOPPED)


async def test_stopping_records_stopped_with_the_time_practised(
    user: Path, clock: FakeClock, history: Path
) -> None:
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 14.5)
        await pilot.press("q")  # the question pauses the session...
        await pilot.pause()
        clock.advance(20)  # ...while the person reads it
        await pilot.press("y")
        await pilot.pause()
    (record,) = rows(history)
    assert (record.practised_ms, record.ended, record.steps_done) == (14_500, Ended.STOPPED, 1)


async def test_quitting_the_app_mid_session_records_it_stopped(
    user: Path, clock: FakeClock, history: Path
) -> None:
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 12)
        clock.advance(0.5)  # between two boundaries
        await pilot.press("ctrl+q")
        await pilot.pause()
    (record,) = rows(history)
    assert (record.practised_ms, record.ended) == (12_500, Ended.STOPPED)


async def test_signal_handlers_are_installed_while_the_app_runs_and_then_restored(
    user: Path, clock: FakeClock, history: Path
) -> None:
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    before = {signum: signal.getsignal(signum) for signum in signals}
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        for signum in signals:
            assert signal.getsignal(signum) not in (signal.SIG_DFL, before[signum])
    assert {signum: signal.getsignal(signum) for signum in before} == before


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
async def test_a_signal_records_the_session_stopped_and_ends_play(
    user: Path, clock: FakeClock, history: Path, signum: signal.Signals
) -> None:
    """The handler itself (a real signal reaches it in tests/cli/test_history_cli.py)."""
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    app = BreatheApp(
        catalog,
        options=PlayOptions(sound="off"),
        clock=clock,
        play=catalog.find("short"),
        history=history,
        now=lambda: NOW,
        program="nerve-recovery",
        day=12,
    )
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await advance_to(pilot, clock, 8)
        await pilot.press("space")
        await advance(pilot, clock, 5)  # paused when the signal comes
        app.stop_for_signal(signum)
        await pilot.pause()
    assert app.return_value == SessionEnded(False, 8000, 1, 3)
    assert app.exit_signal == signum
    (record,) = rows(history)
    assert (record.practised_ms, record.ended, record.steps_done) == (8000, Ended.STOPPED, 1)
    assert (record.program, record.day) == ("nerve-recovery", 12)


async def test_an_unusable_history_is_explained_and_the_app_still_plays(
    user: Path, clock: FakeClock, history: Path
) -> None:
    history.parent.mkdir(parents=True)
    history.write_text("not a database\n" * 100)
    before = history.read_bytes()
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.recorder is None
        await pilot.pause()
        assert any(
            note.startswith("History is not being recorded\n") and "Move it away" in note
            for note in toasts(app)
        )
        await advance_to(pilot, clock, TOTAL_S)
        assert isinstance(app.screen, SummaryScreen)  # played to the end all the same
        summary = screen_text(app)
        # No journal to keep answers in, no figures to tell: neither is offered.
        assert "j Journal" not in summary and "r Play again" in summary
        assert "Today" not in summary and "Streak" not in summary
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        shown = words(screen_text(app))
    assert "Your history cannot be shown" in shown
    assert "is not a readable history file" in shown
    assert "Routines still play as always" in shown
    assert history.read_bytes() == before
    assert sorted(path.name for path in history.parent.iterdir()) == ["history.sqlite3"]


async def test_history_is_in_the_command_palette_and_esc_goes_back(
    user: Path, clock: FakeClock, history: Path
) -> None:
    app = app_on(user, clock, history)
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        titles = [command.title for command in app.get_system_commands(library)]
        assert titles.count("History") == 1
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "Nothing recorded yet" in screen_text(app)
        assert "History" not in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is library
    assert not history.exists()  # looking does not create the file
