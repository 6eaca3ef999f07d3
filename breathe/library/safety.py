"""The safety notice, word for word the same in the first-run notice, the About screen and
`breathe about`. Each routine adds its own note (its `safety:`) on its detail screen."""

from __future__ import annotations

NOTICE_TITLE = "Before you practise"

NOTICE_INTRO = (
    "breathe is educational, not medical advice. It does not diagnose or treat anything, "
    "and it does not replace care from a professional."
)

NOTICE_ASK_FIRST = (
    "Talk to a doctor or another qualified professional before you start, especially if you have:"
)

NOTICE_CONDITIONS = (
    "kidney disease",
    "a neurological condition",
    "a heart or blood-pressure condition",
    "glaucoma: leave out inversions such as legs up the wall",
    "a pregnancy",
)

NOTICE_HOLDS = (
    "Ask before you practise breath holds (box breathing, 4-7-8) too, and never hold "
    "your breath in water or while driving."
)

NOTICE_STOP = (
    "Stop, breathe normally and rest if you feel dizzy, light-headed, tingling, short of "
    "breath or any discomfort."
)

NOTICE_CHECKLIST = (
    "A program's checklist may name a supplement such as magnesium: take it only as your "
    "own clinician advises. breathe gives no doses."
)


def notice_paragraphs() -> list[str]:
    """The notice as paragraphs of plain text; the conditions are one bulleted paragraph."""
    conditions = "\n".join(f"  • {condition}" for condition in NOTICE_CONDITIONS)
    return [
        NOTICE_INTRO,
        f"{NOTICE_ASK_FIRST}\n{conditions}",
        NOTICE_HOLDS,
        NOTICE_STOP,
        NOTICE_CHECKLIST,
    ]


def notice_text() -> str:
    """The whole notice, title first, as plain text."""
    return "\n\n".join([NOTICE_TITLE, *notice_paragraphs()]) + "\n"
