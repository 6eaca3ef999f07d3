"""The theme: breathe offers its own three (each checked for contrast, test_contrast.py),
and the one chosen in the palette is written to the settings file and used at the next
launch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.bounds import THEME_CHOICES
from breathe.core.timeline import SegmentKind
from breathe.library.locations import settings_path
from breathe.library.settings import load_settings
from breathe.ui.app import BreatheApp
from breathe.ui.widgets.pacer import phase_colours
from tests.support.player import (
    EXHALE_AT,
    START,
    FakeClock,
    advance_to,
    library_ready,
    player_app,
    session_screen,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine

FILE = "volume = 40  # quieter: the neighbours\n# theme below, when chosen\n"


def launch(user: Path) -> BreatheApp:
    """The app as `breathe` starts it: with the settings file's options."""
    return player_app(user, FakeClock(START), load_settings(settings_path()).options)


async def choose_theme_in_the_palette(pilot: Pilot[Any], name: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*"theme", "enter")
    await pilot.pause()
    await pilot.press(*name, "enter")
    await pilot.pause()


async def test_the_theme_chosen_in_the_palette_is_used_at_the_next_launch(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FILE, encoding="utf-8")

    first = launch(user_routines)
    async with first.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        assert first.theme == "breathe-dark"
        await choose_theme_in_the_palette(pilot, "night")
        assert first.theme == "breathe-night"
    # Only the theme is added; the person's own lines are as they wrote them.
    assert path.read_text(encoding="utf-8") == FILE + 'theme = "breathe-night"\n'

    second = launch(user_routines)
    clock = second.clock
    assert isinstance(clock, FakeClock)
    async with second.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        assert second.theme == "breathe-night"
        await start_short_routine(pilot)
        await advance_to(pilot, clock, EXHALE_AT)
        phase = session_screen(second).query_one("#phase", Static)
        night = phase_colours(second.theme_variables)[SegmentKind.EXHALE]
        assert phase.styles.color == night  # the words follow the night palette
        await choose_theme_in_the_palette(pilot, "light")
    assert path.read_text(encoding="utf-8") == FILE + 'theme = "breathe-light"\n'


async def test_the_palette_offers_breathes_themes_only(user_routines: Path) -> None:
    app = launch(user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        assert sorted(app.available_themes) == sorted(THEME_CHOICES)
        await pilot.press("ctrl+p")
        await pilot.press(*"theme", "enter")
        await pilot.pause()
        commands = app.screen.query_one(CommandList)
        options = (commands.get_option_at_index(i) for i in range(commands.option_count))
        assert {str(option.prompt) for option in options} == set(THEME_CHOICES)
