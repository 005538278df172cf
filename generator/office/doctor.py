"""`transparency doctor`: what a site's set-up lacks, in plain words and where to click (OWNERS.md, step by step)."""

from __future__ import annotations

import os
from pathlib import Path

from ..build.assemble import site_address
from ..comms import forms, github
from ..core import installed
from ..data.checks import placeholders
from ..data.load import read_yaml
from . import releases, repo_settings
from .init_site import workflow_files
from .repo_settings import Finding


def local(root: Path) -> list[Finding]:
    """What the site's own files say: its address, contact, licence, workflows and the decision form."""
    profile = read_yaml(root / "data" / "profile.yaml", "data/profile.yaml", [], required=False) or {}
    descriptor = read_yaml(root / "data" / "datapackage.yaml", "data/datapackage.yaml", [], required=False) or {}
    found = []
    address = site_address(os.environ.get("SITE_URL", ""), profile)
    found.append(
        Finding(
            "The site's address",
            bool(address),
            address or "no address: neither SITE_URL nor website in data/profile.yaml gives one",
            "on GitHub Pages the site workflow gives it (SITE_URL); for your own domain, set website in "
            "data/profile.yaml to its https:// address",
        )
    )
    email = str(profile.get("contact_email") or "")
    found.append(
        Finding(
            "A contact address for residents",
            "@" in email and "contact_email" not in placeholders.left(profile),
            (email + " (the example's placeholder)" * ("contact_email" in placeholders.left(profile)))
            or "contact_email in data/profile.yaml is empty",
            "write the office's email address as contact_email in data/profile.yaml",
        )
    )
    licensed = (root / "content" / "licence.md").is_file() and bool(descriptor.get("licenses"))
    found.append(
        Finding(
            "A licence for reusing the data",
            licensed,
            "" if licensed else "content/licence.md or licenses in data/datapackage.yaml is missing",
            "keep content/licence.md (the example's is the Open Government Licence v3.0) and licenses in "
            "data/datapackage.yaml",
        )
    )
    found.append(_not_an_example(profile))
    stale, missing = [], []
    for path, shipped in workflow_files().items():
        here = root / path
        if not here.is_file():
            missing.append(path)
        elif here.read_bytes() != shipped:
            stale.append(path)
    found.append(
        Finding(
            f"The GitHub workflows of pcc-transparency {installed.version()}",
            not stale and not missing,
            "; ".join(
                [f"missing: {', '.join(missing)}"] * bool(missing)
                + [f"not the ones this version ships: {', '.join(stale)}"] * bool(stale)
            ),
            "run transparency workflows and commit what it writes",
        )
    )
    form = root / forms.FORM
    current = form.is_file() and forms.same_form(form, forms.form_text(root))
    found.append(
        Finding(
            "The Publish a decision form offers what data/ holds",
            current,
            "" if current else f"{forms.SHOWN} is {'out of date' if form.is_file() else 'missing'}",
            f"run {forms.COMMAND} and commit the form it writes",
        )
    )
    return found


def _not_an_example(profile: dict) -> Finding:
    """The profile's placeholders are replaced, and no page says the site is an example or a demonstration."""
    left = placeholders.left(profile)
    marks = [key for key in ("example", "demo") if profile.get(key)]
    detail = "; ".join(
        [f"still the example's placeholders in data/profile.yaml: {', '.join(left)}"] * bool(left)
        + [f"{key}: true in data/profile.yaml puts '{WORDING[key]}' on every page" for key in marks]
    )
    return Finding(
        "The site is the office's own, not an example or a demonstration",
        not left and not marks,
        detail,
        "replace each placeholder in data/profile.yaml with your office's; when the data is your office's, delete "
        + " and ".join(f"the line {key}: true" for key in marks or ["example"])
        + " from data/profile.yaml",
    )


WORDING = {"example": "Example site", "demo": "Demonstration site"}


def examine(root: Path) -> list[Finding]:
    found = local(root)
    connection = repo_settings.from_environment()
    if connection is None:
        found.append(
            Finding(
                "The repository's settings on GitHub",
                None,
                "checked only in GitHub Actions (the doctor workflow), where the job's token can read them",
                "Actions tab → doctor → Run workflow, or check each setting in OWNERS.md by hand",
            )
        )
        return found
    release = releases.check(root)  # asked over the network, so only where the workflow runs it
    if release is not None:
        found.append(release)
    settings, pages_address = repo_settings.check(connection)
    if pages_address and found[0].ok is False:
        found[0] = Finding("The site's address", True, f"{pages_address} (GitHub Pages; the site workflow uses it)")
    return found + settings


WORDS = {True: "OK", False: "Missing", None: "Check by hand"}


def text(found: list[Finding]) -> str:
    lines = []
    for finding in found:
        line = f"{WORDS[finding.ok]}: {finding.what}" + (f": {finding.detail}" if finding.detail else "")
        lines.append(line + (f"\n    What to do: {finding.fix}" if finding.ok is not True and finding.fix else ""))
    missing = sum(f.ok is False for f in found)
    lines.append(
        f"{missing} thing{'s' if missing != 1 else ''} missing; OWNERS.md says how to set each up."
        if missing
        else "Nothing is missing."
    )
    return "\n".join(lines)


def markdown(found: list[Finding]) -> str:
    rows = [
        f"| {WORDS[f.ok]} | {github.cell(f.what)} | {github.cell(f.detail)} | "
        f"{github.cell(f.fix) if f.ok is not True else ''} |"
        for f in found
    ]
    missing = sum(f.ok is False for f in found)
    head = f"{missing} thing{'s' if missing != 1 else ''} missing." if missing else "Nothing is missing."
    return "\n".join(
        [f"## The site's set-up\n\n{head}\n", "| | What | Found | What to do |", "| --- | --- | --- | --- |", *rows]
    )
