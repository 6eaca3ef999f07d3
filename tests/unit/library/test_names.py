"""Names as people type them: a unique start, some of the words, never a guess among several."""

from __future__ import annotations

import pytest

from breathe.library.names import listed, matching_names, resolve_name

NAMES = (
    "4-7-8-breathing",
    "box-breathing",
    "coherent-breathing",
    "coherent-breathing-beginner",
    "legs-on-a-chair",
    "legs-up-the-wall",
    "physiological-sigh",
    "seated-forward-bend",
    "chair-forward-bend",
)
LISTING = "`breathe list` shows the routines there are"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("box-breathing", "box-breathing"),
        ("4-7-8", "4-7-8-breathing"),
        ("box", "box-breathing"),
        ("Box", "box-breathing"),
        ("sigh", "physiological-sigh"),
        ("legs up", "legs-up-the-wall"),
        ("seated", "seated-forward-bend"),
        ("chair forward", "chair-forward-bend"),
        ("coherent-breathing", "coherent-breathing"),  # exact, though it starts another
    ],
)
def test_a_unique_start_or_words_name_one(typed: str, meant: str) -> None:
    assert resolve_name("routine", typed, NAMES, LISTING) == meant


def test_several_are_listed_not_guessed() -> None:
    with pytest.raises(LookupError) as caught:
        resolve_name("routine", "legs", NAMES, LISTING)
    assert str(caught.value) == (
        "`legs` names more than one routine: it could be `legs-on-a-chair` or "
        "`legs-up-the-wall`; type more of the name"
    )
    assert matching_names("forward bend", NAMES) == ["chair-forward-bend", "seated-forward-bend"]


def test_a_typo_is_suggested_and_nothing_else_lists() -> None:
    with pytest.raises(
        LookupError, match=r"^no routine is named `boxx`; did you mean `box-breathing`\?$"
    ):
        resolve_name("routine", "boxx", NAMES, LISTING)
    with pytest.raises(LookupError, match=f"^no routine is named `walking`; {LISTING}$"):
        resolve_name("routine", "walking", NAMES, LISTING)
    assert matching_names("", NAMES) == sorted(NAMES)  # every name starts with nothing
    assert matching_names(" - ", NAMES) == []


def test_long_lists_are_cut() -> None:
    names = [f"r{number}" for number in range(9)]
    assert listed(names) == "`r0`, `r1`, `r2`, `r3`, `r4`, `r5` or 3 more"
    assert listed(["a"]) == "`a`"
    assert listed(["a", "b", "c"]) == "`a`, `b` or `c`"
