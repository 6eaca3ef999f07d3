"""The themes breathe offers: a dark one (the default), a light one and a night one, each
checked to keep every text at WCAG AA contrast (4.5:1; 3:1 for the large digits) on every
screen (tests/app/test_contrast.py renders the screens in each and measures them).

Textual's own twenty themes are not offered: most put some of its widgets' text below AA
(textual-dark's primary blue on its background is 4.1:1, textual-light's green "Breathe
out" 1.8:1), and a theme in the palette should work wherever it is used. The names are
declared once, `THEME_CHOICES` in breathe.core.bounds, which the settings file checks.

Each theme gives the colours Textual derives text from (`text`, `text-muted`,
`text-disabled`) and the pairs its widgets draw text on colour with (the table's cursor
row, a coloured button's label, the footer's keys) explicitly, instead of Textual's
"87% of the foreground" defaults: those depend on what lies under them. The breath's
colours are `primary` (in) and `success` (out), a hold a paler tone of them
(breathe.ui.widgets.pacer.phase_colours), so both must read as words on the background.

The night theme is for practising beside someone asleep: a warm, very dark background,
dim amber words and an orb that gives off little light, still AA for its own text.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.theme import Theme

from breathe.core.bounds import THEME_CHOICES
from breathe.core.options import DEFAULTS

BREATHE_DARK = Theme(
    name="breathe-dark",
    primary="#3B9BE8",
    secondary="#004578",
    accent="#FFA62B",
    warning="#FFA62B",
    error="#E5677F",
    success="#4EBF71",
    foreground="#E0E0E0",
    background="#121212",
    surface="#1E1E1E",
    panel="#24282C",
    dark=True,
    variables={
        "text": "#DADADA",
        "text-muted": "#A3A3A3",
        "text-disabled": "#6E6E6E",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#9CCAF4",
        "block-cursor-blurred-foreground": "#E0E0E0",
        "block-cursor-blurred-background": "#1F3A52",
        "button-color-foreground": "#0E0E0E",
        "footer-key-foreground": "#FFA62B",
        "footer-description-foreground": "#E0E0E0",
    },
)

BREATHE_LIGHT = Theme(
    name="breathe-light",
    primary="#0B5CAD",
    secondary="#004578",
    accent="#8A5000",
    warning="#8A5000",
    error="#B3261E",
    success="#1A6A3A",
    foreground="#1F1F1F",
    background="#F6F6F4",
    surface="#EBEBE9",
    panel="#E0E0DE",
    dark=False,
    variables={
        "text": "#1F1F1F",
        "text-muted": "#555555",
        "text-disabled": "#8C8C8C",
        "block-cursor-foreground": "#FFFFFF",
        "block-cursor-background": "#0A3F78",
        "block-cursor-blurred-foreground": "#1F1F1F",
        "block-cursor-blurred-background": "#C9D9EA",
        "button-color-foreground": "#FFFFFF",
        "footer-key-foreground": "#0B5CAD",
        "footer-description-foreground": "#1F1F1F",
    },
)

BREATHE_NIGHT = Theme(
    name="breathe-night",
    primary="#B08C5A",  # breathing in: dim amber
    secondary="#5A4632",
    accent="#C49A6C",
    warning="#C49A6C",
    error="#C98473",
    success="#B08470",  # breathing out: dusky rose
    foreground="#D0BA9C",
    background="#0A0806",
    surface="#100D0A",
    panel="#15110D",
    dark=True,
    luminosity_spread=0.05,
    variables={
        "text": "#D0BA9C",
        "text-muted": "#B09C80",
        "text-disabled": "#6A5A49",
        "block-cursor-foreground": "#0A0806",
        "block-cursor-background": "#C4AA88",
        "block-cursor-blurred-foreground": "#D0BA9C",
        "block-cursor-blurred-background": "#1A150F",
        "button-color-foreground": "#0A0806",
        "footer-key-foreground": "#C49A6C",
        "footer-description-foreground": "#D0BA9C",
        "scrollbar": "#3A2F24",
        "scrollbar-hover": "#4A3C2E",
        "scrollbar-active": "#5A4A38",
    },
)

THEMES: dict[str, Theme] = {
    theme.name: theme for theme in (BREATHE_DARK, BREATHE_LIGHT, BREATHE_NIGHT)
}
assert tuple(THEMES) == THEME_CHOICES  # one list of names, declared in breathe.core.bounds
assert DEFAULTS.theme in THEMES


def offer_themes(app: App[Any]) -> None:
    """Make breathe's themes the only ones `app` offers (the palette's "Change theme"
    lists `available_themes`), with the default chosen."""
    for name in list(app.available_themes):
        app.unregister_theme(name)
    for theme in THEMES.values():
        app.register_theme(theme)
    app.theme = DEFAULTS.theme
