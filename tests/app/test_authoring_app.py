"""The authoring path in the app: the routine's page names its author; a routine that is
only a part of others is not in the library."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from breathe.ui.screens.detail import DetailScreen
from tests.support.player import (
    FakeClock,
    library_ready,
    open_short_routine,
    player_app,
    screen_lines,
    session_screen,
    text,
    write_short_routine,
)
from tests.support.repo import WriteRoutine
from tests.support.short_session import short_session

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
        await library_ready(pilot)
        await open_short_routine(pilot)
        assert isinstance(app.screen, DetailScreen)
        facts = text(app.screen.query_one("#detail-facts", Static))
        assert facts == "by Anna Lee  ·  beginner  ·  0:05"


async def test_a_part_is_not_in_the_library_and_its_routine_plays_it(
    user_routines: Path, write_routine: WriteRoutine, clock: FakeClock
) -> None:
    write_routine(
        "arrive",
        "title: Arrive here\npart: true\nsteps:\n  - rest: Arrive\n    duration: 1m\n",
        folder=user_routines,
    )
    write_routine(
        "morning",
        "title: Morning\nsteps:\n  - include: arrive\n  - rest: Sit\n    duration: 2m\n",
        folder=user_routines,
    )
    app = player_app(user_routines, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert "morning" in keys and "arrive" not in keys
        assert "Arrive here" not in "\n".join(screen_lines(app))
        app.open_routine(app.catalog.entries["morning"])
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Arrive" in "\n".join(screen_lines(app))  # its steps are the routine's


async def test_the_note_that_a_new_version_is_ready_is_shown_whole(
    user_routines: Path, write_routine: WriteRoutine, clock: FakeClock
) -> None:
    write_short_routine(write_routine, user_routines)
    note = "A new version of morning-flow-for-the-studio.yaml is ready; it plays at the next start."
    async with short_session(user_routines, clock) as (app, pilot):
        session = session_screen(app)
        session.show_sound_problem("no sound device here (ALSA found none)")
        session.show_note(note)
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert note in shown, shown
