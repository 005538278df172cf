"""Commands as a comms officer types them: with make, and without it (Windows, or no make installed)."""

from __future__ import annotations


def command(make: str, cli: str, program: str = "transparency") -> str:
    """`make import FILE=x.xlsx` and the same through the project's own `transparency`, for people without make."""
    return f"{make} (without make: .venv/bin/{program} {cli}; on Windows: .venv\\Scripts\\{program} {cli})"


def import_command(file: str) -> str:
    return command(f"make import FILE={file}", f"import {file}")


def serve_command() -> str:
    return command("make serve", "serve --dirty", program="mkdocs")


def template_command(dataset: str) -> str:
    return command(f"make template DATASET={dataset}", f"template {dataset} {dataset}.xlsx --with-data")
