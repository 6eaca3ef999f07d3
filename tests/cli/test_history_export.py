"""`breathe history --json`, `--csv` and, piped, `--all` write each session as they read
it: what they hold in memory does not grow with the history (at 100,000 sessions the whole
list and its text took 440 MiB, Rich's table of it 467 MiB), and the text is the same as
the whole list dumped (or Rich's table printed) at once."""

from __future__ import annotations

import json
import sqlite3
import sys
import tracemalloc
from contextlib import closing
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.history.store import open_history
from breathe.library.locations import history_path


class CountingSink:
    """Standard output that keeps nothing: only how many characters were written, so that
    what the export holds is all the memory measured."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)

    def flush(self) -> None:
        pass


def record_sessions(count: int) -> Path:
    """`count` sessions in the user's history file, written with SQL as any program could
    (the schema made by breathe), every third of a program with a ticked checklist."""
    path = history_path()
    store = open_history(path)
    assert store is not None
    store.close()
    rows = [
        (
            f"routine-{index % 40}",
            f"Routine number {index % 40}",
            f"2025-{1 + index % 12:02d}-{1 + index % 28:02d}T07:{index % 60:02d}:00+01:00",
            300_000 if index % 4 else 20_000,
            "finished" if index % 4 else "stopped",
            "nerve" if index % 3 == 0 else None,
            1 + index % 60 if index % 3 == 0 else None,
        )
        for index in range(count)
    ]
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "INSERT INTO sessions (routine, title, started_at, practised_ms, ended, steps_done, "
            "steps_total, program, day, updated_at) VALUES (?, ?, ?, ?, ?, 4, 4, ?, ?, '')",
            rows,
        )
        db.execute(
            "INSERT OR IGNORE INTO checklist (date, program, item, ticked_at) "
            "VALUES ('2025-01-01', 'nerve', 'Water', '')"
        )
    return path


def export_peak(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, int]:
    """The peak memory Python allocated while exporting, and the characters written."""
    sink = CountingSink()
    monkeypatch.setattr(sys, "stdout", sink)
    tracemalloc.start()
    try:
        assert main(["history", *args]) == 0
        return tracemalloc.get_traced_memory()[1], sink.written
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("form", ["--json", "--csv", "--all"])
def test_an_export_holds_as_much_for_five_times_the_sessions(
    monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path, form: str
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    record_sessions(600)
    export_peak(monkeypatch, form)  # the modules it imports, once, out of the measure
    small, small_text = export_peak(monkeypatch, form)
    record_sessions(2_400)
    large, large_text = export_peak(monkeypatch, form)
    assert large_text > 4.5 * small_text  # five times the sessions were written
    # The whole list (and, for JSON, its whole text) grew fivefold with it.
    assert large < 1.5 * small, (small, large)


def test_the_json_export_is_the_whole_list_dumped_at_once(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    assert main(["history", "--json"]) == 0
    assert capsys.readouterr().out == "[]\n"  # nothing recorded yet
    record_sessions(1_234)
    assert main(["history", "--json"]) == 0
    out = capsys.readouterr().out
    sessions = json.loads(out)
    assert len(sessions) == 1_234
    assert out == json.dumps(sessions, indent=2, ensure_ascii=False) + "\n"
    assert sessions[0]["checklist"] == ["Water"] and sessions[1]["checklist"] == []
    assert main(["history", "--json", "--limit", "1"]) == 0
    (last,) = json.loads(capsys.readouterr().out)
    assert last == sessions[-1]


def test_the_piped_table_is_rich_s_table_a_row_at_a_time(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    """The columns as Rich laid them out: padded to their widest cell by the cells a
    character takes (呼 takes two), the times and steps to the right, two spaces between
    columns, no trailing spaces; PROGRAM only when a session has one."""
    path = record_sessions(2)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute(
            "INSERT INTO sessions (routine, title, started_at, practised_ms, ended, steps_done, "
            "steps_total, tempo, updated_at) VALUES ('zh', '呼吸 練習', "
            "'2026-12-07T09:00:00+01:00', 3661000, 'finished', 10, 12, 1.25, '')"
        )
    assert main(["history", "--limit", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[:3] == [
        "WHEN              ROUTINE                 PRACTISED  STEPS  ENDED",
        "2025-02-02 07:01  Routine number 1             5:00    4/4  finished",
        "2026-12-07 09:00  呼吸 練習  tempo 1.25×    1:01:01  10/12  finished",
    ]
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[-1] == "PROGRAM"
    assert lines[1] == (
        "2025-01-01 07:00  Routine number 0             0:20    4/4  stopped · not counted  "
        "nerve day 1"
    )
