"""The app, driven through Textual's Pilot, and its screens as snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from breathe.core.durations import format_clock
from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp, make_app
from breathe.ui.screens.library import LibraryScreen
from tests.support.player import library_ready, screen_text
from tests.support.repo import BUNDLED_ROUTINES, SNAPSHOT_ROUTINES, WriteRoutine


def library_app(user: Path, bundled: Path = BUNDLED_ROUTINES) -> BreatheApp:
    return make_app(bundled=bundled, user=user, options=PlayOptions(sound="off"))


async def test_library_lists_every_routine_and_q_quits(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("broken", "title: Broken\nsteps: oops\n", folder=user_routines)
    app = library_app(user_routines)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        rows = {str(key.value): table.get_row(key) for key in table.rows}
        expected = {p.stem for p in BUNDLED_ROUTINES.glob("*.yaml")} | {"broken"}
        assert set(rows) == expected
        assert str(rows["extended-exhale"][0]) == "Extended exhalation"
        exhale = app.catalog.find("extended-exhale")
        assert str(rows["extended-exhale"][1]) == format_clock(
            app.catalog.timeline(exhale).total_ms
        )
        assert str(rows["broken"][0]) == "broken  broken"  # its name, and that it is broken
        assert "must be a list" in str(rows["broken"][2])  # its first problem, under Tags
        await pilot.press("q")
    assert app.return_code == 0


def test_library_snapshot(snap_compare: object, user_routines: Path) -> None:
    assert snap_compare(  # type: ignore[operator]
        library_app(user_routines, SNAPSHOT_ROUTINES),
        terminal_size=(100, 32),
        run_before=library_ready,
    )


def test_library_snapshot_small_terminal(snap_compare: object, user_routines: Path) -> None:
    assert snap_compare(  # type: ignore[operator]
        library_app(user_routines, SNAPSHOT_ROUTINES),
        terminal_size=(40, 12),
        run_before=library_ready,
    )


@pytest.mark.parametrize("theme", ["breathe-light", "breathe-night"])
def test_library_snapshot_light_theme(
    snap_compare: object, user_routines: Path, theme: str
) -> None:
    app = library_app(user_routines, SNAPSHOT_ROUTINES)

    async def use_theme(pilot: Pilot[None]) -> None:
        await library_ready(pilot)
        app.theme = theme

    assert snap_compare(app, terminal_size=(100, 32), run_before=use_theme)  # type: ignore[operator]


async def test_a_broken_file_does_not_widen_the_titles_and_narrow_terminals_drop_columns(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine(
        "draft",
        "title: Draft\nsteps:\n  - breathe: In\n    pattern: 4-4\n    cyles: 3\n",
        folder=user_routines,
    )
    app = library_app(user_routines, SNAPSHOT_ROUTINES)
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = {
            str(column.key.value): column.get_render_width(table)
            for column in table.columns.values()
        }
        assert widths["routine"] <= len("Extended exhalation") + 2
        assert [str(key.value) for key in table.columns] == ["routine", "length", "tags", "source"]
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert [str(key.value) for key in table.columns] == ["routine", "length"]
        lines = screen_text(app).splitlines()
        assert any("Extended exhalation" in line and "6:38" in line for line in lines)
