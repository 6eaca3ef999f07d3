"""A routine before it starts: what it is for, its safety note, its steps and total.

Every length on the page is written one way, as a clock (`2:38`), as the steps' start
times are. The page shows the routine as it will play: at the tempo chosen for it (`-`
slower, `+` faster) and, for a breathing routine, at the length chosen (`l` goes round the
routine's own length and about 3, 5 and 10 minutes), each remembered for the routine
(breathe.library.routine_choices); its steps, lengths and total follow at once.
The safety note is one block (the routine's and its includes', each sentence
once, as the safety-note window shows them), folded after its first lines when long.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Button, DataTable, Header, Static

from breathe.core.durations import format_clock
from breathe.core.problems import Problem, count_problems
from breathe.core.reshape import (
    LengthChoice,
    describe_tempo,
    length_choices,
    main_practice,
    next_length,
    next_tempo,
    shaped,
)
from breathe.core.timeline import StepKind, Timeline, describe_step
from breathe.core.words import counted
from breathe.format.spec import shown
from breathe.library.catalog import Entry
from breathe.library.routine_choices import RoutineChoices
from breathe.library.watch import is_gone
from breathe.ui.widgets.footer import KeysFirstFooter

FOLDED_LINES = 3  # a long safety note shows this many lines until unfolded
LEAST_WHAT_WIDTH = 16  # the steps' "What" column, narrower than this, is left out
LEAST_STEP_WIDTH = 16  # long step titles give way to "What" down to this
CELL_PADDING = 2  # a table column's padding, one space either side
SCROLLBAR = 2  # the page's own scrollbar, when it is longer than the screen
TEMPO_KEYS = Binding.Group("Tempo")  # one entry in the footer: "- + Tempo"
PALETTE_HINT_COLUMNS = 70  # the footer names ^p palette from this wide on (KeysFirstFooter)


@dataclass(frozen=True)
class FoldedText:
    """`text` wrapped to the width it is given, cut after `lines` lines (None: all of it)
    with an ellipsis and `more` under it; unfolded, `less` under it if it is long."""

    text: Text
    lines: int | None
    more: str
    less: str

    def folds(self, console: Console, width: int) -> bool:
        """Whether the text is longer than its folded lines at `width`."""
        return len(self.text.wrap(console, width)) > FOLDED_LINES

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        lines = list(self.text.wrap(console, options.max_width))
        if len(lines) <= FOLDED_LINES:
            shown, hint = lines, None
        elif self.lines is None:
            shown, hint = lines, self.less
        else:
            shown, hint = lines[: self.lines], self.more
            shown[-1] = shown[-1].copy()
            shown[-1].rstrip()
            shown[-1].append(" …")
        if hint is not None:
            shown.append(Text(hint, style="italic"))
        yield Text("\n").join(shown)

    def __str__(self) -> str:
        return self.text.plain


@dataclass(frozen=True)
class KeyedLines:
    """Lines of a setting and the keys that change it (`Tempo 1.5× (faster)   - slower,
    + faster`): the keys beside it where they fit, else on the next line, never cut."""

    lines: tuple[tuple[Text, str], ...]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        shown: list[Text] = []
        for said, keys in self.lines:
            beside = said.copy()
            if keys and said.cell_len + 3 + len(keys) <= width:
                beside.append("   " + keys, style="italic")
                shown.append(beside)
                continue
            shown.extend(said.wrap(console, width))
            if keys:
                for line in Text(keys, style="italic").wrap(console, max(1, width - 2)):
                    shown.append(Text("  ") + line)
        yield Text("\n").join(shown)

    def __str__(self) -> str:
        return "\n".join(f"{said.plain}   {keys}".rstrip() for said, keys in self.lines)


class SafetyNote(Static):
    """The safety note as one block: the routine's own and its includes', each sentence once
    (breathe.core.timeline gathers them), folded after FOLDED_LINES lines until `f`."""

    folded: reactive[bool] = reactive(True, layout=True)

    def __init__(self, notes: tuple[str, ...]) -> None:
        super().__init__(classes="safety", markup=False)
        # An author's words, shown as written, never read as markup (`[draft]`).
        self.note = Text.assemble(("Safety  ", "bold"), "\n\n".join(notes))

    def render(self) -> FoldedText:
        return FoldedText(
            self.note,
            FOLDED_LINES if self.folded else None,
            more="f shows the whole safety note",
            less="f folds it again",
        )

    def folds(self) -> bool:
        """Whether the note is longer than its folded lines at the width it has now."""
        return self.render().folds(self.app.console, max(1, self.content_region.width))


class DetailScreen(Screen[bool]):
    """Dismisses with True to start the session, False to go back. The session starts from
    `from_step` (numbered from 1): the first, or the step chosen in the table (Tab to the
    steps, Enter on one), to try the end of a long routine."""

    BINDINGS = [
        Binding("enter,s", "start", "Start", id="start"),
        Binding("escape,backspace", "back", "Back", id="back"),
        Binding("f", "toggle_safety", "Safety note", id="safety"),
        Binding("minus", "tempo(-1)", "Slower", id="slower", group=TEMPO_KEYS),
        Binding("plus,equals_sign", "tempo(1)", "Faster", id="faster", group=TEMPO_KEYS),
        Binding("l", "length", "Length", id="length"),
    ]

    CSS_PATH = "detail.tcss"

    def __init__(
        self,
        entry: Entry,
        timeline: Timeline,
        problems: tuple[Problem, ...] = (),
        *,
        choices: RoutineChoices,
    ) -> None:
        super().__init__()
        self.entry = entry
        self.timeline = timeline  # as written: `played` is what a session of it plays
        self.problems = problems  # the file as saved does not play (`play --watch`)
        self.from_step = 1
        self.choices = choices  # the tempo and length of each routine, the app's

    @property
    def tempo(self) -> Fraction:
        return self.choices.tempo(self.entry.name)

    @property
    def length(self) -> int | None:
        return self.choices.length(self.entry.name) if self.has_length else None

    @property
    def has_tempo(self) -> bool:
        """Whether a tempo changes anything: it paces breathing steps (not poses or rests)."""
        return any(step.kind is StepKind.BREATHING for step in self.timeline.steps)

    @property
    def has_length(self) -> bool:
        """Whether a length may be chosen: a breathing routine (breathe.core.reshape)."""
        return main_practice(self.timeline) is not None

    @property
    def played(self) -> Timeline:
        """The routine as a session of it plays: at its tempo and length."""
        return shaped(self.timeline, self.tempo, self.length)

    async def show_version(
        self, entry: Entry, timeline: Timeline, problems: tuple[Problem, ...] = ()
    ) -> None:
        """Show another version of the routine (saved while watched), or its problems
        above the version that still plays."""
        self.entry, self.timeline, self.problems = entry, timeline, problems
        # The body only: the header and footer stay (rebuilding Textual's Header while it
        # mounts can fail on its missing title).
        body = self.query(DetailBody)
        if not body:
            return
        await body.first().recompose()
        if not self.query(DataTable):
            return  # closed while it was being rebuilt (Start pressed): nothing to fill
        self._fill_steps()

    def _problems_text(self) -> Text:
        if is_gone(self.problems):  # deleted or renamed while watched: not a save at all
            return Text.assemble(
                ("The file is gone", "bold"),
                f" — {shown(self.problems[0].path)} was deleted, moved or renamed. The last "
                "version that plays is shown below, and Start plays it; save the file there "
                "again to go on.",
            )
        count = count_problems(self.problems)
        text = Text.assemble(
            (f"Saved with {counted(count, 'problem')}", "bold"),
            " — the last version that plays is shown below, and Start plays it.",
        )
        for problem in self.problems:
            text.append("\n")
            text.append(f"{shown(problem.path)}:{problem.line}:{problem.column}: ", style="dim")
            text.append(shown(problem.key_path), style="bold")
            text.append(f": {shown(problem.message)}")
            if problem.hint:
                text.append(f"; {shown(problem.hint)}", style="italic")
        return text

    def compose(self) -> ComposeResult:
        yield Header()
        yield DetailBody(self, id="detail")
        yield KeysFirstFooter(palette_from=PALETTE_HINT_COLUMNS)

    def body(self) -> ComposeResult:
        """What DetailBody shows: the routine's words, its steps and total, Start."""
        routine = self.entry.routine
        assert routine is not None
        # An author's words are shown as written, never read as markup (`[draft]`).
        yield Static(routine.title, id="detail-title", markup=False)
        played = self.played
        yield Static(self._facts(played), id="detail-facts", markup=False)
        if self.problems:
            yield Static(self._problems_text(), id="detail-problems")
        if routine.description:
            yield Static(routine.description.strip(), id="detail-description", markup=False)
        if self.timeline.safety:
            yield SafetyNote(self.timeline.safety)
        if self.has_tempo:  # after the safety note: on a small terminal that comes first
            yield Static(self._play_text(), id="detail-play")
        yield StepsTable(id="detail-steps", cursor_type="none", zebra_stripes=True)
        yield Static(self._total_text(played), id="detail-total")
        yield Button("Start", id="start", variant="primary")

    def _facts(self, played: Timeline) -> str:
        """Who, how hard, how it feels, how long it plays, its tags."""
        routine = self.entry.routine
        assert routine is not None
        facts = [f"by {routine.author}"] if routine.author else []
        facts.extend(str(value) for value in (routine.level, routine.feel) if value)
        facts.append(format_clock(played.total_ms))
        if routine.tags:
            facts.append(", ".join(routine.tags))
        return "  ·  ".join(facts)

    def _play_text(self) -> KeyedLines:
        """The tempo and the length, each with the keys that change it."""
        tempo = self.tempo
        keys = [
            word
            for word, direction in (("- slower", -1), ("+ faster", 1))
            if next_tempo(tempo, direction) is not None
        ]
        lines = [(Text.assemble(("Tempo   ", "bold"), describe_tempo(tempo)), ", ".join(keys))]
        if self.has_length:
            choices = length_choices(self.timeline, tempo)
            chosen = next((c for c in choices if c.minutes == self.length), None)
            said = chosen.describe() if chosen else f"about {self.length} min"
            offered = f"l: {_offered(choices)}" if len(choices) > 1 else ""
            lines.append((Text.assemble(("Length  ", "bold"), said), offered))
        return KeyedLines(tuple(lines))

    def _total_text(self, played: Timeline) -> Text:
        text = Text(f"Total {format_clock(played.total_ms)}", style="bold")
        if played.total_ms != self.timeline.total_ms:
            text.append(f"  (as written {format_clock(self.timeline.total_ms)})", style="dim")
        return text

    def _show_played(self) -> None:
        """The page again at the tempo and length now chosen: in place (the safety note
        stays as folded, the page where it was scrolled)."""
        played = self.played
        self.query_one("#detail-play", Static).update(self._play_text())
        self.query_one("#detail-total", Static).update(self._total_text(played))
        facts = self.query_one("#detail-facts", Static)
        facts.update(self._facts(played))
        self._fill_steps()
        self.refresh_bindings()

    def on_mount(self) -> None:
        self._fill_steps()

    def on_resize(self, event: events.Resize) -> None:
        if self.query(DataTable):
            self._fill_steps()  # the columns fit the new width
        self.refresh_bindings()  # `f` is offered only where the note folds

    def _step_rows(self) -> list[list[Text]]:
        rows = []
        played = self.played
        for step in played.steps:
            title = step.title
            if step.rounds:
                title += "  " + ", ".join(f"{n}/{of}" for n, of in step.rounds)
            rows.append(
                [
                    Text(str(step.index + 1), justify="right"),
                    Text(format_clock(step.start_ms), justify="right"),
                    Text(format_clock(step.duration_ms), justify="right"),
                    Text(title, no_wrap=True, overflow="ellipsis"),
                    Text(
                        describe_step(step, played),
                        style="dim",
                        no_wrap=True,
                        overflow="ellipsis",
                    ),
                ]
            )
        return rows

    def _fill_steps(self) -> None:
        """The steps, in columns that fit the page's width: the "What" column (then long
        titles) is cut with an ellipsis, never cut off at the edge."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        rows = self._step_rows()
        names = ["#", "At", "Length", "Step", "What"]
        widths = [
            max([len(name), *(row[column].cell_len for row in rows)])
            for column, name in enumerate(names)
        ]
        body = self.query_one(DetailBody)
        room = self.size.width - body.styles.padding.width - SCROLLBAR
        what = room - sum(widths[:4]) - CELL_PADDING * len(names)
        if what < LEAST_WHAT_WIDTH:  # long titles give way first, down to a few words
            widths[3] = max(LEAST_STEP_WIDTH, widths[3] - (LEAST_WHAT_WIDTH - what))
            what = room - sum(widths[:4]) - CELL_PADDING * len(names)
        if what < LEAST_WHAT_WIDTH:  # a narrow terminal: the steps' titles, in full width
            names, widths = names[:4], widths[:4]
            widths[3] = max(len("Step"), room - sum(widths[:3]) - CELL_PADDING * len(names))
        else:
            widths[4] = min(widths[4], what)
        for name, width in zip(names, widths, strict=True):
            table.add_column(name, key=name.lower().replace("#", "index"), width=width)
        for row in rows:
            table.add_row(*row[: len(names)])
        # Focus without scrolling: on a small terminal the title and safety note come first.
        # Not away from the steps (a resize refills them while a person chooses one).
        if not isinstance(self.focused, StepsTable):
            self.query_one(Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)

    def action_start(self) -> None:
        self.dismiss(True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a step: the session starts there."""
        event.stop()
        self.from_step = event.cursor_row + 1
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_safety":
            notes = self.query(SafetyNote)
            return bool(notes) and notes.first().folds()
        if action == "tempo":
            direction = parameters[0] if parameters else 0
            if not self.has_tempo or not isinstance(direction, int):
                return False
            return None if next_tempo(self.tempo, direction) is None else True  # dim at a bound
        if action == "length":
            return self.has_length and len(length_choices(self.timeline, self.tempo)) > 1
        return True

    def action_tempo(self, direction: int) -> None:
        """One step slower (-1) or faster (1), within the bounds; remembered at once."""
        tempo = next_tempo(self.tempo, direction)
        if tempo is None or not self.has_tempo:
            return
        self._said(self.choices.choose_tempo(self.entry.name, tempo))
        self._show_played()

    def action_length(self) -> None:
        """The next length offered (its own after the longest); remembered at once."""
        if not self.has_length:
            return
        choices = length_choices(self.timeline, self.tempo)
        self._said(self.choices.choose_length(self.entry.name, next_length(choices, self.length)))
        self._show_played()

    def _said(self, problem: str | None) -> None:
        if problem is not None:
            self.notify(
                problem, title="Not remembered", severity="warning", timeout=10, markup=False
            )

    def action_toggle_safety(self) -> None:
        """Unfold the safety note, or fold it again."""
        for note in self.query(SafetyNote):
            note.folded = not note.folded


class StepsTable(DataTable[Text]):
    """The steps; focused (Tab), a row cursor, and Enter starts the session from that step.
    Unfocused it has no cursor (nor a row lit under the mouse): the page reads as a list."""

    BINDINGS = [Binding("enter", "select_cursor", "Start from this step", id="from-step")]

    def on_focus(self) -> None:
        self.cursor_type = "row"

    def on_blur(self) -> None:
        self.cursor_type = "none"


class DetailBody(VerticalScroll):
    """The scrolling part of the detail screen, rebuilt alone when a watched file is saved."""

    def __init__(self, screen: DetailScreen, *, id: str) -> None:
        super().__init__(id=id)
        self.detail = screen

    def compose(self) -> ComposeResult:
        yield from self.detail.body()


def _offered(choices: tuple[LengthChoice, ...]) -> str:
    """`as written, about 3, 5 or 10 min`: the lengths `l` goes round."""
    minutes = [str(choice.minutes) for choice in choices if choice.minutes is not None]
    listed = ", ".join(minutes[:-1]) + f" or {minutes[-1]}" if len(minutes) > 1 else minutes[0]
    own = "as written" if choices[0].minutes is None else ""
    return f"{own}, about {listed} min" if own else f"about {listed} min"
