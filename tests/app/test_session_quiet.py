"""A session screen costs what its picture needs: between the session's own wakes (a
count's next number, a boundary) nothing on it repaints by itself (issue 18, frame cost)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from textual.timer import Timer

from breathe.ui.widgets.progress import QuietProgressBar
from tests.support.clock import FakeClock
from tests.support.player import (
    START,
    advance_to,
    player_app,
    session_screen,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine


async def test_nothing_on_the_session_screen_repaints_while_its_clock_stands_still(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    """In the opening rest, with the session's clock standing still for over a second of
    the event loop's time, no widget of the screen asks to be repainted: Textual's
    ProgressBar kept a timer of its own a second (for an estimate of the time left that the
    session does not show), a second repaint of the bottom of the screen each second."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 1.5)  # the rest: Settle, 0-5 s
        screen = session_screen(app)
        refreshes: Counter[str] = Counter()

        def counting(widget: Any) -> None:
            original = widget.refresh

            def refresh(*args: Any, **kwargs: Any) -> Any:
                refreshes[f"{type(widget).__name__}#{widget.id}"] += 1
                return original(*args, **kwargs)

            widget.refresh = refresh

        for widget in screen.walk_children(with_self=True):
            counting(widget)
        await pilot.pause(1.3)  # the event loop runs; the fake clock does not move
        assert refreshes == Counter()


async def test_nothing_on_the_session_screen_wakes_by_itself_while_its_clock_stands_still(
    user_routines: Path, write_routine: WriteRoutine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No timer of the screen or its widgets fires in a rest while the session's clock
    stands still: the waiting screen's bar, hidden once the session begins, animated its
    indeterminate stripes 15 times a second all session long (Textual's `auto_refresh`:
    nothing was repainted, the bar being off screen, but the app woke 15 times a second)."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 1.5)  # the rest: Settle, 0-5 s
        screen = session_screen(app)
        ours = set(screen.walk_children(with_self=True))
        wakes: Counter[str] = Counter()
        tick = Timer._tick

        async def counting(timer: Timer, *, next_timer: float, count: int) -> None:
            target = timer._target()
            if target in ours and timer.name != "screen_update":  # the screen's repaints
                wakes[f"{timer.name}"] += 1
            await tick(timer, next_timer=next_timer, count=count)

        monkeypatch.setattr(Timer, "_tick", counting)
        await pilot.pause(1.3)  # the event loop runs; the fake clock does not move
        assert wakes == Counter()


async def test_the_session_bar_moves_when_told_and_looks_as_textuals_does(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, 28.5)  # half of the 57 s
        bar = session_screen(app).query_one("#progress", QuietProgressBar)
        assert bar.percentage == 0.5
