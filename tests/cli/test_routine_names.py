"""Every command that takes a routine (or program) name takes it as people type it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.library.state import active_program


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("typed", "title"),
    [("4-7-8", "4-7-8 breathing"), ("box", "Box breathing"), ("sigh", "Physiological sigh")],
)
def test_show_takes_a_unique_start_or_some_words(
    capsys: pytest.CaptureFixture[str], typed: str, title: str
) -> None:
    code, out, err = run(capsys, "show", typed)
    assert (code, err) == (0, "")
    assert out.startswith(title)


def test_render_export_and_new_take_them_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "render", "4-7-8", "--list", "--voice", "off")
    assert code == 0 and "4-7-8" in out
    code, _, err = run(capsys, "export", "box", "-o", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    assert (tmp_path / "out" / "box-breathing.yaml").is_file()
    code, _, err = run(capsys, "new", "My box", "--from", "box", "-o", str(tmp_path / "mine.yaml"))
    assert (code, err) == (0, "")
    assert "title: My box" in (tmp_path / "mine.yaml").read_text()


def test_program_start_takes_a_start_of_the_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "program", "start", "circulation")
    assert (code, err) == (0, "")
    active = active_program()
    assert active is not None
    assert (active.name, active.started) == ("circulation-60-day", date.today())


def test_several_matches_are_a_usage_error_listing_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "play", "coherent")
    assert (code, out) == (2, "")
    assert err == (
        "breathe: play: `coherent` names more than one routine: it could be "
        "`coherent-breathing` or `coherent-breathing-beginner`; type more of the name\n"
    )


def test_unknown_names_keep_their_exit_code_and_suggest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "play", "4-7-8-breathng")
    assert code == 2
    assert (
        err
        == "breathe: play: no routine is named `4-7-8-breathng`; did you mean `4-7-8-breathing`?\n"
    )
    code, _, err = run(capsys, "show", "boxx")
    assert code == 2 and "did you mean `box-breathing`?" in err
    code, _, err = run(capsys, "show", "walking on water")
    assert code == 2
    assert err.endswith(
        "no routine is named `walking on water`; `breathe list` shows the routines there are\n"
    )
