"""A record the preview leaves out because its row (or its file) has a problem, kept so its page can say why."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.problems import Problem


@dataclass
class HeldBack:
    """One row of a dataset (or one decision's file) left out of a preview while it has problems."""

    dataset: str  # the resource's name (grants, organisations, ...), or "decisions"
    file: str  # as shown to people, e.g. data/grants.csv
    row: int | None  # as a spreadsheet counts it (headings are row 1); None for a decision's file
    cells: dict[str, str]  # what the row says now, heading by heading (a decision: its front matter)
    problems: list[Problem] = field(default_factory=list)
    line: list[str] = field(default_factory=list)  # a row whose cells are out of place: its cells as read
    header: list[str] = field(default_factory=list)  # the file's headings, to read such a row's first cells
    knock_on: bool = False  # left out only because it refers to something else left out

    @property
    def columns(self) -> set[str]:
        """The headings (or keys) the problems name, so the page can point at those cells."""
        return {p.column for p in self.problems if p.column}
