"""The safety notice, word for word the same in the first-run notice, the About screen and
`breathe about`. Each routine adds its own note (its `safety:`): on its detail screen, and
before each of its sessions (breathe.ui.screens.safety_note) until hidden for that routine."""

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

NOTICE_MEDICINES = (
    "If you take a medicine for blood pressure (or another that can lower it), get up "
    "slowly after lying down: after legs up the wall or a rest on the floor, roll onto "
    "your side, sit for a few breaths, then stand."
)

NOTICE_SUPPLEMENTS = (
    "A program's checklist may name a supplement. Supplements can interact with medicines "
    "and with each other: ask your clinician or pharmacist whether one suits you and how "
    "much to take. breathe gives no doses."
)


def notice_paragraphs() -> list[str]:
    """The notice as paragraphs of plain text; the conditions are one bulleted paragraph."""
    conditions = "\n".join(f"  • {condition}" for condition in NOTICE_CONDITIONS)
    return [
        NOTICE_INTRO,
        f"{NOTICE_ASK_FIRST}\n{conditions}",
        NOTICE_HOLDS,
        NOTICE_MEDICINES,
        NOTICE_SUPPLEMENTS,
        NOTICE_STOP,
    ]


def notice_text() -> str:
    """The whole notice, title first, as plain text."""
    return "\n\n".join([NOTICE_TITLE, *notice_paragraphs()]) + "\n"
