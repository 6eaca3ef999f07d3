"""A routine or program named as a person types it: exactly, by a unique start of its name
(`4-7-8` for 4-7-8-breathing) or by some of its words (`sigh` for physiological-sigh).

A name that fits several is not guessed: the message lists them. A name that fits none
suggests the closest when one is close (a typo), else the command that lists them all.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from breathe.format.spec import did_you_mean

# The most candidates a message lists before it says how many more there are.
MOST_LISTED = 6

_WORD_BREAK = re.compile(r"[-_\s]+")


def _words(name: str) -> list[str]:
    return [word for word in _WORD_BREAK.split(name.casefold()) if word]


def _starts(typed: str, name: str) -> bool:
    return name.casefold().startswith(typed.casefold())


def _words_fit(typed: list[str], name: str) -> bool:
    """Each typed word starts one of the name's words, in the name's order."""
    remaining = iter(_words(name))
    return all(any(word.startswith(part) for word in remaining) for part in typed)


def matching_names(typed: str, names: Collection[str]) -> list[str]:
    """The names `typed` can mean, sorted: the exact name alone (case aside), else those it
    starts, else those whose words it gives the starts of."""
    exact = [name for name in names if name.casefold() == typed.casefold()]
    if exact:
        return exact[:1] if typed not in names else [typed]
    starting = sorted(name for name in names if _starts(typed, name))
    if starting:
        return starting
    typed_words = _words(typed)
    if not typed_words:
        return []
    return sorted(name for name in names if _words_fit(typed_words, name))


def listed(names: list[str]) -> str:
    """`a`, `b` or `c` (and how many more, past MOST_LISTED)."""
    shown = [f"`{name}`" for name in names[:MOST_LISTED]]
    more = len(names) - len(shown)
    if more:
        return f"{', '.join(shown)} or {more} more"
    return f"{', '.join(shown[:-1])} or {shown[-1]}" if len(shown) > 1 else shown[0]


def resolve_name(kind: str, typed: str, names: Collection[str], listing: str) -> str:
    """The one name in `names` that `typed` means.

    Raises LookupError, with a message for people, when it means none (the closest name
    suggested if one is close, else `listing`, the command that lists them) or several (the
    candidates listed).
    """
    if typed in names:
        return typed
    found = matching_names(typed, names)
    if len(found) == 1:
        return found[0]
    if found:
        raise LookupError(
            f"`{typed}` names more than one {kind}: it could be {listed(found)}; "
            "type more of the name"
        )
    hint = did_you_mean(typed, list(names)) or _start_mistyped(typed, names)
    raise LookupError(f"no {kind} is named `{typed}`; {hint or listing}")


def _start_mistyped(typed: str, names: Collection[str]) -> str | None:
    """`did you mean …?` for a start of a name with a typo in it (`boxx` for box-breathing)."""
    import difflib  # only when a name is not found

    starts = {name[: len(typed)].casefold() for name in names}
    close = set(difflib.get_close_matches(typed.casefold(), starts, n=3, cutoff=0.7))
    meant = sorted(name for name in names if name[: len(typed)].casefold() in close)
    if not meant or len(meant) > len(typed):  # a short typo could mean anything
        return None
    return f"did you mean {listed(meant)}?"
