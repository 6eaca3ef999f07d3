"""Every text on every screen is readable: WCAG AA contrast (4.5:1, 3:1 for the large
digits), measured on the colours the screens are really drawn in (tests/support/contrast).

Two ways round: every stored snapshot SVG is measured (whatever theme, size or NO_COLOR
it was taken in), and each theme breathe offers is walked through every screen of a
session (library, routine page, each breath phase, a pose, paused, the stop question,
the summary, history, the notice and a safety note), each screen measured as it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from breathe.core.bounds import THEME_CHOICES
from breathe.core.options import PlayOptions
from tests.support.contrast import failures
from tests.support.player import (
    EMPTY_AT,
    EXHALE_AT,
    HOLD_AT,
    INHALE_AT,
    POSE_AT,
    START,
    TOTAL_S,
    FakeClock,
    advance_to,
    library_ready,
    open_short_routine,
    player_app,
    show_safety_notes,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import WriteRoutine

SNAPSHOTS = Path(__file__).parent / "__snapshots__"
STORED = sorted(SNAPSHOTS.glob("**/*.svg"))
# Snapshots of a dialog over a veiled screen: only the dialog is active, so only it is
# measured (WCAG exempts the inactive screen behind); found by these words in the name.
DIALOGS = ("confirm", "notice", "about", "safety_note", "check_in", "program_start", "program_stop")
TEXT_BEHIND_A_DIALOG = ("test_summary_after_check_in",)  # the summary itself: all of it


def is_dialog(path: Path) -> bool:
    name = f"{path.parent.name}/{path.stem}"
    if any(words in name for words in TEXT_BEHIND_A_DIALOG):
        return False
    return any(words in name for words in DIALOGS)


def test_the_snapshots_are_there() -> None:
    assert len(STORED) >= 60


@pytest.mark.parametrize("path", STORED, ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_every_snapshot_is_readable(path: Path) -> None:
    found = failures(path.read_text(encoding="utf-8"), dialog=is_dialog(path))
    assert not found, "\n".join(found)


Shot = Callable[..., None]


async def walk_through_a_session(pilot: Pilot[Any], clock: FakeClock, shot: Shot) -> None:
    """Every screen a practice passes, each measured as it is drawn."""
    await pilot.pause()
    shot("library")
    await open_short_routine(pilot)
    shot("routine page")
    await pilot.press("escape")
    await start_short_routine(pilot)
    for name, seconds in [
        ("inhale", INHALE_AT),
        ("hold", HOLD_AT),
        ("exhale", EXHALE_AT),
        ("empty", EMPTY_AT),
        ("pose", POSE_AT),
    ]:
        await advance_to(pilot, clock, seconds)
        shot(name)
    await pilot.press("space")
    shot("paused")
    await pilot.press("space")
    await pilot.press("q")
    shot("stop question", dialog=True)
    await pilot.press("n")
    await advance_to(pilot, clock, TOTAL_S)
    shot("summary")


@pytest.mark.parametrize("size", [(100, 32), (40, 12)], ids=["100x32", "40x12"])
@pytest.mark.parametrize("theme", THEME_CHOICES)
async def test_each_theme_offered_keeps_every_text_readable(
    user_routines: Path, write_routine: WriteRoutine, theme: str, size: tuple[int, int]
) -> None:
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock, PlayOptions(sound="off", theme=theme))
    found: list[str] = []

    def shot(screen: str, *, dialog: bool = False) -> None:
        found.extend(
            f"{screen}: {line}" for line in failures(app.export_screenshot(), dialog=dialog)
        )

    async with app.run_test(size=size) as pilot:
        await library_ready(pilot)
        assert app.theme == theme
        await walk_through_a_session(pilot, clock, shot)
        await pilot.press("escape")
        app.action_history()
        await pilot.pause()
        shot("history")
        await pilot.press("escape")
        app.action_about()
        await pilot.pause()
        shot("notice", dialog=True)
    assert not found, "\n".join(found)


async def test_a_safety_note_in_each_theme_is_readable(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    show_safety_notes()
    found: list[str] = []
    for theme in THEME_CHOICES:
        clock = FakeClock(START)
        app = player_app(user_routines, clock, PlayOptions(sound="off", theme=theme))
        async with app.run_test(size=(80, 24)) as pilot:
            await library_ready(pilot)
            await start_short_routine(pilot)
            found += [f"{theme}: {line}" for line in failures(app.export_screenshot(), dialog=True)]
    assert not found, "\n".join(found)


def test_todays_light_session_would_fail() -> None:
    """The measure catches what the issue saw: "Breathe out" in textual-light's green on
    its grey, 1.76:1."""
    svg = _one_run_svg("Breathe out", "#4ebf71", "#e0e0e0")
    assert failures(svg) == ["text line 0, column 0: 'Breathe out' #4ebf71 on #e0e0e0, 1.76:1"]


def _one_run_svg(words: str, colour: str, background: str) -> str:
    from rich.console import Console
    from rich.style import Style
    from rich.text import Text

    console = Console(record=True, width=20, force_terminal=True, color_system="truecolor")
    console.print(Text(words, style=Style(color=colour, bgcolor=background)))
    return console.export_svg()
