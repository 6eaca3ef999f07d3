"""Words that go with numbers and choices: one way to say each."""

from __future__ import annotations

from breathe.core.words import counted, either, is_or_are, plural, span


def test_counted_is_singular_for_one_only() -> None:
    assert [counted(n, "step") for n in (0, 1, 2)] == ["0 steps", "1 step", "2 steps"]


def test_plural() -> None:
    assert plural("day") == "days"


def test_span_names_one_day_or_a_range() -> None:
    assert span("day", 7, 7) == "day 7"
    assert span("week", 3, 4) == "weeks 3-4"


def test_either_joins_choices_as_a_sentence_does() -> None:
    assert either(["`a`"]) == "`a`"
    assert either(["`a`", "`b`"]) == "`a` or `b`"
    assert either(["`a`", "`b`", "`c`"]) == "`a`, `b` or `c`"


def test_is_or_are_agrees_with_the_count() -> None:
    assert [is_or_are(n) for n in (0, 1, 2)] == ["are", "is", "are"]
