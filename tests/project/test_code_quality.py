"""Ruff (lint and format) over the whole tree; mypy --strict over the package and its tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.repo import REPO


def assert_passes(command: list[str], *, timeout: float) -> None:
    """Run a checker over the repository; it must exit 0 (its output is the failure)."""
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _tool(name: str) -> str:
    """The tool installed beside this interpreter (the test extra), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it is part of the test extra")
    return found


@pytest.mark.parametrize(
    "args",
    [["check", "--no-cache", "."], ["format", "--check", "--no-cache", "."]],
    ids=["ruff-check", "ruff-format"],
)
def test_ruff(args: list[str]) -> None:
    assert_passes([_tool("ruff"), *args], timeout=120)


def test_mypy_strict_on_the_package_its_tests_and_benchmarks() -> None:
    assert_passes([sys.executable, "-m", "mypy", "--no-incremental"], timeout=300)
