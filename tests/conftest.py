"""Shared fixtures: every test gets its own user folders, and real files on disk."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from breathe.audio.playback import simpleaudio_runs_here

REPO = Path(__file__).resolve().parent.parent
BUNDLED_ROUTINES = REPO / "routines"
# A frozen copy of one bundled routine for snapshot tests: a library snapshot must not
# change whenever a routine is added to or edited in routines/.
SNAPSHOT_ROUTINES = REPO / "tests" / "snapshot_routines"

# For tests of what breathe says when simpleaudio is missing: on Python 3.12 and newer it
# says instead that simpleaudio crashes there (tests/test_audio.py checks that).
where_simpleaudio_runs = pytest.mark.skipif(
    not simpleaudio_runs_here(), reason="simpleaudio crashes Python 3.12 and newer"
)

WriteRoutine = Callable[..., Path]


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
