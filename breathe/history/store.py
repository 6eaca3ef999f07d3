"""The practice history: one SQLite file in the user data directory.

Why it is built the way it is:
- WAL mode and a busy timeout, and every write a short `BEGIN IMMEDIATE` transaction, so
  two breathe processes can record at the same moment and neither loses a row.
- `synchronous=NORMAL`: a commit is in the operating system's hands before it returns, so
  killing breathe (even `kill -9`) loses nothing that was committed.
- The schema is versioned with `PRAGMA user_version`; `MIGRATIONS[n]` takes a file from
  version n to n + 1 (a new file runs them all). Before migrating a file that has data, a
  consistent copy of it is written next to it and kept.
- A file that is not a breathe history (corrupt, truncated, some other database) or that a
  newer breathe wrote is refused with a HistoryError that says so. It is inspected through a
  read-only connection first, so a refused file is never written to, let alone replaced.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, cast

from breathe.core.engine import SkippedStep

# The recovery journal's scales and chart are imported when the journal is read, not with
# the store that every session opens before its first frame (about 4 ms of `breathe play`).
if TYPE_CHECKING:
    from breathe.history.journal import JournalEntry

BUSY_TIMEOUT_S = 5.0
INSPECT_PATIENCE_S = 0.5  # how long a refusal may be a file caught in passing
READ_BATCH = 500  # sessions read from SQLite at a time by `each_session`
# What counts as a practice (breathe.history.outcome.counts, which says why): finished, or
# at least this much practised however it ended. Declared here because the summary tables'
# triggers (migration 4 -> 5) apply it inside SQLite, where a trigger takes no parameters:
# changing it needs a migration that drops and rebuilds `practice_days` and
# `practice_routines` (a test compares them with every record read the slow way).
MINIMUM_PRACTICE_MS = 60_000


def _practice(row: str) -> str:
    """SQL: whether the session `row` (NEW or OLD in a trigger, a bare column list
    otherwise) is a practice; 0 or 1, never NULL (`ended` is NULL while playing)."""
    prefix = f"{row}." if row else ""
    return f"({prefix}ended IS 'finished' OR {prefix}practised_ms >= {MINIMUM_PRACTICE_MS})"


def _summing(row: str, sign: str) -> str:
    """SQL statements that add (`sign` "+") or take away ("-") the session `row` (NEW or
    OLD) in the summary tables."""
    practice = _practice(row)
    return f"""
        INSERT INTO practice_days (date, sessions, practices, finished, practised_ms)
        VALUES (
            substr({row}.started_at, 1, 10), {sign}1, {sign}{practice},
            {sign}({row}.ended IS 'finished'),
            {sign}(CASE WHEN {practice} THEN {row}.practised_ms ELSE 0 END)
        )
        ON CONFLICT (date) DO UPDATE SET
            sessions = sessions + excluded.sessions,
            practices = practices + excluded.practices,
            finished = finished + excluded.finished,
            practised_ms = practised_ms + excluded.practised_ms;
        INSERT INTO practice_routines (routine, practices, practised_ms)
        VALUES (
            {row}.routine, {sign}{practice},
            {sign}(CASE WHEN {practice} THEN {row}.practised_ms ELSE 0 END)
        )
        ON CONFLICT (routine) DO UPDATE SET
            practices = practices + excluded.practices,
            practised_ms = practised_ms + excluded.practised_ms;
    """


# Each migration is a list of statements, run in one transaction with the version bump.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 -> 1: the first schema, sessions only.
    (
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine TEXT NOT NULL,          -- the routine's name (its file name)
            title TEXT NOT NULL,
            file_sha256 TEXT,               -- of the routine file's bytes; NULL if unreadable
            started_at TEXT NOT NULL,       -- local time with its UTC offset, ISO 8601
            practised_ms INTEGER NOT NULL DEFAULT 0,  -- pauses excluded
            ended TEXT CHECK (ended IN ('finished', 'stopped')),  -- NULL: playing, or killed
            steps_done INTEGER NOT NULL DEFAULT 0,
            steps_total INTEGER NOT NULL,
            tempo REAL NOT NULL DEFAULT 1,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX sessions_started ON sessions (started_at)",
    ),
    # 1 -> 2: programs (which program and day a session belongs to) and their checklists.
    (
        "ALTER TABLE sessions ADD COLUMN program TEXT",
        "ALTER TABLE sessions ADD COLUMN day INTEGER",
        """
        CREATE TABLE checklist (
            date TEXT NOT NULL,             -- the local date the item was ticked for
            program TEXT NOT NULL,
            item TEXT NOT NULL,
            ticked_at TEXT NOT NULL,
            PRIMARY KEY (date, program, item)
        )
        """,
    ),
    # 2 -> 3: the steps a finished session skipped on purpose (it still counts as
    # practised), as JSON: [{"index": 0-based step index, "title": the step's title}].
    # Sessions recorded before have none.
    ("ALTER TABLE sessions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]'",),
    # 3 -> 4: the recovery journal (breathe.history.journal): a day's answers, a row a
    # scale, and the name of the person's own scale (one row, or none).
    (
        """
        CREATE TABLE journal (
            date TEXT NOT NULL,             -- the local date the check-in is for
            scale TEXT NOT NULL,            -- a scale's key: `sleep`, or the person's own name
            value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 10),
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (date, scale)
        )
        """,
        """
        CREATE TABLE journal_own_scale (
            only INTEGER PRIMARY KEY CHECK (only = 1),
            name TEXT NOT NULL,
            named_at TEXT NOT NULL
        )
        """,
    ),
    # 4 -> 5: sums kept up to date by SQLite, so that what the History screen and
    # `breathe stats` add up costs a row a day (or a routine), not a row a session: at
    # 100,000 sessions, reading them all took most of a second. `practice_days`: every
    # local date (the first ten characters of `started_at`, the day a session belongs to)
    # with its sessions, practices, finished sessions and milliseconds practised in
    # practices; `practice_routines`: each routine's practices and their milliseconds.
    # Triggers add each session as it is recorded, and take its old figures away as it is
    # updated or deleted. The indexes: a routine's last title (`WHERE routine = ? ORDER BY
    # id DESC`), and the last session of a program (where the journal's chart begins).
    (
        """
        CREATE TABLE practice_days (
            date TEXT PRIMARY KEY,
            sessions INTEGER NOT NULL,
            practices INTEGER NOT NULL,
            finished INTEGER NOT NULL,
            practised_ms INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE practice_routines (
            routine TEXT PRIMARY KEY,
            practices INTEGER NOT NULL,
            practised_ms INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
        f"""
        INSERT INTO practice_days (date, sessions, practices, finished, practised_ms)
        SELECT substr(started_at, 1, 10), COUNT(*), SUM({_practice("")}),
            SUM(ended IS 'finished'),
            SUM(CASE WHEN {_practice("")} THEN practised_ms ELSE 0 END)
        FROM sessions GROUP BY substr(started_at, 1, 10)
        """,
        f"""
        INSERT INTO practice_routines (routine, practices, practised_ms)
        SELECT routine, SUM({_practice("")}),
            SUM(CASE WHEN {_practice("")} THEN practised_ms ELSE 0 END)
        FROM sessions GROUP BY routine
        """,
        f"CREATE TRIGGER sessions_added AFTER INSERT ON sessions BEGIN {_summing('NEW', '+')} END",
        f"""
        CREATE TRIGGER sessions_changed
        AFTER UPDATE OF routine, started_at, practised_ms, ended ON sessions
        BEGIN {_summing("OLD", "-")} {_summing("NEW", "+")} END
        """,
        f"""
        CREATE TRIGGER sessions_removed AFTER DELETE ON sessions
        BEGIN {_summing("OLD", "-")} END
        """,
        "CREATE INDEX sessions_routine ON sessions (routine)",
        "CREATE INDEX sessions_in_programs ON sessions (id) "
        "WHERE program IS NOT NULL AND day IS NOT NULL",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(Exception):
    """The history file cannot be used; the message says why and what to do."""


class Ended(StrEnum):
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class NewSession:
    """What is known of a session when it starts."""

    routine: str
    title: str
    file_sha256: str | None
    started_at: datetime  # aware: local time with its offset
    steps_total: int
    tempo: float = 1.0
    program: str | None = None
    day: int | None = None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: int
    routine: str
    title: str
    file_sha256: str | None
    started_at: datetime  # aware, in the offset it was recorded in
    practised_ms: int
    ended: Ended | None  # None: still playing, or the process was killed
    steps_done: int
    steps_total: int
    tempo: float
    program: str | None
    day: int | None
    skipped: tuple[SkippedStep, ...] = ()  # left out of a finished session, on purpose

    @property
    def date(self) -> date:
        """The local calendar day the session started on, where it was practised."""
        return self.started_at.date()


_COLUMNS = (
    "id, routine, title, file_sha256, started_at, practised_ms, ended, steps_done, "
    "steps_total, tempo, program, day, skipped"
)


def _skipped_json(skipped: tuple[SkippedStep, ...]) -> str:
    return json.dumps(
        [{"index": step.index, "title": step.title} for step in skipped], ensure_ascii=False
    )


def _skipped(text: object) -> tuple[SkippedStep, ...]:
    """The `skipped` column read back; ValueError if it is not what breathe writes."""
    try:
        steps = json.loads(str(text))
        return tuple(SkippedStep(int(step["index"]), str(step["title"])) for step in steps)
    except (TypeError, KeyError, json.JSONDecodeError) as error:
        raise ValueError(f"its skipped steps are not readable: {text!r}") from error


def _record(row: tuple[object, ...]) -> SessionRecord:
    (
        id_,
        routine,
        title,
        sha,
        started,
        practised,
        ended,
        done,
        total,
        tempo,
        program,
        day,
        skipped,
    ) = row
    return SessionRecord(
        id=int(str(id_)),
        routine=str(routine),
        title=str(title),
        file_sha256=None if sha is None else str(sha),
        started_at=datetime.fromisoformat(str(started)),
        practised_ms=int(str(practised)),
        ended=None if ended is None else Ended(str(ended)),
        steps_done=int(str(done)),
        steps_total=int(str(total)),
        tempo=float(str(tempo)),
        program=None if program is None else str(program),
        day=None if day is None else int(str(day)),
        skipped=_skipped(skipped),
    )


@dataclass(frozen=True, slots=True)
class PracticeSums:
    """What `HistoryStore.practice_sums` adds up (`finished` counts practices only: a
    finished session always is one)."""

    sessions: int  # every session, practice or not
    practices: int
    finished: int
    practised_ms: int  # in practices
    days: int  # local dates with time practised in a practice


def _since(since: date | None) -> tuple[str, tuple[object, ...]]:
    """The WHERE clause for sessions from the local date `since` on (all when None)."""
    if since is None:
        return "", ()
    # Dates as recorded: the first ten characters of the local start time. An ISO text
    # from that date on sorts at or after the bare date (`2025-03-01T07:00+01:00` >=
    # `2025-03-01`), one before it sorts before: the same rows as comparing the first ten
    # characters, found through the sessions_started index instead of a scan of them all.
    return "WHERE started_at >= ?", (since.isoformat(),)


def _sessions_query(
    since: date | None, last: int | None, before: int | None
) -> tuple[str, tuple[object, ...]]:
    """SQL and its parameters for `HistoryStore.sessions` (which says what they mean)."""
    where, parameters = _since(since)
    if before is not None:
        where = f"{where} AND id < ?" if where else "WHERE id < ?"
        parameters = (*parameters, before)
    if last is None:
        return f"SELECT {_COLUMNS} FROM sessions {where} ORDER BY id", parameters
    sql = (
        f"SELECT * FROM (SELECT {_COLUMNS} FROM sessions {where} ORDER BY id DESC "
        f"LIMIT {max(0, int(last))}) ORDER BY id"
    )
    return sql, parameters


def _now_text() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class HistoryStore:
    """An open history file. Use `open_history`; close it (or use `with`) when done."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction, taking the write lock at once (no upgrade deadlock)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: could not record: {error}") from error

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One read transaction: every read in it sees the file as it was at the first,
        whatever another breathe records meanwhile (WAL keeps that version for it)."""
        try:
            self._db.execute("BEGIN")
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: could not read: {error}") from error
        try:
            yield
        finally:
            self._db.execute("ROLLBACK")  # nothing was written

    def _read(self, sql: str, parameters: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        try:
            return list(self._db.execute(sql, parameters))
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: could not read: {error}") from error

    # -- sessions --

    def start_session(self, new: NewSession) -> int:
        """Record a session that has just started; returns its id."""
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO sessions (routine, title, file_sha256, started_at, steps_total, "
                "tempo, program, day, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.routine,
                    new.title,
                    new.file_sha256,
                    new.started_at.isoformat(timespec="seconds"),
                    new.steps_total,
                    new.tempo,
                    new.program,
                    new.day,
                    _now_text(),
                ),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def update_session(
        self,
        session_id: int,
        *,
        practised_ms: int,
        steps_done: int,
        ended: Ended | None = None,
        skipped: tuple[SkippedStep, ...] = (),
    ) -> None:
        with self._write() as db:
            db.execute(
                "UPDATE sessions SET practised_ms = ?, steps_done = ?, ended = ?, skipped = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    practised_ms,
                    steps_done,
                    None if ended is None else str(ended),
                    _skipped_json(skipped),
                    _now_text(),
                    session_id,
                ),
            )

    def sessions(
        self, since: date | None = None, *, last: int | None = None, before: int | None = None
    ) -> list[SessionRecord]:
        """Every session (from the local date `since` on), oldest first; with `last`, only
        the last that many of them (the newest), still oldest first; with `before`, only
        those recorded before the session of that id (a page further back)."""
        return self._records(self._read(*_sessions_query(since, last, before)))

    def each_session(
        self, since: date | None = None, *, last: int | None = None
    ) -> Iterator[SessionRecord]:
        """The sessions `sessions` lists, one at a time as SQLite reads them, a batch of
        rows in memory at once: an export of 100,000 sessions built them all first (and
        its whole text) and took 440 MiB. HistoryError when the file cannot be read."""
        try:
            cursor = self._db.execute(*_sessions_query(since, last, None))
            while rows := cursor.fetchmany(READ_BATCH):
                yield from self._records(rows)
        except sqlite3.Error as error:
            raise HistoryError(f"{self.path}: could not read: {error}") from error

    def _records(self, rows: Sequence[tuple[object, ...]]) -> list[SessionRecord]:
        try:
            return [_record(row) for row in rows]
        except ValueError as error:
            raise HistoryError(f"{self.path}: a session row cannot be read: {error}") from error

    def session_count(self, since: date | None = None) -> int:
        """How many sessions are recorded (from the local date `since` on)."""
        where, parameters = _since(since)
        return int(str(self._read(f"SELECT COUNT(*) FROM sessions {where}", parameters)[0][0]))

    def practice_sums(self, since: date | None = None) -> PracticeSums:
        """The sums over the sessions (from the local date `since` on), practices as
        breathe.history.outcome.counts decides for one record, from the day sums SQLite
        keeps (`practice_days`): a row a day read, not a row a session."""
        where, parameters = ("WHERE date >= ?", (since.isoformat(),)) if since else ("", ())
        rows = self._read(
            "SELECT COALESCE(SUM(sessions), 0), COALESCE(SUM(practices), 0), "
            "COALESCE(SUM(finished), 0), COALESCE(SUM(practised_ms), 0), "
            f"COUNT(CASE WHEN practised_ms > 0 THEN 1 END) FROM practice_days {where}",
            parameters,
        )
        every, practices, finished, practised_ms, days = (int(str(v)) for v in rows[0])
        return PracticeSums(every, practices, finished, practised_ms, days)

    def practised_ms_by_day(self, since: date | None = None) -> dict[date, int]:
        """Milliseconds practised in practices on each local day that has any (from
        `since` on), from the day sums SQLite keeps."""
        where, parameters = ("AND date >= ?", (since.isoformat(),)) if since else ("", ())
        rows = self._read(
            f"SELECT date, practised_ms FROM practice_days WHERE practised_ms > 0 {where}",
            parameters,
        )
        # A row a day practised, 25,000 of them in 70 years: read as the types they are.
        return {date.fromisoformat(day): ms for day, ms in cast("list[tuple[str, int]]", rows)}

    def routine_sums(self, limit: int | None = None) -> list[tuple[str, str, int, int]]:
        """Each routine practised, the longest practised first (then by name): its name,
        its title as last recorded in a practice, its practices and the milliseconds
        practised in them; the first `limit` of them (all when None)."""
        rows = self._read(
            "SELECT routine, practices, practised_ms FROM practice_routines "
            "WHERE practices > 0 ORDER BY practised_ms DESC, routine"
            + ("" if limit is None else f" LIMIT {max(0, int(limit))}")
        )
        sums = []
        for routine, count, ms in rows:
            # Its newest session that is a practice, walking back through the routine's
            # index from its newest session: usually the first one looked at.
            title = self._read(
                f"SELECT title FROM sessions WHERE routine = ? AND {_practice('')} "
                "ORDER BY id DESC LIMIT 1",
                (routine,),
            )
            sums.append((str(routine), str(title[0][0]), int(str(count)), int(str(ms))))
        return sums

    def last_program_session(self) -> SessionRecord | None:
        """The newest session that belongs to a program's day, if any."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM sessions WHERE program IS NOT NULL AND day IS NOT NULL "
            "ORDER BY id DESC LIMIT 1"
        )
        return self._records(rows)[0] if rows else None

    # -- checklists --

    def tick(self, day: date, program: str, item: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT OR IGNORE INTO checklist (date, program, item, ticked_at) "
                "VALUES (?, ?, ?, ?)",
                (day.isoformat(), program, item, _now_text()),
            )

    def untick(self, day: date, program: str, item: str) -> None:
        with self._write() as db:
            db.execute(
                "DELETE FROM checklist WHERE date = ? AND program = ? AND item = ?",
                (day.isoformat(), program, item),
            )

    def ticked(self, day: date, program: str) -> set[str]:
        """The checklist items ticked for `program` on `day`."""
        rows = self._read(
            "SELECT item FROM checklist WHERE date = ? AND program = ?",
            (day.isoformat(), program),
        )
        return {str(item) for (item,) in rows}

    def every_checklist(self) -> dict[str, dict[date, set[str]]]:
        """Each program's ticked items, by day: `checklists` for every program at once."""
        programs: dict[str, dict[date, set[str]]] = {}
        for program, day, item in self._read(
            "SELECT program, date, item FROM checklist ORDER BY program, date"
        ):
            days = programs.setdefault(str(program), {})
            days.setdefault(date.fromisoformat(str(day)), set()).add(str(item))
        return programs

    def checklists(self, program: str) -> dict[date, set[str]]:
        """Every day's ticked items for `program`."""
        days: dict[date, set[str]] = {}
        for day, item in self._read(
            "SELECT date, item FROM checklist WHERE program = ? ORDER BY date", (program,)
        ):
            days.setdefault(date.fromisoformat(str(day)), set()).add(str(item))
        return days

    # -- the recovery journal (breathe.history.journal) --

    def journal_answer(self, day: date, scale: str, value: int, *, replace_day: bool) -> None:
        """Record one answer of `day`'s check-in as it is given. `replace_day`: this is the
        first answer of a new check-in, which replaces whatever that day had (in the same
        transaction, so the day is never left empty by a crash in between)."""
        with self._write() as db:
            if replace_day:
                db.execute("DELETE FROM journal WHERE date = ?", (day.isoformat(),))
            db.execute(
                "INSERT OR REPLACE INTO journal (date, scale, value, recorded_at) "
                "VALUES (?, ?, ?, ?)",
                (day.isoformat(), scale, value, _now_text()),
            )

    def replace_journal_day(self, day: date, values: dict[str, int]) -> None:
        """`day`'s whole entry at once (`breathe journal add`), replacing any it had."""
        with self._write() as db:
            db.execute("DELETE FROM journal WHERE date = ?", (day.isoformat(),))
            now = _now_text()
            db.executemany(
                "INSERT INTO journal (date, scale, value, recorded_at) VALUES (?, ?, ?, ?)",
                [(day.isoformat(), scale, value, now) for scale, value in values.items()],
            )

    def journal(self, since: date | None = None) -> list[JournalEntry]:
        """Every day's entry (from `since` on), oldest first."""
        where: str
        parameters: tuple[object, ...]
        where, parameters = "", ()
        if since is not None:
            where, parameters = "WHERE date >= ?", (since.isoformat(),)
        days: dict[str, dict[str, int]] = {}
        for day, scale, value in self._read(
            f"SELECT date, scale, value FROM journal {where} ORDER BY date, rowid",
            parameters,
        ):
            days.setdefault(str(day), {})[str(scale)] = int(str(value))
        from breathe.history.journal import JournalEntry

        return [JournalEntry(date.fromisoformat(day), values) for day, values in days.items()]

    def journal_entry(self, day: date) -> JournalEntry | None:
        found = [entry for entry in self.journal(since=day) if entry.day == day]
        return found[0] if found else None

    def own_scale(self) -> str | None:
        """The name of the person's own journal scale, if they have named one."""
        rows = self._read("SELECT name FROM journal_own_scale")
        return str(rows[0][0]) if rows else None

    def set_own_scale(self, name: str | None) -> None:
        """Name the person's own scale (None: have none). Entries already given under
        another name keep it."""
        with self._write() as db:
            db.execute("DELETE FROM journal_own_scale")
            if name is not None:
                db.execute(
                    "INSERT INTO journal_own_scale (only, name, named_at) VALUES (1, ?, ?)",
                    (name, _now_text()),
                )


# -- opening, checking and migrating --


def _refused(path: Path, why: str) -> HistoryError:
    return HistoryError(
        f"{path}: {why}. breathe has not changed it. Move it away (or put back a copy) "
        "and breathe will start a new history; until then sessions are not recorded."
    )


def _newer(path: Path, version: int) -> HistoryError:
    return HistoryError(
        f"{path} was written by a newer breathe (history version {version}; this one "
        f"reads up to {SCHEMA_VERSION}). breathe has not changed it: update breathe to see "
        "and add to it. Until then sessions are not recorded."
    )


def _inspect(path: Path) -> None:
    """Refuse, through a read-only connection, a file that is not a history we can use.

    A SIGTERM test once saw "not a breathe history" about one run in twenty under load: the
    look, a statement at a time, caught a file another breathe was creating between its
    version and its tables. The look is now one read transaction (tests/test_concurrency.py
    creates a history a hundred times under it); a refusal is still looked at again for a
    moment, and only one that lasts is reported. A file that really is not ours stays
    refused.
    """
    deadline = time.monotonic() + INSPECT_PATIENCE_S
    while True:
        found = _inspect_once(path)
        if found is None:
            return
        error, lasting = found
        if lasting or time.monotonic() > deadline:
            raise error
        time.sleep(0.02)


def _inspect_once(path: Path) -> tuple[HistoryError, bool] | None:
    """None if `path` is a history we can use; else why not, and whether that is for good
    (written by a newer breathe) or could be a file caught in passing."""
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True, isolation_level=None)) as db:
            # One read transaction for every look below: one snapshot of the file. Looked
            # at statement by statement, a history another breathe was creating could show
            # version 0 and then the tables its migration had just committed.
            db.execute("BEGIN")
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                return _newer(path, version), True
            tables = {str(name) for (name,) in db.execute("SELECT name FROM sqlite_master")}
            if version == 0 and tables:
                return _refused(path, "is an SQLite database but not a breathe history"), False
            if version > 0 and "sessions" not in tables:
                return _refused(path, "is not a breathe history (it has no sessions table)"), False
            problems = [str(row[0]) for row in db.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                return _refused(path, f"is damaged ({problems[0]})"), False
    except sqlite3.DatabaseError as error:
        return _refused(path, f"is not a readable history file ({error})"), False
    return None


def _backup(db: sqlite3.Connection, path: Path, version: int) -> Path:
    """A consistent copy of the file as it is, kept next to it before migrating."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.v{version}-{stamp}-{counter}.bak")
    with closing(sqlite3.connect(target)) as copy:
        db.backup(copy)
    return target


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    if version > 0:
        _backup(db, path, version)
    db.execute("BEGIN IMMEDIATE")
    try:
        # Another breathe may have migrated it while this one waited for the lock.
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise _newer(path, version)
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL (kept in the file). Changing the journal mode does not wait on the busy
    timeout when another process holds a lock (found by the two-process test: two breathes
    creating the file at once), so it is retried here for as long."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def open_history(path: Path, *, create: bool = True) -> HistoryStore | None:
    """Open (creating or migrating) the history at `path`.

    Returns None when the file does not exist and `create` is false (nothing recorded yet).
    Raises HistoryError, leaving the file as it was, when it cannot be used.
    """
    if path.exists():
        if not path.is_file():
            raise _refused(path, "is not a file")
        _inspect(path)
    elif not create:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise HistoryError(f"{path}: cannot open the history: {error}") from error
    try:
        _use_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        _migrate(db, path)
    except HistoryError:
        db.close()
        raise
    except sqlite3.Error as error:
        db.close()
        raise HistoryError(f"{path}: cannot open the history: {error}") from error
    return HistoryStore(path, db)
