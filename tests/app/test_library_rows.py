"""The library at 80x24 shows at least eight routines, whatever is above them: the Today
box of an active program (with its checklist), the programs offered, the sound line."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable

from breathe.core.options import PlayOptions
from breathe.library.state import start_program
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.library import LibraryScreen
from tests.support.player import library_ready, screen_lines
from tests.support.repo import BUNDLED_ROUTINES
from tests.support.toasts import toasts

EVENING = datetime(2025, 3, 8, 19, 30)  # day 8 of a program started on 1 March
SOUND_LINE = (
    "Cues ring the terminal bell: the sound device cannot be opened (the device would not "
    "open). See `breathe play --help` (--sound)."
)
# A row of the routines' table: a title, then its length; not a line of a box (│).
TABLE_ROW = re.compile(r"^ +[^ │].* \d+:\d\d ")


def visible_routines(app: BreatheApp) -> list[str]:
    """The routines' rows on screen, as a person sees them."""
    return [line.strip() for line in screen_lines(app) if TABLE_ROW.match(line)]


def library_app(user: Path) -> BreatheApp:
    app = make_app(bundled=BUNDLED_ROUTINES, user=user, options=PlayOptions(sound="off"))
    app.now = lambda: EVENING
    return app


@pytest.mark.parametrize("program", [False, True], ids=["no-program", "program"])
@pytest.mark.parametrize("sound_line", [False, True], ids=["quiet", "sound-line"])
async def test_eight_routines_or_more_at_80x24(
    user_routines: Path, program: bool, sound_line: bool
) -> None:
    if program:
        start_program("circulation-60-day", date(2025, 3, 1))
    app = library_app(user_routines)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        if sound_line:
            library.show_sound_notice(SOUND_LINE)
            await pilot.pause()
        rows = visible_routines(app)
        assert len(rows) >= 8, "\n".join(screen_lines(app))
        assert rows[0].startswith("4-7-8 breathing")
        text = "\n".join(screen_lines(app))
        if program:
            assert "Today · day 8 of 60" in text
            assert "Extended exhalation" in text  # the routine for now, in the box
        else:
            assert "Start  60 days of gentle movement" in text


async def test_the_checklist_is_reached_in_the_folded_box(user_routines: Path) -> None:
    """At 80x24 the box keeps to a few lines; Tab to its checklist brings it into view."""
    start_program("circulation-60-day", date(2025, 3, 1))
    app = library_app(user_routines)
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        for _ in range(4):
            if app.focused is not None and app.focused.id == "today-checklist":
                break
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is not None and app.focused.id == "today-checklist"
        checklist = app.focused
        assert checklist.region.height > 0
        assert checklist.region in app.screen.region  # on screen, not scrolled away
        table = app.screen.query_one(DataTable)
        assert table.region.height >= 3  # the table is still there under it


def column_widths(app: BreatheApp) -> list[int]:
    return [column.width for column in app.screen.query_one(DataTable).columns.values()]


async def test_columns_stay_put_as_you_type_and_no_match_is_said_in_place(
    user_routines: Path,
) -> None:
    app = library_app(user_routines)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        widths = column_widths(app)
        assert sum(widths) + 2 * len(widths) <= 76 - 2  # no sideways scrolling at 80 columns
        await pilot.press("b", "o", "x")
        await pilot.pause()
        assert visible_routines(app) == [
            "Box breathing                                5:09  breathing, …  bundled"
        ]
        assert column_widths(app) == widths
        await pilot.press("z", "enter")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert not table.display
        text = "\n".join(screen_lines(app))
        assert "No routine matches “boxz”." in text and "Esc clears the filter." in text
        assert toasts(app) == []
        await pilot.press("escape")
        await pilot.pause()
        assert table.display and table.row_count == len(app.catalog.entries)
        assert column_widths(app) == widths


async def test_routines_are_listed_by_the_titles_shown(user_routines: Path) -> None:
    """Down the table the titles read in order, whatever the files are called (the daily
    session's file is `circulation-and-…`, its title `Daily gentle movement…`)."""
    app = library_app(user_routines)
    async with app.run_test(size=(100, 60)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        titles = [re.split(r" {2,}", row)[0] for row in visible_routines(app)]
        assert len(titles) >= 20
        assert titles == sorted(titles, key=str.casefold)
        assert "Daily gentle movement and slow breathing" in titles
