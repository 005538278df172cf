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
    warning: bool = False  # published anyway, but worth a look (e.g. a grant dated before its decision)

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            # In YAML (profile, data package, decision front matter) a person edits keys, not columns.
            word = "key" if self.file.endswith((".yaml", ".yml", ".md")) else "column"
            where.append(f'{word} "{self.column}"')
        text = f"{'Warning: ' if self.warning else ''}{', '.join(where)}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text


SHOWN = 50  # problems listed one by one; past this they are counted, so a wholly wrong file stays readable


class InputError(Exception):
    """Raised with every problem found, so they can all be reported at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__(self.report())

    def report(self, head: str = "Nothing was published.") -> str:
        # A warning listed beside the problems (e.g. which dataset a sheet was read as) is not one of them.
        count = len([p for p in self.problems if not p.warning]) or len(self.problems)
        title = f"The data has {count} problem{'s' if count != 1 else ''}. {head}"
        return "\n".join([title, *(f"  - {line}" for line in self.lines())])

    def lines(self, limit: int = SHOWN) -> list[str]:
        """Every problem as a line, the first `limit` in full, the rest counted by file and column."""
        lines = [str(p) for p in self.problems[:limit]]
        rest: dict[tuple[str, str], int] = {}
        for problem in self.problems[limit:]:
            key = (problem.file, problem.column or "")
            rest[key] = rest.get(key, 0) + 1
        for (file, column), count in rest.items():
            where = f'in {file}, column "{column}"' if column else f"in {file}"
            lines.append(f"… and {count:,} more {where}")
        return lines


def _sort_key(problem: Problem) -> tuple:
    return (problem.file, problem.row or 0, problem.column or "", problem.message)


def quote(value: object, limit: int = 60) -> str:
    """Show a bad value in a message, shortened so a huge cell does not flood the terminal."""
    text = str(value)
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(str(value)):,} characters)"
    return f'"{text}"'
