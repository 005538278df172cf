"""The GitHub repository's settings a site needs, read with the REST API and the job's token (urllib only)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass

from .init_site import SITE_WORKFLOW


@dataclass(frozen=True)
class Finding:
    """One thing the set-up needs: whether it is there (None: it could not be checked), and where to click."""

    what: str
    ok: bool | None
    detail: str = ""
    fix: str = ""


class GitHub:
    """GET requests to the REST API for one repository; an answer's status and JSON, never an exception."""

    def __init__(self, repository: str, token: str, api: str = "https://api.github.com") -> None:
        self.repository, self.token, self.api = repository, token, api.rstrip("/")

    def get(self, path: str) -> tuple[int, dict]:
        request = urllib.request.Request(
            f"{self.api}/repos/{self.repository}{path}",
            headers={
                "Accept": "application/vnd.github+json",
                "Authorization": f"Bearer {self.token}",
                "X-GitHub-Api-Version": "2022-11-28",
                "User-Agent": "pcc-transparency-doctor",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as answer:
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, {}
        except (urllib.error.URLError, TimeoutError, ValueError):
            return 0, {}


def from_environment() -> GitHub | None:
    """The repository and token a GitHub Actions job has (GITHUB_TOKEN must be passed to the step), else None."""
    repository, token = os.environ.get("GITHUB_REPOSITORY"), os.environ.get("GITHUB_TOKEN")
    if not repository or not token:
        return None
    return GitHub(repository, token, os.environ.get("GITHUB_API_URL") or "https://api.github.com")


BY_HAND = "the job's token may not read it (it needs the Administration permission), so check it by hand"


def _administration_setting(github: GitHub, path: str, field: str, what: str, missing: str, fix: str) -> Finding:
    """A yes-or-no Actions setting; the job's own token may not read it (then: check it by hand)."""
    status, answer = github.get(path)
    value = answer.get(field) if status == 200 else None
    value = value if isinstance(value, bool) else None  # an answer without the field: not known
    return Finding(what, value, {True: "", False: missing, None: BY_HAND}[value], fix)


def check(github: GitHub) -> tuple[list[Finding], str]:
    """Each setting, and the address GitHub Pages publishes the site at ("" when unknown)."""
    found = []
    status, repository = github.get("")
    if status != 200:
        message = f"GitHub answered {status or 'nothing'} for the repository {github.repository}"
        return [Finding("The repository's settings", None, message, "check the settings in OWNERS.md by hand")], ""
    found.append(
        Finding(
            "Issues are on (the Publish a decision form is an issue)",
            bool(repository.get("has_issues")),
            "" if repository.get("has_issues") else "Issues are switched off",
            "Settings → General → Features: tick Issues",
        )
    )
    status, pages = github.get("/pages")
    address = str(pages.get("html_url") or "") if status == 200 else ""
    if status == 200:
        by_actions = pages.get("build_type") == "workflow"
        found.append(
            Finding(
                "Pages are built by GitHub Actions",
                by_actions,
                f"published at {address}" if by_actions else "Pages are not published by GitHub Actions",
                "Settings → Pages → Build and deployment → Source: GitHub Actions",
            )
        )
    else:
        found.append(
            Finding(
                "Pages are built by GitHub Actions",
                False if status == 404 else None,
                "Pages are not published by GitHub Actions (GitHub Pages is not set up)"
                if status == 404
                else f"GitHub answered {status or 'nothing'} about Pages",
                "Settings → Pages → Build and deployment → Source: GitHub Actions",
            )
        )
    found.append(
        _administration_setting(
            github,
            "/actions/permissions/workflow",
            "can_approve_pull_request_reviews",
            "Workflows may open pull requests",
            "GitHub Actions may not open pull requests",
            "Settings → Actions → General → Workflow permissions: tick Allow GitHub Actions to create and approve "
            "pull requests, then Save",
        )
    )
    found.append(
        _administration_setting(
            github,
            "/actions/permissions",
            "enabled",
            "GitHub Actions is switched on",
            "GitHub Actions is switched off",
            "Actions tab → enable the workflows; Settings → Actions → General → Actions permissions: "
            "Allow all actions and reusable workflows",
        )
    )
    status, _ = github.get("/labels/publish-decision")
    found.append(
        Finding(
            "The publish-decision label exists",
            status == 200 if status in (200, 404) else None,
            {200: "", 404: "The label publish-decision is missing"}.get(status, f"GitHub answered {status}"),
            "Issues → Labels → New label, name it publish-decision, Create label",
        )
    )
    status, workflow = github.get(f"/actions/workflows/{SITE_WORKFLOW}")
    state = str(workflow.get("state") or "") if status == 200 else ""
    found.append(
        Finding(
            "The daily rebuild is not paused",
            state == "active" if state else (False if status == 404 else None),
            {
                "active": "",
                "disabled_inactivity": "The daily rebuild (workflow site) is paused: GitHub pauses schedules after "
                "60 days without a commit",
                "disabled_manually": "The daily rebuild (workflow site) is paused: it was switched off",
            }.get(state, f"the workflow {SITE_WORKFLOW} is not on GitHub" if status == 404 else f"state {state}"),
            "Actions tab → site → Enable workflow",
        )
    )
    return found, address
