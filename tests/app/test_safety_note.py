"""A routine's safety note comes before its first cue on every way into a session:
`breathe play`, `breathe today`, the Today box, the library's routine page and `--watch`
(render prints it: tests/cli). One key passes it; "Don't show again" hides that routine's
note only; a routine without a note starts at once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import Button

from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.library.state import load_state, start_program
from breathe.library.watch import RoutineWatch
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from breathe.ui.screens.safety_note import SafetyNoteScreen
from breathe.ui.screens.session import SessionScreen
from tests.support.player import (
    START,
    FakeClock,
    library_ready,
    pass_safety_note,
    play_app,
    player_app,
    screen_text,
    show_safety_notes,
    start_routine,
    write_short_routine,
)
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

BIG = (100, 32)
NO_NOTE = "title: Plain\nsteps:\n  - rest: Sit\n    duration: 10s\n"
WITH_INCLUDE = """
title: Holds and more
safety: Stop if you feel dizzy. This is educational, not medical advice.
steps:
  - rest: Arrive
    duration: 5s
  - include: holds
"""
HOLDS = """
title: Holds
safety: No breath holds in pregnancy. This is educational, not medical advice.
steps:
  - rest: Hold
    duration: 5s
"""


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    """The short routine (its note: "Stop if you feel dizzy."), every note shown again."""
    write_short_routine(write_routine, user_routines)
    show_safety_notes()
    return user_routines


@pytest.fixture
def app(user: Path) -> BreatheApp:
    """The app on the library, the short routine's note to be shown."""
    return player_app(user, FakeClock(START))


def sessions(app: BreatheApp) -> list[SessionScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, SessionScreen)]


async def test_play_shows_the_note_first_and_enter_begins(user: Path) -> None:
    """`breathe play short`, the first-run notice dismissed: the note, then the session."""
    app = play_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        assert not sessions(app)
        text = screen_text(app)
        assert "Short practice" in text and "Stop if you feel dizzy." in text
        await pass_safety_note(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_space_begins_too(app: BreatheApp) -> None:
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        app.open_routine(app.catalog.entries["short"])
        await pilot.pause()
        await pilot.press("enter")  # Start, on the routine's page
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_today_shows_the_note_of_the_days_routine(isolated_user_dirs: Path) -> None:
    """`breathe today`: the day's routine played as the program's day, its note first."""
    show_safety_notes()
    app = play_app(
        isolated_user_dirs / "none",
        FakeClock(START),
        name="legs-up-the-wall",
        program="circulation-60-day",
        day=15,
    )
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        assert "glaucoma" in screen_text(app).lower()
        await pass_safety_note(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_the_today_box_shows_the_note_before_the_session(isolated_user_dirs: Path) -> None:
    show_safety_notes()
    start_program("circulation-60-day", date.today() - timedelta(days=4))
    now = datetime.combine(date.today(), datetime.min.time()).replace(hour=20).astimezone()
    app = make_app(
        bundled=BUNDLED_ROUTINES,
        user=isolated_user_dirs / "none",
        clock=FakeClock(START),
        options=PlayOptions(sound="off"),
        now=lambda: now,
    )
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("enter", "s")  # today's routine: its page, then Start
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        assert not sessions(app)
        await pass_safety_note(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_the_library_page_shows_the_note_and_escape_goes_back_to_it(
    app: BreatheApp,
) -> None:
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        app.open_routine(app.catalog.entries["short"])
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        await pilot.press("escape")  # not now: back on the routine's page, nothing started
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and not sessions(app)
        await pilot.press("s")
        await pilot.pause()
        await pass_safety_note(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_back_on_the_note_in_play_ends_without_a_session(user: Path) -> None:
    app = play_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_value is None


async def test_watch_shows_the_note_before_each_session(
    tmp_path: Path, user_routines: Path
) -> None:
    path = tmp_path / "careful.yaml"
    path.write_text(
        "title: Careful\nsafety: Go slowly.\nsteps:\n  - rest: Sit\n    duration: 10s\n",
        encoding="utf-8",
    )
    show_safety_notes()

    def make_catalog() -> Catalog:
        return Catalog.load(BUNDLED_ROUTINES, user_routines)

    live = RoutineWatch(path, make_catalog)
    app = BreatheApp(
        make_catalog(), options=PlayOptions(sound="off"), clock=FakeClock(START), live=live
    )
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SafetyNoteScreen)
        assert "Go slowly." in screen_text(app)
        await pilot.press("escape")  # back to the page that follows the file
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen) and not sessions(app)
        await pilot.press("s")
        await pilot.pause()
        await pass_safety_note(pilot)
        assert isinstance(app.screen, SessionScreen)


async def test_dont_show_again_hides_this_routines_note_only(
    user: Path, write_routine: WriteRoutine
) -> None:
    write_routine(
        "careful",
        "title: Careful\nsafety: Go slowly.\nsteps:\n  - rest: Sit\n    duration: 10s\n",
        folder=user,
    )
    app = player_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "short")
        assert isinstance(app.screen, SafetyNoteScreen)
        await pilot.press("d")  # begins, and hides the short routine's note
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert load_state().safety_notes_hidden == {"short"}
    app = player_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "short")
        assert isinstance(app.screen, SessionScreen)  # straight in
        await pilot.press("ctrl+q")
    app = player_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "careful")
        assert isinstance(app.screen, SafetyNoteScreen)  # another routine's note still shows


async def test_a_routine_without_a_note_starts_at_once(
    user: Path, write_routine: WriteRoutine
) -> None:
    write_routine("plain", NO_NOTE, folder=user)
    app = player_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "plain")
        assert isinstance(app.screen, SessionScreen)


async def test_the_note_holds_the_includes_notes_each_sentence_once(
    user: Path, write_routine: WriteRoutine
) -> None:
    write_routine("holds", HOLDS, folder=user)
    write_routine("main", WITH_INCLUDE, folder=user)
    app = player_app(user, FakeClock(START))
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "main")
        note = app.screen
        assert isinstance(note, SafetyNoteScreen)
        paragraphs = [str(part.render()) for part in note.query(".safety-paragraph")]
        text = " ".join(" ".join(paragraphs).split())
        assert "Stop if you feel dizzy." in text
        assert "No breath holds in pregnancy." in text
        assert text.count("educational, not medical advice") == 1


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_tab_reaches_both_buttons_on_a_small_terminal(
    app: BreatheApp, size: tuple[int, int]
) -> None:
    """legs-up-the-wall's note is long: it scrolls, and the buttons stay on screen."""
    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "legs-up-the-wall")
        note = app.screen
        assert isinstance(note, SafetyNoteScreen)
        reached = set()
        for _ in range(4):
            await pilot.press("tab")
            focused = app.focused
            if isinstance(focused, Button):
                assert note.region.contains_region(focused.region), focused.region
                reached.add(focused.id)
        assert reached == {"begin", "hide"}


async def test_the_library_under_the_note_is_left_as_it_was(app: BreatheApp) -> None:
    async with app.run_test(size=BIG) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        await start_routine(pilot, "short")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
