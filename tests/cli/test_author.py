"""`author:` is shown where a routine is: `breathe show` (beside its level and feel),
`breathe list` (its own column, given up on a narrow terminal after the tags) and
`breathe list --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breathe.cli import main

BY_ANNA = (
    "title: Morning\nauthor: Anna Lee\nlevel: beginner\nsteps:\n  - rest: Sit\n    duration: 1m\n"
)
NO_AUTHOR = "title: Plain\nsteps:\n  - rest: Sit\n    duration: 1m\n"


@pytest.fixture(autouse=True)
def routines(user_routines: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (user_routines / "morning.yaml").write_text(BY_ANNA, encoding="utf-8")
    (user_routines / "plain.yaml").write_text(NO_AUTHOR, encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_show_names_the_author(capsys: pytest.CaptureFixture[str]) -> None:
    lines = printed(capsys, "show", "morning").splitlines()
    assert lines[2] == "by Anna Lee · beginner"
    assert not any(line.startswith("by ") for line in printed(capsys, "show", "plain").splitlines())


def test_list_has_an_author_column(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    lines = printed(capsys, "list").splitlines()
    assert lines[0].split() == ["NAME", "TITLE", "LENGTH", "AUTHOR", "TAGS", "SOURCE"]
    (morning,) = [line for line in lines if line.startswith("morning ")]
    assert "Anna Lee" in morning
    (box,) = [line for line in lines if line.startswith("box-breathing ")]
    assert " breathe " in box  # the bundled routines' author


def test_a_narrow_list_gives_up_tags_then_authors(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich treats the capture as a terminal
    headers = {}
    for width in (160, 80, 60):
        monkeypatch.setenv("COLUMNS", str(width))
        headers[width] = printed(capsys, "list").splitlines()[0].split()
    assert headers[160] == ["NAME", "TITLE", "LENGTH", "AUTHOR", "TAGS", "SOURCE"]
    assert headers[80] == ["NAME", "TITLE", "LENGTH", "AUTHOR", "SOURCE"]
    assert headers[60] == ["NAME", "TITLE", "LENGTH", "SOURCE"]


def test_list_json_gives_the_author(capsys: pytest.CaptureFixture[str]) -> None:
    rows = {row["name"]: row for row in json.loads(printed(capsys, "list", "--json"))}
    assert rows["morning"]["author"] == "Anna Lee"
    assert rows["plain"]["author"] is None
