"""Small things a user notices (issue 16 §12): the stop dialog's keys, the detail page,
the library's empty filter, the header."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.ui.app import BreatheApp
from breathe.ui.screens.detail import DetailScreen
from tests.support.clock import FakeClock
from tests.support.player import (
    EXHALE_AT,
    advance_to,
    library_ready,
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
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, EXHALE_AT)
        before = screen_lines(app)[-1]
        assert " n " in before  # the session's footer: n is Next there
        await pilot.press("q")
        await pilot.pause()
        footer = screen_lines(app)[-1]
        assert "y Stop" in footer and "n/esc Go on" in footer
        assert "Next" not in footer


async def open_detail(pilot: Pilot[Any], name: str) -> DetailScreen:
    await library_ready(pilot)  # the routines are read after the library's first paint
    app = pilot.app
    assert isinstance(app, BreatheApp)
    app.open_routine(app.catalog.entries[name])
    await pilot.pause()
    assert isinstance(app.screen, DetailScreen)
    return app.screen


async def test_evening_wind_down_has_one_safety_block_folded_after_its_first_lines(
    user_routines: Path, clock: FakeClock
) -> None:
    app = player_app(user_routines, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        detail = await open_detail(pilot, "evening-wind-down")
        notes = list(detail.query(".safety"))
        assert len(notes) == 1  # the routine's note and its three includes', merged
        sentences = re.split(r"(?<=[.!?])\s+", " ".join(str(notes[0].render()).split()))
        assert len(sentences) == len(set(sentences)) > 10  # each sentence once
        lines = screen_lines(app)
        block = [line for line in lines if line.startswith("  █")]
        assert len(block) == 4, lines  # three lines of it, then how to see the rest
        assert " … " in block[2] + " " and block[3] == "  █ f shows the whole safety note"
        assert "f Safety note" in lines[-1]
        steps_at = lines.index(next(line for line in lines if line.split()[:2] == ["#", "At"]))
        assert steps_at < 23  # the steps begin on the first screen

        await pilot.press("f")
        await pilot.resize_terminal(80, 60)  # tall enough to read all of it at once
        await pilot.pause()
        block = [line.removeprefix("  █ ") for line in screen_lines(app) if line.startswith("  █")]
        assert len(block) > 20 and block[-1] == "f folds it again"
        assert "above all on blood-pressure medicines." in " ".join(block)
        await pilot.press("f")
        await pilot.pause()
        assert len([line for line in screen_lines(app) if line.startswith("  █")]) == 4


async def test_the_detail_page_writes_lengths_one_way_and_cuts_with_an_ellipsis(
    user_routines: Path, clock: FakeClock
) -> None:
    app = player_app(user_routines, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        detail = await open_detail(pilot, "evening-wind-down")
        detail.query_one("#detail").scroll_end(animate=False)
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert not re.search(r"\d+m\d*s?\b|\b\d+s\b", text), text  # no 2m38s, 45s
        assert "Total 15:28" in text
        assert "pose, left then righ…" in text  # the What column ends in an ellipsis
        assert all(len(line) <= 80 for line in screen_lines(app))
        facts = str(detail.query_one("#detail-facts").render())
        assert facts.startswith("by breathe  ·  beginner  ·  calming  ·  15:28")


async def test_the_header_has_no_icon(user: Path, clock: FakeClock) -> None:
    app = player_app(user, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        header = screen_lines(app)[0]
        assert "breathe" in header
        assert header.strip() == "breathe"  # Textual's ⭘ is not there
