"""A read snapshot of the history: what `breathe history` reads twice (the columns' widths,
then the rows) is the same file both times, whatever another breathe records meanwhile."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from breathe.history.store import NewSession
from tests.support.history import history_at

PARIS = timezone(timedelta(hours=1))


def session(minute: int) -> NewSession:
    return NewSession("box", "Box", None, datetime(2025, 3, 1, 7, minute, tzinfo=PARIS), 4)


def test_a_snapshot_does_not_see_what_is_recorded_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with history_at(path) as reader, history_at(path) as writer:
        writer.start_session(session(0))
        with reader.snapshot():
            assert len(list(reader.each_session())) == 1
            writer.start_session(session(1))  # another breathe, recording meanwhile
            assert len(list(reader.each_session())) == 1
            assert reader.session_count() == 1
        assert [record.started_at.minute for record in reader.each_session()] == [0, 1]
