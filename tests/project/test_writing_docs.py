"""docs/writing-routines.md stays true: the tutorial is replayed from top to bottom.

Two computers are simulated, each a home folder of its own: the teacher's (every command
runs in the teacher's routine folder, as after `cd "$(breathe locate)"`) and the
student's (commands run in ~/Downloads, where every .zip the teacher left in their home
has arrived). The markers are described in the document's own comment; in short:

- `<!-- file: NAME.yaml -->` above a ```yaml fence: the teacher saves it as NAME.yaml;
  with `<!-- broken example -->` it must be refused, without it it must load and play;
- `<!-- written: NAME.yaml -->`: the block is exactly the file the command before wrote;
- a ```text block starting with `$ breathe ` is real output, homes shown as `~`;
  `<!-- as: student -->` runs it on the student's computer, `<!-- exit: N -->` expects
  that exit status (0 otherwise).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import compile_timeline
from breathe.format.loader import parse_routine
from breathe.library.catalog import Catalog
from breathe.library.scaffolds import KINDS
from breathe.library.sharing import (
    MAX_CUE_BYTES,
    MAX_MEMBERS,
    MAX_RATIO,
    MAX_RECORDING_BYTES,
    MAX_TOTAL_BYTES,
)
from tests.support.repo import BUNDLED_ROUTINES, REPO

DOC_PATH = REPO / "docs" / "writing-routines.md"
LINES = DOC_PATH.read_text(encoding="utf-8").split("\n")
MARKER_RE = re.compile(r"^<!-- (.+?) -->$")
KNOWN_MARKERS = re.compile(
    r"^(file: [a-z0-9-]+\.yaml|written: [a-z0-9-]+\.yaml|broken example|as: student|exit: \d)$"
)
PROMPT = "$ breathe "


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    lang: str
    text: str
    markers: tuple[str, ...]

    def marker(self, prefix: str) -> str | None:
        for marker in self.markers:
            if marker.startswith(prefix):
                return marker.removeprefix(prefix)
        return None

    @property
    def where(self) -> str:
        return f"docs/writing-routines.md:{self.line}"


def extract_blocks() -> list[Block]:
    blocks = []
    index = 0
    while index < len(LINES):
        if not LINES[index].startswith("```"):
            index += 1
            continue
        markers: list[str] = []
        above = index - 1
        while above >= 0 and (match := MARKER_RE.match(LINES[above])):
            markers.insert(0, match.group(1))
            above -= 1
        end = LINES.index("```", index + 1)
        text = "".join(line + "\n" for line in LINES[index + 1 : end])
        blocks.append(Block(index + 1, LINES[index][3:].strip(), text, tuple(markers)))
        index = end + 1
    return blocks


BLOCKS = extract_blocks()


def test_the_document_is_what_the_replay_expects() -> None:
    """Guards the extraction: if it silently found nothing, the replay would prove nothing."""
    commands = [block for block in BLOCKS if block.text.startswith(PROMPT)]
    assert len(commands) >= 18
    assert sum("broken example" in block.markers for block in BLOCKS) >= 9
    assert any(block.marker("as: ") == "student" for block in commands)
    assert {"new", "validate", "show", "export", "import"} <= {
        shlex.split(block.text.split("\n", 1)[0])[2] for block in commands
    }
    for block in BLOCKS:
        for marker in block.markers:
            assert KNOWN_MARKERS.match(marker), f"{block.where}: unknown marker {marker!r}"
        if block.lang == "yaml":
            assert block.marker("file: ") or block.marker("written: "), (
                f"{block.where}: a yaml block is a file the teacher saves, or one breathe wrote"
            )
        assert block.lang in ("yaml", "text", "sh"), block.where


def test_limits_and_kinds_quoted_in_prose() -> None:
    text = "\n".join(LINES)
    assert f"more than {MAX_MEMBERS} members" in text
    assert MAX_CUE_BYTES == 8 * 1024 * 1024 and "a cue sound over 8 MiB" in text
    assert f"a recording (`say:`) over {round(MAX_RECORDING_BYTES / 2**20)} MiB" in text
    assert f"more than {round(MAX_TOTAL_BYTES / 2**20)} MiB in all" in text
    assert f"compressed more than {MAX_RATIO} times" in text
    assert "a routine over 1 MiB" in text
    for kind in KINDS:
        if kind != "mixed":
            assert f"--kind {kind}" in text


class Computer:
    """A home folder, where commands run, and what they print."""

    def __init__(self, home: Path, cwd: Path) -> None:
        self.home = home
        self.cwd = cwd
        cwd.mkdir(parents=True)

    def run(
        self, command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> tuple[int, str, str]:
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.delenv("XDG_DATA_HOME", raising=False)
        monkeypatch.chdir(self.cwd)
        argv = [
            os.path.expanduser(arg) if arg.startswith("~") else arg  # as the shell does
            for arg in shlex.split(command.removeprefix("$ "))[1:]
        ]
        capsys.readouterr()
        status = main(argv)
        printed = capsys.readouterr()
        home = str(self.home)
        return status, printed.out.replace(home, "~"), printed.err.replace(home, "~")


def lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").split("\n")]


def test_the_tutorial_replays_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")  # the width tables are drawn at
    for variable in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "NO_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    teacher = Computer(tmp_path / "teacher", tmp_path / "teacher/.local/share/breathe/routines")
    student = Computer(tmp_path / "student", tmp_path / "student/Downloads")
    checked = 0
    for block in BLOCKS:
        name = block.marker("file: ")
        if name:
            (teacher.cwd / name).write_text(block.text, encoding="utf-8")
            catalog = Catalog.load(BUNDLED_ROUTINES, teacher.cwd)
            refusal: RoutineFileError | None = None
            try:
                routine = parse_routine(
                    block.text.encode(), name, name.removesuffix(".yaml"), teacher.cwd / name
                )
                compile_timeline(routine, catalog.resolve_include)
            except RoutineFileError as error:
                refusal = error
            broken = "broken example" in block.markers
            assert (refusal is not None) == broken, f"{block.where}: {refusal or 'not refused'}"
            checked += 1
        written = block.marker("written: ")
        if written:
            assert (teacher.cwd / written).read_text(encoding="utf-8") == block.text, (
                f"{block.where}: this is not the file breathe wrote"
            )
            checked += 1
        if block.lang == "text" and block.text.startswith(PROMPT):
            computer = student if block.marker("as: ") == "student" else teacher
            if computer is student:  # the mail has arrived
                for sent in teacher.home.glob("*.zip"):
                    shutil.copy(sent, student.cwd / sent.name)
            command, _, expected = block.text.partition("\n")
            status, out, err = computer.run(command, monkeypatch, capsys)
            assert err == "", f"{block.where}: {command} wrote to stderr: {err}"
            assert lines(out) == lines(expected), f"{block.where}: {command} printed:\n{out}"
            assert status == int(block.marker("exit: ") or 0), f"{block.where}: status {status}"
            checked += 1
    assert checked >= 35
