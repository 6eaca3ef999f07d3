"""Imports point down the layers, and the core imports without textual or simpleaudio.

The contracts are in pyproject.toml ([tool.importlinter]); `lint-imports` checks them with
lazy imports too. The run-time check below proves what they cannot: importing the core
really leaves the UI and audio packages unloaded.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib

import pytest

from tests.project.test_code_quality import assert_passes
from tests.support.repo import REPO

# `lint-imports`, run by this Python whichever folder its scripts are in.
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports_command; "
    "sys.exit(lint_imports_command())"
)


def test_import_contracts_hold() -> None:
    assert_passes([sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo"], timeout=120)


def _layered_containers() -> list[tuple[str, list[str]]]:
    """The packages whose own modules a `layers` contract orders, with the modules named."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return [
        (container, [name.strip() for layer in contract["layers"] for name in layer.split("|")])
        for contract in config["tool"]["importlinter"]["contracts"]
        if contract["type"] == "layers"
        for container in contract.get("containers", ())
    ]


@pytest.mark.parametrize(("container", "named"), _layered_containers())
def test_every_module_of_a_layered_package_has_its_layer(container: str, named: list[str]) -> None:
    """A module left out of its package's layers contract may import any other: each is
    placed, so a new module is placed too (import-linter passes over the unnamed)."""
    folder = REPO.joinpath(*container.split("."))
    modules = {
        path.stem if path.is_file() else path.name
        for path in folder.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()
    }
    assert sorted(modules - set(named)) == []
    assert sorted(set(named) - modules) == []


CORE = [
    "breathe.core.problems",
    "breathe.core.durations",
    "breathe.core.model",
    "breathe.format.yaml_source",
    "breathe.format.spec",
    "breathe.format.routine_spec",
    "breathe.format.loader",
    "breathe.format.schema",
    "breathe.core.timeline",
    "breathe.core.engine",
    "breathe.library.catalog",
    "breathe.library.locations",
    "breathe.core.program",
    "breathe.format.program_spec",
    "breathe.library.program_catalog",
    "breathe.library.state",
    "breathe.library.safety",
    "breathe.format.wav",
    "breathe.audio.cues",
    "breathe.library.routine_sounds",
    "breathe.library.settings",
    "breathe.library.scaffolds",
    "breathe.library.watch",
    "breathe.library.sharing",
    "breathe.history",
    "breathe.history.store",
    "breathe.history.recorder",
    "breathe.history.stats",
]
FORBIDDEN = ["textual", "simpleaudio", "rich"]


def test_core_imports_without_ui_or_audio_packages() -> None:
    script = textwrap.dedent(
        f"""
        import importlib, importlib.abc, sys

        class Refuse(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {FORBIDDEN!r}:
                    raise ImportError(f"core imported {{name}}")
                return None

        sys.meta_path.insert(0, Refuse())
        for module in {CORE!r}:
            importlib.import_module(module)
        leaked = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
        assert not leaked, leaked
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_guard_itself_catches_a_ui_import() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import importlib.abc, sys\n"
            "class R(importlib.abc.MetaPathFinder):\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] == 'textual': raise ImportError(name)\n"
            "sys.meta_path.insert(0, R())\n"
            "import breathe.ui.app\n",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ImportError" in result.stderr
