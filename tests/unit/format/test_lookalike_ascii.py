"""The routine checker looks for look-alike characters (breathe.format.lookalikes) only in
text that is not plain ASCII: most text is, and `str.isascii` answers at C speed where a
look character by character was an eighth of validating a routine. That holds only while
every look-alike and every curly quote is outside ASCII."""

from __future__ import annotations

from breathe.format.lookalikes import CLOSING_QUOTES, LOOKALIKES, OPENING_QUOTES


def test_no_lookalike_is_ascii() -> None:
    assert [c for c in LOOKALIKES if c.isascii()] == []
    assert [c for c in OPENING_QUOTES + CLOSING_QUOTES if c.isascii()] == []
