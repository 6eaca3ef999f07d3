"""Several breathes at once on one user's files, as real processes and threads: the state
file (program, notice) and the history (sessions, checklist ticks) lose nothing to each
other.

Issue 12's outside test ran four `breathe play` sharing one HOME beside 2,330 `breathe
program tick`/`untick`, killing some plays with SIGKILL: one session of 38 had no row and
one tick was missing. Two ways to lose a change were found: the state file was read,
changed and written back with no lock (two changes at once: the second undid the first),
and the history was checked, as it was opened, a statement at a time, so a history that
another breathe was creating could be refused as "not a breathe history". That refusal is
looked at again for half a second; had a busy machine used the half second up, that
session would have gone unrecorded (the app says so) and that tick failed (exit 1).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from breathe.history import store
from breathe.history.store import HistoryError, open_history
from breathe.library.state import load_state

PROCESSES = 4
CHANGES_EACH = 40

# One breathe process changing the state file CHANGES_EACH times: adds 1 to a key of its
# own (kept as a key of a newer breathe would be), as `program start` or dismissing the
# notice change theirs.
COUNTER = textwrap.dedent(
    """
    import sys
    from dataclasses import replace
    from pathlib import Path

    from breathe.library.state import update_state

    path, key, times = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    sys.stdin.readline()  # all start together
    for _ in range(times):
        update_state(
            lambda state: replace(state, other={**state.other, key: state.other.get(key, 0) + 1}),
            path,
        )
    """
)


@pytest.mark.slow
def test_changes_to_the_state_from_processes_at_once_are_all_kept(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.json"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, str(path), f"count{number}", str(CHANGES_EACH)],
            stdin=subprocess.PIPE,
        )
        for number in range(PROCESSES)
    ]
    for process in processes:
        assert process.stdin is not None
        process.stdin.write(b"go\n")
        process.stdin.close()
    for process in processes:
        assert process.wait(timeout=120) == 0
    counts = load_state(path).other
    assert counts == {f"count{number}": CHANGES_EACH for number in range(PROCESSES)}
    assert sorted(file.name for file in path.parent.iterdir()) == ["state.json"]


def test_a_history_another_breathe_is_creating_is_never_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hundred times: one thread creates a history (as the first breathe to record does)
    while another opens it as soon as the file is there. With no patience for a refusal
    (on a busy machine the patience can run out before a second look), every look must
    find it usable. Looked at a statement at a time, about one creation in five was
    refused here."""
    monkeypatch.setattr(store, "INSPECT_PATIENCE_S", 0.0)
    refused: list[str] = []
    for attempt in range(100):
        path = tmp_path / str(attempt) / "history.sqlite3"
        created = threading.Event()

        def create(path: Path = path, created: threading.Event = created) -> None:
            store = open_history(path)
            assert store is not None
            with store:
                created.set()

        creating = threading.Thread(target=create)
        creating.start()
        while not created.is_set() and not refused:
            try:
                looked = open_history(path, create=False)
            except HistoryError as error:
                refused.append(str(error))
            else:
                if looked is not None:
                    looked.close()
        creating.join(timeout=30)
        if refused:
            break
    assert refused == []
