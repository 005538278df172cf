"""The one problem type: what is wrong with the input, where, and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input. Rows count the header as row 1, as a spreadsheet does."""

    file: str
    row: int | None
    column: str | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        text = f"{', '.join(where)}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class InputError(Exception):
    """Raised with every problem found, so they can all be reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"The data has {count} problem{'s' if count != 1 else ''}. Nothing was published."
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


def quote(value: object, limit: int = 60) -> str:
    """Show a bad value in a message, shortened so a huge cell does not flood the terminal."""
    text = str(value)
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(str(value)):,} characters)"
    return f'"{text}"'
