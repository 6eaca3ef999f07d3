"""A routine written only to be included (`part: true`: an opening, a closing) is not
listed on its own (`breathe list`, the library), yet is found by name, included and played;
imported, it stays a part."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES

ARRIVE = "title: Arrive\npart: true\nsteps:\n  - rest: Arrive\n    duration: 1m\n"
MORNING = "title: Morning\nsteps:\n  - include: arrive\n  - rest: Sit\n    duration: 2m\n"


@pytest.fixture(autouse=True)
def teacher(user_routines: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (user_routines / "arrive.yaml").write_text(ARRIVE, encoding="utf-8")
    (user_routines / "morning.yaml").write_text(MORNING, encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    return user_routines


def printed(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def names_listed(out: str) -> set[str]:
    return {line.split()[0] for line in out.splitlines()[1:] if line.strip()}


def test_a_part_is_not_listed_but_said_to_be_left_out(capsys: pytest.CaptureFixture[str]) -> None:
    out = printed(capsys, "list")
    assert "morning" in names_listed(out)
    assert "arrive" not in {line.split()[0] for line in out.splitlines()[1:-1] if line.strip()}
    assert out.splitlines()[-1] == (
        "Not listed on their own: arrive (a part of other routines, `part: true`)"
    )


def test_list_json_gives_every_routine_with_parts_marked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = {row["name"]: row for row in json.loads(printed(capsys, "list", "--json"))}
    assert rows["arrive"]["part"] is True
    assert rows["morning"]["part"] is False


def test_a_part_is_found_shown_and_included(
    capsys: pytest.CaptureFixture[str], teacher: Path
) -> None:
    shown = printed(capsys, "show", "arrive").splitlines()
    assert shown[2] == "a part of other routines, not listed on its own"
    assert "Total 3:00" in printed(capsys, "show", "morning")
    catalog = Catalog.load(BUNDLED_ROUTINES, teacher)
    assert "arrive" not in [entry.name for entry in catalog.sorted_entries()]
    assert [entry.name for entry in catalog.parts()] == ["arrive"]
    assert catalog.find("arrive").part


def test_imported_a_part_stays_a_part(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    printed(capsys, "export", "morning", "-o", "morning.zip")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "student"))  # another computer
    printed(capsys, "import", "morning.zip")
    student = tmp_path / "student" / "breathe" / "routines"
    assert (student / "arrive.yaml").read_text(encoding="utf-8") == ARRIVE
    out = printed(capsys, "list")
    assert "morning" in names_listed(out)
    assert out.splitlines()[-1].startswith("Not listed on their own: arrive ")


def test_part_is_true_or_false(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("yes.yaml").write_text(ARRIVE.replace("true", "yes"), encoding="utf-8")
    Path("false.yaml").write_text(ARRIVE.replace("true", "false"), encoding="utf-8")
    assert main(["validate", "yes.yaml", "false.yaml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "yes.yaml:2:7: part: `yes` is not `true` or `false`; write `part: true`"
    )
