"""The settings file: read from the user config folder, never written over, every mistake
reported at its line and column, and the command line winning over it."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import pytest

from breathe.cli import build_parser, main
from breathe.cli.settings import effective_settings
from breathe.core.options import DEFAULTS, PlayOptions
from breathe.library.locations import settings_path
from breathe.library.settings import TEMPLATE, SettingsError, load_settings, parse_settings
from tests.support.fifo import never_read


@pytest.fixture
def settings_file(isolated_user_dirs: Path) -> Path:
    path = settings_path()
    assert path == isolated_user_dirs / "config" / "breathe" / "settings.toml"
    path.parent.mkdir(parents=True)
    return path


def problems(text: str) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        parse_settings(text.encode(), "settings.toml")
    return [str(problem) for problem in caught.value.problems]


def test_no_file_means_the_defaults(isolated_user_dirs: Path) -> None:
    assert load_settings(settings_path()).options == DEFAULTS == PlayOptions()
    assert not settings_path().exists()  # reading never creates it


def test_every_key(settings_file: Path) -> None:
    settings_file.write_text(
        "# mine\nvolume = 40\nsound = 'bell'\neyes_closed = true\n"
        "tempo = 0.75\nreduced_motion = true\n"
    )
    assert load_settings(settings_file).options == PlayOptions(
        volume=40, sound="bell", eyes_closed=True, tempo=Fraction(3, 4), reduced_motion=True
    )
    assert parse_settings(b"tempo = 2\n", "s").options.tempo == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "volume = 150",
            "settings.toml:1:10: volume: 150 is out of range; the allowed range is 0 to 100",
        ),
        ("volume = 50.5", "settings.toml:1:10: volume: must be a whole number from 0 to 100"),
        ("volume = true", "settings.toml:1:10: volume: must be a whole number from 0 to 100"),
        (
            '# quiet\n  sound   =  "loud"',
            'settings.toml:2:14: sound: "loud" is not one of "auto", "miniaudio", "simpleaudio", '
            '"bell", "off"',
        ),
        (
            "sound = 3",
            'settings.toml:1:9: sound: 3 is not one of "auto", "miniaudio", "simpleaudio", "bell", '
            '"off"',
        ),
        ("eyes_closed = 1", "settings.toml:1:15: eyes_closed: must be true or false"),
        ('reduced_motion = "yes"', "settings.toml:1:18: reduced_motion: must be true or false"),
        ("tempo = 3", "settings.toml:1:9: tempo: 3 is out of range; the allowed range is 0.5 to 2"),
        (
            'tempo = "fast"',
            "settings.toml:1:9: tempo: must be a number from 0.5 to 2, such as 0.75",
        ),
        ("volum = 3", "settings.toml:1:1: volum: `volum` is not a setting; did you mean `volume`?"),
        (
            "colour = 'blue'",
            "settings.toml:1:1: colour: `colour` is not a setting; the settings are `volume`, "
            "`sound`, `voice`, `voice_volume`, `eyes_closed`, `tempo`, `length`, `reduced_motion`, "
            "`theme`",
        ),
        (
            "[audio]\nvolume = 3",
            "settings.toml:1:2: audio: `audio` is not a setting; settings are `key = value` "
            "lines, with no [sections]",
        ),
        (
            "volume = 3\nsound = bell",
            "settings.toml:2:9: (syntax): invalid value; write `key = value`, with text in double "
            'quotes: sound = "bell"',
        ),
        (
            "volume = 3\nvolume = 4",
            "settings.toml:2:1: volume: `volume` is written twice; the first is on line 1; "
            "keep one of them",
        ),
    ],
)
def test_mistakes_are_located(text: str, expected: str) -> None:
    assert problems(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tempo = nan", "1:9: tempo: nan is not a number from 0.5 to 2; write tempo = 0.75"),
        ("tempo = inf # fast", "1:9: tempo: inf is not a number from 0.5 to 2; write tempo = 0.75"),
        ("tempo = -inf", "1:9: tempo: -inf is not a number from 0.5 to 2; write tempo = 0.75"),
        # tomllib reads 1e400 as inf: the message says what the file says.
        ("tempo = 1e400", "1:9: tempo: 1e400 is not a number from 0.5 to 2; write tempo = 0.75"),
        (
            "volume = nan",
            "1:10: volume: nan is not a whole number from 0 to 100; write volume = 80",
        ),
        (
            "[sound]\nx = 1",
            '1:2: sound: a table is not one of "auto", "miniaudio", "simpleaudio", "bell", "off"; '
            'write sound = "bell"',
        ),
        (
            "sound = {x = 1}",
            '1:9: sound: a table is not one of "auto", "miniaudio", "simpleaudio", "bell", "off"; '
            'write sound = "bell"',
        ),
        (
            "sound = ['bell']",
            '1:9: sound: a list is not one of "auto", "miniaudio", "simpleaudio", "bell", "off"; '
            'write sound = "bell"',
        ),
        (
            "eyes_closed = {}",
            "1:15: eyes_closed: a table is not true or false; write eyes_closed = true",
        ),
        ("[x]\n[x]", "2:2: x: the table [x] is written twice; the first is on line 1; keep one"),
        (
            "[a]\nv = 1\n[b]\nv = 1\n[ a ]",  # a key counts within its table
            "5:3: a: the table [a] is written twice; the first is on line 1; keep one",
        ),
        ("x = 1\n[x]", "2:2: x: the table [x] repeats `x` of line 1; keep one"),
        ("[[x]]\n[x]", "2:3: x: `x` is written twice; keep one"),
        ("a.b = 1\n[a]", "2:3: a: `a` is written twice; keep one"),
        ("x = {a = 1, a = 2}", "1:18: a: `a` is written twice in one { } table; keep one"),
        (
            "[[x]]\na = 1\n[[x]]\na = 2",
            "1:3: x: `x` is not a setting; settings are `key = value` lines, with no [sections]",
        ),
    ],
)
def test_no_message_shows_python_s_words(text: str, expected: str) -> None:
    """Not-a-number floats, tables, lists and keys written twice: said as the file says
    them, never as Python writes a float, a dict or a tuple."""
    assert problems(text) == [f"settings.toml:{expected}"]


HINT = 'write `key = value`, with text in double quotes: sound = "bell"'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sound.x = 1\nsound.x = 2",
            "2:1: sound.x: `sound.x` is written twice; the first is on line 1; keep one of them",
        ),
        ("x = [1]\n[[x]]", "2:3: x: the table [[x]] repeats `x` of line 1; keep one"),
        (
            # Text never closed: located where it opens, not at the end of the file.
            'volume = 3\nsound = """bell\n\n',
            "2:9: (syntax): unterminated string; " + HINT,
        ),
        (
            # A quoted key is found as it reads, its escapes decoded.
            'volume = 3\n"volum\\u0065x" = 3',
            "2:1: volumex: `volumex` is not a setting; did you mean `volume`?",
        ),
    ],
)
def test_toml_mistakes_are_located_and_named_by_breathe(text: str, expected: str) -> None:
    """Found by breathe's own scan of the file, never read back from tomllib's words."""
    assert problems(text) == [f"settings.toml:{expected}"]


def test_every_mistake_at_once() -> None:
    assert problems("volume = -1\nsound = 'loud'\neyes = true\n") == [
        "settings.toml:1:10: volume: -1 is out of range; the allowed range is 0 to 100",
        'settings.toml:2:9: sound: "loud" is not one of "auto", "miniaudio", "simpleaudio", '
        '"bell", "off"',
        "settings.toml:3:1: eyes: `eyes` is not a setting; did you mean `eyes_closed`?",
    ]


def test_not_utf8_and_unreadable(settings_file: Path) -> None:
    settings_file.write_bytes(b"volume = 3\nsound = '\xff'\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(settings_file)
    assert str(caught.value) == f"{settings_file}:2:1: (file): is not UTF-8 text; save it as UTF-8"
    settings_file.unlink()
    settings_file.mkdir()  # a folder where the file should be
    with pytest.raises(SettingsError) as caught:
        load_settings(settings_file)
    assert str(caught.value).startswith(f"{settings_file}:1:1: (file): cannot be read: ")


def test_the_template_is_valid_and_all_defaults() -> None:
    assert parse_settings(TEMPLATE.encode(), "t").options == DEFAULTS
    uncommented = "\n".join(line.removeprefix("# ") for line in TEMPLATE.splitlines()[2:])
    assert parse_settings(uncommented.encode(), "t").options == DEFAULTS  # every line, as written


# -- the command line over the file ---------------------------------------------------------


def effective(*argv: str) -> PlayOptions | None:
    return effective_settings(build_parser().parse_args(list(argv)))


def test_the_command_line_wins_over_the_file(settings_file: Path) -> None:
    settings_file.write_text("volume = 40\ntempo = 0.75\neyes_closed = true\nsound = 'bell'\n")
    assert effective("play", "x") == PlayOptions(
        volume=40, sound="bell", eyes_closed=True, tempo=Fraction(3, 4), reduced_motion=False
    )
    assert effective("play", "x", "--volume", "70", "--no-eyes-closed", "--no-sound") == (
        PlayOptions(
            volume=70, sound="off", eyes_closed=False, tempo=Fraction(3, 4), reduced_motion=False
        )
    )
    assert effective("play", "x", "--tempo", "1.5", "--reduced-motion", "--sound", "auto") == (
        PlayOptions(
            volume=40, sound="auto", eyes_closed=True, tempo=Fraction(3, 2), reduced_motion=True
        )
    )
    assert effective("render", "x", "-o", "g.wav", "--volume", "10") == (
        PlayOptions(
            volume=10, sound="bell", eyes_closed=True, tempo=Fraction(3, 4), reduced_motion=False
        )
    )
    assert effective("--volume", "20") == PlayOptions(
        volume=20, sound="bell", eyes_closed=True, tempo=Fraction(3, 4), reduced_motion=False
    )


def voice(*argv: str) -> str:
    options = effective(*argv)
    assert options is not None
    return options.voice


def test_the_voice_from_the_file_and_the_command_line(settings_file: Path) -> None:
    settings_file.write_text('voice = "off"\n')
    assert voice("play", "x") == "off"
    assert voice("play", "x", "--voice", "espeak-ng") == "espeak-ng"
    assert voice("--voice", "piper") == "piper"
    assert voice("render", "x", "-o", "g.wav", "--voice", "auto") == "auto"
    settings_file.write_text('voice = "piper"\n')
    assert voice("today", "--no-voice") == "off"
    assert voice("--no-voice") == "off"
    assert voice("render", "x", "-o", "g.wav", "--no-voice") == "off"


def test_the_voices_volume_from_the_file_and_the_command_line(settings_file: Path) -> None:
    settings_file.write_text("volume = 90\nvoice_volume = 40\n")
    for argv, expected in (
        (["play", "x"], (90, 40)),
        (["play", "x", "--voice-volume", "75"], (90, 75)),
        (["--voice-volume", "0"], (90, 0)),
        (["render", "x", "-o", "g.wav", "--voice-volume", "100", "--volume", "5"], (5, 100)),
    ):
        options = effective(*argv)
        assert options is not None
        assert (options.volume, options.voice_volume) == expected, argv


def test_a_voice_volume_out_of_range_is_located() -> None:
    assert problems("voice_volume = 101") == [
        "settings.toml:1:16: voice_volume: 101 is out of range; the allowed range is 0 to 100"
    ]


def test_a_voice_the_file_cannot_name_is_located() -> None:
    assert problems('voice = "robot"') == [
        'settings.toml:1:9: voice: "robot" is not one of "auto", "piper", "espeak-ng", "off"'
    ]


def test_without_a_file_the_command_line_alone(isolated_user_dirs: Path) -> None:
    assert effective("play", "x") == DEFAULTS
    assert effective("play", "x", "--eyes-closed") == PlayOptions(eyes_closed=True)


def test_a_bad_file_stops_play_and_render_with_one_line(
    settings_file: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    settings_file.write_text("volume = 400\n")
    line = f"{settings_file}:1:10: volume: 400 is out of range; the allowed range is 0 to 100\n"
    for argv in (
        ["play", "box-breathing"],
        ["render", "box-breathing", "-o", str(tmp_path / "g.wav")],
        ["today"],
        [],  # the app
    ):
        assert main(argv) == 1, argv
        printed = capsys.readouterr()
        assert (printed.out, printed.err) == ("", line), argv
    assert not (tmp_path / "g.wav").exists()
    assert settings_file.read_text() == "volume = 400\n"  # never touched


# -- breathe settings -----------------------------------------------------------------------


def test_settings_command_prints_the_path_and_what_is_in_effect(
    settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["settings"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"# {settings_file} (no file: the defaults)",
        "volume = 100            # cue volume, 0 to 100, default",
        'sound = "auto"          # auto, miniaudio, simpleaudio, bell or off, default',
        'voice = "auto"          # the voice that guides: auto, piper, espeak-ng or off, default',
        "voice_volume = 100      # the voice's volume, 0 to 100, default",
        "eyes_closed = false     # a soft count at each second of long breath phases, default",
        "tempo = 1               # breathing speed, 0.5 (slower) to 2 (faster), default",
        'length = "own"          # breathing routines about this many minutes (1 to 60), or '
        '"own", default',
        "reduced_motion = false  # a still picture instead of the moving pacer, default",
        'theme = "breathe-dark"  # the app\'s colours: breathe-dark, breathe-light or '
        "breathe-night, default",
    ]
    settings_file.write_text("tempo = 0.75\nsound = 'off'\n")
    assert main(["settings"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"# {settings_file}"
    assert 'sound = "off"           # auto, miniaudio, simpleaudio, bell or off' in lines
    assert "tempo = 0.75            # breathing speed, 0.5 (slower) to 2 (faster)" in lines
    assert main(["settings", "--path"]) == 0
    assert capsys.readouterr().out == f"{settings_file}\n"


def test_settings_command_reports_a_bad_file(
    settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file.write_text("volume = \n")
    assert main(["settings"]) == 1
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err.startswith(f"{settings_file}:1:10: (syntax): invalid value")


def test_init_writes_a_commented_file_and_never_overwrites(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = settings_path()
    assert main(["settings", "--init"]) == 0
    assert capsys.readouterr().out == f"wrote {path}\n"
    assert path.read_text() == TEMPLATE
    path.write_text("volume = 30\n")
    assert main(["settings", "--init"]) == 1
    assert "exists already; breathe never changes it" in capsys.readouterr().err
    assert path.read_text() == "volume = 30\n"


# -- numbers too long for Python to read or write -----------------------------------------

LONG = "1" + "0" * 5000  # int() refuses over 4,300 digits; tomllib lets its ValueError out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"volume = {LONG}",
            "1:10: volume: 10000000000000000000000… (5,001 digits) is not a whole number "
            "from 0 to 100; write volume = 80",
        ),
        (
            # Digits in a comment and in text are not numbers; the one that is is found.
            f"# {LONG}\nsound = '{LONG}' # {LONG}\n  eyes_closed   = -1_{LONG}\n",
            "3:19: eyes_closed: -1_10000000000000000000… (5,002 digits) is not true or false; "
            "write eyes_closed = true",
        ),
        (
            f"tempo = [1,\n   {LONG}]",
            "2:4: (syntax): a number of 5,001 digits is too long to read; "
            "write a short number: volume = 80",
        ),
        # Read, but too big for Python to write out in a message.
        (
            "volume = 0x" + "f" * 5000,
            "1:10: volume: 0xfffffffffffffffffffff… is not a whole number from 0 to 100; "
            "write volume = 80",
        ),
        (
            "tempo = 0x" + "f" * 5000,
            "1:9: tempo: 0xfffffffffffffffffffff… is not a number from 0.5 to 2; "
            "write tempo = 0.75",
        ),
        (
            "sound = 0b" + "1" * 20000,
            '1:9: sound: 0b111111111111111111111… is not one of "auto", "miniaudio", '
            '"simpleaudio", "bell", "off"; write sound = "bell"',
        ),
    ],
    ids=["decimal", "after-comments-and-text", "in-a-list", "hex", "hex-tempo", "binary"],
)
def test_a_number_too_long_for_python_is_located(text: str, expected: str) -> None:
    assert problems(text) == [f"settings.toml:{expected}"]


def test_a_number_too_long_for_python_stops_the_commands_with_one_line(
    settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings_file.write_text(f"volume = {LONG}\n")
    line = (
        f"{settings_file}:1:10: volume: 10000000000000000000000… (5,001 digits) is not a "
        "whole number from 0 to 100; write volume = 80\n"
    )
    for argv in (["settings"], ["play", "box-breathing"]):
        assert main(argv) == 1, argv
        printed = capsys.readouterr()
        assert (printed.out, printed.err) == ("", line), argv


def test_a_fifo_for_a_settings_file_is_never_opened(
    settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(settings_file)  # opening it to read would wait for a writer forever
    with never_read(settings_file) as noted:
        assert main(["settings"]) == 1
    assert noted == []
    printed = capsys.readouterr()
    assert (printed.out, printed.err) == (
        "",
        f"{settings_file}:1:1: (file): cannot be read: it is a FIFO (named pipe), "
        "not a regular file\n",
    )


def test_a_settings_file_of_thousands_of_mistakes_lists_a_hundred(
    settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = "".join(f"k{number} = 1\n" for number in range(6000))  # 62 kB: within the limit
    settings_file.write_text("volum = 3\n" + keys + "tempo = 9\n")
    assert main(["settings"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 102
    assert (
        lines[0] == f"{settings_file}:1:1: volum: `volum` is not a setting; did you mean `volume`?"
    )
    assert lines[99].startswith(f"{settings_file}:100:1: k98: `k98` is not a setting; ")
    assert lines[100:] == [
        f"{settings_file}:6002:9: tempo: 9 is out of range; the allowed range is 0.5 to 2",
        f"{settings_file}:101:1: (more): 5,901 more problems are not listed, from here on; "
        "fix the ones above and check again",
    ]
