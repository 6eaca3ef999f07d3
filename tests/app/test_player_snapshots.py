"""Every screen of the player as a snapshot, at 100x32 and at 40x12, with the pacer frozen
by a fake clock at an inhale, a hold and an exhale; reduced motion; the light theme; the
eyes-closed view and the wait for the voice at 80x24 and 40x12.

Update with `pytest tests/app/test_player_snapshots.py --snapshot-update`, then look at the
report. `test_stored_snapshots_show_the_right_words` reads the stored SVGs back, so a
snapshot taken at the wrong moment (or of a broken layout) cannot be accepted unseen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from breathe.ui.screens.session import SessionScreen
from tests.support.player import (
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
    screen_lines,
    start_short_routine,
    svg_lines,
    write_short_routine,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine
from tests.support.voice import HeldEngine, PreparingVoice

SnapCompare = Callable[..., bool]
Scene = Callable[[Pilot[Any], FakeClock], Awaitable[None]]
SIZES = {"100x32": (100, 32), "100x30": (100, 30), "80x24": (80, 24), "40x12": (40, 12)}
EYES_SIZES = {"80x24": (80, 24), "40x12": (40, 12)}
EYES_SCENES = ["inhale", "pose", "paused"]
STORED = Path(__file__).parent / "__snapshots__" / Path(__file__).stem


async def library(pilot: Pilot[Any], clock: FakeClock) -> None:
    await pilot.pause()


async def detail(pilot: Pilot[Any], clock: FakeClock) -> None:
    await open_short_routine(pilot)


def session_at(seconds: float, *keys: str) -> Scene:
    async def scene(pilot: Pilot[Any], clock: FakeClock) -> None:
        await start_short_routine(pilot)
        await advance_to(pilot, clock, seconds)
        await pilot.press(*keys)
        await pilot.pause()

    return scene


SCENES: dict[str, Scene] = {
    "library": library,
    "detail": detail,
    "inhale": session_at(INHALE_AT),
    "hold": session_at(HOLD_AT),
    "exhale": session_at(EXHALE_AT),
    "pose": session_at(POSE_AT),
    "paused": session_at(EXHALE_AT, "space"),
    "confirm": session_at(EXHALE_AT, "q"),
    "summary": session_at(TOTAL_S),
}


@pytest.fixture(autouse=True)
def truecolor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal that shows 24-bit colour, as most do today: the orb is drawn shaded."""
    monkeypatch.setenv("COLORTERM", "truecolor")


@pytest.fixture
def user(user_routines: Path, write_routine: WriteRoutine) -> Path:
    write_short_routine(write_routine, user_routines)
    return user_routines


def snapshot(
    snap_compare: SnapCompare,
    user: Path,
    scene: Scene,
    size: tuple[int, int],
    options: PlayOptions | None = None,
    theme: str | None = None,
) -> bool:
    clock = FakeClock(START)
    app = player_app(user, clock, options, bundled=SNAPSHOT_ROUTINES)

    async def run_before(pilot: Pilot[Any]) -> None:
        if theme is not None:
            app.theme = theme
        await scene(pilot, clock)

    return snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_player_screens(snap_compare: SnapCompare, user: Path, scene: str, size: str) -> None:
    assert snapshot(snap_compare, user, SCENES[scene], SIZES[size])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", ["inhale", "pose"])
def test_reduced_motion(snap_compare: SnapCompare, user: Path, scene: str, size: str) -> None:
    options = PlayOptions(reduced_motion=True, sound="off")
    assert snapshot(snap_compare, user, SCENES[scene], SIZES[size], options)


# The screens whose colours matter most, in the other themes and with NO_COLOR.
COLOUR_SCENES = ["library", "inhale", "hold", "exhale", "paused", "summary"]


@pytest.mark.parametrize("scene", COLOUR_SCENES)
def test_light_theme(snap_compare: SnapCompare, user: Path, scene: str) -> None:
    assert snapshot(snap_compare, user, SCENES[scene], SIZES["100x32"], theme="breathe-light")


@pytest.mark.parametrize("scene", COLOUR_SCENES)
def test_night_theme(snap_compare: SnapCompare, user: Path, scene: str) -> None:
    assert snapshot(snap_compare, user, SCENES[scene], SIZES["80x24"], theme="breathe-night")


@pytest.mark.parametrize("scene", COLOUR_SCENES)
def test_no_color(
    snap_compare: SnapCompare, user: Path, scene: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR: Textual draws in greys (its Monochrome filter), read when the app starts."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snapshot(snap_compare, user, SCENES[scene], SIZES["80x24"])


@pytest.mark.parametrize("size", EYES_SIZES)
@pytest.mark.parametrize("scene", EYES_SCENES)
def test_eyes_closed(snap_compare: SnapCompare, user: Path, scene: str, size: str) -> None:
    options = PlayOptions(eyes_closed=True, sound="off")
    assert snapshot(snap_compare, user, SCENES[scene], EYES_SIZES[size], options)


@pytest.mark.parametrize("size", EYES_SIZES)
def test_waiting_for_the_voice(
    snap_compare: SnapCompare, user: Path, held_engine: HeldEngine, tmp_path: Path, size: str
) -> None:
    """None of the phrases of the first minute made yet (an empty bar has no half cell to
    differ by, run to run), the engine held: the bar, the count, the keys; the session's
    clock does not run."""
    clock = FakeClock(START)
    app = player_app(user, clock, PlayOptions(sound="off"), bundled=SNAPSHOT_ROUTINES)
    voice = PreparingVoice(held_engine, tmp_path / "phrases")

    async def run_before(pilot: Pilot[Any]) -> None:
        assert isinstance(app, BreatheApp)
        await library_ready(pilot)
        entry = app.catalog.entries["short"]
        screen = SessionScreen(
            app.catalog.timeline(entry), options=app.options, clock=app.clock, voice=voice
        )
        await app.push_screen(screen)
        for _ in range(1000):
            guide = voice.guide
            if guide is not None:
                break
            await pilot.pause(0.01)
        line = screen.query_one("#preparing-line", Static)
        for _ in range(1000):  # the bar shows after a moment (none for a voice ready at once)
            shown = screen_lines(app)
            footer = shown[-1] if shown else ""  # nothing yet before the screen's first paint
            if screen.waiting and "0 of" in str(line.render()) and "Start now" in footer:
                break  # the footer too: it is recomposed after the wait is shown
            await pilot.pause(0.01)
        await pilot.wait_for_scheduled_animations()  # the bar glides to its new length
        assert screen.waiting

    assert snap_compare(app, terminal_size=EYES_SIZES[size], run_before=run_before)


# What each stored snapshot must show, whatever its size.
WORDS = {
    "library": ["Short practice", "0:57", "Extended exhalation", "q Quit"],
    "detail": ["Short practice", "Safety  Stop if you feel dizzy.", "s Start"],
    "inhale": ["Paced breath", "Breathe in  ·  2 s", "0:07 of 0:57", "space Pause"],
    "hold": ["Paced breath", "Hold  ·  1 s", "0:10 of 0:57"],
    "exhale": ["Paced breath", "Breathe out  ·  3 s", "0:14 of 0:57"],
    "pose": ["Twist", "Hold the pose  ·  left side", "0:38 of 0:57", "╭─╮"],
    "paused": ["Paused", "space to go on", "space Go on"],
    "confirm": ["Stop this session?", "You have practised 0:14.", "Go on (n)", "Stop (y)"],
    "summary": ["Well done.", "Practised  0:57", "finished", "Today", "r Play again"],
}
WIDE_ONLY = {
    "detail": ["Total 0:57", "breathe 4-2-6-2 × 2", "pose, left then right"],
    "inhale": ["breath 1 of 2", "Next: Twist", "In and out through the nose."],
    "hold": ["breath 1 of 2", "Next: Twist"],
    "exhale": ["breath 1 of 2", "Next: Twist"],
    "pose": ["Last step", "Turn gently from the belly."],
    "summary": ["3 of 3 completed", "Streak     1 day", "Play again"],
}
ORB = "██"  # the middle of the pacer's orb; a countdown is drawn with box lines instead
ORB_SCENES = {"inhale", "hold", "exhale", "paused"}


def stored(name: str) -> list[str]:
    path = STORED / f"{name}.svg"
    if not path.exists():
        pytest.fail(f"no stored snapshot {path.name}: run with --snapshot-update")
    return svg_lines(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_stored_snapshots_show_the_right_words(scene: str, size: str) -> None:
    lines = stored(f"test_player_screens[{scene}-{size}]")
    screen = "\n".join(lines)
    width, height = SIZES[size]
    assert len(lines) == height
    assert all(len(line) <= width for line in lines)
    expected = WORDS[scene] + (WIDE_ONLY.get(scene, []) if size == "100x32" else [])
    missing = [words for words in expected if words not in screen]
    assert not missing, screen
    if scene in ORB_SCENES:
        assert ORB in screen
    elif scene in ("pose", "summary", "library"):
        assert ORB not in screen
    assert "Traceback" not in screen


@pytest.mark.parametrize("size", SIZES)
def test_stored_reduced_motion_snapshots_have_no_orb(size: str) -> None:
    for scene in ("inhale", "pose"):
        screen = "\n".join(stored(f"test_reduced_motion[{scene}-{size}]"))
        assert ORB not in screen
        assert all(words in screen for words in WORDS[scene][:2]), screen
        assert "this phase ━" in screen and "session    ━" in screen  # labelled bars


EYES_WORDS = {
    "inhale": ["Breathe in", "0:07 of 0:57"],
    "pose": ["Hold the pose  ·  left side", "0:38 of 0:57"],
    "paused": ["Paused", "paused: space to go on", "space go on  ·  e eyes open  ·  q stop"],
}


@pytest.mark.parametrize("size", EYES_SIZES)
@pytest.mark.parametrize("scene", EYES_SCENES)
def test_stored_eyes_closed_snapshots_are_large_words_alone(scene: str, size: str) -> None:
    lines = stored(f"test_eyes_closed[{scene}-{size}]")
    screen = "\n".join(lines)
    assert all(words in screen for words in EYES_WORDS[scene]), screen
    assert ORB not in screen and "Paced breath" not in screen  # no orb, no step card
    assert "─" in screen  # the count in large digits
    assert "Next" not in screen and "^p" not in screen  # a footer of the few keys alone
    assert "e eyes open" in lines[-1]


@pytest.mark.parametrize("size", EYES_SIZES)
def test_stored_waiting_snapshots_show_the_progress_and_the_keys(size: str) -> None:
    lines = stored(f"test_waiting_for_the_voice[{size}]")
    screen = "\n".join(lines)
    assert "Preparing the voice…  0 of 7 phrases" in screen, screen
    assert "space Start now" in lines[-1] and "q Leave" in lines[-1]
    assert "Pause" not in screen and "0:00 of" not in screen  # nothing runs yet


@pytest.mark.parametrize("scene", COLOUR_SCENES)
@pytest.mark.parametrize("variant", ["test_light_theme", "test_night_theme", "test_no_color"])
def test_stored_colour_snapshots_show_the_right_words(variant: str, scene: str) -> None:
    screen = "\n".join(stored(f"{variant}[{scene}]"))
    missing = [words for words in WORDS[scene] if words not in screen]
    assert not missing, screen
    assert (ORB in screen) == (scene in ORB_SCENES)
