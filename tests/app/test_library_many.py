"""The library with many routine files of the user's: every one listed once, the filter
narrowing them as a person types and Esc bringing them all back, the columns staying put,
and a routine found by the filter opening."""

from __future__ import annotations

from pathlib import Path

from textual.coordinate import Coordinate
from textual.widgets import DataTable

from breathe.core.options import PlayOptions
from breathe.ui.app import make_app
from breathe.ui.screens.detail import DetailScreen
from breathe.ui.screens.library import LibraryScreen
from tests.support.player import library_ready
from tests.support.repo import BUNDLED_ROUTINES

MANY = 120


def write_many(folder: Path) -> None:
    text = (BUNDLED_ROUTINES / "belly-breathing.yaml").read_text(encoding="utf-8")
    for index in range(MANY):
        body = text.replace("title: Belly breathing", f"title: Practice number {index}")
        body = body.replace("tags: [breathing,", f"tags: [set-{index % 7}, breathing,")
        (folder / f"practice-{index:03d}.yaml").write_text(body, encoding="utf-8")


def row_keys(table: DataTable[object]) -> list[str]:
    return [
        str(table.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)
        for row in range(table.row_count)
    ]


async def test_many_routines_are_all_listed_and_filtered(user_routines: Path) -> None:
    write_many(user_routines)
    bundled = len(list(BUNDLED_ROUTINES.glob("*.yaml")))
    app = make_app(bundled=BUNDLED_ROUTINES, user=user_routines, options=PlayOptions(sound="off"))
    async with app.run_test(size=(100, 30)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        library = app.screen
        assert isinstance(library, LibraryScreen)
        table = library.query_one(DataTable)
        every = row_keys(table)
        assert len(every) == len(set(every)) >= MANY + bundled - 2  # parts are not listed
        assert {f"practice-{index:03d}" for index in range(MANY)} <= set(every)
        widths = [column.width for column in table.columns.values()]
        table.focus()
        await pilot.press(*"set-3 number 10")
        await pilot.pause()
        # set-3 and "number 10": 10, 101 and 108 (10 % 7 == 3, 101 % 7 == 3, 108 % 7 == 3).
        assert row_keys(table) == ["practice-010", "practice-101", "practice-108"]
        assert [column.width for column in table.columns.values()] == widths
        await pilot.press("escape")
        await pilot.pause()
        assert row_keys(table) == every
        await pilot.press(*"number 117", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        assert "Practice number 117" in str(app.screen.query_one("#detail-title").render())
