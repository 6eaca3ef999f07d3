"""The app's tests meet a routine's safety note before every session, as people do; most of
them are about what comes after it, so the notes of the routines they play were hidden in
the state file, as "Don't show again" hides one routine's note. The note itself is tested
in test_safety_note.py, which shows the notes again (`show_safety_notes`)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from breathe.voice.espeak_engine import EspeakEngine
from tests.support.player import hide_safety_notes
from tests.support.repo import BUNDLED_ROUTINES, SNAPSHOT_ROUTINES
from tests.support.voice import HeldEngine

# Routines the app's tests write for themselves, with a safety note, by name.
WRITTEN_WITH_A_NOTE = ("short", "brackets")

# Tests of the state file itself, which start from no file at all.
FROM_NO_STATE_FILE = frozenset(
    {
        "test_show_next_time_closes_it_for_now_only",
        "test_a_damaged_state_file_keeps_the_notice_and_the_file",
        "test_about_screen_shows_the_same_words",
    }
)


@pytest.fixture(autouse=True)
def safety_notes_seen(isolated_user_dirs: Path, request: pytest.FixtureRequest) -> None:
    """Every routine the app's tests play has had its note hidden."""
    if request.node.originalname in FROM_NO_STATE_FILE:
        return
    bundled = [path.stem for path in BUNDLED_ROUTINES.glob("*.yaml")]
    snapshots = [path.stem for path in SNAPSHOT_ROUTINES.glob("*.yaml")]
    hide_safety_notes([*bundled, *snapshots, *WRITTEN_WITH_A_NOTE])


@pytest.fixture
def held_engine() -> Iterator[HeldEngine]:
    """espeak-ng held before its first phrase: a session waits for its voice until the test
    releases it (or presses space)."""
    program = shutil.which("espeak-ng")
    if program is None:
        pytest.skip("espeak-ng is not installed here")
    engine = HeldEngine(EspeakEngine(program), free=0)
    yield engine
    engine.released.set()  # the phrases still to make are made, and the worker ends
