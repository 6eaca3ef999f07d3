"""The authoring path, case by case: each file in tests/unit/format/cases/authoring/ is a
few routine files a teacher writes and the `breathe` commands they run, with what breathe
prints, word for word, so a teacher can read what they would see.

A case file:

    # what the case is about (comments, before the first `---`)
    --- main.yaml            a file, written into an empty folder (its text follows)
    title: Main
    ...
    --- $ breathe validate main.yaml   (exit 1)
    main.yaml:4:5: ...       what it prints, its exit status in brackets

Commands run in that folder, in order, with `~` a home of their own (the user's routines in
`~/data/breathe/routines`, which a file `~/data/breathe/routines/x.yaml` writes into).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from breathe.cli import main

CASES = Path(__file__).parents[1] / "unit" / "format" / "cases" / "authoring"
_COMMAND = re.compile(r"^\$ breathe (?P<words>.*?)\s+\(exit (?P<exit>\d+)\)$")


@dataclass(frozen=True)
class Run:
    words: list[str]
    exit: int
    printed: str


@dataclass(frozen=True)
class Case:
    files: dict[str, str]
    runs: list[Run]


def read_case(path: Path) -> Case:
    files: dict[str, str] = {}
    runs: list[Run] = []
    parts = re.split(r"^--- ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    for part in parts[1:]:
        head, _, body = part.partition("\n")
        command = _COMMAND.match(head.strip())
        if command:
            words = shlex.split(command["words"])
            runs.append(Run(words, int(command["exit"]), body.rstrip("\n")))
        else:
            files[head.strip()] = body
    return Case(files, runs)


@pytest.mark.parametrize("path", sorted(CASES.glob("*.case")), ids=lambda path: path.stem)
def test_authoring_case(
    path: Path,
    tmp_path: Path,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    case = read_case(path)
    assert case.runs, f"{path.name} runs no command"
    monkeypatch.setenv("HOME", str(isolated_user_dirs))
    monkeypatch.setenv("COLUMNS", "400")  # a message is one line, as in the case file
    work = tmp_path / "work"
    work.mkdir()
    for name, text in case.files.items():
        target = isolated_user_dirs / name[2:] if name.startswith("~/") else work / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    monkeypatch.chdir(work)
    for run in case.runs:
        code = main(run.words)
        printed = capsys.readouterr().out.rstrip("\n")
        assert (printed, code) == (run.printed, run.exit), shlex.join(run.words)
