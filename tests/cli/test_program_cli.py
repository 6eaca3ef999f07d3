"""`breathe program ...`, `breathe today` and `breathe about` as people use them: output,
exit codes, --force, --date, and a damaged state file."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.options import PlayOptions
from breathe.core.program import suggested_routine
from breathe.format.program_spec import load_program
from breathe.library.safety import NOTICE_CONDITIONS
from breathe.library.state import active_program, state_path
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

NAME = "circulation-60-day"
SIXTY = load_program(BUNDLED_ROUTINES / "programs" / f"{NAME}.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def test_list_shows_the_bundled_program_and_the_active_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "program", "list")
    assert code == 0
    assert out.splitlines()[0].split() == ["NAME", "TITLE", "DAYS", "SOURCE"]
    assert NAME in out and "60 days of gentle movement and breathing" in out and " 60 " in out
    run(capsys, "program", "start", NAME)
    code, out, _ = run(capsys, "program", "list")
    assert f"(active since {date.today().isoformat()})" in out


def test_start_status_stop(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "program", "start", NAME)
    assert code == 0
    last = (date.today() + timedelta(days=59)).isoformat()
    assert out.splitlines()[:2] == [
        "Started 60 days of gentle movement and breathing.",
        f"Today, {date.today().isoformat()}, is day 1 of 60; the last day is {last}.",
    ]
    assert "Safety: Talk to your doctor" in out
    assert active_program() is not None

    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    lines = out.splitlines()
    assert lines[:3] == [
        "60 days of gentle movement and breathing",
        "Day 1 of 60  ·  week 1: Begin with the breath",
        f"Started {date.today().isoformat()}; the last day is {last}.",
    ]
    assert any(line.split()[-1:] == ["belly-breathing"] and "morning" in line for line in lines)
    assert any("evening" in line and "Extended exhalation" in line for line in lines)
    assert "Daily checklist" in lines
    for number, item in enumerate(SIXTY.checklist, 1):
        assert f"  {number} ☐ {item}" in lines  # numbered for `breathe program tick N`
    assert sum("▸" in line for line in lines) == 2  # the routine for now, and the last line

    code, out, _ = run(capsys, "program", "stop")
    assert code == 0
    assert out.splitlines() == [
        f"Stopped `{NAME}` (day 1 of 60).",
        f"To take it up again where it was: breathe program start {NAME} "
        f"--date {date.today().isoformat()}",
    ]
    assert active_program() is None
    code, out, _ = run(capsys, "program", "stop")
    assert (code, out) == (0, "No program is active; there is nothing to stop.\n")
    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    assert out.startswith("No program is active.")


def test_an_active_program_needs_force_to_restart(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "program", "start", NAME)[0] == 0
    code, out, _ = run(capsys, "program", "start", NAME, "--date", ago(20))
    assert code == 1
    assert out == (
        f"`{NAME}` is already active (started {date.today().isoformat()}, day 1 of 60). "
        "Add --force to replace it; `breathe program stop` stops it.\n"
    )
    assert active_program().started == date.today()  # type: ignore[union-attr]
    code, out, _ = run(capsys, "program", "start", NAME, "--date", ago(19), "--force")
    assert code == 0
    assert f"Today, {date.today().isoformat()}, is day 20 of 60" in out
    code, out, _ = run(capsys, "program", "status")
    assert "Day 20 of 60  ·  week 3: Find the rhythm; twists on their own" in out.splitlines()


def test_start_refuses_bad_names_and_dates(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "program", "start", "circulaton-60-day")
    assert code == 2
    assert err == (
        f"breathe: program start: no program is named `circulaton-60-day`; did you mean `{NAME}`?\n"
    )
    code, _, err = run(capsys, "program", "start", NAME, "--date", ago(60))
    assert code == 2
    assert f"would have ended on {ago(1)} (60 days); give a later --date" in err
    with pytest.raises(SystemExit) as caught:
        main(["program", "start", NAME, "--date", "2025-02-30"])
    assert caught.value.code == 2
    assert "`2025-02-30` is not a date; write it as YYYY-MM-DD" in capsys.readouterr().err
    assert active_program() is None


def test_a_start_whose_last_day_is_past_the_calendar_is_refused_before_it_is_saved(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """9999-12-31 is the last date there is: a 60-day program cannot start after 9999-11-02."""
    code, out, err = run(capsys, "program", "start", NAME, "--date", "9999-12-31", "--force")
    assert (code, out) == (2, "")
    assert err == (
        "breathe: program start: started on 9999-12-31, its 60 days would run past "
        "9999-12-31, the end of the calendar; give a --date no later than 9999-11-02\n"
    )
    assert not state_path().exists()
    code, out, _ = run(capsys, "program", "start", NAME, "--date", "9999-11-02")
    assert code == 0
    assert "its last day is 9999-12-31." in out
    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    assert "Its last day will be 9999-12-31." in out


def test_a_saved_start_past_the_calendar_is_reported_not_crashed_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Written by hand, or by a breathe before the check: every command says what is wrong
    in one line, and `program stop` clears it."""
    path = state_path()
    path.parent.mkdir(parents=True)
    written = json.dumps({"version": 1, "program": {"name": NAME, "started": "9999-12-31"}})
    path.write_text(written)
    for args in (("program", "status"), ("today",), ("today", "--list"), ("program", "tick", "1")):
        code, out, err = run(capsys, *args)
        assert (code, err) == (1, ""), args
        assert out == (
            f"breathe: the active program `{NAME}` cannot be followed: started on 9999-12-31, "
            "its 60 days would run past 9999-12-31, the end of the calendar; "
            "`breathe program stop` clears it\n"
        ), args
    assert path.read_text() == written  # left as it was
    code, out, _ = run(capsys, "program", "list")
    assert code == 0 and "(active since 9999-12-31)" in out
    code, out, _ = run(capsys, "program", "stop")
    assert (code, out) == (0, f"Stopped `{NAME}`, started on 9999-12-31.\n")
    assert active_program() is None


def test_ticking_is_refused_on_a_day_outside_the_program(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from breathe.history.store import open_history
    from breathe.library.locations import history_path

    future = (date.today() + timedelta(days=3)).isoformat()
    run(capsys, "program", "start", NAME, "--date", future)
    code, out, _ = run(capsys, "program", "tick", "1")
    assert code == 1
    assert out == (
        f"60 days of gentle movement and breathing: starts in 3 days, on {future}; "
        "today has no checklist to tick.\n"
    )
    run(capsys, "program", "start", NAME, "--date", ago(59), "--force")
    state_path().write_text(state_path().read_text().replace(ago(59), ago(60)))
    code, out, _ = run(capsys, "program", "untick", "Water through the day")
    assert code == 1
    assert out == (
        f"60 days of gentle movement and breathing: finished: its 60 days ended on {ago(1)}; "
        "today has no checklist to untick.\n"
    )
    store = open_history(history_path(), create=False)
    if store is not None:  # nothing was recorded, for any date
        with store:
            for days in range(-3, 2):
                assert store.ticked(date.today() + timedelta(days=days), NAME) == set()
    state_path().write_text(state_path().read_text().replace(ago(60), ago(59)))
    code, out, _ = run(capsys, "program", "tick", "1")  # the last day still has one
    assert code == 0 and out.startswith("☑ ")


def test_a_program_starting_later(capsys: pytest.CaptureFixture[str]) -> None:
    future = (date.today() + timedelta(days=3)).isoformat()
    last = (date.today() + timedelta(days=3 + 59)).isoformat()
    code, out, _ = run(capsys, "program", "start", NAME, "--date", future)
    assert code == 0
    assert f"Starts in 3 days, on {future}; its last day is {last}." in out
    # `breathe today` has nothing to play yet (it exits 1): the message says from when.
    assert "plays today's session" not in out
    assert out.splitlines()[-1] == (
        f"From {future}, `breathe today` plays each day's session; "
        "`breathe program status` shows the plan."
    )
    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    assert out.splitlines()[:4] == [
        "60 days of gentle movement and breathing",
        f"Starts in 3 days, on {future}",
        f"Its last day will be {last}.",
        f"`breathe today` has nothing to play until {future}.",
    ]
    # Before it starts, what may be done instead can still be chosen.
    assert out.splitlines()[-1] == (
        "To choose for the whole program: "
        "`breathe program choose legs-up-the-wall=constructive-rest`"
    )
    assert "Started" not in out
    code, out, _ = run(capsys, "today")
    assert code == 1
    assert out == f"60 days of gentle movement and breathing: starts in 3 days, on {future}.\n"


def test_a_finished_program(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "program", "start", NAME, "--date", ago(59))
    assert "Day 60 of 60" in run(capsys, "program", "status")[1]
    state = state_path().read_text().replace(ago(59), ago(61))
    state_path().write_text(state)
    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    assert out.splitlines()[1] == f"Finished: its 60 days ended on {ago(2)}"
    assert run(capsys, "today")[0] == 1


def test_a_program_naming_missing_routines_cannot_start(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine, isolated_user_dirs: Path
) -> None:
    programs = isolated_user_dirs / "data" / "breathe" / "programs"
    write_routine(
        "mine",
        "title: Mine\nschedule:\n  - days: 1-7\n    routines: [belly-breathin, extended-exhale]\n",
        folder=programs,
    )
    code, out, _ = run(capsys, "program", "start", "mine")
    assert code == 1
    assert out.splitlines() == [
        f"{programs / 'mine.yaml'}:4:16: schedule[1].routines[1]: no routine is named "
        "`belly-breathin`; did you mean `belly-breathing`?",
        "`mine` cannot be started until its routines are there.",
    ]
    assert active_program() is None
    assert "user" in run(capsys, "program", "list")[1]


def test_today_lists_and_plays_the_routine_for_now(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "today")
    assert code == 1
    assert out.startswith("No program is active.")

    run(capsys, "program", "start", NAME, "--date", ago(7))  # day 8: three routines
    code, out, _ = run(capsys, "today", "--list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "60 days of gentle movement and breathing: day 8 of 60 · Wake up the joints, and walk"
    )
    assert lines[1] == ""
    names = [line.split()[-1] for line in lines[2:] if line.split()[-1:] != [] and "-" in line]
    assert names[:3] == ["joint-mobility", "slow-walking", "extended-exhale"]

    played: list[tuple[str, PlayOptions, dict[str, object]]] = []

    def run_play(name: str, options: PlayOptions, **recorded: object) -> int:
        played.append((name, options, recorded))
        return 0

    monkeypatch.setattr("breathe.cli.play.run_play", run_play)
    code, out, _ = run(capsys, "today", "--no-sound", "--tempo", "0.75")
    assert code == 0
    now = suggested_routine(SIXTY.stage_for(8).routines, datetime.now().time())
    assert now is not None
    options = PlayOptions(tempo=0.75, sound="off")  # type: ignore[arg-type]
    assert played == [(now.routine, options, {"program": NAME, "day": 8, "instead": {}})]
    assert out.splitlines() == [
        "60 days of gentle movement and breathing: day 8 of 60 · Wake up the joints, and walk",
        f"Now ({now.when}): {now.routine}; 2 more today: `breathe today --list`",
    ]


def test_every_seventh_day_is_lighter(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "program", "start", NAME, "--date", ago(20))  # day 21
    _, out, _ = run(capsys, "program", "status")
    lines = out.splitlines()
    assert lines[1] == "Day 21 of 60  ·  day 21: A lighter day"
    planned = [line.split()[-1] for line in lines if line.startswith(("▸ ", "   "))]
    assert [name for name in planned if "-" in name] == ["slow-walking", "extended-exhale"]


def test_an_alternative_chosen_at_the_start_is_kept_shown_and_played(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        capsys,
        "program",
        "start",
        NAME,
        "--date",
        ago(28),
        "--instead",
        "legs-up-the-wall=constructive-rest",
    )  # day 29: the daily session, which includes legs up the wall
    assert code == 0
    assert (
        "Instead of Legs up the wall: Constructive rest (constructive-rest), wherever the "
        "program plays it"
    ) in out.splitlines()
    assert active_program().choices == {"legs-up-the-wall": "constructive-rest"}  # type: ignore[union-attr]
    code, out, _ = run(capsys, "program", "status")
    lines = out.splitlines()
    # The session's length is the one it plays: constructive rest (5:00) for legs up the
    # wall (5:05).
    session = next(line for line in lines if line.endswith("circulation-and-nerve-recovery"))
    assert " 25:06 " in session
    assert (
        "Instead of Legs up the wall: Constructive rest (constructive-rest), wherever the "
        "program plays it"
    ) in lines
    assert "Instead of seated-forward-bend, you may do: chair-forward-bend." in out
    assert lines[-2:] == [
        "To choose for the whole program: "
        "`breathe program choose seated-forward-bend=chair-forward-bend`",
        "To do legs-up-the-wall as planned again: `breathe program choose --as-planned "
        "legs-up-the-wall`; to choose another, `breathe program choose ROUTINE=ALTERNATIVE`",
    ]
    played: list[dict[str, object]] = []

    def run_play(name: str, options: PlayOptions, **recorded: object) -> int:
        played.append({"name": name, **recorded})
        return 0

    monkeypatch.setattr("breathe.cli.play.run_play", run_play)
    run(capsys, "today")
    assert played[0]["instead"] == {"legs-up-the-wall": "constructive-rest"}
    # Stopped and taken up again without a choice: the pose as planned.
    run(capsys, "program", "start", NAME, "--date", ago(28), "--force")
    assert active_program().choices == {}  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        (
            "legs-up-the-wall=box-breathing",
            "`circulation-60-day` offers instead of `legs-up-the-wall`: constructive-rest, "
            "legs-on-a-chair",
        ),
        (
            "slow-walking=cool-down",
            "`circulation-60-day` offers nothing instead of `slow-walking`; it offers "
            "alternatives to: legs-up-the-wall, seated-forward-bend",
        ),
    ],
)
def test_only_an_alternative_the_program_offers_can_be_chosen(
    capsys: pytest.CaptureFixture[str], choice: str, message: str
) -> None:
    code, out, err = run(capsys, "program", "start", NAME, "--instead", choice)
    assert (code, out) == (2, "")
    assert err == f"breathe: program start: --instead {choice}: {message}\n"
    assert active_program() is None


def test_an_alternative_is_written_routine_equals_alternative(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["program", "start", NAME, "--instead", "legs-up-the-wall"])
    assert caught.value.code == 2
    assert (
        "argument --instead: `legs-up-the-wall` is not ROUTINE=ALTERNATIVE "
        "(e.g. legs-up-the-wall=constructive-rest)"
    ) in capsys.readouterr().err
    code, _, err = run(
        capsys,
        "program",
        "start",
        NAME,
        "--instead",
        "legs-up-the-wall=constructive-rest",
        "--instead",
        "legs-up-the-wall=legs-on-a-chair",
    )
    assert code == 2
    assert "`legs-up-the-wall` is given twice; choose one routine to do instead of it" in err
    assert active_program() is None


def test_the_choice_can_be_changed_while_the_program_runs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Found to have glaucoma on day 20: legs up the wall is left out from now on, day 1
    stays; and back as planned."""
    run(capsys, "program", "start", NAME, "--date", ago(19))
    code, out, _ = run(
        capsys,
        "program",
        "choose",
        "legs-up-the-wall=constructive-rest",
        "seated-forward-bend=chair-forward-bend",
    )
    assert code == 0
    assert out.splitlines()[:2] == [
        "Instead of Legs up the wall: Constructive rest (constructive-rest), wherever the "
        "program plays it",
        "Instead of Seated forward bend: Chair forward bend (chair-forward-bend), wherever "
        "the program plays it",
    ]
    active = active_program()
    assert active is not None and active.started.isoformat() == ago(19)
    assert active.choices == {
        "legs-up-the-wall": "constructive-rest",
        "seated-forward-bend": "chair-forward-bend",
    }
    code, out, _ = run(capsys, "program", "choose", "legs-up-the-wall=legs-on-a-chair")
    assert code == 0
    assert active_program().choices == {  # type: ignore[union-attr]
        "legs-up-the-wall": "legs-on-a-chair",
        "seated-forward-bend": "chair-forward-bend",
    }
    code, out, _ = run(capsys, "program", "choose", "--as-planned", "seated-forward-bend")
    assert code == 0
    assert active_program().choices == {"legs-up-the-wall": "legs-on-a-chair"}  # type: ignore[union-attr]
    assert "Instead of seated-forward-bend, you may do: chair-forward-bend." in out
    code, out, _ = run(capsys, "program", "choose", "--as-planned", "legs-up-the-wall")
    assert (
        out.splitlines()[0] == "60 days of gentle movement and breathing: every routine as planned."
    )
    assert active_program().choices == {}  # type: ignore[union-attr]
    # Mistakes change nothing.
    for args, message in [
        (
            ("--as-planned", "slow-walking"),
            "--as-planned slow-walking: `circulation-60-day` offers nothing instead of "
            "`slow-walking`; it offers alternatives to: legs-up-the-wall, seated-forward-bend",
        ),
        ((), "give ROUTINE=ALTERNATIVE, or --as-planned ROUTINE"),
        (
            ("legs-up-the-wall=box-breathing",),
            "legs-up-the-wall=box-breathing: `circulation-60-day` offers instead of "
            "`legs-up-the-wall`: constructive-rest, legs-on-a-chair",
        ),
    ]:
        code, _, err = run(capsys, "program", "choose", *args)
        assert (code, err) == (2, f"breathe: program choose: {message}\n")
    assert active_program().choices == {}  # type: ignore[union-attr]
    run(capsys, "program", "stop")
    code, out, _ = run(capsys, "program", "choose", "legs-up-the-wall=constructive-rest")
    assert code == 1 and out.startswith("No program is active.")


def test_about_prints_the_safety_notice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "about")
    assert code == 0
    assert "Before you practise" in out
    assert "educational, not medical advice" in out
    for condition in NOTICE_CONDITIONS:
        assert f"  • {condition}" in out
    for words in ("kidney disease", "neurological", "pregnancy", "glaucoma", "blood-pressure"):
        assert words in out
    assert "breath holds" in out
    assert "dizzy" in out and "tingling" in out and "discomfort" in out


def test_a_damaged_state_file_is_reported_and_kept(capsys: pytest.CaptureFixture[str]) -> None:
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"program": 3}')
    for args in (("program", "status"), ("today",), ("program", "stop")):
        code, out, _ = run(capsys, *args)
        assert code == 1, args
        assert out.startswith(f"breathe: the state file {path} has a `program` that is not")
    code, out, _ = run(capsys, "program", "start", NAME, "--force")
    assert code == 1
    assert path.read_text() == '{"program": 3}'


def test_help_lists_the_new_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("program", "today", "about"):
        assert command in out
    with pytest.raises(SystemExit) as caught:
        main(["program"])
    assert caught.value.code == 2
