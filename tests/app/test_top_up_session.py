"""A physiological sigh plays in the session: the screen says "Breathe in a little more"
through the top-up and the orb grows past full."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from breathe.ui.widgets.pacer import Pacer
from tests.support.player import (
    START,
    FakeClock,
    advance_to,
    library_ready,
    player_app,
    session_screen,
    start_short_routine,
    text,
)
from tests.support.repo import WriteRoutine

SIGH = """
title: Sigh
steps:
  - breathe: Cyclic sighing
    pattern: 4+1-8
    cycles: 2
"""


async def test_the_session_paces_the_top_up(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("short", SIGH, folder=user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        screen = session_screen(app)
        pacer = screen.query_one(Pacer)
        phase = screen.query_one("#phase", Static)

        await advance_to(pilot, clock, 3.999)
        assert text(phase).startswith("Breathe in  ")
        await advance_to(pilot, clock, 4.5)
        assert text(phase).startswith("Breathe in a little more")
        assert phase.has_class("-top-up")
        assert 1.0 < pacer.fullness_now() < 1.1
        await advance_to(pilot, clock, 5.001)
        assert text(phase).startswith("Breathe out")
        assert pacer.fullness_now() > 1.0  # shrinking from the topped-up orb
        await advance_to(pilot, clock, 13 + 4.5)
        assert text(phase).startswith("Breathe in a little more")
