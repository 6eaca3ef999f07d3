"""The authoring path's screens as snapshots: the routine's page naming its author, with the
steps focused to start from one (the row cursor on step 3, the footer's "Start from this
step"). Update with `pytest tests/app/test_authoring_snapshots.py --snapshot-update`, then
look; `test_stored_snapshots_show_the_right_words` reads the stored SVGs back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.ui.screens.detail import StepsTable
from tests.support.player import (
    ROUTINE,
    START,
    FakeClock,
    open_short_routine,
    player_app,
    svg_lines,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine

SnapCompare = Callable[..., bool]
SIZES = {"100x32": (100, 32), "40x12": (40, 12)}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
BY_ANNA = ROUTINE.replace("level: beginner", "author: Anna Lee\nlevel: beginner")


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_routine("short", BY_ANNA, folder=user_routines)
    return user_routines


@pytest.mark.parametrize("size", SIZES)
def test_routine_page_with_author_and_a_step_to_start_from(
    snap_compare: SnapCompare, user: Path, size: str
) -> None:
    app = player_app(user, FakeClock(START), bundled=SNAPSHOT_ROUTINES)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_short_routine(pilot)
        app.screen.query_one(StepsTable).focus()
        await pilot.press("down", "down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_stored_snapshots_show_the_right_words(size: str) -> None:
    path = STORED / f"test_routine_page_with_author_and_a_step_to_start_from[{size}].svg"
    shown = "\n".join(svg_lines(path.read_text(encoding="utf-8")))
    assert "3  0:33    0:24  Twist" in shown  # the steps scrolled into view, to choose one
    assert "Start from this step" in shown
    if size == "100x32":
        assert "by Anna Lee  ·  beginner" in shown
