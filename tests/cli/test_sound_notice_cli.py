"""After `breathe play`, why the cues did not play through a sound device, in one calm line:
once, and again only when the reason changes (the library says it on the same terms)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from breathe.cli.play import say_sound_notice_once
from breathe.core.paste import pip_install

BELL = (
    f"no sound: miniaudio is not installed ({pip_install('miniaudio')}); "
    "the terminal bell rings the cues instead"
)
DEVICE = "no sound: the sound device cannot be opened (none found)"


def test_said_once_calmly_then_again_when_the_reason_changes(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    say_sound_notice_once(BELL)
    said = capsys.readouterr().err
    assert said.startswith("breathe: Cues ring the terminal bell: miniaudio is not installed (")
    assert f"{sys.executable} -m pip install miniaudio" in said  # this Python's own pip
    assert said.count("\n") == 1
    say_sound_notice_once(BELL)
    assert capsys.readouterr().err == ""
    say_sound_notice_once(DEVICE)
    assert capsys.readouterr().err.startswith(
        "breathe: Cues are silent: the sound device cannot be opened (none found). See `"
    )
