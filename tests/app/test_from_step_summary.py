"""After `breathe play FILE --from-step N`, the summary counts the steps as the routine has
them, as its page and `breathe show` number them: from step 3 of 3, one step is completed
of the routine's three, from step 3 (it once said "1 of 1 steps")."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.core.engine import SessionEnded
from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp
from breathe.ui.screens.summary import SummaryScreen, summary_sentence
from tests.support.player import FakeClock, advance, screen_text, write_short_routine
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    """Settle 5 s, Paced breath 28 s, Twist 24 s (left 10, switch 4, right 10)."""
    write_short_routine(write_routine, user_routines)
    return user_routines


async def test_the_summary_counts_the_routine_s_steps_from_the_step_it_started(
    user: Path, clock: FakeClock
) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    options = PlayOptions(sound="off", from_step=3)
    app = BreatheApp(catalog, options=options, clock=clock, play=catalog.find("short"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 24)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Steps      1 of 3 completed, from step 3" in screen_text(app)
        ended = app.screen.ended
    assert isinstance(ended, SessionEnded) and ended.finished
    assert summary_sentence("Short", ended) == (
        "Finished Short: practised 0:24, 1 of 3 steps completed, from step 3."
    )


async def test_a_whole_session_says_nothing_of_where_it_started(
    user: Path, clock: FakeClock
) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    app = BreatheApp(
        catalog, options=PlayOptions(sound="off"), clock=clock, play=catalog.find("short")
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await advance(pilot, clock, 60)
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        shown = screen_text(app)
        assert "Steps      3 of 3 completed" in shown and "from step" not in shown
