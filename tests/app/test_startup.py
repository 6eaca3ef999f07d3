"""Garbage collection at start-up: off while the command line starts the app, frozen and
back on once the first frame is drawn; back on at once for every other command."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.cli import validate as validate_command
from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from breathe.ui.screens.session import SessionScreen
from tests.support.player import (
    FakeClock,
    library_ready,
    player_app,
    running_session,
    wait_for,
    write_short_routine,
)
from tests.support.repo import SNAPSHOT_ROUTINES, WriteRoutine
from tests.support.voice import HeldEngine, PreparingVoice


@pytest.fixture
def collection_restored() -> Iterator[None]:
    """Whatever a test does to the collector, the next test gets it as it was; and each
    starts with nothing frozen (an app that another test in this process started through
    `breathe.cli.main` froze its start-up, and what of it lives on stays frozen)."""
    was_enabled = gc.isenabled()
    gc.unfreeze()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:  # pragma: no cover - the suite runs with collection on
        gc.disable()


def test_a_command_other_than_the_app_runs_with_collection_on(
    collection_restored: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    original = validate_command.run_validate

    def observing(*args: object, **kwargs: object) -> int:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validate_command, "run_validate", observing)
    assert main(["validate", str(SNAPSHOT_ROUTINES)]) == 0
    assert seen == [True]
    assert gc.isenabled()


def test_collection_is_on_again_after_any_command(
    collection_restored: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "no-such-routine"]) != 0  # fails before any app starts
    assert gc.isenabled()
    assert main(["list"]) == 0
    assert gc.isenabled()


async def test_the_app_freezes_start_up_and_collects_again_after_its_first_frame(
    collection_restored: None, user_routines: Path
) -> None:
    gc.disable()  # as breathe.cli.main leaves it while the app starts
    app = player_app(user_routines, FakeClock())
    async with app.run_test() as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000  # Textual's objects and ours


async def test_a_session_freezes_what_it_keeps_when_the_app_froze_its_start_up(
    collection_restored: None, user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    gc.disable()  # as breathe.cli.main leaves it while the app starts
    app = player_app(user_routines, FakeClock())
    async with app.run_test() as pilot:
        await library_ready(pilot)
        await pilot.pause()
        at_start_up = gc.get_freeze_count()
        await running_session(pilot, "short")
        await pilot.pause()
        # The routines read after the first frame, the timeline, the session's widgets.
        assert gc.get_freeze_count() > at_start_up


async def test_an_app_started_with_collection_on_freezes_nothing(
    collection_restored: None, user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_short_routine(write_routine, user_routines)
    app = player_app(user_routines, FakeClock())
    async with app.run_test() as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
        await running_session(pilot, "short")
        await pilot.pause()
        assert gc.get_freeze_count() == 0  # nor when a session starts


async def test_a_session_freezes_again_as_it_begins_after_waiting_for_its_voice(
    collection_restored: None,
    user_routines: Path,
    write_routine: WriteRoutine,
    held_engine: HeldEngine,
    tmp_path: Path,
) -> None:
    """What is made while the session waits for its voice (the sound device, the speech
    engine's modules) is frozen once the session begins, not walked by every collection."""
    gc.disable()  # as breathe.cli.main leaves it while the app starts
    write_short_routine(write_routine, user_routines)
    app = player_app(user_routines, FakeClock(), PlayOptions(sound="off"))
    async with app.run_test() as pilot:
        await library_ready(pilot)
        await pilot.pause()
        assert isinstance(app, BreatheApp)
        voice = PreparingVoice(held_engine, tmp_path / "phrases")
        timeline = app.catalog.timeline(app.catalog.entries["short"])
        screen = SessionScreen(timeline, options=app.options, clock=app.clock, voice=voice)
        await app.push_screen(screen)
        await wait_for(pilot, lambda: screen.waiting)
        made_while_waiting: list[list[int]] = [[] for _ in range(1_000)]  # as modules would be
        before = gc.get_freeze_count()
        await pilot.press("space")  # start now
        await wait_for(pilot, lambda: not screen.waiting)
        await pilot.pause()
        assert gc.get_freeze_count() >= before + len(made_while_waiting)
