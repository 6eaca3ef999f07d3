"""A session waits a moment for its sounds, so the start bells and the first breath are
heard: the device opens and the cues load in workers, after the first frame. That the
start bells are heard is tested through the real device in test_audio.py; here, what
happens when sound never comes, and without sound.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp
from breathe.ui.screens import session as session_module
from tests.support.player import (
    START,
    FakeClock,
    library_ready,
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
    # Long enough that a loaded machine (the suite runs on every core) still sees the wait
    # before it asserts on it, short enough for the suite.
    monkeypatch.setattr(session_module, "SOUND_WAIT_SECONDS", 3.0)
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="bell"))
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        app.when_sound_ready = lambda callback: None  # type: ignore[method-assign]
        await start_short_routine(pilot)
        screen = session_screen(app)
        assert screen.session.state is SessionState.READY
        assert "getting the sound ready" in text(screen.query_one("#status"))
        for _ in range(3000):  # the wait ends at 3 s; a loaded machine may run it late
            if screen.session.state is SessionState.RUNNING:
                break
            await pilot.pause(0.01)
        assert screen.session.state is SessionState.RUNNING
        assert "getting the sound ready" not in text(screen.query_one("#status"))


async def test_without_sound_a_session_starts_at_once(user: Path) -> None:
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="off"))
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
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
        await library_ready(pilot)
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


async def wait_for_sound_problem(app: BreatheApp, pilot: Pilot[Any]) -> str:
    for _ in range(200):
        if app.sound_problem:
            return app.sound_problem
        await pilot.pause(0.01)
    raise AssertionError("sound neither opened nor failed")


def library_sound_line(app: BreatheApp) -> str | None:
    """The library's quiet line about sound, if it shows one."""
    line = app.screen_stack[1].query_one("#library-sound", Static)
    return text(line) if line.display else None


async def test_in_the_library_no_sound_is_a_quiet_line_that_covers_nothing(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain install without miniaudio: `auto` falls back to the terminal bell. The
    library says so once, calmly, in a line below its routines (no toast over them or over
    the first-run notice's buttons), with the command for this very Python."""
    monkeypatch.setitem(sys.modules, "miniaudio", None)  # import fails as if not installed
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    app = player_app(user, FakeClock(START), PlayOptions(sound="auto"))
    app.notice_on_start = True
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await library_ready(pilot)
        await wait_for_sound_problem(app, pilot)
        await pilot.pause()
        assert not toasts(app)  # nothing over the notice's buttons
        await pilot.press("escape")  # the first-run notice closes (for now)
        await pilot.pause()
        assert not toasts(app)  # nothing over the routines either
        line = " ".join((library_sound_line(app) or "").split())
        assert line.startswith("Cues ring the terminal bell: miniaudio is not installed (")
        assert f"{sys.executable} -m pip install" in line
        assert "no sound" not in line.lower()
        assert "play --help" in line


async def test_the_sound_line_is_said_once_and_again_when_the_reason_changes(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    monkeypatch.setitem(sys.modules, "simpleaudio", None)

    async def launch(sound: str) -> str | None:
        app = player_app(user, FakeClock(START), PlayOptions(sound=sound))
        async with app.run_test(size=(100, 32)) as pilot:
            await library_ready(pilot)
            await wait_for_sound_problem(app, pilot)
            await pilot.pause()
            return library_sound_line(app)

    assert await launch("auto") is not None
    assert await launch("auto") is None  # the same reason: said already
    changed = await launch("miniaudio")  # another reason: said again
    assert changed is not None and changed.startswith("Cues are silent: miniaudio is not")
    assert await launch("miniaudio") is None


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_sound_line_leaves_the_routines_in_view(
    user: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    app = player_app(user, FakeClock(START), PlayOptions(sound="auto"))
    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        await wait_for_sound_problem(app, pilot)
        await pilot.pause()
        library = app.screen_stack[1]
        line = library.query_one("#library-sound", Static)
        table = library.query_one("#routines")
        assert line.display and line.region.height >= 1
        assert not line.region.overlaps(table.region)
        assert line.region.y >= table.region.bottom
        if size == (40, 12):
            assert line.region.height == 1  # one line, its end cut off
