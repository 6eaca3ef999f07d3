"""On a narrow terminal (40 columns) `breathe show` wraps a routine's safety note and its
description between words: the console soft-wraps (so problems stay one line each), and
the terminal broke the note in the middle of a word ("high b" / "lood pressure")."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.cli import main

SAFETY = (
    "If you are pregnant, have high blood pressure, glaucoma or a heart condition, skip the "
    "breath holds and breathe gently instead. Stop at once if you feel dizzy or short of breath."
)
DESCRIPTION = "Four slow minutes of box breathing, for the moment before a difficult talk."


def test_the_safety_note_wraps_between_words_at_40_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich treats the capture as a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "40")
    routine = tmp_path / "careful.yaml"
    routine.write_text(
        f"title: Careful\ndescription: {DESCRIPTION}\nsafety: {SAFETY}\n"
        "steps:\n  - rest: Arrive\n    duration: 30s\n",
        encoding="utf-8",
    )
    assert main(["show", str(routine)]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index(next(line for line in lines if line.startswith("Safety: ")))
    note = lines[start : lines.index("", start)]
    assert max(len(line) for line in note) <= 40
    assert " ".join(note) == f"Safety: {SAFETY}"  # every word whole, none lost
    described = lines[lines.index(next(line for line in lines if line.startswith("Four"))) :]
    described = described[: described.index("")]
    assert len(described) > 1 and " ".join(described) == DESCRIPTION
    assert all(line == line.rstrip() for line in lines)


def test_piped_the_safety_note_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    routine = tmp_path / "careful.yaml"
    routine.write_text(
        f"title: Careful\nsafety: {SAFETY}\nsteps:\n  - rest: Arrive\n    duration: 30s\n",
        encoding="utf-8",
    )
    assert main(["show", str(routine)]) == 0
    assert f"Safety: {SAFETY}" in capsys.readouterr().out.splitlines()
