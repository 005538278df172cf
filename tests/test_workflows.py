"""The GitHub workflows: least privilege, pinned actions, and no issue or pull-request text inside a script."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from helpers import ROOT

# This repository's own, and those `transparency init` gives an office's site.
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml")) + sorted(
    (ROOT / "generator" / "scaffold" / "github" / "workflows").glob("*.yml")
)
# Text anyone can write: an issue, a comment, a pull request's title, body or branch name, a commit message.
UNTRUSTED = re.compile(
    r"github\.(event\.(issue|comment|review|review_comment|discussion|pages|commits|head_commit)\b"
    r"|event\.pull_request\.(title|body|head\.(ref|label|repo))"
    r"|head_ref)"
)
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps(workflow: dict):
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, job, step


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"site.yml"}


def test_no_script_interpolates_issue_or_pull_request_text():
    for path in WORKFLOWS:
        for job, _, step in steps(load(path)):
            scripts = [step.get("run", "")]
            if "github-script" in step.get("uses", ""):
                scripts.append(step.get("with", {}).get("script", ""))
            for script in scripts:
                for expression in EXPRESSION.findall(script):
                    assert not UNTRUSTED.search(expression), f"{path.name} job {job}: {expression.strip()}"


def test_the_untrusted_pattern_catches_what_it_must():
    for text in (
        "github.event.issue.body",
        "github.event.issue.title",
        "github.head_ref",
        "github.event.pull_request.title",
        "github.event.pull_request.head.ref",
        "github.event.comment.body",
    ):
        assert UNTRUSTED.search(text), text
    assert not UNTRUSTED.search("github.event.pull_request.number")


def test_every_action_is_pinned_by_commit():
    for path in WORKFLOWS:
        for job, _, step in steps(load(path)):
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), (
                    f"{path.name} {job}: {step['uses']}"
                )


def test_least_privilege():
    for path in WORKFLOWS:
        workflow = load(path)
        assert workflow.get("permissions") == {}, f"{path.name}: no permissions by default"
        events = workflow.get(True) or workflow.get("on")  # YAML 1.1 reads the key `on` as True
        assert "pull_request_target" not in events, path.name
        for name, job in workflow["jobs"].items():
            assert "permissions" in job, f"{path.name} job {name} says what it may do"
            for _, _, step in steps({"jobs": {name: job}}):
                if "actions/checkout@" in step.get("uses", ""):
                    assert step.get("with", {}).get("persist-credentials") is False, f"{path.name} {name}"
