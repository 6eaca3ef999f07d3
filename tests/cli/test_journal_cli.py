"""`breathe journal` on a real history file in an isolated user folder: add today's entry,
replace it (saying so), name one's own scale once, list, and export as CSV and JSON; the
words printed never interpret the numbers."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest

from breathe.cli import main
from breathe.history.journal import JournalEntry, short_date
from breathe.history.store import open_history
from breathe.library.locations import history_path

TODAY = date.today()
INTERPRETING = ("improv", "better", "worse", "progress", "trend")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def journal() -> list[JournalEntry]:
    store = open_history(history_path(), create=False)
    assert store is not None
    with store:
        return store.journal()


def test_listing_an_empty_journal_creates_no_file(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "journal")
    assert code == 0 and "No journal entries yet" in out
    assert not history_path().exists()


def test_add_notes_today_and_a_second_add_replaces_it_saying_so(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "journal", "add", "--numbness", "3", "--sleep", "10")
    assert code == 0
    assert f"Noted for {TODAY.isoformat()}: numbness 3, sleep 10." in out
    assert journal() == [JournalEntry(TODAY, {"numbness": 3, "sleep": 10})]
    code, out, _ = run(capsys, "journal", "add", "--cramps", "0")
    assert code == 0
    assert f"Replaced the entry for {TODAY.isoformat()} (it was: numbness 3, sleep 10)." in out
    assert journal() == [JournalEntry(TODAY, {"cramps": 0})]


def test_values_outside_0_to_10_and_an_empty_add_are_refused(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["journal", "add", "--sleep", "11"])
    assert exit_.value.code == 2
    assert "`11` is not a whole number from 0 to 10" in capsys.readouterr().err
    code, _, err = run(capsys, "journal", "add")
    assert code == 2 and "give at least one scale" in err
    assert not history_path().exists()


def test_the_own_scale_is_named_once_then_added_listed_and_exported(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "journal", "add", "--own", "4")
    assert code == 2 and "journal scale NAME" in err
    code, _, err = run(capsys, "journal", "scale", "cramps")
    assert code == 2 and "already one of breathe's scales" in err
    code, out, _ = run(capsys, "journal", "scale", "knee  stiffness")
    assert code == 0 and "`knee stiffness`" in out
    run(capsys, "journal", "add", "--date", "2025-03-07", "--cold", "7", "--own", "4")
    run(capsys, "journal", "add", "--date", "2025-03-08", "--numbness", "0")

    code, out, _ = run(capsys, "journal")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["DATE", "NUMBNESS", "COLD", "CRAMPS", "SLEEP", "KNEE", "STIFFNESS"]
    assert lines[1].split() == ["2025-03-07", "–", "7", "–", "–", "4"]
    assert lines[2].split() == ["2025-03-08", "0", "–", "–", "–", "–"]
    assert "sleep: sleep quality, 0 very poor to 10 very good" in out
    assert not any(word in out.lower() for word in INTERPRETING)

    code, out, _ = run(capsys, "journal", "--csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["date", "numbness", "cold", "cramps", "sleep", "knee stiffness"],
        ["2025-03-07", "", "7", "", "", "4"],
        ["2025-03-08", "0", "", "", "", ""],
    ]
    code, out, _ = run(capsys, "journal", "--json", "--since", "2025-03-08")
    data = json.loads(out)
    assert data["entries"] == [{"date": "2025-03-08", "numbness": 0}]
    assert data["scales"][-1] == {
        "key": "knee stiffness",
        "label": "Knee stiffness",
        "0": "none",
        "10": "the most",
    }

    code, out, _ = run(capsys, "journal", "scale", "--none")
    assert code == 0
    _, out, _ = run(capsys, "journal", "--csv")  # the entries keep their scale
    assert out.splitlines()[0] == "date,numbness,cold,cramps,sleep,knee stiffness"


def test_an_unreadable_history_is_reported_not_replaced(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history_path()
    path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE other (x)")
    code, _, err = run(capsys, "journal", "add", "--sleep", "5")
    assert code == 1 and "not a breathe history" in err


def test_program_status_charts_the_journal_across_the_program(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = TODAY - timedelta(days=4)
    run(capsys, "program", "start", "circulation-60-day", "--date", started.isoformat())
    _, out, _ = run(capsys, "program", "status")
    assert "Journal (0 to 10, · no entry)" in out and "No entries yet" in out
    run(capsys, "journal", "scale", "knee stiffness")
    for days_ago, value in ((4, 0), (2, 5), (0, 10)):
        day = (TODAY - timedelta(days=days_ago)).isoformat()
        run(capsys, "journal", "add", "--date", day, "--sleep", str(value), "--own", "3")
    run(
        capsys, "journal", "add", "--date", (started - timedelta(days=1)).isoformat(), "--cold", "9"
    )

    code, out, _ = run(capsys, "program", "status")
    assert code == 0
    lines = out.splitlines()
    heading = lines.index("Journal (0 to 10, · no entry)")
    chart = lines[heading + 1 : heading + 7]
    assert chart[0].split() == ["Numbness", "or", "tingling", "·····"]
    assert chart[1].split() == ["Cold", "hands", "or", "feet", "·····"]  # before day 1: not shown
    assert chart[3].split() == ["Sleep", "quality", "▁·▅·█", "10", "on", *short_date(TODAY).split()]
    assert chart[4].split()[:3] == ["Knee", "stiffness", "▃·▃·▃"]
    assert chart[5].split() == short_date(started).split()  # five days: too few for both dates
    assert not any(word in out.lower() for word in INTERPRETING)
