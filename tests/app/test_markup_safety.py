"""An author's words are shown as written: square brackets in a title, an instruction or a
description are text, never Textual or Rich markup (which would style them, or crash the
app on a stray closing tag like `[/b]`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.engine import SessionEnded
from breathe.core.options import PlayOptions
from breathe.ui.app import make_app
from breathe.ui.screens.detail import DetailScreen
from tests.support.player import START, FakeClock, advance, library_ready, screen_text
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine

ROUTINE = """
title: Breath [draft] [/b] [bold
description: Try [red]this[/red] and [link=x]
tags: ["[tag]"]
safety: Careful [/i] now.
steps:
  - breathe: In [b]and out
    pattern: 4-4
    cycles: 1
    instructions: Use a [strap] or [/] nothing.
  - pose: Twist [x]
    hold: 5s
    instructions: "[i] turn"
"""


async def test_brackets_in_a_routine_are_shown_as_written_on_every_screen(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("brackets", ROUTINE, folder=user_routines)
    clock = FakeClock(START)
    app = make_app(
        bundled=SNAPSHOT_ROUTINES,
        user=user_routines,
        clock=clock,
        options=PlayOptions(sound="off"),
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert "Breath [draft] [/b] [bold" in screen_text(app)  # the library
        entry = app.catalog.entries["brackets"]
        app.open_routine(entry)
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        detail = screen_text(app)
        for words in ("Try [red]this[/red] and [link=x]", "Careful [/i] now.", "In [b]and out"):
            assert words in detail
        await pilot.press("s")
        await pilot.pause()
        session = screen_text(app)
        assert "In [b]and out" in session
        assert "Use a [strap] or [/] nothing." in session
        assert "Next: Twist [x]" in session
        await advance(pilot, clock, 8)
        assert "[i] turn" in screen_text(app)
        await advance(pilot, clock, 5)
        assert "Breath [draft] [/b] [bold" in screen_text(app)  # the summary
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")  # the history lists it too
        await pilot.pause()
        assert "Breath [draft] [/b] [bold" in screen_text(app)
    assert app.return_code in (None, 0)
    assert not isinstance(app.return_value, SessionEnded)


def test_brackets_are_printed_as_written_by_the_cli(
    tmp_path: Path, write_routine: WriteRoutine, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_routine(
        "brackets", ROUTINE + '  - rest: "Done :tada:"\n    duration: 5s\n', tmp_path
    )
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    for words in (
        "Breath [draft] [/b] [bold",
        "Try [red]this[/red] and [link=x]",
        "Careful [/i] now.",
        "In [b]and out",
        "Twist [x]",
        "Done :tada:",
    ):
        assert words in out
