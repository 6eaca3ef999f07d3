"""The routine's page with its tempo and length controls at 80x24 (issue 16 §3): the tempo
and length under the safety note with their keys, the steps and the total as they will
play, `- + Tempo` and `l Length` in the footer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.core.options import PlayOptions
from tests.support.box_routine import BOX_STEPS
from tests.support.player import FakeClock, hide_safety_notes, library_ready, player_app
from tests.support.repo import WriteRoutine

SnapCompare = Callable[..., bool]

BOX = (
    """
title: Square breath
description: A box of four, in, hold, out and hold, each side the same.
tags: [breathing, focus]
level: beginner
feel: balancing
safety: >
  This practice uses breath holds. Keep them easy, and breathe normally if you feel
  dizzy or short of air.
"""
    + BOX_STEPS
)


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_routine("square", BOX, folder=user_routines)
    hide_safety_notes(["square"])
    return user_routines


@pytest.mark.parametrize("keys", [(), ("plus", "plus", "l", "l")], ids=["as-written", "chosen"])
def test_detail_page_with_tempo_and_length(
    snap_compare: SnapCompare, user: Path, keys: tuple[str, ...]
) -> None:
    app = player_app(user, FakeClock(), PlayOptions(sound="off"))

    async def run_before(pilot: Pilot[Any]) -> None:
        await library_ready(pilot)
        app.open_routine(app.catalog.entries["square"])
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
