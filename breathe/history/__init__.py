"""The practice history: every session recorded in SQLite, and what it adds up to.

Core code: no textual, no simpleaudio (tests/test_import_hygiene.py checks it).
"""

from breathe.history.store import (
    SCHEMA_VERSION,
    Ended,
    HistoryError,
    HistoryStore,
    NewSession,
    SessionRecord,
    open_history,
)

__all__ = [
    "SCHEMA_VERSION",
    "Ended",
    "HistoryError",
    "HistoryStore",
    "NewSession",
    "SessionRecord",
    "open_history",
]
