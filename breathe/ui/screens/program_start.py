"""Before a program starts: what it is, how long, and its safety note, as a routine's detail
shows its own before a session; and, for each routine the program offers alternatives to,
the choice of what to do in its place for the whole program (legs on a chair instead of
legs up the wall, say), as `breathe program start --instead` makes it. Answers a
`ProgramStart` to start it today, or None."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from breathe.core.paste import breathe_command
from breathe.core.program import Alternative, Program
from breathe.ui.screens.breakpoints import SHORT_OR_ROOMY


@dataclass(frozen=True)
class ProgramStart:
    """Start the program today, doing `instead` (routine -> alternative) in place of those
    routines wherever it plays them."""

    instead: Mapping[str, str] = field(default_factory=dict)


class ProgramStartScreen(ModalScreen[ProgramStart | None]):
    CSS_PATH = "program_start.tcss"
    VERTICAL_BREAKPOINTS = SHORT_OR_ROOMY  # `-compact`: one-line buttons, no blank lines

    BINDINGS = [
        Binding("s", "start", "Start today", id="program-start"),
        Binding("escape,n", "not_now", "Not now", id="program-not-now"),
    ]

    def __init__(self, program: Program, titles: Mapping[str, str] | None = None) -> None:
        """`titles`: routine titles by name, to name the alternatives (names otherwise)."""
        super().__init__()
        self.program = program
        self.titles = dict(titles or {})

    def _title(self, name: str) -> str:
        return self.titles.get(name, name)

    def compose(self) -> ComposeResult:
        program = self.program
        with Vertical() as box:
            box.border_title = f"Start a program · {program.length_days} days"
            with VerticalScroll():
                # An author's words, shown as written (never read as markup).
                yield Static(program.title, classes="program-title", markup=False)
                if program.alternatives:  # said first: the choices are below the fold
                    offered = " and ".join(self._title(a.routine) for a in program.alternatives)
                    them = "them" if len(program.alternatives) > 1 else "it"
                    yield Static(
                        f"Below (Tab to it): what to do instead of {offered}, if you must "
                        f"avoid {them}.",
                        classes="program-choices-hint",
                        markup=False,
                    )
                if program.description:
                    yield Static(" ".join(program.description.split()), markup=False)
                if program.safety:
                    yield Static(
                        "Safety  " + " ".join(program.safety.split()),
                        classes="program-safety",
                        markup=False,
                    )
                for number, alternative in enumerate(program.alternatives):
                    yield from self._choice(number, alternative)
                yield Static(
                    "Today is day 1. The library's Today box then shows each day's "
                    f"routines and checklist. To end it: {breathe_command('program', 'stop')}.",
                    markup=False,
                )
            with Horizontal():
                yield Button("Not now (esc)", id="not-now")
                yield Button("Start today (s)", id="start", variant="primary")

    def _choice(self, number: int, alternative: Alternative) -> ComposeResult:
        """What to do wherever the program plays `alternative.routine`: it, as planned (the
        default), or one of its alternatives."""
        yield Static(
            f"Instead of {self._title(alternative.routine)}?",
            classes="program-choice",
            markup=False,
        )
        if alternative.why:
            yield Static(" ".join(alternative.why.split()), classes="program-why", markup=False)
        with RadioSet(id=f"choice-{number}"):
            yield RadioButton(f"{self._title(alternative.routine)}, as planned", value=True)
            for name in alternative.names:
                yield RadioButton(self._title(name))

    def chosen(self) -> dict[str, str]:
        """The alternatives chosen on the screen: routine -> the one done instead."""
        instead: dict[str, str] = {}
        for number, alternative in enumerate(self.program.alternatives):
            pressed = self.query_one(f"#choice-{number}", RadioSet).pressed_index
            if pressed > 0:  # 0 is the routine as planned
                instead[alternative.routine] = alternative.names[pressed - 1]
        return instead

    def on_mount(self) -> None:
        self.query_one("#start", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()
        else:
            self.action_not_now()

    def action_start(self) -> None:
        self.dismiss(ProgramStart(self.chosen()))

    def action_not_now(self) -> None:
        self.dismiss(None)
