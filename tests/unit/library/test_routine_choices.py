"""The tempo and length chosen for each routine: remembered in the state file, one routine
at a time, everything else kept; the command line's for its run; the settings' under them."""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from breathe.cli import build_parser
from breathe.cli.settings import effective_settings
from breathe.core.options import PlayOptions
from breathe.library.locations import settings_path
from breathe.library.routine_choices import RoutineChoices
from breathe.library.settings import parse_settings
from breathe.library.state import (
    RoutineChoice,
    StateFileError,
    hide_safety_note,
    load_state,
    routine_choice,
    start_program,
    state_path,
)


def test_a_choice_is_remembered_for_its_routine_only(isolated_user_dirs: Path) -> None:
    choices = RoutineChoices(PlayOptions())
    assert choices.tempo("box-breathing") == 1 and choices.length("box-breathing") is None
    assert choices.choose_tempo("box-breathing", Fraction(5, 4)) is None
    assert choices.choose_length("box-breathing", 5) is None
    assert choices.choose_tempo("4-7-8-breathing", Fraction(3, 2)) is None
    # A new run (the app started again) reads them from the file.
    again = RoutineChoices(PlayOptions())
    assert again.tempo("box-breathing") == Fraction(5, 4)
    assert again.length("box-breathing") == 5
    assert again.tempo("4-7-8-breathing") == Fraction(3, 2)
    assert again.length("4-7-8-breathing") is None
    assert again.tempo("belly-breathing") == 1
    data = json.loads(state_path().read_text())
    assert data["routines"] == {
        "4-7-8-breathing": {"tempo": 1.5},
        "box-breathing": {"tempo": 1.25, "length": 5},
    }


def test_as_written_is_a_choice_over_the_settings(isolated_user_dirs: Path) -> None:
    options = PlayOptions(tempo=Fraction(9, 10), length=10)  # the settings file's
    choices = RoutineChoices(options)
    assert choices.length("box-breathing") == 10 and choices.tempo("box-breathing") == Fraction(
        9, 10
    )
    choices.choose_length("box-breathing", None)
    assert RoutineChoices(options).length("box-breathing") is None
    assert routine_choice("box-breathing") == RoutineChoice(None, None, length_chosen=True)
    assert json.loads(state_path().read_text())["routines"] == {"box-breathing": {"length": "own"}}


def test_the_command_line_wins_for_its_run_and_a_choice_in_it_after(
    isolated_user_dirs: Path,
) -> None:
    RoutineChoices(PlayOptions()).choose_tempo("box-breathing", Fraction(3, 2))
    given = PlayOptions().for_run({"tempo": Fraction(4, 5), "length": 3})
    choices = RoutineChoices(given)
    assert choices.tempo("box-breathing") == Fraction(4, 5)
    assert choices.length("box-breathing") == 3
    choices.choose_tempo("box-breathing", Fraction(9, 10))  # pressed in this run: it wins
    assert choices.tempo("box-breathing") == Fraction(9, 10)
    assert RoutineChoices(PlayOptions()).tempo("box-breathing") == Fraction(9, 10)


def test_choices_keep_the_rest_of_the_state(isolated_user_dirs: Path) -> None:
    start_program("circulation-60-day", date(2026, 12, 1))
    hide_safety_note("legs-up-the-wall")
    state_path().write_text(
        json.dumps({**json.loads(state_path().read_text()), "from_a_newer_breathe": [1, 2]})
    )
    RoutineChoices(PlayOptions()).choose_length("box-breathing", 10)
    state = load_state()
    assert state.program is not None and state.program.name == "circulation-60-day"
    assert state.safety_notes_hidden == {"legs-up-the-wall"}
    assert state.other == {"from_a_newer_breathe": [1, 2]}
    assert dict(state.routines) == {"box-breathing": RoutineChoice(None, 10, length_chosen=True)}


@pytest.mark.parametrize(
    ("routines", "reason"),
    [
        ([], "`routines` that is not an object"),
        ({"box": {"tempo": 3}}, "tempo for box out of range: 3"),
        ({"box": {"tempo": "fast"}}, "tempo for box that is not a number"),
        ({"box": {"length": 0}}, "length for box breathe cannot use: 0"),
        ({"box": {"length": "long"}}, "length for box breathe cannot use: 'long'"),
        ({"../x": {"length": 5}}, "routine in `routines` breathe cannot use"),
    ],
)
def test_a_state_file_with_choices_it_cannot_use_is_left_alone(
    isolated_user_dirs: Path, routines: object, reason: str
) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    text = json.dumps({"version": 1, "routines": routines})
    path.write_text(text)
    with pytest.raises(StateFileError, match="has .*" + reason.replace("(", r"\(")):
        load_state()
    choices = RoutineChoices(PlayOptions())
    assert choices.tempo("box") == 1  # cannot tell: the settings'
    message = choices.choose_tempo("box", Fraction(3, 2))
    assert message is not None and "leaves it as it is" in message
    assert choices.tempo("box") == Fraction(3, 2)  # for this run all the same
    assert path.read_text() == text


def test_length_in_the_settings_file() -> None:
    assert parse_settings(b"length = 5\n", "s").options.length == 5
    assert parse_settings(b'length = "own"\n', "s").options.length is None


def effective(*argv: str) -> PlayOptions | None:
    return effective_settings(build_parser().parse_args(list(argv)))


def test_length_and_tempo_on_the_command_line_are_given_for_the_run(
    isolated_user_dirs: Path,
) -> None:
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("length = 10\ntempo = 0.9\n")
    from_file = effective("play", "x")
    assert from_file is not None
    assert (from_file.length, from_file.tempo, from_file.given) == (10, Fraction(9, 10), set())
    given = effective("play", "x", "--length", "own", "--tempo", "1.5")
    assert given is not None
    assert (given.length, given.tempo) == (None, Fraction(3, 2))
    assert given.given == {"length", "tempo"}
    five = effective("play", "x", "--length", "5")
    assert five is not None and five.length == 5 and five.given == {"length"}


@pytest.mark.parametrize("written", ["0", "61", "five", "2.5"])
def test_a_length_out_of_bounds_is_refused(
    written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["play", "x", "--length", written])
    assert f"`{written}` is not a length: whole minutes from 1 to 60" in capsys.readouterr().err
