"""The safety note before a session, as a person sees it: at 80x24 and at 40x12, with a
note long enough to scroll there. Update with
`pytest tests/app/test_safety_note_snapshots.py --snapshot-update`, then look at the SVGs;
`test_stored_snapshots_show_the_note_and_both_buttons` reads them back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.support.player import (
    START,
    FakeClock,
    library_ready,
    player_app,
    show_safety_notes,
    svg_lines,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine

SnapCompare = Callable[..., bool]
SIZES = {"100x30": (100, 30), "80x24": (80, 24), "40x12": (40, 12)}
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
CAREFUL = """
title: Legs on the wall
safety: >
  Leave out this pose if you have glaucoma, a detached retina, high blood pressure that is
  not controlled, a hernia, or are more than a few months pregnant. Come down slowly, and
  sit a moment before you stand. Stop and rest if you feel dizzy or tingling.
steps:
  - pose: Legs up the wall
    hold: 30s
"""


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_routine("careful", CAREFUL, folder=user_routines)
    show_safety_notes()
    return user_routines


@pytest.mark.parametrize("size", SIZES)
def test_safety_note(snap_compare: SnapCompare, user: Path, size: str) -> None:
    app = player_app(user, FakeClock(START), bundled=SNAPSHOT_ROUTINES)

    async def run_before(pilot: Pilot[Any]) -> None:
        await library_ready(pilot)
        careful = app.catalog.entries["careful"]
        app.start_session(careful, app.catalog.timeline(careful))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_stored_snapshots_show_the_note_and_both_buttons(size: str) -> None:
    lines = svg_lines((STORED / f"test_safety_note[{size}].svg").read_text(encoding="utf-8"))
    text = "\n".join(lines)
    for words in ("Safety", "Legs on the wall", "Leave out this pose", "Begin", "Don't show"):
        assert words in text, words
    if size == "80x24":  # all of it fits
        assert "Stop and rest if you feel dizzy or tingling." in " ".join(text.split())
