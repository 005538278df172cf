"""The `transparency` command: each subcommand is a thin layer over one library function."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import assemble
from .comms import changes, forms, github, inbox, new_decision, reimport, reminders
from .comms.importer import import_file
from .comms.ocds_import import import_ocds
from .comms.ocds_reader import looks_like_json
from .core.howto import import_command, serve_command
from .core.problems import InputError, Problem
from .data.load import read_yaml
from .model.records import PROFILE_DEFAULTS
from .office import site_commands
from .sheets.templates import write_filled

EXAMPLES = {
    "validate": "transparency validate",
    "new": 'transparency new decision "Community Safety Fund awards 2026/27"  (or: --from-issue issue-body.md)',
    "template": "transparency template grants grants.xlsx",
    "import": "transparency import grants.xlsx --resource grants",
    "changes": "transparency changes --base origin/main",
    "reminders": "transparency reminders --days 30",
    "inbox": "transparency inbox --format github",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="transparency", description="Make, check, build and add to a transparency site."
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the project folder (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)
    validating = commands.add_parser(
        "validate",
        help="check data/ and content/decisions/ without building",
        epilog=f"Example: {EXAMPLES['validate']}",
    )
    validating.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github: one annotation per problem on its file and line, and the full list in the job summary",
    )
    new = commands.add_parser("new", help="start a new record, ready to edit", epilog=f"Example: {EXAMPLES['new']}")
    new.add_argument("kind", choices=["decision"], help="what to create")
    new.add_argument("title", nargs="?", help="the title of the record")
    new.add_argument(
        "--from-issue",
        type=Path,
        metavar="BODY_FILE",
        help='write the record from a "Publish a decision" issue form\'s body, saved in a file',
    )
    new.add_argument("--report", type=Path, help="also write what happened as Markdown (for a comment or pull request)")
    new.add_argument(
        "--branch",
        help="the decision's own pull request branch: references on the other open decision branches "
        "(origin/decision/...) count as taken, so two forms at once never get the same one",
    )
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path, default=Path("."))
    root = early.parse_known_args(argv)[0].root  # to list the datasets in `template --help`
    template = commands.add_parser(
        "template",
        help="write a spreadsheet to fill in for a dataset",
        epilog=f"Datasets: {', '.join(dataset_names(root)) or '(none found: run it in the project folder)'}. "
        f"Example: {EXAMPLES['template']}",
    )
    template.add_argument("resource", help="the dataset, e.g. grants")
    template.add_argument("file", type=Path, help="the .xlsx file to write")
    template.add_argument("--with-data", action="store_true", help="include the rows already published")
    importing = commands.add_parser(
        "import",
        help="check a filled-in spreadsheet or CSV and copy it into data/",
        epilog=f"Example: {EXAMPLES['import']}",
    )
    importing.add_argument(
        "file", type=Path, help="an .xlsx file, a CSV saved from Excel, or an OCDS .json file from Find a Tender"
    )
    importing.add_argument("--resource", help="the dataset (worked out from the file when left out)")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="make the dataset exactly the sheet: published rows missing from it are removed (they are listed)",
    )
    importing.add_argument("--dry-run", action="store_true", help="check and show what would change, write nothing")
    changing = commands.add_parser(
        "changes",
        help="list what the data and records in this folder change compared with a git branch or commit",
        epilog=f"Example: {EXAMPLES['changes']}",
    )
    changing.add_argument("--base", required=True, help="the branch, tag or commit to compare with, e.g. origin/main")
    reminding = commands.add_parser(
        "reminders",
        help="list what is overdue or due to be published soon, with the law, what to publish and where",
        epilog=f"Example: {EXAMPLES['reminders']}",
    )
    reminding.add_argument("--days", type=int, default=reminders.WINDOW, help="how far ahead to look (default 30)")
    reminding.add_argument(
        "--exit-code", action="store_true", help="exit with 2 when nothing is due (for a workflow to close its issue)"
    )
    inboxing = commands.add_parser(
        "inbox",
        help="import every spreadsheet in inbox/ (all or nothing), then remove the uploads",
        epilog=f"Example: {EXAMPLES['inbox']}",
    )
    inboxing.add_argument("--check", action="store_true", help="only check the uploads; write nothing")
    inboxing.add_argument(
        "--format", choices=["text", "github"], default="text", help="github: annotations and a job summary"
    )
    inboxing.add_argument(
        "--again",
        metavar="REF",
        help="first take REF's data/ (e.g. origin/main) and put back the files this branch uploaded, to import "
        "them again on the newest data (the inbox workflow does this when main moves)",
    )
    inboxing.add_argument(
        "--pending",
        metavar="REF",
        help="read branch names (one a line) and print those that uploaded to inbox/ since they left REF "
        "(e.g. origin/main): the pull requests the inbox workflow imports again",
    )
    site_commands.add_commands(commands)
    args = parser.parse_args(argv)
    try:
        if args.command in site_commands.NAMES:
            return site_commands.run(args)
        elif args.command == "validate":
            return validate(args.root, args.format)
        elif args.command == "new" and args.from_issue:
            return decision_from_issue(args.root, args.from_issue, args.report, args.branch)
        elif args.command == "new":
            if not args.title:
                parser.error("give the decision's title, or --from-issue BODY_FILE")
            profile = read_yaml(args.root / "data" / "profile.yaml", "data/profile.yaml", [], required=False) or {}
            role = str(profile.get("role") or PROFILE_DEFAULTS["role"])
            path = new_decision.create(args.root / "content" / "decisions", args.title, assemble.build_date(), role)
            print(f"Wrote {path}. Fill in the summary and the record, then preview with: {serve_command()}")
        elif args.command == "template":
            print(make_template(args.root, args.resource, args.file, args.with_data))
        elif args.command == "changes":
            print(changes.changes_since(args.root, args.base, assemble.build_date()), end="")
        elif args.command == "reminders":
            site = assemble.validate(args.root / "data", args.root / "content")
            found = reminders.reminders(site, args.days)
            print(reminders.markdown(site, found, args.days), end="")
            return 2 if args.exit_code and not found else 0
        elif args.command == "inbox" and args.pending:
            print("".join(f"{branch}\n" for branch in reimport.pending(args.root, args.pending, sys.stdin)), end="")
        elif args.command == "inbox":
            if args.again:
                return inbox_again(args.root, args.again, args.check, args.format)
            return run_inbox(args.root, args.check, args.format)
        elif args.command == "import" and args.file.is_file() and looks_like_json(args.file):
            # Contracts and tenders by ocid, from the platform's own notices: no double keying.
            print(import_ocds(args.root, args.file, assemble.build_date(), args.dry_run))
        elif args.command == "import":
            print(import_file(args.root, args.file, args.resource, assemble.build_date(), args.replace, args.dry_run))
    except InputError as error:
        print(error.report(AFTER_PROBLEMS.get(args.command, "Nothing was published.")), file=sys.stderr)
        return 1
    except OSError as error:
        print(f"Could not read or write a file: {error}", file=sys.stderr)
        return 1
    return 0


# What the first line of a list of problems says next, by command (a build's: "Nothing was published.").
AFTER_PROBLEMS = {
    "import": "Nothing was written.",
    "template": "Nothing was written.",
    "validate": "Fix each one listed: the site is not published until the data has none.",
}
WARNINGS_NEXT = ("It does not stop publishing; look at it.", "They do not stop publishing; look at each.")


def counted(count: int, noun: str) -> str:
    return f"{count:,} {noun if count == 1 else noun + 's'}"


def validate(root: Path, output: str) -> int:
    try:
        site, warnings = assemble.checked(root / "data", root / "content")
        warnings = warnings + forms.out_of_date(root, site)
    except InputError as error:
        if output != "github":
            raise
        print("\n".join(github.annotations(root, error.problems)))
        github.write_summary(
            github.problems_markdown(
                "The data has problems",
                error.problems,
                ("Nothing was published; fix it.", "Nothing was published; fix each one."),
            )
        )
        # Only the count: the plain report would print cell values as they are, line breaks included.
        print(error.report().splitlines()[0], file=sys.stderr)
        return 1
    message = f"The data is valid: {counted(len(site.tables), 'dataset')}, {counted(len(site.decisions), 'decision')}."
    if output == "github":
        for line in github.annotations(root, warnings, "warning"):
            print(line)
        github.write_summary(f"## The data is valid\n\n{message}")
        if warnings:
            github.write_summary(github.problems_markdown("Warnings", warnings, WARNINGS_NEXT, noun="warning"))
        print(message)
        return 0
    print(message)
    for warning in warnings:
        print(f"  - {warning}")
    return 0


def inbox_again(root: Path, ref: str, check_only: bool, output: str) -> int:
    """Each upload the branch imported, again on REF's data, in the order they were made (the latest version of
    each file only)."""
    batches = reimport.rounds(root, ref)
    if not batches or check_only:  # a check writes nothing, so one round after another cannot build on it
        restored = reimport.restore(root, ref, batches)
        print(f"Importing again on {ref}'s data: {', '.join(restored) or 'no uploads found'}.")
        return run_inbox(root, check_only, output)
    reimport.start_from(root, ref)
    for number, batch in enumerate(batches, 1):
        names = reimport.put_back(root, batch)
        print(f"Importing again on {ref}'s data, upload {number} of {len(batches)}: {', '.join(names)}.")
        code = run_inbox(root, check_only, output)
        if code:
            return code
    return 0


def run_inbox(root: Path, check_only: bool, output: str) -> int:
    try:
        done = inbox.import_inbox(root, assemble.build_date(), write=not check_only)
    except InputError as error:
        if output == "github":
            print("\n".join(github.annotations(root, error.problems)))
            github.write_summary(
                github.problems_markdown(
                    "The upload was not imported",
                    error.problems,
                    "Nothing was written and the upload is kept. Fix the spreadsheet and upload it again to this branch.",
                )
            )
            print(error.report().splitlines()[0], file=sys.stderr)
        else:
            print(error.report("Nothing was written; the uploads are kept."), file=sys.stderr)
        return 1
    head = "There is nothing to import: inbox/ holds no uploads."
    if done:
        head = f"All uploads pass the checks; {'they would be' if check_only else 'these were'} imported."
    print("\n".join([head, *(f"{shown}:\n" + "\n".join(f"  {line}" for line in lines) for shown, lines in done)]))
    if output == "github":
        parts = ["## Uploads", "", head, ""]
        for shown, lines in done:
            parts += [
                f"#### {github.cell(shown)}",
                "",
                *(f"- {github.cell(line.strip().lstrip('- '))}" for line in lines),
                "",
            ]
        github.write_summary("\n".join(parts))
    return 0


def decision_from_issue(root: Path, body_file: Path, report: Path | None, branch: str | None = None) -> int:
    try:
        path, record, warnings = new_decision.create_from_issue(root, body_file, assemble.build_date(), branch)
    except InputError as error:
        if report:
            report.write_text(
                github.problems_markdown(
                    "The decision record was not written",
                    error.problems,
                    "Nothing was written. Edit the issue to fix the answers; the record is tried again when you save.",
                ),
                encoding="utf-8",
            )
        print(error.report().replace("The data has", "The issue form has"), file=sys.stderr)
        return 1
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    message = f"Wrote {shown}: decision {record['reference']}, {record['title']}."
    if report:
        report.write_text(
            f"Decision **{github.cell(record['reference'])}**: {github.cell(record['title'])}\n\n"
            f"The record is `{shown}`. Check it in the *Files changed* tab, then merge to publish it.\n"
            + (github.problems_markdown("Warnings", warnings, WARNINGS_NEXT, noun="warning") if warnings else ""),
            encoding="utf-8",
        )
    print("\n".join([message, *(f"  - {w}" for w in warnings)]))
    return 0


def dataset_names(root: Path) -> list[str]:
    descriptor = read_yaml(root / "data" / "datapackage.yaml", "data/datapackage.yaml", [], required=False) or {}
    return [str(r["name"]) for r in descriptor.get("resources", []) if isinstance(r, dict) and "name" in r]


def already_imported(root: Path, path: Path, name: str) -> bool:
    """Whether importing this sheet would change nothing, so writing a fresh one over it loses nothing."""
    try:
        return not import_file(root, path, name, assemble.build_date(), dry_run=True).changed
    except InputError:
        return False


def make_template(root: Path, name: str, path: Path, with_data: bool) -> str:
    site = assemble.validate(root / "data", root / "content")
    resources = {r["name"]: r for r in site.descriptor["resources"]}
    if name not in resources:
        raise InputError([Problem(name, None, None, "is not a dataset", "use one of: " + ", ".join(sorted(resources)))])
    if path.exists() and not already_imported(root, path, name):
        # It may be a sheet someone has filled in and not imported yet: never write over it.
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    "already exists, and may hold rows not imported yet",
                    f"import it first ({import_command(str(path))}), or move or rename it, then try again",
                )
            ]
        )
    write_filled(site, name, path, with_data)
    return f"Wrote {path}: fill in the 'data' sheet, save it, then run: {import_command(str(path))}"


if __name__ == "__main__":
    sys.exit(main())
