"""A routine before it starts: what it is for, its safety note, its steps and total."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from breathe.core.durations import format_clock, format_duration
from breathe.core.problems import Problem, count_problems
from breathe.core.timeline import Timeline, describe_step
from breathe.core.words import counted
from breathe.format.spec import shown
from breathe.library.catalog import Entry
from breathe.library.watch import is_gone


class DetailScreen(Screen[bool]):
    """Dismisses with True to start the session, False to go back."""

    BINDINGS = [
        Binding("enter,s", "start", "Start", id="start"),
        Binding("escape,backspace", "back", "Back", id="back"),
    ]

    CSS_PATH = "detail.tcss"

    def __init__(
        self, entry: Entry, timeline: Timeline, problems: tuple[Problem, ...] = ()
    ) -> None:
        super().__init__()
        self.entry = entry
        self.timeline = timeline
        self.problems = problems  # the file as saved does not play (`play --watch`)

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
        yield Footer()

    def body(self) -> ComposeResult:
        """What DetailBody shows: the routine's words, its steps and total, Start."""
        routine = self.entry.routine
        assert routine is not None
        # An author's words are shown as written, never read as markup (`[draft]`).
        yield Static(routine.title, id="detail-title", markup=False)
        facts = [str(value) for value in (routine.level, routine.feel) if value]
        facts.append(format_duration(self.timeline.total_ms))
        if routine.tags:
            facts.append(", ".join(routine.tags))
        yield Static("  ·  ".join(facts), id="detail-facts", markup=False)
        if self.problems:
            yield Static(self._problems_text(), id="detail-problems")
        if routine.description:
            yield Static(routine.description.strip(), id="detail-description", markup=False)
        for note in self.timeline.safety:
            yield Static(Text.assemble(("Safety  ", "bold"), note), classes="safety")
        yield DataTable(id="detail-steps", cursor_type="none", zebra_stripes=True)
        yield Static(f"Total {format_clock(self.timeline.total_ms)}", id="detail-total")
        yield Button("Start", id="start", variant="primary")

    def on_mount(self) -> None:
        self._fill_steps()

    def _fill_steps(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("#", key="index")
        table.add_column("At", key="at")
        table.add_column("Length", key="length")
        table.add_column("Step", key="step")
        table.add_column("What", key="what")
        for step in self.timeline.steps:
            title = step.title
            if step.rounds:
                title += "  " + ", ".join(f"{n}/{of}" for n, of in step.rounds)
            table.add_row(
                Text(str(step.index + 1), justify="right"),
                Text(format_clock(step.start_ms), justify="right"),
                Text(format_duration(step.duration_ms), justify="right"),
                Text(title),
                Text(describe_step(step, self.timeline), style="dim"),
            )
        # Focus without scrolling: on a small terminal the title and safety note come first.
        self.query_one(Button).focus(scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)

    def action_start(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(False)


class DetailBody(VerticalScroll):
    """The scrolling part of the detail screen, rebuilt alone when a watched file is saved."""

    def __init__(self, screen: DetailScreen, *, id: str) -> None:
        super().__init__(id=id)
        self.detail = screen

    def compose(self) -> ComposeResult:
        yield from self.detail.body()
