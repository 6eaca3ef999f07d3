"""`breathe render` prints the routine's safety note with its summary: a guide played from a
phone has no screen to show it before the first cue."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.cli import main
from tests.support.repo import WriteRoutine

HOLDS = """
title: Holds
safety: No breath holds in pregnancy. This is educational, not medical advice.
steps:
  - rest: Hold
    duration: 2s
"""
MAIN = """
title: Main
safety: Stop if you feel dizzy. This is educational, not medical advice.
steps:
  - rest: Arrive
    duration: 2s
  - include: holds
"""


def test_the_summary_shows_the_note_and_its_includes_once_each(
    tmp_path: Path, write_routine: WriteRoutine, capsys: pytest.CaptureFixture[str]
) -> None:
    write_routine("holds", HOLDS, folder=tmp_path)
    source = write_routine("main", MAIN, folder=tmp_path)
    out = tmp_path / "guide.wav"
    assert main(["render", str(source), "-o", str(out), "--no-voice"]) == 0
    printed = capsys.readouterr()
    assert printed.out.strip().startswith(f"wrote {out} (0:")  # stdout: what was written
    assert printed.err.splitlines() == [
        "Safety: Stop if you feel dizzy. This is educational, not medical advice.",
        "Safety: No breath holds in pregnancy.",
    ]


def test_a_bundled_routines_note_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "legs.wav"
    assert main(["render", "legs-up-the-wall", "-o", str(out), "--no-voice"]) == 0
    assert "glaucoma" in capsys.readouterr().err


def test_a_routine_without_a_note_prints_none(
    tmp_path: Path, write_routine: WriteRoutine, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_routine("plain", "title: P\nsteps:\n  - rest: A\n    duration: 2s\n", tmp_path)
    assert main(["render", str(source), "-o", str(tmp_path / "p.wav"), "--no-voice"]) == 0
    assert capsys.readouterr().err == ""
