"""README.md stays true: its table of bundled routines lists each one with its real length."""

from __future__ import annotations

import re

from breathe.core.durations import format_clock
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES, REPO

ROW = re.compile(r"^\| `([\w-]+)` \| ([\d:]+) \| ([\w ]+) \| .+ \|$", re.MULTILINE)


def test_the_readme_lists_every_bundled_routine_with_its_length_and_level() -> None:
    section = REPO.joinpath("README.md").read_text(encoding="utf-8").split("## What's inside")[1]
    rows = {name: (length, level) for name, length, level in ROW.findall(section)}
    catalog = Catalog.load(BUNDLED_ROUTINES, REPO / "no-such-user-folder")
    actual = {}
    for entry in catalog.sorted_entries():
        assert entry.routine is not None, entry.problems
        level = str(entry.routine.level or "")
        actual[entry.name] = (format_clock(catalog.timeline(entry).total_ms), level)
    assert rows == actual
