"""Shared fixtures: every test gets its own user folders, and real files on disk."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.support.clock import FakeClock
from tests.support.repo import WriteRoutine


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point platformdirs (XDG on Linux) at a fresh folder, so no test sees real user files."""
    home = tmp_path_factory.mktemp("home")
    for variable, folder in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def user_routines(isolated_user_dirs: Path) -> Path:
    """The (isolated) user routine folder, created."""
    folder = isolated_user_dirs / "data" / "breathe" / "routines"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def write_routine(tmp_path: Path) -> WriteRoutine:
    """Write YAML text (dedented) to a file and return its path.

    `write_routine("name", text)` writes tmp_path/name.yaml; `folder=` writes elsewhere.
    """

    def write(name: str, text: str, folder: Path | None = None) -> Path:
        target = (folder or tmp_path) / (
            name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return target

    return write


@pytest.fixture
def clock() -> FakeClock:
    """The one fake clock: whole milliseconds, moving only when a test says so."""
    return FakeClock()
