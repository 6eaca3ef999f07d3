"""`breathe render ROUTINE --list`: what the voice says in the track and when, what it
leaves out and why, at once and without writing a file; lengths from the phrase cache
where a render made the phrases, else estimated (marked ~)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from breathe.cli import main
from tests.support.spoken_routine import routine_source
from tests.unit.format.recordings import write_recording

CRAMPED = b"""title: Cramped
steps:
  - rest: Pause
    duration: 3s
    instructions: Let the shoulders drop, soften the jaw, and feel the weight of the body sink.
  - rest: Settle
    duration: 4s
"""

LINE = re.compile(r"^  (\d\d:\d\d\.\d) +(~?)(\d+\.\d)s  (.+)$")


@pytest.fixture
def espeak(isolated_user_dirs: Path) -> None:
    if shutil.which("espeak-ng") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must provide espeak-ng")
        pytest.skip("espeak-ng is not installed here")


def listed(output: str) -> list[tuple[str, bool, str]]:
    """(moment, estimated, text) of each phrase line."""
    found = [LINE.match(line) for line in output.splitlines()]
    return [(m[1], m[2] == "~", m[4]) for m in found if m]


def test_the_list_says_each_phrase_at_its_moment_and_writes_nothing(
    tmp_path: Path, espeak: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path)
    assert main(["render", str(source), "--list", "--voice", "espeak-ng"]) == 0
    output = capsys.readouterr().out
    assert output.splitlines()[0] == (
        "Spoken (0:17): 4 phrases, espeak-ng en-us; 4 lengths estimated (~)"
    )
    assert listed(output) == [
        ("00:00.0", True, "Settle."),
        ("00:04.0", True, "Last step: Twist. Start with the left side."),
        ("00:09.0", True, "Now the right side."),
        ("00:17.0", True, "That is the end of the session. Stay here as long as you like."),
    ]
    assert "~: estimated from the text" in output
    assert list(tmp_path.iterdir()) == [source]  # no track, no partial file


def test_after_a_render_the_lengths_are_the_real_ones_from_the_cache(
    tmp_path: Path, espeak: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path)
    assert main(["render", str(source), "-o", str(tmp_path / "g.wav"), "--voice", "espeak-ng"]) == 0
    capsys.readouterr()
    assert main(["render", str(source), "--list", "--voice", "espeak-ng", "--tempo", "2"]) == 0
    output = capsys.readouterr().out
    assert output.splitlines()[0].endswith("; every length from the phrase cache")
    assert [(moment, estimated) for moment, estimated, _ in listed(output)][:2] == [
        ("00:00.0", False),
        ("00:04.0", False),  # the rest is not faster at tempo 2
    ]
    assert "~" not in output


def test_what_is_said_shorter_or_left_out_is_said_with_why(
    tmp_path: Path, espeak: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path, CRAMPED, "c.yaml")
    assert main(["render", str(source), "--list", "--voice", "espeak-ng"]) == 0
    output = capsys.readouterr().out
    assert listed(output)[0][2] == "Pause."  # the title alone
    assert "Said shorter or left out (breathe validate warns of each):" in output
    assert (
        "  step 1 `Pause`, step: `Pause. Let the shoulders drop, soften the jaw, and feel the "
        "weight of the body sink.`: the voice takes about"
    ) in output
    assert "only `Pause.` is said" in output


def test_with_the_voice_off_the_list_says_nothing_of_it_is_in_the_track(
    tmp_path: Path, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path)
    assert main(["render", str(source), "--list", "--no-voice"]) == 0
    output = capsys.readouterr().out
    assert "the voice is off" in output.splitlines()[0]
    assert len(listed(output)) == 4
    assert "Nothing of this is in the track: --voice auto" in output


def test_render_needs_a_file_to_write_or_the_list(
    tmp_path: Path, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path)
    assert main(["render", str(source)]) == 2
    assert "render: say where to write the track, -o FILE.wav (or --list)" in (
        capsys.readouterr().err
    )


RECORDED = b"""title: Guided
steps:
  - rest: Settle
    duration: 20s
    say: voice/settle.wav
  - rest: Look
    duration: 10s
"""


def test_a_teachers_recording_is_listed_as_the_recording_with_its_exact_length(
    tmp_path: Path, espeak: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path, RECORDED, "g.yaml")
    write_recording(tmp_path / "voice" / "settle.wav", 12_500)
    assert main(["render", str(source), "--list", "--voice", "espeak-ng"]) == 0
    output = capsys.readouterr().out
    assert output.splitlines()[0] == (
        "Guided (0:30): 3 phrases, espeak-ng en-us; 2 lengths estimated (~)"
    )
    assert listed(output)[0] == ("00:00.0", False, "[recording: voice/settle.wav]")
    assert "  00:00.0   12.5s  [recording: voice/settle.wav]" in output.splitlines()


def test_without_a_voice_the_recordings_are_still_in_the_track(
    tmp_path: Path, isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = routine_source(tmp_path, RECORDED, "g.yaml")
    write_recording(tmp_path / "voice" / "settle.wav", 3000)
    assert main(["render", str(source), "--list", "--voice", "off"]) == 0
    output = capsys.readouterr().out
    assert listed(output)[0] == ("00:00.0", False, "[recording: voice/settle.wav]")
    assert "Only the recordings are in the track" in output
    assert "Nothing of this is in the track" not in output
