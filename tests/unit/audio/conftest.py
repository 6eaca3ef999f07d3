"""The audio tests that play a session through the app meet each routine's safety note
first, as the app's tests do: the notes of the routines they play are hidden the same way
(tests/app/conftest.py), so that they are about the sound."""

from tests.app.conftest import safety_notes_seen

__all__ = ["safety_notes_seen"]
