"""A session waits a moment for its sounds, so the start bells and the first breath are
heard: the device opens and the cues load in workers, after the first frame. That the
start bells are heard is tested through the real device in test_audio.py; here, what
happens when sound never comes, and without sound.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.engine import SessionState
from breathe.screens import session as session_module
from breathe.screens.session import PlayOptions

from .conftest import WriteRoutine
from .player_support import (
    START,
    FakeClock,
    player_app,
    session_screen,
    start_short_routine,
    text,
    write_short_routine,
)


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    return user_routines


async def test_a_session_starts_silent_if_sound_never_comes(
    user: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "SOUND_WAIT_SECONDS", 0.5)
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="bell"))
    async with app.run_test(size=(100, 32)) as pilot:
        app.when_sound_ready = lambda callback: None  # type: ignore[method-assign]
        await start_short_routine(pilot)
        screen = session_screen(app)
        assert screen.session.state is SessionState.READY
        assert "getting the sound ready" in text(screen.query_one("#status"))
        await pilot.pause(0.6)
        assert screen.session.state is SessionState.RUNNING
        assert "getting the sound ready" not in text(screen.query_one("#status"))


async def test_without_sound_a_session_starts_at_once(user: Path) -> None:
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="off"))
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        assert session_screen(app).session.state is SessionState.RUNNING
