"""The `transparency` command: each subcommand is a thin layer over one library function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build, new_decision
from .problems import InputError

EXAMPLES = {
    "validate": "transparency validate",
    "new": 'transparency new decision "Community Safety Fund awards 2026/27"',
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="transparency", description="Check and add to a transparency site's data.")
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "validate",
        help="check data/ and content/decisions/ without building",
        epilog=f"Example: {EXAMPLES['validate']}",
    )
    new = commands.add_parser("new", help="start a new record, ready to edit", epilog=f"Example: {EXAMPLES['new']}")
    new.add_argument("kind", choices=["decision"], help="what to create")
    new.add_argument("title", help="the title of the record")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            site = build.validate(args.root / "data", args.root / "content")
            print(f"The data is valid: {len(site.tables)} datasets, {len(site.decisions)} decisions.")
        elif args.command == "new":
            path = new_decision.create(args.root / "content" / "decisions", args.title, build.build_date())
            print(f"Wrote {path}. Fill in the summary and the record, then preview with: make serve")
    except InputError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Could not read or write a file: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
