"""`breathe docs`: the guides breathe names (in --help, in the files `breathe new` writes)
are printed by a command, from the folder an installation carries (tests/e2e/test_packaging.py
checks a real wheel install)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.library.locations import bundled_docs_dir
from tests.support.repo import REPO


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_docs_lists_prints_and_locates_each_guide(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "docs")
    assert code == 0
    names = [line.split()[0] for line in out.splitlines()[1:-1]]
    assert names == ["programs", "routines", "writing-routines"]
    assert "routines          Writing routines for breathe" in out
    assert out.splitlines()[-1] == (
        f"`breathe docs NAME` prints one; the files are in {bundled_docs_dir()}"
    )
    for name in names:
        assert run(capsys, "docs", name) == (0, (REPO / "docs" / f"{name}.md").read_text(), "")
        code, out, _ = run(capsys, "docs", f"{name}.md", "--path")
        assert (code, Path(out.strip())) == (0, bundled_docs_dir() / f"{name}.md")
    code, _, err = run(capsys, "docs", "routine")
    assert code == 2
    assert err == (
        "breathe: docs: no guide named `routine`; the guides are: programs, routines, "
        "writing-routines\n"
    )


def test_what_breathe_names_is_a_guide_it_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = ""
    for args in (["--help"], ["program", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        named += capsys.readouterr().out
    assert run(capsys, "new", "mine", "-o", str(tmp_path))[0] == 0
    named += (tmp_path / "mine.yaml").read_text()
    named = " ".join(named.split())
    assert not re.findall(r"[\w/.-]+\.md\b", named)  # a path into the source tree
    guides = set(re.findall(r"breathe docs ([\w-]+)", named))
    assert guides == {"routines", "programs", "writing-routines"}
    for guide in guides:
        assert run(capsys, "docs", guide, "--path")[0] == 0
