"""The commands that make and run an office's site folder: init, build, serve, forms, workflows, doctor."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..comms import forms, github
from . import doctor, init_site, run_mkdocs

EXAMPLES = {
    "init": "transparency init my-office-site",
    "build": "transparency build",
    "serve": "transparency serve",
    "forms": "transparency forms",
    "workflows": "transparency workflows",
    "doctor": "transparency doctor",
}
NAMES = tuple(EXAMPLES)


def add_commands(commands: argparse._SubParsersAction) -> None:
    initing = commands.add_parser(
        "init",
        help="make a new site folder: a small example data set and pages, mkdocs.yml, requirements.txt and the GitHub workflows",
        epilog=f"Example: {EXAMPLES['init']}",
    )
    initing.add_argument("folder", type=Path, help="the new folder (it must not exist yet, or be empty)")
    initing.add_argument(
        "--source",
        metavar="GIT_URL",
        help="install the generator from a release tag of this git repository (default: the one it was installed "
        "from, its Source address)",
    )
    building = commands.add_parser(
        "build", help="check the data and build the site into site/", epilog=f"Example: {EXAMPLES['build']}"
    )
    building.add_argument("--quiet", action="store_true", help="print only problems")
    serving = commands.add_parser(
        "serve",
        help="preview the site at http://127.0.0.1:8000/, rebuilt as you save",
        epilog=f"Example: {EXAMPLES['serve']}",
    )
    serving.add_argument("--address", "-a", metavar="IP:PORT", help="where to serve it (default 127.0.0.1:8000)")
    commands.add_parser(
        "forms",
        help="write the 'Publish a decision' issue form's categories, priorities and decision maker from data/",
        epilog=f"Example: {EXAMPLES['forms']}",
    )
    commands.add_parser(
        "workflows",
        help="write the GitHub workflows this version of the generator ships into .github/",
        epilog=f"Example: {EXAMPLES['workflows']}",
    )
    doctoring = commands.add_parser(
        "doctor",
        help="say what the site's set-up lacks (address, contact, licence, workflows, GitHub settings) and what to do",
        epilog=f"Example: {EXAMPLES['doctor']}",
    )
    doctoring.add_argument("--format", choices=["text", "github"], default="text", help="github: also a job summary")


def run(args: argparse.Namespace) -> int:
    """Run one of these commands; its exit status. InputError and OSError are reported by the caller."""
    root = args.root
    if args.command == "init":
        written = init_site.create(args.folder, args.source)
        print(
            f"Made a new site in {args.folder}: {', '.join(written)}.\n"
            "Its data/ and content/ are a small example, marked as one on every page: replace the placeholders in "
            "data/profile.yaml and the example rows with your office's. Then, in that folder: transparency "
            "validate, transparency serve, transparency build. OWNERS.md there says how to publish it on GitHub; "
            "transparency doctor, what is left to do."
        )
        if "git+" not in init_site.requirement(args.source):
            print(
                "requirements.txt pins the generator from the package index: if you installed it from a git "
                "repository, write that address there instead (or run init again with --source ADDRESS)."
            )
    elif args.command == "build":
        status = run_mkdocs.run(root, "build", ["--quiet"] if args.quiet else [])
        if status == 0:
            # The command as it was typed (.venv/bin/transparency, or .venv\Scripts\transparency on Windows), which
            # works where a bare "transparency" may not; `make site` runs it so too.
            typed = sys.argv[0] if Path(sys.argv[0]).stem == "transparency" else "transparency"
            print(f"The site is in {(root / 'site').as_posix()}/. Preview it as you edit: {typed} serve")
        return status
    elif args.command == "serve":
        taken = run_mkdocs.address_taken(root, args.address)
        if taken:
            print(taken, file=sys.stderr)
            return 1
        address = ["-a", args.address] if args.address else []
        return run_mkdocs.run(root, "serve", ["--livereload", "--dirty", *address])
    elif args.command == "forms":
        path = forms.write(root)
        print(f"Wrote {path}: commit it, and the form on GitHub offers what data/ holds.")
    elif args.command == "workflows":
        print(f"Wrote {', '.join(init_site.write_workflows(root))}: commit them.")
    elif args.command == "doctor":
        found = doctor.examine(root)
        print(doctor.text(found))
        if args.format == "github":
            github.write_summary(doctor.markdown(found))
        return 1 if any(finding.ok is False for finding in found) else 0
    return 0
