"""Problems as GitHub Actions sees them: workflow-command annotations and a Markdown job summary."""

from __future__ import annotations

import csv
import html
import io
import os
from pathlib import Path

from ..core.problems import Problem


def escape_data(text: str) -> str:
    """A workflow command's message: one line, so nothing in the data can start another command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def csv_lines(path: Path) -> dict[int, int]:
    """Spreadsheet row (header = 1) -> the line of the CSV file it starts on; they differ after a cell with a line break."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    reader = csv.reader(io.StringIO(text, newline=""))
    lines, start = {}, 1
    try:
        for row, _cells in enumerate(reader, start=1):
            lines[row] = start
            start = reader.line_num + 1
    except csv.Error:
        pass
    return lines


def line_of(root: Path, problem: Problem, cache: dict[str, dict[int, int]]) -> int | None:
    if problem.row is None:
        return None
    if problem.file.endswith(".csv"):
        if problem.file not in cache:
            cache[problem.file] = csv_lines(root / problem.file)
        return cache[problem.file].get(problem.row, problem.row)
    # A decision's front matter counts lines; a spreadsheet's rows are not lines of its file.
    return problem.row if problem.file.endswith(".md") else None


def annotation(problem: Problem, line: int | None, level: str = "error") -> str:
    where = [f"file={escape_property(problem.file.split(' (')[0])}"]
    if line is not None:
        where.append(f"line={line}")
    title = problem.file + (f", row {problem.row}" if problem.row is not None else "")
    title += f', column "{problem.column}"' if problem.column else ""
    where.append(f"title={escape_property(title)}")
    message = problem.message + (f"; {problem.hint}" if problem.hint else "")
    return f"::{level} {','.join(where)}::{escape_data(message)}"


def annotations(root: Path, problems: list[Problem], level: str = "error") -> list[str]:
    cache: dict[str, dict[int, int]] = {}
    return [annotation(p, line_of(root, p, cache), level) for p in problems]


def cell(text: object) -> str:
    """Text safe inside a Markdown table cell: no HTML, no line breaks, no column breaks, no links."""
    value = html.escape(str(text), quote=False).replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return value.replace("[", "\\[").replace("]", "\\]").replace("`", "\\`")


def problems_markdown(
    title: str, problems: list[Problem], what_next: str | tuple[str, str], noun: str = "problem"
) -> str:
    """A table of problems under a count sentence; `what_next` may be (said of one, said of several)."""
    count = len([p for p in problems if not p.warning]) or len(problems)  # a note beside problems is not one
    if isinstance(what_next, tuple):
        what_next = what_next[0] if count == 1 else what_next[1]
    lines = [
        f"## {title}",
        "",
        f"{count} {noun if count == 1 else noun + 's'}. {what_next}",
        "",
        "| File | Row | Column | Problem | What to do |",
        "|---|---|---|---|---|",
    ]
    for p in problems:
        lines.append(
            f"| {cell(p.file)} | {p.row if p.row is not None else ''} | {cell(p.column or '')} | {cell(p.message)} | {cell(p.hint)} |"
        )
    return "\n".join(lines) + "\n"


def write_summary(markdown: str) -> bool:
    """Append to the job summary when running in GitHub Actions; False when there is none."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return False
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(markdown + "\n")
    return True
