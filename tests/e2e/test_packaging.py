"""The built wheel carries the package, the routines, the sounds and the guides, and a real
(not editable) install of it finds the bundled routines, and every guide breathe names."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.repo import REPO

# One worker builds the wheel once for all of them (pytest-xdist, --dist loadgroup).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("breathe_tui-*.whl")
    return built


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    package_files = {
        f"breathe/{path.relative_to(REPO / 'breathe').as_posix()}"
        for path in (REPO / "breathe").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert package_files <= names, sorted(package_files - names)
    for folder in ("routines", "sounds", "docs"):
        shipped = {p.name for p in (REPO / folder).iterdir() if p.is_file() and p.suffix != ".py"}
        prefix = f"breathe/_bundled/{folder}/"
        inside = {n.removeprefix(prefix) for n in names if n.startswith(prefix)}
        assert shipped and shipped == {n for n in inside if "/" not in n}, folder
    programs = {p.name for p in (REPO / "routines" / "programs").glob("*.yaml")}
    assert programs and {f"breathe/_bundled/routines/programs/{p}" for p in programs} <= names
    assert "breathe/schemas/program.schema.json" in names
    assert "breathe/schemas/routine.schema.json" in names
    assert "breathe/ui/screens/session.tcss" in names
    assert not any(name.startswith("breathe/_bundled/") and name.endswith(".py") for name in names)
    assert not any(name.startswith(("tests/", "benchmarks/", "docs/")) for name in names)
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "Name: breathe-tui" in text
    assert "Provides-Extra: audio" in text
    assert "Requires-Dist: simpleaudio" in text and "extra == 'audio'" in text
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "breathe = breathe.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_wheel_finds_its_bundled_routines(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "XDG_DATA_HOME": str(tmp_path / "data")}

    def python(*args: str) -> str:
        """What the installed breathe prints, run from a folder outside the repository."""
        return subprocess.run(
            [sys.executable, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=elsewhere,
            check=True,
            timeout=60,
        ).stdout

    def breathe(*args: str) -> str:
        return python("-m", "breathe", *args)

    where = python(
        "-c",
        "import breathe, breathe.library.locations as l; print(breathe.__file__); "
        "print(l.bundled_routines_dir())",
    ).splitlines()
    assert Path(where[0]).is_relative_to(target)
    assert Path(where[1]) == target / "breathe" / "_bundled" / "routines"

    rows = json.loads(breathe("list", "--json"))
    expected = {p.stem for p in (REPO / "routines").glob("*.yaml")}
    assert {row["name"] for row in rows} == expected
    assert all(row["ok"] and row["source"] == "bundled" for row in rows)
    assert all(Path(row["path"]).is_relative_to(target) for row in rows)

    # Every guide breathe names (in --help, and in the file `breathe new` writes) is there.
    breathe("new", "mine", "-o", str(elsewhere))
    named = breathe("--help") + breathe("program", "--help") + (elsewhere / "mine.yaml").read_text()
    named = " ".join(named.split())  # --help wraps its lines
    assert not re.findall(r"[\w/.-]+\.md\b", named)  # no path into a source tree
    guides = set(re.findall(r"breathe docs ([\w-]+)", named))
    assert guides == {"routines", "programs", "writing-routines"}
    for guide in guides:
        path = Path(breathe("docs", guide, "--path").strip())
        assert path.is_relative_to(target)
        assert path.read_bytes() == (REPO / "docs" / f"{guide}.md").read_bytes()
        assert breathe("docs", guide) == path.read_text(encoding="utf-8")
    listing = breathe("docs")
    assert all(guide in listing for guide in guides)
