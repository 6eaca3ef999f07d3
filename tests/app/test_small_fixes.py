"""Small things a user notices (issue 16 §12): the stop dialog's keys, the detail page,
the library's empty filter, the header."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.clock import FakeClock
from tests.support.player import (
    EXHALE_AT,
    advance_to,
    player_app,
    screen_lines,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    return user_routines


async def test_the_stop_dialog_shows_its_own_keys_not_the_sessions(
    user: Path, clock: FakeClock
) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, EXHALE_AT)
        before = screen_lines(app)[-1]
        assert " n " in before  # the session's footer: n is Next there
        await pilot.press("q")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "y Stop" in footer and "n/esc Go on" in footer
        assert "Next" not in footer
