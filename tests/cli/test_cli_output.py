"""Command output as it reaches a pipe and a narrow terminal: tables keep every name, path
and `file:line:col` whole, and no line ends in the spaces Rich pads table cells with."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.history.store import Ended, NewSession, open_history
from breathe.library.locations import history_path, user_programs_dir
from tests.support.repo import BUNDLED_ROUTINES

PROGRAM = "circulation-60-day"
LONG = "circulation-and-nerve-recovery"  # the longest bundled routine name
ROUTINES = sorted(path.stem for path in BUNDLED_ROUTINES.glob("*.yaml"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


@pytest.fixture
def practised(isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An active program, a 12-second session of it yesterday, and a broken program file."""
    store = open_history(history_path())
    assert store is not None
    with store:
        at = datetime.now().astimezone() - timedelta(days=1)
        session = store.start_session(
            NewSession(LONG, "Circulation and nerve recovery", "ff" * 32, at, 4, 1.0, PROGRAM, 1)
        )
        store.update_session(session, practised_ms=12_000, steps_done=4, ended=Ended.FINISHED)
    (user_programs_dir(create=True) / "p1.yaml").write_text("title: x\nlength_days: nope\n")
    run(capsys, "program", "start", PROGRAM)


def assert_no_trailing_spaces(out: str) -> None:
    assert [line for line in out.splitlines() if line != line.rstrip()] == []


def first_words(out: str) -> set[str]:
    return {line.split()[0] for line in out.splitlines() if line.strip()}


def test_piped_tables_keep_names_whole_and_lines_unpadded(
    capsys: pytest.CaptureFixture[str], practised: None
) -> None:
    listed = run(capsys, "list")
    assert set(ROUTINES) <= first_words(listed)  # each name whole at the start of its row
    (row,) = [line for line in listed.splitlines() if line.startswith(LONG)]
    assert "Daily gentle movement and slow breathing" in row
    assert "yoga, circulation, nerves" in row

    programs = run(capsys, "program", "list")
    assert {PROGRAM, "p1"} <= first_words(programs)
    # The broken file's location and problem on one line of their own, under the table.
    assert any(
        line.startswith(f"{user_programs_dir()}/p1.yaml:1:1: ") for line in programs.splitlines()
    )

    history = run(capsys, "history")
    (row,) = [line for line in history.splitlines() if "finished" in line]
    assert "Circulation and nerve recovery" in row and f"{PROGRAM} day 1" in row

    status = run(capsys, "program", "status")
    assert {"belly-breathing", "extended-exhale"} <= set(status.split())  # day 1's routines
    for out in (listed, programs, history, status, run(capsys, "stats"), run(capsys, "show", LONG)):
        assert_no_trailing_spaces(out)


def test_stats_counts_seconds_and_one_session(
    capsys: pytest.CaptureFixture[str], practised: None
) -> None:
    stats = run(capsys, "stats")
    assert "12 s in 1 session (1 finished) on 1 day" in stats
    (last_30,) = [line for line in stats.splitlines() if line.startswith("Last 30 days")]
    assert "█" not in last_30  # 12 seconds is a low bar, not a full one
    assert "1 session, 12 s practised." in run(capsys, "history")


def test_a_narrow_terminal_wraps_titles_but_keeps_names_whole(
    capsys: pytest.CaptureFixture[str], practised: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich treats the capture as a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "60")
    listed = run(capsys, "list")
    assert set(ROUTINES) <= first_words(listed)
    assert "TAGS" not in listed  # no room: the titles need it more
    assert max(len(line) for line in listed.splitlines()) <= 60
    words = listed.split()
    assert "Daily" in words and "breathing" in words  # wrapped between words
    programs = run(capsys, "program", "list")
    assert {PROGRAM, "p1"} <= first_words(programs)
    assert any(
        line.startswith(f"{user_programs_dir()}/p1.yaml:1:1: ") for line in programs.splitlines()
    )
    history = run(capsys, "history")
    assert PROGRAM in history.split() and "Circulation" in history.split()
    for out in (listed, programs, history):
        assert_no_trailing_spaces(out)
