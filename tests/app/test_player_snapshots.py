"""Every screen of the player as a snapshot, at 100x32 and at 40x12, with the pacer frozen
by a fake clock at an inhale, a hold and an exhale; reduced motion; the light theme.

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

from breathe.core.options import PlayOptions
from tests.support.player import (
    EXHALE_AT,
    HOLD_AT,
    INHALE_AT,
    POSE_AT,
    START,
    TOTAL_S,
    FakeClock,
    advance_to,
    open_short_routine,
    player_app,
    start_short_routine,
    svg_lines,
    write_short_routine,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine

SnapCompare = Callable[..., bool]
Scene = Callable[[Pilot[Any], FakeClock], Awaitable[None]]
SIZES = {"100x32": (100, 32), "40x12": (40, 12)}
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


@pytest.mark.parametrize("scene", ["library", "inhale", "summary"])
def test_light_theme(snap_compare: SnapCompare, user: Path, scene: str) -> None:
    assert snapshot(snap_compare, user, SCENES[scene], SIZES["100x32"], theme="textual-light")


# What each stored snapshot must show, whatever its size.
WORDS = {
    "library": ["Short practice", "0:57", "Extended exhalation", "q Quit"],
    "detail": ["Short practice", "Safety  Stop if you feel dizzy.", "s Start"],
    "inhale": ["Paced breath", "Breathe in  2", "0:07 of 0:57", "space Pause"],
    "hold": ["Paced breath", "Hold  1", "0:10 of 0:57"],
    "exhale": ["Paced breath", "Breathe out  3", "0:14 of 0:57"],
    "pose": ["Twist", "Hold the pose  ·  left side", "0:38 of 0:57"],
    "paused": ["Breathe out  3", "paused: space to go on", "space Go on"],
    "confirm": ["Stop this session?", "You have practised 0:14.", "Go on (n)", "Stop (y)"],
    "summary": ["Well done.", "Practised  0:57", "3 of 3 completed", "finished"],
}
WIDE_ONLY = {
    "detail": ["Total 0:57", "breathe 4-2-6-2 × 2", "pose, left then right"],
    "inhale": ["breath 1 of 2", "Next: Twist", "In and out through the nose."],
    "hold": ["breath 1 of 2", "Next: Twist"],
    "exhale": ["breath 1 of 2", "Next: Twist"],
    "pose": ["Last step", "Turn gently from the belly."],
}
ORB = "▀▀"  # the bottom of the pacer's orb; a countdown is drawn with box lines instead
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
