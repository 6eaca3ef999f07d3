"""The state file: the active program and the notice survive between runs, are written
atomically, keep what a newer breathe wrote, and a damaged file is reported, never replaced."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from breathe.library.state import (
    ActiveProgram,
    AppState,
    StateFileError,
    active_program,
    choose_alternatives,
    dismiss_notice,
    load_state,
    save_state,
    start_program,
    state_path,
    stop_program,
)


def test_no_file_means_defaults(isolated_user_dirs: Path) -> None:
    assert state_path() == isolated_user_dirs / "state" / "breathe" / "state.json"
    assert load_state() == AppState()
    assert active_program() is None


def test_start_stop_and_notice_round_trip(isolated_user_dirs: Path) -> None:
    start_program("circulation-60-day", date(2024, 2, 29))
    assert active_program() == ActiveProgram("circulation-60-day", date(2024, 2, 29))
    dismiss_notice()
    state = load_state()
    assert state.notice_dismissed and state.program is not None
    assert json.loads(state_path().read_text()) == {
        "version": 1,
        "program": {"name": "circulation-60-day", "started": "2024-02-29"},
        "notice_dismissed": True,
    }
    stop_program()
    assert active_program() is None
    assert load_state().notice_dismissed  # stopping keeps the rest


def test_keys_of_a_newer_breathe_are_kept(isolated_user_dirs: Path) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "theme": "light", "later": [1, 2]}))
    start_program("p", date(2025, 1, 1))
    data = json.loads(path.read_text())
    assert data["theme"] == "light" and data["later"] == [1, 2]
    assert data["program"] == {"name": "p", "started": "2025-01-01"}


def test_the_alternatives_chosen_are_kept_with_the_program(isolated_user_dirs: Path) -> None:
    chosen = {"seated-forward-bend": "chair-forward-bend", "legs-up-the-wall": "constructive-rest"}
    start_program("circulation-60-day", date(2025, 3, 1), instead=chosen)
    active = active_program()
    assert active is not None and active.choices == chosen
    assert json.loads(state_path().read_text())["program"] == {
        "name": "circulation-60-day",
        "started": "2025-03-01",
        "instead": chosen,
    }
    dismiss_notice()  # another change keeps them
    assert active_program() == active


def test_a_choice_changed_later_keeps_the_day_one(isolated_user_dirs: Path) -> None:
    with pytest.raises(LookupError, match="no program is active"):
        choose_alternatives({"legs-up-the-wall": "constructive-rest"})
    assert not state_path().exists()
    start_program("p", date(2025, 3, 1), instead={"a": "b"})
    choose_alternatives({"legs-up-the-wall": "constructive-rest"})
    assert active_program() == ActiveProgram(
        "p", date(2025, 3, 1), (("legs-up-the-wall", "constructive-rest"),)
    )
    choose_alternatives({})
    assert json.loads(state_path().read_text())["program"] == {"name": "p", "started": "2025-03-01"}


def test_a_state_file_from_before_alternatives_still_loads(isolated_user_dirs: Path) -> None:
    """Written by the breathe before programs had alternatives: the program is followed as
    planned, and the file is written back the same way until something is chosen."""
    path = state_path()
    path.parent.mkdir(parents=True)
    old = {
        "version": 1,
        "program": {"name": "circulation-60-day", "started": "2025-03-01"},
        "notice_dismissed": True,
    }
    path.write_text(json.dumps(old))
    active = active_program()
    assert active == ActiveProgram("circulation-60-day", date(2025, 3, 1))
    assert active is not None and active.choices == {}
    dismiss_notice()
    assert json.loads(path.read_text()) == old


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{broken", "is not valid JSON (line 1, column 2"),
        ("[1, 2]", "does not hold a JSON object"),
        ('{"version": 9}', "was written by a newer breathe (state version 9); upgrade breathe"),
        ('{"version": "one"}', "has a `version` breathe does not know: 'one'"),
        ('{"program": "x"}', "has a `program` that is not an object"),
        ('{"program": {"name": "../x", "started": "2025-01-01"}}', "program name"),
        ('{"program": {"name": "x", "started": "2025-02-30"}}', "is not YYYY-MM-DD: '2025-02-30'"),
        ('{"program": {"name": "x"}}', "is not YYYY-MM-DD: None"),
        ('{"notice_dismissed": "yes"}', "`notice_dismissed` that is not true or false"),
        (
            '{"program": {"name": "x", "started": "2025-01-01", "instead": ["a", "b"]}}',
            "has a program `instead` that is not an object of routine names",
        ),
        (
            '{"program": {"name": "x", "started": "2025-01-01", "instead": {"a": "../b"}}}',
            "has a program `instead` that is not an object of routine names",
        ),
    ],
)
def test_a_damaged_file_is_reported_and_left_alone(
    isolated_user_dirs: Path, text: str, reason: str
) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(StateFileError) as caught:
        load_state()
    message = str(caught.value)
    assert message.startswith(f"the state file {path} ")
    assert reason in message
    assert message.endswith("breathe leaves it as it is: fix it, or move it away to start afresh")
    changes: list[Callable[[], object]] = [
        lambda: start_program("p", date(2025, 1, 1)),
        stop_program,
        dismiss_notice,
    ]
    for change in changes:
        with pytest.raises(StateFileError):
            change()
    assert path.read_text() == text  # never overwritten
    assert sorted(os.listdir(path.parent)) == ["state.json"]  # and no temporary files left


def test_writes_are_atomic_and_leave_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "state.json"
    save_state(AppState(ActiveProgram("a", date(2025, 1, 1))), path)
    first = path.stat().st_ino
    save_state(AppState(ActiveProgram("b", date(2025, 1, 2))), path)
    assert path.stat().st_ino != first  # replaced by rename, not rewritten in place
    assert os.listdir(path.parent) == ["state.json"]
    assert load_state(path).program == ActiveProgram("b", date(2025, 1, 2))


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(AppState(ActiveProgram("a", date(2025, 1, 1))), path)
    before = path.read_text()

    broken = AppState(ActiveProgram("b", date(2025, 1, 1)), other={"x": object()})
    with pytest.raises(TypeError):
        save_state(broken, path)  # json cannot write an object(): fails mid-way
    assert path.read_text() == before
    assert os.listdir(tmp_path) == ["state.json"]
