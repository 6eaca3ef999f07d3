"""`breathe play FILE --from-step N`: the session starts at step N's start (to try the end
of a long routine), and the history says so: the routine's steps counted whole, the steps
before N left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.engine import SessionEnded, SkippedStep
from breathe.core.options import PlayOptions
from breathe.history.store import Ended, open_history
from breathe.library.catalog import Catalog
from breathe.library.locations import history_path
from breathe.ui.app import BreatheApp
from breathe.ui.screens.detail import StepsTable
from breathe.ui.screens.summary import SummaryScreen, summary_sentence
from tests.support.player import (
    FakeClock,
    advance,
    library_ready,
    screen_text,
    session_screen,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    """Settle 5 s, Paced breath 28 s, Twist 24 s (left 10, switch 4, right 10)."""
    write_short_routine(write_routine, user_routines)
    return user_routines


async def test_a_session_from_step_3_plays_its_last_step_and_is_recorded_honestly(
    user: Path, clock: FakeClock
) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    options = PlayOptions(sound="off", from_step=3)
    app = BreatheApp(catalog, options=options, clock=clock, play=catalog.find("short"))
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        shown = screen_text(app)
        assert "Twist" in shown and "0:00 of 0:24" in shown
        await advance(pilot, clock, 24)
        await pilot.pause()
        # The summary counts the steps as the routine has them, as its page and `breathe
        # show` number them (it once said "1 of 1 steps").
        assert isinstance(app.screen, SummaryScreen)
        assert "Steps      1 of 3 completed, from step 3" in screen_text(app)
    ended = app.return_value
    assert isinstance(ended, SessionEnded) and ended.finished
    assert ended.practised_ms == 24_000
    assert summary_sentence("Short", ended) == (
        "Finished Short: practised 0:24, 1 of 3 steps completed, from step 3."
    )
    store = open_history(history_path(), create=False)
    assert store is not None
    with store:
        (record,) = store.sessions()
    assert (record.ended, record.steps_done, record.steps_total) == (Ended.FINISHED, 1, 3)
    assert record.skipped == (SkippedStep(0, "Settle"), SkippedStep(1, "Paced breath"))
    assert record.practised_ms == 24_000


def test_a_step_the_routine_does_not_have_is_a_usage_error(
    user: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "short", "--from-step", "4"]) == 2
    assert capsys.readouterr().err.strip() == (
        "breathe: play: --from-step 4: short has 3 steps; start from one of 1 to 3 "
        "(`breathe show short` numbers them)"
    )
    with pytest.raises(SystemExit) as caught:
        main(["play", "short", "--from-step", "0"])
    assert caught.value.code == 2
    assert "`0` is not a step number" in capsys.readouterr().err


async def test_enter_on_a_step_of_the_routine_s_page_starts_there(
    user: Path, clock: FakeClock
) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    app = BreatheApp(catalog, options=PlayOptions(sound="off"), clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        app.open_routine(catalog.entries["short"])
        await pilot.pause()
        steps = app.screen.query_one("#detail-steps", StepsTable)
        assert steps.cursor_type == "none"  # a list to read, until it has the focus
        steps.focus()
        await pilot.pause()
        assert steps.cursor_type == "row"
        assert "Start from this step" in screen_text(app)  # the footer offers it
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        session = session_screen(app)
        assert [step.title for step in session.timeline.steps] == ["Twist"]
        await advance(pilot, clock, 24)
    store = open_history(history_path(), create=False)
    assert store is not None
    with store:
        (record,) = store.sessions()
    assert (record.ended, record.steps_total) == (Ended.FINISHED, 3)
    assert [step.title for step in record.skipped] == ["Settle", "Paced breath"]


async def test_start_on_the_page_still_starts_from_the_first_step(
    user: Path, clock: FakeClock
) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, user)
    app = BreatheApp(catalog, options=PlayOptions(sound="off"), clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        app.open_routine(catalog.entries["short"])
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert len(session_screen(app).timeline.steps) == 3
