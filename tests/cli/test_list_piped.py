"""`breathe list`, piped, writes its table without Rich (issue 18, scale): the bytes must be
the ones Rich's table gives, whatever the titles, authors and tags hold."""

from __future__ import annotations

from pathlib import Path

import pytest

import breathe.cli.listing
from breathe.cli import main

STEPS = "steps:\n  - rest: Sit\n    duration: 1m\n"


def routine(title: str, *, author: str = "", tags: str = "") -> str:
    lines = [f"title: {title}"]
    if author:
        lines.append(f"author: {author}")
    if tags:
        lines.append(f"tags: [{tags}]")
    return "\n".join(lines) + "\n" + STEPS


TRICKY = {
    "wide": routine("'呼吸 四・七・八'", author="山田 花子", tags="呼吸, 夜"),
    "emoji": routine("'Calm 🧘 down'", tags="🌙"),
    "accents": routine("'Café crème, naïve'", author="Zoë"),
    "combining": routine("'Cafe\u0301 combining'"),
    "markup": routine("'[draft] :tada: [bold]x[/bold]'", author="[me]"),
    "many-tags": routine("Tagged", tags=", ".join(f"tag-{n}" for n in range(40))),
    "broken": "title: Broken\nsteps: nope\n",
    "box-drawing": routine("'─ lines │ and — dashes'"),
}


def listed(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["list"]) == 0
    return capsys.readouterr().out


def rich_listed(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """What Rich prints for the same folder: the plain writer turned off."""
    with monkeypatch.context() as patch:
        patch.setattr(breathe.cli.listing, "plain_when_piped", lambda console: False)
        return listed(capsys)


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


@pytest.mark.parametrize(
    "names",
    [
        ["wide", "emoji", "accents", "combining", "markup", "box-drawing"],
        ["wide", "broken", "many-tags"],
        ["broken"],
        [],
    ],
    ids=["tricky-titles", "problems-and-tags", "only-a-problem", "only-bundled"],
)
def test_piped_list_is_riches_table(
    names: list[str],
    user_routines: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in names:
        (user_routines / f"{name}.yaml").write_text(TRICKY[name], encoding="utf-8")
    plain = listed(capsys)
    assert plain == rich_listed(capsys, monkeypatch)
    for name in names:
        assert any(line.startswith(f"{name} ") for line in plain.splitlines())


def test_a_row_too_wide_for_one_line_is_left_to_rich(
    user_routines: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A title, an author and tags at their longest, in characters two cells wide: wider
    than the piped width, so Rich folds the row over more lines."""
    title, author = "呼" * 80, "吸" * 100
    tags = ", ".join(f"{n:02d}" + "夜" * 28 for n in range(12))
    text = routine(f"'{title}'", author=author, tags=tags)
    (user_routines / "tagged.yaml").write_text(text, encoding="utf-8")
    plain = listed(capsys)
    assert plain == rich_listed(capsys, monkeypatch)
    assert any(line.startswith("tagged ") and title in line for line in plain.splitlines())
    assert any(line.startswith(" ") for line in plain.splitlines())  # folded on


def test_an_override_and_a_non_printable_title(
    user_routines: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (user_routines / "zwj.yaml").write_text(routine("'a\u200db joined'"), encoding="utf-8")
    (user_routines / "box-breathing.yaml").write_text(routine("Mine"), encoding="utf-8")
    plain = listed(capsys)
    assert plain == rich_listed(capsys, monkeypatch)
    assert "user (overrides bundled)" in plain
