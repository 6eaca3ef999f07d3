"""The history file as another process would open it while the app runs: what a test puts
in before the app starts, or reads back after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from breathe.history.store import HistoryStore, open_history


@contextmanager
def history_at(path: Path, *, create: bool = True) -> Iterator[HistoryStore]:
    """The history at `path`, open for the `with` block and closed after it; created unless
    `create` is false, and then it must already be there (something was recorded)."""
    store = open_history(path, create=create)
    assert store is not None, f"no history at {path}"
    with store:
        yield store
