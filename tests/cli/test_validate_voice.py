"""`breathe validate` warns where the voice cannot say a step's words in the time the step
gives them (estimated from the text; a recording by its real length): at the step's
`say:` or `instructions:`, with line and column. Warnings leave a file valid (exit 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breathe.cli import main
from tests.unit.format.recordings import write_recording

RUSHED = """\
title: Rushed
steps:
  - rest: Rest
    duration: 4s
    instructions: Lie down on your back, let your arms rest by your sides and close your eyes.
  - repeat: 2
    steps:
      - rest: Settle
        duration: 3s
        say: Now let the whole of your body become heavy and warm, and rest here.
  - rest: Done
    duration: 10s
"""

WARNINGS = [
    "rushed.yaml:5:19: steps[1].instructions: warning: `Rest. Lie down on your back, let your "
    "a…`: the voice takes about 5.3s to say this; there are 3.7s; only `Rest.` is said; "
    "shorten the instructions, or give the step a shorter `say:`",
    "rushed.yaml:10:14: steps[2].steps[1].say: warning: `Now let the whole of your body "
    "become h…`: the voice takes about 4.5s to say this; there are 2.7s; it is left out; "
    "shorten it, or make the step longer",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def rushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "rushed.yaml"
    path.write_text(RUSHED, encoding="utf-8")
    return path


def test_a_phrase_longer_than_its_moment_is_a_warning_at_its_words(
    capsys: pytest.CaptureFixture[str], rushed: Path
) -> None:
    code, out = run(capsys, "validate", "rushed.yaml")
    assert code == 0
    assert out.splitlines() == [*WARNINGS, "checked 1 file: valid (2 warnings)"]


def test_warnings_in_json_leave_the_file_ok(
    capsys: pytest.CaptureFixture[str], rushed: Path
) -> None:
    code, out = run(capsys, "validate", "--format", "json", "rushed.yaml")
    assert code == 0
    document = json.loads(out)
    assert document["ok"] is True
    assert document["files"] == [{"path": "rushed.yaml", "ok": True}]
    assert [(w["line"], w["column"], w["key_path"]) for w in document["warnings"]] == [
        (5, 19, "steps[1].instructions"),
        (10, 14, "steps[2].steps[1].say"),
    ]
    assert document["summary"]["warnings"] == 2


def test_warnings_are_counted_beside_problems(
    capsys: pytest.CaptureFixture[str], rushed: Path
) -> None:
    Path("broken.yaml").write_text("title: B\nsteps:\n  - rest: R\n    duration: 0s\n")
    code, out = run(capsys, "validate", "broken.yaml", "rushed.yaml")
    assert code == 1
    assert out.splitlines()[-1] == (
        "checked 2 files: 1 valid, 1 with problems (1 problem, 2 warnings)"
    )


def test_a_recording_that_fits_is_no_warning_and_one_longer_than_its_step_is_an_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_recording(tmp_path / "rec" / "settle.wav", 4_000)  # the whole step: it fits
    write_recording(tmp_path / "rec" / "long.wav", 6_500)
    Path("fits.yaml").write_text(
        "title: F\nsteps:\n  - rest: Settle\n    duration: 4s\n    say: rec/settle.wav\n"
        "  - rest: Rest\n    duration: 4s\n"
    )
    assert run(capsys, "validate", "fits.yaml") == (0, "checked 1 file: valid\n")
    Path("long.yaml").write_text(
        "title: L\nsteps:\n  - rest: Settle\n    duration: 6s\n    say: rec/long.wav\n"
    )
    code, out = run(capsys, "validate", "long.yaml")
    assert code == 1
    assert out.splitlines()[0] == (
        "long.yaml:5:10: steps[1].say: the recording lasts 6.5s, longer than its step (6.0s); "
        "trim the recording, or make the step longer: it is played as the step starts and "
        "must end with it"
    )
