"""What matters in a session, large and central (issue 16 §2, §6, §11): the phase, or in a
pose its name; Paused and what space does; instructions never cut silently; the still view's
bars labelled and in the phase's colours, as the orb is."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.options import PlayOptions
from breathe.core.timeline import SegmentKind
from breathe.ui.app import BreatheApp
from breathe.ui.screens.session import SessionScreen
from breathe.ui.widgets.pacer import Pacer, phase_colours
from tests.support.player import (
    EXHALE_AT,
    HOLD_AT,
    POSE_AT,
    START,
    FakeClock,
    advance_to,
    library_ready,
    player_app,
    screen_text,
    session_screen,
    start_routine,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine

LONG = [
    "Lie on your back with the knees bent and the feet flat on the floor.",
    "Let the arms rest by your sides, palms up, and soften the jaw.",
    "Breathe in through the nose and feel the belly rise under the hands.",
    "Breathe out slowly through the mouth as if through a straw.",
    "If the out-breath feels forced, shorten it; comfort matters more than count.",
    "Keep the shoulders heavy on the floor the whole time.",
    "Last of all, notice the pause after each out-breath, and rest in it.",
]
LONG_ROUTINE = f"""
title: Long words
description: Instructions longer than four lines.
steps:
  - breathe: Belly breath
    pattern: 4-6
    cycles: 4
    instructions: {" ".join(LONG)}
"""


def words_on_screen(app: BreatheApp) -> str:
    """The screen's text with its lines joined, as a reader would follow a wrapped line."""
    return " ".join(screen_text(app).split())


def text(widget: Static) -> str:
    return str(widget.render())


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    write_routine("long-words", LONG_ROUTINE, folder=user_routines)
    return user_routines


@asynccontextmanager
async def short_session_at(
    user: Path, seconds: float, options: PlayOptions | None = None
) -> AsyncIterator[tuple[Pilot[Any], SessionScreen]]:
    """The short routine's session on an 80x24 terminal, `seconds` after its start."""
    clock = FakeClock(START)
    app = player_app(user, clock, options)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await start_short_routine(pilot)
        await advance_to(pilot, clock, seconds)
        yield pilot, session_screen(app)


async def test_in_a_pose_its_name_is_large_and_central_over_its_clock(user: Path) -> None:
    async with short_session_at(user, POSE_AT) as (_, screen):
        name = screen.query_one("#pose-name", Static)
        countdown = screen.query_one("#countdown")
        assert name.display and text(name) == "Twist"
        assert name.styles.text_style.bold
        assert name.region.bottom <= countdown.region.y  # just above the clock
        stage = screen.query_one("#stage").region
        phase = screen.query_one("#phase", Static)
        group = (name.region.y + phase.region.bottom) / 2
        assert abs(group - (stage.y + stage.bottom) / 2) <= 1  # in the middle of the stage
        # The phase under the clock, with the side in words of its own.
        assert text(phase) == "Hold the pose  ·  left side"


async def test_the_phase_says_seconds_as_seconds_under_the_orb(user: Path) -> None:
    async with short_session_at(user, EXHALE_AT) as (_, screen):
        phase = screen.query_one("#phase", Static)
        assert text(phase) == "Breathe out  ·  3 s"
        pacer = screen.query_one(Pacer)
        assert pacer.region.bottom <= phase.region.y <= pacer.region.bottom + 1
        assert abs(phase.region.y - screen.size.height / 2) <= 6  # central, not at the foot
        assert phase.styles.text_style.bold


async def test_paused_the_centre_says_paused_and_what_space_does(user: Path) -> None:
    async with short_session_at(user, EXHALE_AT) as (pilot, screen):
        await pilot.press("space")
        phase = screen.query_one("#phase", Static)
        hint = screen.query_one("#pause-hint", Static)
        assert text(phase) == "Paused" and hint.display and text(hint) == "space to go on"
        assert hint.region.y == phase.region.bottom
        assert "Breathe out" not in screen_text(pilot.app)
        await pilot.press("space")
        assert text(phase) == "Breathe out  ·  3 s" and not hint.display


async def test_instructions_show_in_full_then_fold_to_lines_that_scroll(user: Path) -> None:
    clock = FakeClock(START)
    app = player_app(user, clock)
    async with app.run_test(size=(80, 30)) as pilot:
        await library_ready(pilot)
        await start_routine(pilot, "long-words")
        screen = session_screen(app)
        assert LONG[-1] in words_on_screen(app)  # all of it at first

        await advance_to(pilot, clock, 16)
        box = screen.query_one("#instructions-box", VerticalScroll)
        assert box.size.height == 4
        assert box.max_scroll_y > 0 and box.show_vertical_scrollbar  # there is more: shown
        box.scroll_end(animate=False)
        await pilot.pause()
        assert LONG[-1] in words_on_screen(app)  # ...and reachable


@pytest.mark.parametrize("moment", [HOLD_AT, EXHALE_AT])
async def test_reduced_motion_labels_its_bars_in_the_phase_colours(
    user: Path, moment: float
) -> None:
    options = PlayOptions(sound="off", reduced_motion=True)
    async with short_session_at(user, moment, options) as (pilot, screen):
        app = pilot.app
        shown = screen_text(app)
        assert "this phase" in shown and "session" in shown
        bar = screen.query_one("#phase-bar", Static)
        segments: list[Segment] = list(bar.render_line(0))
        filled = segments[0].style
        assert filled is not None and filled.color is not None
        kind = SegmentKind.HOLD if moment == HOLD_AT else SegmentKind.EXHALE
        expected = phase_colours(app.theme_variables)[kind]
        assert Color.from_rich_color(filled.color) == expected
        phase = screen.query_one("#phase", Static)
        assert phase.styles.color == expected  # the words too
        warning = Color.parse(app.theme_variables["warning"])
        assert phase.styles.color != warning
