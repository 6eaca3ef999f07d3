"""Characters that look like the ones a routine file is written with, but are not.

Text pasted from a word processor or a phone, or typed with "smart punctuation" on, holds
curly quotes (“ ” ‘ ’), dashes (– —), no-break spaces and the like. They read the same to a
person and differently to YAML and to breathe: `“4-4-4-4”` is a text in curly quotes, not
a pattern; `4–6` holds an en dash, not a hyphen; `duration:` followed by a no-break space
is one word. This is the one table of them: messages name each by its Unicode name and
code point, the only way to tell it apart on screen, and say which key to type instead.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Each look-alike and what is typed instead ("" for an invisible character: delete it).
# Primes (′ ″) and digits of other scripts are not here: a duration's own advice says how
# to write minutes, seconds and digits.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
LOOKALIKES: Final[dict[str, str]] = {
    **dict.fromkeys(_DASHES, "-"),
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2039\u203a\uff07", "'"),
    **dict.fromkeys("\uff1a\u2236\ua789\ufe55", ":"),
    **dict.fromkeys("\uff0e\u2024", "."),
    **dict.fromkeys("\uff0c\u201a", ","),
    "\uff0b": "+",
    "\uff0f": "/",
    **{chr(0xFF41 + letter): chr(ord("a") + letter) for letter in range(26)},
    **{chr(0xFF21 + letter): chr(ord("A") + letter) for letter in range(26)},
}
# Quotes that open and close a whole value, as word processors put them around it.
OPENING_QUOTES: Final = "\u201c\u201e\u201f\u00ab\u2018\u201a\u201b\u2039\uff02\uff07"
CLOSING_QUOTES: Final = "\u201d\u201c\u00bb\u2019\u2018\u203a\uff02\uff07"


def named(character: str) -> str:
    """`– (EN DASH, U+2013)`, or `a NO-BREAK SPACE (U+00A0)` for a character that shows
    as a space or not at all: the character, its Unicode name and its code point."""
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    if LOOKALIKES.get(character) in ("", " "):
        return f"{'an invisible' if not LOOKALIKES[character] else 'a'} {name} ({code})"
    return f"{character} ({name}, {code})"


def first_lookalike(text: str) -> int:
    """The index of the first look-alike character in `text`, or -1."""
    return next((index for index, character in enumerate(text) if character in LOOKALIKES), -1)


def in_curly_quotes(text: str) -> bool:
    """Whether all of `text` is inside a pair of curly (or other typographic) quotes."""
    return len(text) >= 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES


def plain(text: str) -> str:
    """`text` as it was meant: curly quotes around all of it taken off, every look-alike
    replaced by the character it stands for."""
    if in_curly_quotes(text):
        text = text[1:-1]
    return "".join(LOOKALIKES.get(character, character) for character in text)


def describe(text: str) -> tuple[int, str]:
    """Where in `text` the first look-alike is (its index), and what is wrong in words to
    follow the text: its curly quotes, or each look-alike it holds, named once."""
    if in_curly_quotes(text):
        pair = [named(text[0])] if text[0] == text[-1] else [named(text[0]), named(text[-1])]
        return 0, f"is in curly quotes, {' and '.join(pair)}, which YAML reads as text"
    found: list[str] = []
    for character in text:
        if character in LOOKALIKES and character not in found:
            found.append(character)
    return first_lookalike(text), "holds " + "; ".join(_looks_like(c) for c in found)


def _looks_like(character: str) -> str:
    replacement = LOOKALIKES[character]
    if not replacement:
        return named(character)
    if replacement == " ":
        return f"{named(character)}, which looks like a space but is not one"
    return f"{named(character)}, which looks like `{replacement}` but is not"
