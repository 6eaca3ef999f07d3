"""The `breathe` command as authors and scripts use it: output, exit codes, colour."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from breathe import __version__
from breathe.cli import main
from breathe.core.problems import RoutineFileError
from breathe.format.loader import load_routine
from breathe.format.schema import routine_json_schema
from tests.support.fifo import never_read
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine

BAD = """\
title: Broken
levle: beginner
steps:
  - breathe: Box
    pattern: {inhale: 4, hold: 10m, exhail: 4}
    cycles: 0
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"breathe {__version__}"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("list", "show", "validate", "schema", "locate"):
        assert command in out


def test_validate_reports_every_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str],
    write_routine: WriteRoutine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine("bad", BAD)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "validate", "bad.yaml")
    assert code == 1
    assert out.splitlines() == [
        "bad.yaml:2:1: levle: `levle` is not a key of a routine; did you mean `level`?",
        "bad.yaml:5:14: steps[1].pattern: a breath pattern needs `exhale`; "
        "add `exhale:` (breathing out)",
        "bad.yaml:5:32: steps[1].pattern.hold: 10m is too long for a breath hold; "
        "the allowed range is 0 (none) or 0.5s to 1m",
        "bad.yaml:5:37: steps[1].pattern.exhail: `exhail` is not a key of a breath pattern; "
        "did you mean `exhale`?",
        "bad.yaml:6:13: steps[1].cycles: 0 cycles is out of range; the allowed range is 1 to 500",
        "checked 1 file: 0 valid, 1 with problems (5 problems)",
    ]


def test_validate_folders_and_exit_0_when_all_valid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(BUNDLED_ROUTINES))
    assert code == 0
    count = len(list(BUNDLED_ROUTINES.rglob("*.yaml")))  # routines, and programs/ too
    assert out.strip() == f"checked {count} files: all valid"


def test_validate_mixed_files_counts_each(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine, tmp_path: Path
) -> None:
    write_routine("bad", BAD, folder=tmp_path / "set")
    write_routine(
        "good", "title: Good\nsteps:\n  - rest: Sit\n    duration: 10s\n", folder=tmp_path / "set"
    )
    write_routine(
        "nested/too-long",
        "title: L\nsteps:\n  - repeat: 7\n    steps:\n      - rest: R\n        duration: 30m\n",
        folder=tmp_path / "set",
    )
    code, out, _ = run(capsys, "validate", str(tmp_path / "set"))
    assert code == 1
    assert out.splitlines()[-1] == "checked 3 files: 1 valid, 2 with problems (6 problems)"
    assert (
        "too-long.yaml:3:13: steps[1].repeat: the whole routine lasts 3h30m, over the limit of 3h"
        in out
    )


def test_validate_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert err.strip() == f"breathe: validate: no such file or folder: {tmp_path / 'nope.yaml'}"
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2


def test_validate_empty_folder_is_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert "no routine files" in out


def test_list_shows_bundled_user_and_broken(
    capsys: pytest.CaptureFixture[str],
    user_routines: Path,
    write_routine: WriteRoutine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine(
        "gentle-spinal-twists",
        "title: My twists\nsteps:\n  - rest: Sit\n    duration: 1m\n",
        folder=user_routines,
    )
    write_routine("broken", "title: [unclosed\n", folder=user_routines)
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["extended-exhale"]["source"] == "bundled"
    assert rows["extended-exhale"]["total"] == "6m38s"
    assert rows["extended-exhale"]["total_seconds"] == 398
    assert rows["gentle-spinal-twists"]["source"] == "user"
    assert rows["gentle-spinal-twists"]["overrides"].endswith("routines/gentle-spinal-twists.yaml")
    assert rows["gentle-spinal-twists"]["title"] == "My twists"
    assert rows["broken"]["ok"] is False
    assert rows["broken"]["problem"].startswith(
        str(user_routines / "broken.yaml") + ":1:8: title: this `[` is never closed"
    )

    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = {line.split()[0]: line for line in out.splitlines()[1:] if line.strip()}
    assert "user (overrides bundled)" in lines["gentle-spinal-twists"]
    assert "broken (the problem is below)" in lines["broken"]
    assert "6:38" in lines["extended-exhale"]
    # The problem whole on its own line under the table, its location never folded.
    assert out.splitlines()[-1].startswith(f"{user_routines / 'broken.yaml'}:1:8: title: ")


def test_show_prints_steps_and_total(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "extended-exhale")
    assert code == 0
    assert out.startswith("Extended exhalation\n")
    assert "Lengthen the exhale" in out
    assert "breathe 4-4 → 4-8 × 18" in out
    assert out.rstrip().splitlines()[-1] == "Total 6:38  (6m38s, 5 steps, 70 segments)"


def test_show_segments_and_by_path(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine
) -> None:
    path = write_routine("p", "title: P\nsteps:\n  - pose: Twist\n    hold: 20s\n    sides: both\n")
    code, out, _ = run(capsys, "show", str(path), "--segments")
    assert code == 0
    rows = [line.split() for line in out.splitlines() if line.startswith("0:")]
    assert [row[2] for row in rows] == ["pose", "switch", "pose"]
    assert [row[-1] for row in rows] == ["left", "right", "right"]


def test_show_broken_and_unknown(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine
) -> None:
    path = write_routine("bad", BAD)
    code, out, _ = run(capsys, "show", str(path))
    assert code == 1
    assert "did you mean `level`?" in out
    code, _, err = run(capsys, "show", "extended-exhail")
    assert code == 2
    assert "did you mean `extended-exhale`?" in err


def test_schema_prints_the_generated_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    assert json.loads(out) == routine_json_schema()


def test_locate_creates_and_prints_the_user_folder(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    code, out, _ = run(capsys, "locate")
    assert code == 0
    folder = Path(out.strip())
    assert folder == isolated_user_dirs / "data" / "breathe" / "routines"
    assert folder.is_dir()


def _breathe(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "breathe", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_real_process_colour_follows_the_terminal_and_no_color(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    write_routine("bad", BAD)
    forced = _breathe(
        "validate", "bad.yaml", env={"FORCE_COLOR": "1", "TERM": "xterm-256color"}, cwd=tmp_path
    )
    assert forced.returncode == 1
    assert "\x1b[" in forced.stdout
    no_color = _breathe(
        "validate", "bad.yaml", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}, cwd=tmp_path
    )
    assert no_color.returncode == 1
    assert "\x1b[" not in no_color.stdout
    assert "did you mean `level`?" in no_color.stdout
    piped = _breathe("validate", "bad.yaml", cwd=tmp_path)
    assert "\x1b[" not in piped.stdout


def test_real_process_never_shows_a_traceback(tmp_path: Path) -> None:
    unreadable = tmp_path / "locked.yaml"
    unreadable.write_text("title: x\n")
    unreadable.chmod(0)
    folder_as_file = tmp_path / "dir.yaml"
    folder_as_file.mkdir()
    for args in (
        ("validate", str(unreadable)),
        ("show", str(folder_as_file)),
        ("show", "no-such-routine"),
        ("validate",),
        ("frobnicate",),
    ):
        result = _breathe(*args)
        assert result.returncode in (1, 2), (args, result)
        assert "Traceback" not in result.stderr + result.stdout, args


def test_play_refuses_unknown_and_broken_routines_before_any_screen(
    capsys: pytest.CaptureFixture[str], write_routine: WriteRoutine
) -> None:
    code, _, err = run(capsys, "play", "extended-exhail")
    assert code == 2
    assert "did you mean `extended-exhale`?" in err
    path = write_routine("bad", BAD)
    code, out, _ = run(capsys, "play", str(path))
    assert code == 1
    assert "did you mean `level`?" in out
    with pytest.raises(SystemExit) as caught:
        main(["play", "extended-exhale", "--tempo", "3"])
    assert caught.value.code == 2
    assert "out of range: from 0.5 to 2" in capsys.readouterr().err


def test_the_parser_is_built_for_the_command_given_and_whole_otherwise() -> None:
    """`breathe play X` builds only the `play` parser (the others cost time before a
    session's first frame); the app (no command) the play options alone; an unknown
    command, or --help, gets every command, and so do words the app's parser cannot read:
    the whole parser reports them, its usage listing every command."""
    from breathe.cli import COMMANDS, build_parser, commands_for

    def built(argv: list[str] | None = None) -> list[str]:
        return [command.name for command in commands_for(argv)]

    assert built() == list(COMMANDS)
    assert built(["plya"]) == list(COMMANDS)
    assert built(["--volume", "30"]) == []  # the app: play options alone
    assert built(["-h", "play"]) == list(COMMANDS)
    assert built(["--tempo", "0.5", "play", "x"]) == ["play"]
    assert built(["--sound", "off", "--reduced-motion", "today"]) == ["today"]
    assert built(["history", "--since", "2025-01-01"]) == ["history"]
    # The parser built for a command reads it as the whole parser does.
    argv = ["--tempo", "0.5", "play", "x", "--volume", "30"]
    assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)
    argv = ["--volume", "30", "--reduced-motion"]
    assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)


def test_words_the_app_cannot_read_are_reported_by_the_whole_parser(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`breathe --bogus` (no command): the app's lean parser hands it to the whole one,
    whose usage names the commands, as before the app's parser was made lean."""
    with pytest.raises(SystemExit) as caught:
        main(["--bogus"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --bogus" in err
    assert "COMMAND ..." in err


def test_reading_the_command_line_imports_neither_textual_nor_rich() -> None:
    """Every command's parser, `breathe --help`'s too, is built without Textual or Rich:
    a command imports what it needs when it runs."""
    script = (
        "import sys; from breathe.cli import build_parser; "
        "build_parser().parse_args(['play', 'x']); build_parser(['--help']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout == "[]\n"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["--tempo", "0.5", "show", "box-breathing"],
            "--tempo sets how a session plays, and `show` plays none: "
            "write it after `breathe play ROUTINE` or `breathe today`",
        ),
        (
            ["--no-sound", "list"],
            "--no-sound sets how a session plays, and `list` plays none: "
            "write it after `breathe play ROUTINE` or `breathe today`",
        ),
        (
            ["--sound=off", "--no-eyes-closed", "program", "status"],
            "--sound and --no-eyes-closed set how a session plays, and `program status` plays "
            "none: write them after `breathe play ROUTINE` or `breathe today`",
        ),
        (
            ["--reduced-motion", "--volume", "30", "render", "box-breathing", "-o", "g.wav"],
            "--reduced-motion sets how a session plays, and `render` plays none: "
            "write it after `breathe play ROUTINE` or `breathe today`",
        ),
        (
            ["--no-voice", "list"],
            "--no-voice sets how a session plays, and `list` plays none: "
            "write it after `breathe play ROUTINE` or `breathe today`",
        ),
        (  # render takes the voice too, after its name
            ["--voice", "off", "render", "box-breathing", "-o", "g.wav"],
            "--voice goes after the command: breathe render ROUTINE -o FILE.wav --voice off",
        ),
        (  # render has these, after its name
            ["--tempo", "0.5", "--eyes-closed", "render", "box-breathing", "-o", "g.wav"],
            "--tempo and --eyes-closed go after the command: "
            "breathe render ROUTINE -o FILE.wav --tempo X --eyes-closed",
        ),
    ],
)
def test_play_options_before_a_command_that_plays_nothing_are_refused(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    expected: str,
) -> None:
    """They were taken and ignored without a word; now each is named, with where it goes."""
    monkeypatch.chdir(tmp_path)
    assert run(capsys, *argv) == (2, "", f"breathe: {expected}\n")
    assert list(tmp_path.iterdir()) == []  # nothing rendered


def test_play_options_before_play_today_and_no_command_are_taken(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from breathe.library.locations import settings_path

    # A broken settings file stops each of them once it is read, past any refusal.
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text("volume = 150\n")
    for argv in (["--tempo", "0.5"], ["--no-sound", "play", "x"], ["--volume", "3", "today"]):
        code, _, err = run(capsys, *argv)
        assert (code, err.startswith("breathe: ")) == (1, False), argv
        assert "volume" in err
    settings_path().unlink()
    code, _, err = run(capsys, "--tempo", "0.5", "play", "extended-exhail")
    assert code == 2 and "did you mean `extended-exhale`?" in err  # got as far as the name
    # After the command, render's own options are taken as before.
    code, _, err = run(
        capsys,
        "render",
        "box-breathing",
        "-o",
        str(tmp_path / "g.wav"),
        "--tempo",
        "2",
        "--no-voice",
    )
    assert code == 0  # and on stderr no problem, only the routine's safety note
    assert [line.split(":")[0] for line in err.splitlines()] == ["Safety"]
    assert (tmp_path / "g.wav").is_file()


# -- paths that are there but are no file to read -------------------------------------------


@pytest.fixture
def odd_paths(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """A FIFO and a symbolic link loop named like routine files, and what they are."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "back.yaml")
    (tmp_path / "back.yaml").symlink_to(loop)
    return {
        "fifo": (fifo, "is a FIFO (named pipe), not a regular file"),
        "loop": (loop, "is a symbolic link that loops (following it never reaches a file)"),
    }


@pytest.mark.parametrize("kind", ["fifo", "loop"])
@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["show", "--watch"],
        ["validate"],
        ["validate", "--watch"],
        ["play"],
        ["render", "-o", "out.wav"],
        ["export", "-o", "out"],
        ["new", "copy", "--from"],
    ],
    ids=" ".join,
)
def test_a_fifo_or_a_symlink_loop_is_said_for_what_it_is(
    capsys: pytest.CaptureFixture[str],
    odd_paths: dict[str, tuple[Path, str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    kind: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    path, what = odd_paths[kind]
    with never_read(odd_paths["fifo"][0]) as noted:
        code, out, err = run(capsys, *command, str(path))
    assert noted == []
    assert (code, out) == (2, "")
    assert (
        err == f"breathe: {command[0]}: {'--from: ' if command[0] == 'new' else ''}{path} {what}\n"
    )
    assert sorted(item.name for item in tmp_path.iterdir()) == [
        "back.yaml",
        "loop.yaml",
        "pipe.yaml",
    ]


@pytest.mark.parametrize("kind", ["fifo", "loop"])
def test_import_of_a_fifo_or_a_symlink_loop_says_what_it_is(
    capsys: pytest.CaptureFixture[str], odd_paths: dict[str, tuple[Path, str]], kind: str
) -> None:
    path, what = odd_paths[kind]
    with never_read(odd_paths["fifo"][0]) as noted:
        code, out, _ = run(capsys, "import", str(path))
    assert noted == []
    assert (code, out) == (1, f"{path} {what}; nothing was imported\n")


def test_a_fifo_reached_by_the_loader_is_a_located_problem(
    odd_paths: dict[str, tuple[Path, str]],
) -> None:
    fifo, what = odd_paths["fifo"]
    with never_read(fifo) as noted, pytest.raises(RoutineFileError) as caught:
        load_routine(fifo, "pipe.yaml")
    assert noted == []
    assert [str(problem) for problem in caught.value.problems] == [
        f"pipe.yaml:1:1: (file): cannot read the file: it {what}; give the path of a routine"
        " file (a `.yaml` file you can open in an editor)"
    ]


# -- a file of thousands of mistakes --------------------------------------------------------


@pytest.fixture
def many_mistakes(tmp_path: Path) -> Path:
    """A routine of 60,000 unknown keys, 589 kB: a hundred are listed, and a count."""
    path = tmp_path / "many.yaml"
    keys = "".join(f"x{number}: 1\n" for number in range(60_000))
    path.write_text("title: T\nsteps:\n  - rest: R\n    duration: 5s\n" + keys)
    return path


MORE = (
    "(more): 59,900 more problems are not listed, from here on; fix the ones above and check again"
)


def test_validate_lists_a_hundred_problems_of_a_file_and_counts_the_rest(
    capsys: pytest.CaptureFixture[str], many_mistakes: Path
) -> None:
    code, out, _ = run(capsys, "validate", str(many_mistakes))
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == 102
    assert lines[0] == (
        f"{many_mistakes}:5:1: x0: `x0` is not a key of a routine; the keys are `format`, "
        "`title`, `description`, `tags`, `level`, `feel`, `author`, `part`, `safety`, "
        "`sounds`, `steps`"
    )
    assert lines[99].startswith(f"{many_mistakes}:104:1: x99: ")
    assert lines[100] == f"{many_mistakes}:105:1: {MORE}"
    assert lines[101] == "checked 1 file: 0 valid, 1 with problems (60000 problems)"

    code, out, _ = run(capsys, "validate", "--format", "json", str(many_mistakes))
    document = json.loads(out)
    assert code == 1
    assert document["summary"]["problems"] == 60_000
    assert len(document["problems"]) == 101
    assert document["problems"][-1]["key_path"] == "(more)"


def test_show_and_import_list_a_hundred_problems_too(
    capsys: pytest.CaptureFixture[str], many_mistakes: Path
) -> None:
    code, out, _ = run(capsys, "show", str(many_mistakes))
    assert code == 1
    assert out.splitlines()[100:] == [f"{many_mistakes}:105:1: {MORE}"]

    code, out, _ = run(capsys, "import", str(many_mistakes))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"{many_mistakes}:5:1: x0: ")  # the file's own path
    assert lines[100:] == [
        f"{many_mistakes}:105:1: {MORE}",
        f"{many_mistakes} has 60000 problems; nothing was imported",
    ]
