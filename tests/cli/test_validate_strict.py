"""Warnings are not errors: they leave `breathe validate`'s exit status 0 unless --strict
asks for them to fail (CI that wants every warning dealt with), and JSON gives every
problem and warning its severity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from breathe.cli import main
from tests.cli.test_validate_voice import RUSHED

GOOD = "title: Good\nsteps:\n  - rest: Rest\n    duration: 1m\n"
BROKEN = "title: Broken\nsteps:\n  - rest: Rest\n    duration: 0s\n"


@pytest.fixture(autouse=True)
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, text in (("rushed", RUSHED), ("good", GOOD), ("broken", BROKEN)):
        (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["rushed.yaml"], 0),
        (["--strict", "rushed.yaml"], 1),
        (["--strict", "good.yaml"], 0),
        (["--strict", "--format", "json", "rushed.yaml"], 1),
        (["--format", "json", "rushed.yaml"], 0),
        (["broken.yaml"], 1),
    ],
)
def test_only_strict_makes_warnings_fail(
    args: list[str], status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", *args]) == status
    capsys.readouterr()


def test_strict_output_is_the_same_lines(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", "rushed.yaml"])
    lenient = capsys.readouterr().out
    main(["validate", "--strict", "rushed.yaml"])
    assert capsys.readouterr().out == lenient


def test_json_gives_each_problem_and_warning_its_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "--format", "json", "broken.yaml", "rushed.yaml"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert [item["severity"] for item in document["problems"]] == ["error"]
    assert [item["severity"] for item in document["warnings"]] == ["warning", "warning"]
    assert document["problems"][0]["path"] == "broken.yaml"
    assert document["warnings"][0]["path"] == "rushed.yaml"


def test_help_says_what_strict_does(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "--strict" in capsys.readouterr().out
