"""The library paints its first frame before it reads a routine: "Loading routines…" in the
table's place while a worker lists the folders and reads every file, then the routines and
the Today box in one update. What is typed meanwhile is kept (the filter), Enter opens the
first match once the routines are there, and a broken file is reported in its row as
before.

The catalog here is the real one, held back by a gate the test opens (GatedCatalog): the
screen is looked at while the catalog is provably unread, whatever the machine's speed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from textual.widgets import DataTable, Input

from breathe.core.options import PlayOptions
from breathe.library.catalog import Catalog
from breathe.ui.app import BreatheApp
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from tests.app.test_library_many import MANY, row_keys, write_many
from tests.support.player import routines_loaded, screen_text
from tests.support.repo import BUNDLED_ROUTINES

BROKEN = """
title: Broken
steps:
  - breathe: In and out
    pattern: 4-4
    cycles: 2
    tempo: fast
"""


class GatedCatalog(Catalog):
    """The real catalog, whose folders are listed only once the test opens the gate."""

    gate: threading.Event

    def list_folders(self) -> None:
        assert self.gate.wait(timeout=30), "the test never opened the gate"
        super().list_folders()


def gated_app(user: Path) -> tuple[BreatheApp, GatedCatalog]:
    catalog = GatedCatalog.unlisted(BUNDLED_ROUTINES, user)
    assert isinstance(catalog, GatedCatalog)
    catalog.gate = threading.Event()
    return BreatheApp(catalog, options=PlayOptions(sound="off")), catalog


async def test_the_first_frame_says_it_is_loading_then_shows_the_routines(
    user_routines: Path,
) -> None:
    write_many(user_routines)
    app, catalog = gated_app(user_routines)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        assert not library.loaded and not catalog.entries  # painted, nothing read
        text = screen_text(app)
        assert "Loading routines…" in text
        assert "Practice number" not in text
        assert "Type to filter" in text  # the rest of the screen is there
        assert app.focused is None  # nothing to move through yet
        catalog.gate.set()
        await routines_loaded(pilot)
        text = screen_text(app)
        assert "Loading routines…" not in text
        assert "Programs" in text  # the Today box, filled in the same update
        table = library.query_one(DataTable)
        assert table.display and table.has_focus
        assert {f"practice-{index:03d}" for index in range(MANY)} <= set(row_keys(table))


async def test_what_is_typed_while_loading_filters_and_enter_opens_the_match(
    user_routines: Path,
) -> None:
    write_many(user_routines)
    app, catalog = gated_app(user_routines)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(*"number 117", "enter")
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)  # nothing to open yet
        assert library.query_one("#filter", Input).value == "number 117"
        assert "Loading routines…" in screen_text(app)
        catalog.gate.set()
        await routines_loaded(pilot)
        await pilot.pause()
        page = app.screen
        assert isinstance(page, DetailScreen)
        assert page.entry.name == "practice-117"
        await pilot.press("escape")
        await pilot.pause()
        assert row_keys(library.query_one(DataTable)) == ["practice-117"]  # the filter kept


async def test_keys_while_loading_do_not_open_or_move_anything(user_routines: Path) -> None:
    """Up and down before there is a table: once loaded, the table's cursor is on its
    first routine and the filter is empty (the arrows were not typed anywhere)."""
    write_many(user_routines)
    app, catalog = gated_app(user_routines)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "up")
        catalog.gate.set()
        library = await routines_loaded(pilot)
        table = library.query_one(DataTable)
        assert table.cursor_row == 0
        assert library.query_one("#filter", Input).value == ""


async def test_a_broken_routine_is_reported_in_its_row_once_loaded(
    user_routines: Path,
) -> None:
    (user_routines / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    app, catalog = gated_app(user_routines)
    catalog.gate.set()
    async with app.run_test(size=(100, 30)) as pilot:
        await routines_loaded(pilot)
        line = next(line for line in screen_text(app).splitlines() if "broken" in line)
        assert "tempo" in line  # its first problem, where the tags go
