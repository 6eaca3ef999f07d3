"""What the state file keeps for the notices before a session: routines whose safety note
was hidden (one routine at a time), and the last reason for no sound that was said."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from breathe.library.state import (
    StateFileError,
    hide_safety_note,
    load_state,
    remember_sound_notice,
    safety_note_due,
    sound_notice_due,
    start_program,
    state_path,
)


def test_a_hidden_note_is_that_routines_only(isolated_user_dirs: Path) -> None:
    assert safety_note_due("legs-up-the-wall")
    hide_safety_note("legs-up-the-wall")
    assert not safety_note_due("legs-up-the-wall")
    assert safety_note_due("box-breathing")
    hide_safety_note("box-breathing")
    assert load_state().safety_notes_hidden == {"legs-up-the-wall", "box-breathing"}
    data = json.loads(state_path().read_text())
    assert data["safety_notes_hidden"] == ["box-breathing", "legs-up-the-wall"]


def test_the_other_keys_are_kept(isolated_user_dirs: Path) -> None:
    start_program("p", date(2025, 1, 1))
    hide_safety_note("a")
    remember_sound_notice("cues ring the terminal bell")
    state = load_state()
    assert state.program is not None and state.program.name == "p"
    assert state.safety_notes_hidden == {"a"}
    assert state.sound_notice_shown == "cues ring the terminal bell"


def test_a_sound_notice_is_due_again_only_when_the_reason_changes(
    isolated_user_dirs: Path,
) -> None:
    assert sound_notice_due("no sound: miniaudio is not installed")
    remember_sound_notice("no sound: miniaudio is not installed")
    assert not sound_notice_due("no sound: miniaudio is not installed")
    assert sound_notice_due("no sound: the sound device cannot be opened (none found)")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"safety_notes_hidden": "all"}', "`safety_notes_hidden` that is not a list of names"),
        ('{"safety_notes_hidden": [1]}', "`safety_notes_hidden` that is not a list of names"),
        ('{"sound_notice_shown": true}', "`sound_notice_shown` that is not text"),
    ],
)
def test_a_damaged_value_is_reported_and_notes_still_show(
    isolated_user_dirs: Path, text: str, said: str
) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(StateFileError, match=said):
        load_state()
    assert safety_note_due("anything")  # cannot tell: shown
    assert sound_notice_due("anything")
    assert path.read_text() == text
