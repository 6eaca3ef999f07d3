"""Control characters never reach the terminal: routine, program and settings files refuse
them in every text (located, with a hint), and every name or path breathe echoes (file
names, zip members, folders, keys) has them escaped as `\\x1b`.

Routines travel between people by import, so an ESC or a bidi override in a title would
otherwise be escape-sequence injection into someone else's terminal.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import jsonschema
import pytest

from breathe.cli import main
from breathe.core.problems import RoutineFileError
from breathe.format.loader import load_routine
from breathe.format.program_spec import load_program, program_json_schema
from breathe.format.schema import routine_json_schema
from breathe.format.spec import control_character, shown
from breathe.library.settings import SettingsError, parse_settings
from tests.support.repo import REPO, WriteRoutine

# What no output may hold: the characters the files refuse, whatever the encoding.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# YAML double-quoted escapes (as an author would type them) and the character each makes.
ESCAPES = [
    (r"\e", "ESC, U+001B"),
    (r"\a", "BEL, U+0007"),
    (r"\0", "NUL, U+0000"),
    (r"\r", "CR, U+000D"),
    (r"\x7f", "DEL, U+007F"),
    (r"\x9b", "U+009B"),
    (r"\N", "U+0085"),
    (r"\u202e", "RIGHT-TO-LEFT OVERRIDE, U+202E"),
    (r"\u2066", "LEFT-TO-RIGHT ISOLATE, U+2066"),
]
HINT_IN_QUOTES = "remove it; in double quotes, a backslash escape such as `\\e` writes one"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


def refused(path: Path) -> list[str]:
    with pytest.raises(RoutineFileError) as caught:
        load_routine(path)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("escape", "named"), ESCAPES, ids=[e for e, _ in ESCAPES])
def test_a_title_with_a_control_character_is_refused_where_it_is(
    write_routine: WriteRoutine, escape: str, named: str
) -> None:
    path = write_routine(
        "esc", f'title: "Red{escape}Calm"\nsteps:\n  - rest: R\n    duration: 5s\n'
    )
    assert refused(path) == [
        f"{path}:1:8: title: contains a control character ({named}); {HINT_IN_QUOTES}"
    ]


def test_the_review_s_file_validates_no_more_and_prints_no_escape(
    write_routine: WriteRoutine, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_routine(
        "esc",
        'title: "\\e[31mRed\\e[0m"\nsteps:\n  - rest: "x\\e]0;pwned\\a"\n    duration: 10s\n',
    )
    code, out = run(capsys, "validate", str(path))
    assert code == 1
    assert not RAW.search(out)
    assert f"{path}:1:8: title: contains a control character (ESC, U+001B)" in out
    assert f"{path}:3:11: steps[1].rest: contains a control character (ESC, U+001B)" in out
    code, out = run(capsys, "show", str(path))
    assert code == 1
    assert not RAW.search(out)


def test_every_text_of_a_routine_refuses_them(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "texts",
        "title: T\n"
        'description: "a\\eb"\n'
        'author: "a\\u202eb"\n'
        'tags: ["a\\x07b"]\n'
        "steps:\n"
        '  - breathe: "B\\x1b"\n'
        "    pattern: 4-4\n"
        "    cycles: 2\n"
        '    instructions: "in\\x9bstructions"\n'
        '  - include: "box\\ebreathing"\n',
    )
    found = refused(path)
    assert [line.split(": ")[1] for line in found] == [
        "description",
        "author",
        "tags[1]",
        "steps[1].breathe",
        "steps[1].instructions",
        "steps[2].include",
    ]
    assert all("contains a control character" in line for line in found)


def test_a_raw_bidi_override_is_refused_with_the_plain_hint(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "bidi", "title: Calm \u202eevening\nsteps:\n  - rest: R\n    duration: 5s\n"
    )
    assert refused(path) == [
        f"{path}:1:8: title: contains a control character (RIGHT-TO-LEFT OVERRIDE, U+202E); "
        "remove it; your editor may not show it"
    ]


def test_tabs_and_line_breaks_are_still_text(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "fine",
        'title: "Calm\\tevening"\n'
        "description: |\n  First line.\n  Second line.\n"
        "steps:\n  - rest: R\n    duration: 5s\n    instructions: >\n      Folded\n      text.\n",
    )
    routine = load_routine(path)
    assert routine.title == "Calm\tevening"
    assert routine.description == "First line.\nSecond line."


def test_windows_line_endings_are_not_carriage_returns_in_text(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(
        b"title: T\r\ndescription: |\r\n  One.\r\n  Two.\r\nsteps:\r\n"
        b"  - rest: R\r\n    duration: 5s\r\n"
    )
    assert load_routine(path).description == "One.\nTwo."


def test_a_key_with_a_control_character_is_shown_escaped(write_routine: WriteRoutine) -> None:
    path = write_routine("key", 'title: T\n"\\e[2Jx": 1\nsteps:\n  - rest: R\n    duration: 5s\n')
    (problem,) = refused(path)
    assert problem.startswith(f"{path}:2:1: \\x1b[2Jx: `\\x1b[2Jx` is not a key of a routine")
    assert not RAW.search(problem)


def test_a_word_with_a_control_character_is_shown_escaped(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "word", 'title: T\nsteps:\n  - pose: P\n    hold: 5s\n    sides: "\\e[5m"\n'
    )
    (problem,) = refused(path)
    assert "`\\x1b[5m` is not a choice of sides" in problem
    assert not RAW.search(problem)


def test_an_own_sound_path_refuses_them(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "sound", 'title: T\nsounds:\n  step: "s\\e.wav"\nsteps:\n  - rest: R\n    duration: 5s\n'
    )
    assert refused(path) == [
        f"{path}:3:9: sounds.step: contains a control character (ESC, U+001B); "
        "remove it, and rename the sound file if its name holds one"
    ]


def test_program_texts_refuse_them(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "prog",
        'title: "P\\e[31m"\nchecklist: ["Wa\\u2067ter"]\n'
        "schedule:\n  - days: 1\n    routines: [box-breathing]\n",
    )
    with pytest.raises(RoutineFileError) as caught:
        load_program(path, "prog.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        f"prog.yaml:1:8: title: contains a control character (ESC, U+001B); {HINT_IN_QUOTES}",
        "prog.yaml:2:13: checklist[1]: contains a control character "
        f"(RIGHT-TO-LEFT ISOLATE, U+2067); {HINT_IN_QUOTES}",
    ]


def test_the_schemas_refuse_what_the_loader_refuses() -> None:
    routine = jsonschema.Draft202012Validator(routine_json_schema())
    steps = [{"rest": "R", "duration": 5}]
    assert routine.is_valid({"title": "Calm\tevening", "steps": steps})
    assert routine.is_valid({"title": "Calm", "description": "a\nb", "steps": steps})
    for character in ("\x1b", "\x07", "\x7f", "\x9b", "\u202e", "\u2069"):
        assert not routine.is_valid({"title": f"a{character}b", "steps": steps}), character
        assert not routine.is_valid(
            {"title": "T", "sounds": {"step": f"a{character}.wav"}, "steps": steps}
        )
    program = jsonschema.Draft202012Validator(program_json_schema())
    schedule = [{"days": 1, "routines": ["box-breathing"]}]
    assert program.is_valid({"title": "P", "schedule": schedule})
    assert not program.is_valid({"title": "P\x1b", "schedule": schedule})
    # The committed schema holds the pattern as regex escapes, not raw control characters.
    committed = (REPO / "breathe/schemas/routine.schema.json").read_text()
    assert '"pattern": "^[^\\\\u0000-\\\\u0008' in committed
    assert not RAW.search(committed)


def test_settings_echo_no_control_character() -> None:
    with pytest.raises(SettingsError) as caught:
        parse_settings(b'sound = "\\u001b[31mbell"\n"\\u001b[2J" = 3\n', "settings.toml")
    lines = [str(problem) for problem in caught.value.problems]
    assert lines == [
        'settings.toml:1:9: sound: "\\x1b[31mbell" is not one of "auto", "miniaudio", '
        '"simpleaudio", "bell", "off"',
        "settings.toml:2:1: \\x1b[2J: `\\x1b[2J` is not a setting; the settings are `volume`, "
        "`sound`, `voice`, `voice_volume`, `eyes_closed`, `tempo`, `length`, `reduced_motion`, "
        "`theme`",
    ]


# -- names and paths echoed by the command line ------------------------------------------------


def test_shown_escapes_and_keeps_the_rest() -> None:
    assert shown("z\x1b[31mred.yaml") == "z\\x1b[31mred.yaml"
    assert shown("a\tb\nc\rd\x7f\x9b\u202e é") == "a\\tb\\nc\\rd\\x7f\\x9b\\u202e é"
    assert shown("plain/path-1.yaml") == "plain/path-1.yaml"
    assert control_character("fine\ttext\n") is None
    assert control_character("x\x1by") == "ESC, U+001B"


def make_zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


ROUTINE = "title: T\nsteps:\n  - rest: x\n    duration: 10s\n"


@pytest.mark.parametrize(
    ("member", "expected"),
    [
        ("z\x1b[31mred.yaml", "ctl.zip: `z\\x1b[31mred` cannot be a routine's name"),
        ("..\x1b]0;x\x07/../x.yaml", "ctl.zip is refused: `..\\x1b]0;x\\x07/../x.yaml` leads out"),
        ("/\x1b[31mabs.yaml", "ctl.zip is refused: `/\\x1b[31mabs.yaml` is an absolute path"),
    ],
)
def test_import_escapes_member_names(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_routines: Path,
    member: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    make_zip(tmp_path / "ctl.zip", {member: ROUTINE})
    code, out = run(capsys, "import", "ctl.zip")
    assert code == 1
    assert expected in out
    assert "nothing was imported" in out
    assert not RAW.search(out)
    assert list(user_routines.iterdir()) == []


def test_import_escapes_a_folder_name_and_the_problems_in_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "d\x1b[31m"
    folder.mkdir()
    code, out = run(capsys, "import", folder.name)
    assert (code, out.strip()) == (
        1,
        "d\\x1b[31m holds no routine files (.yaml, .yml); nothing was imported",
    )
    (folder / "r.yaml").write_text('title: "\\e"\nsteps: []\n', encoding="utf-8")
    code, out = run(capsys, "import", folder.name)
    assert code == 1
    assert "d\\x1b[31m/r.yaml:1:8: title: contains a control character (ESC, U+001B)" in out
    assert "d\\x1b[31m has 2 problems; nothing was imported" in out
    assert not RAW.search(out)


def test_validate_escapes_file_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f\x1b[31m.yaml").write_text("title: T\nsteps: []\n", encoding="utf-8")
    code, out = run(capsys, "validate", "f\x1b[31m.yaml")
    assert code == 1
    assert out.startswith("f\\x1b[31m.yaml:2:8: steps: has no steps")
    assert not RAW.search(out)
    code, out = run(capsys, "validate", "nope\x1b[2J.yaml")
    assert code == 2
    assert "no such file or folder: nope\\x1b[2J.yaml" in out
    assert not RAW.search(out)
