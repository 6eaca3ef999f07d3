"""Shared fixtures: every test gets its own user folders, and real files on disk."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.clock import FakeClock
from tests.support.repo import REPO, WriteRoutine


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


# -- stored snapshots that no test uses --------------------------------------------------------
# syrupy fails a run that leaves a stored snapshot unused, but not under pytest-xdist (each
# worker sees only its share of the tests; syrupy 4.8 leaves the check out there). The
# controller learns every test id the workers collected, so on a whole run (README's
# command, CI's) it makes the same check: each SVG in tests/app/__snapshots__/<module>/
# must be named after a test of <module> (its id, parameters included).

STORED_SNAPSHOTS = REPO / "tests" / "app" / "__snapshots__"
_COLLECTED: set[str] = set()


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: object, ids: Sequence[str]) -> None:
    _COLLECTED.update(ids)


def unused_snapshots(collected: set[str]) -> list[Path]:
    """The stored SVGs named after no collected test."""
    return [
        svg
        for svg in sorted(STORED_SNAPSHOTS.glob("*/*.svg"))
        if f"tests/app/{svg.parent.name}.py::{svg.stem}" not in collected
    ]


def _whole_run(config: pytest.Config) -> bool:
    """The suite as README runs it: every test path, nothing chosen with -k or -m."""
    chosen = config.option.keyword or config.option.markexpr or config.option.deselect
    return not chosen and config.args == list(config.getini("testpaths"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _COLLECTED or not _whole_run(session.config):  # not xdist's controller
        return
    unused = unused_snapshots(_COLLECTED)
    if unused:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"{len(unused)} stored snapshots unused (no test has their names): "
                + ", ".join(str(path.relative_to(REPO)) for path in unused),
                red=True,
            )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
