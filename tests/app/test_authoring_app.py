"""The authoring path in the app: the routine's page names its author; a routine that is
only a part of others is not in the library."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from breathe.ui.screens.detail import DetailScreen
from tests.support.player import FakeClock, open_short_routine, player_app, text
from tests.support.repo import WriteRoutine

BY_ANNA = """
title: Short practice
author: Anna Lee
level: beginner
steps:
  - rest: Settle
    duration: 5s
"""


async def test_the_routine_s_page_names_its_author(
    user_routines: Path, write_routine: WriteRoutine, clock: FakeClock
) -> None:
    write_routine("short", BY_ANNA, folder=user_routines)
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_short_routine(pilot)
        assert isinstance(app.screen, DetailScreen)
        facts = text(app.screen.query_one("#detail-facts", Static))
        assert facts == "by Anna Lee  ·  beginner  ·  0:05"
