"""A session waits a moment for its sounds, so the start bells and the first breath are
heard: the device opens and the cues load in workers, after the first frame. That the
start bells are heard is tested through the real device in test_audio.py; here, what
happens when sound never comes, and without sound.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp
from breathe.ui.screens import session as session_module
from tests.support.player import (
    START,
    FakeClock,
    player_app,
    session_screen,
    start_short_routine,
    text,
    write_short_routine,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine, where_simpleaudio_runs
from tests.support.toasts import toasts


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    return user_routines


async def test_a_session_starts_silent_if_sound_never_comes(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long enough that a loaded machine still sees the wait, short enough for the suite.
    monkeypatch.setattr(session_module, "SOUND_WAIT_SECONDS", 1.5)
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="bell"))
    async with app.run_test(size=(100, 32)) as pilot:
        app.when_sound_ready = lambda callback: None  # type: ignore[method-assign]
        await start_short_routine(pilot)
        screen = session_screen(app)
        assert screen.session.state is SessionState.READY
        assert "getting the sound ready" in text(screen.query_one("#status"))
        for _ in range(1000):  # the wait ends at 1.5 s; a loaded machine may run it late
            if screen.session.state is SessionState.RUNNING:
                break
            await pilot.pause(0.01)
        assert screen.session.state is SessionState.RUNNING
        assert "getting the sound ready" not in text(screen.query_one("#status"))


async def test_without_sound_a_session_starts_at_once(user: Path) -> None:
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="off"))
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        assert session_screen(app).session.state is SessionState.RUNNING


@where_simpleaudio_runs
async def test_no_sound_is_said_on_the_status_line_not_over_the_session(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without simpleaudio, a session says so on its status line (a notification would
    cover its words as the practice starts) and the app keeps the whole reason, with the
    way to get sound, for `breathe play` to print afterwards."""
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import fails as if not installed
    clock = FakeClock(START)
    catalog = Catalog.load(SNAPSHOT_ROUTINES, user)
    app = BreatheApp(  # as `breathe play short` builds it
        catalog, options=PlayOptions(sound="simpleaudio"), clock=clock, play=catalog.find("short")
    )
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        screen = session_screen(app)
        for _ in range(200):
            if screen.session.state is SessionState.RUNNING:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        status = text(screen.query_one("#status"))
        assert status == "no sound: simpleaudio is not installed"
        assert not toasts(app)
        assert app.sound_problem is not None and "libasound2-dev" in app.sound_problem


async def test_in_the_library_the_no_sound_notice_waits_for_the_first_run_notice(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    app = player_app(user, FakeClock(START), PlayOptions(sound="simpleaudio"))
    app.notice_on_start = True
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        for _ in range(100):
            if app.sound_problem:
                break
            await pilot.pause(0.01)
        assert app.sound_problem
        assert not toasts(app)  # it would cover the notice's buttons
        await pilot.press("escape")  # the notice closes (for now)
        await pilot.pause()
        assert toasts(app) == [f"Sound\n{app.sound_problem}"]
