"""The GitHub workflows: least privilege, pinned actions, and no issue or pull-request text inside a script."""

from __future__ import annotations

import re
import subprocess
import tomllib
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


# This repository's workflows and the office's copies (generator/scaffold/github/workflows/) do the same, except
# that here the generator is installed from this checkout (`make setup`, `make X`) and there from the version
# requirements.txt pins (`transparency X`). A step changed in one and not the other fails here.
OFFICE_WORKFLOWS = ROOT / "generator" / "scaffold" / "github" / "workflows"
OFFICE_SETUP = {"name": "Set up (the generator, at the version requirements.txt pins)"}
OFFICE_SETUP["run"] = "pip install --quiet -r requirements.txt"
REPOSITORY_SETUP = {"name": "Set up", "run": "make setup"}
# `make X` here is `transparency Y` in an office's site.
MAKE = (
    ("make validate FORMAT=github", "transparency validate --format github"),
    ("make site", "transparency build"),
    (".venv/bin/transparency ", "transparency "),
)
# What only this repository's workflows do: run its own tests, in the browser the runners ship.
REPOSITORY_ONLY_STEPS = {("site.yml", "build"): ["Run every test"]}
REPOSITORY_ONLY_ENV = {("site.yml", "build"): {"CHROME_PATH"}}
OFFICE_ONLY = {"doctor.yml"}  # the office's set-up checked weekly; this repository is not an office's site
REPOSITORY_ONLY_JOBS = {"site.yml": {"release"}}  # tagging the generator's releases, which offices install


def as_office_runs_it(step: dict) -> dict:
    step = dict(step)
    if "run" in step:
        for here, there in MAKE:
            step["run"] = step["run"].replace(here, there)
    return step


def comparable(workflow: dict, name: str, office: bool) -> dict:
    """The workflow with its set-up steps left out and this repository's own extras removed."""
    workflow = dict(workflow)
    jobs = {}
    for job_name, job in workflow.pop("jobs").items():
        if not office and job_name in REPOSITORY_ONLY_JOBS.get(name, ()):
            continue
        job = dict(job)
        steps = [s for s in job.get("steps", []) if s != (OFFICE_SETUP if office else REPOSITORY_SETUP)]
        if not office:
            steps = [
                as_office_runs_it(s)
                for s in steps
                if s.get("name") not in REPOSITORY_ONLY_STEPS.get((name, job_name), [])
            ]
            env = {
                k: v for k, v in job.get("env", {}).items() if k not in REPOSITORY_ONLY_ENV.get((name, job_name), ())
            }
            job.pop("env", None)
            if env:
                job["env"] = env
        job["steps"] = steps
        jobs[job_name] = job
    workflow["jobs"] = jobs
    return workflow


def test_this_repositorys_workflows_and_the_offices_copies_do_the_same():
    here = {p.name for p in (ROOT / ".github" / "workflows").glob("*.yml")}
    there = {p.name for p in OFFICE_WORKFLOWS.glob("*.yml")}
    assert there - here == OFFICE_ONLY and here <= there, "each workflow has an office's copy"
    for name in sorted(here):
        ours = comparable(load(ROOT / ".github" / "workflows" / name), name, office=False)
        theirs = comparable(load(OFFICE_WORKFLOWS / name), name, office=True)
        assert ours.keys() == theirs.keys(), name
        for key in ours:
            if key != "jobs":
                assert ours[key] == theirs[key], f"{name}: {key}"
        assert ours["jobs"].keys() == theirs["jobs"].keys(), name
        for job in ours["jobs"]:
            mine, office = ours["jobs"][job], theirs["jobs"][job]
            assert mine.keys() == office.keys(), f"{name} job {job}"
            for key in mine:
                if key != "steps":
                    assert mine[key] == office[key], f"{name} job {job}: {key}"
            for number, (step, copy) in enumerate(zip(mine["steps"], office["steps"], strict=False), start=1):
                assert step == copy, f"{name} job {job}, step {number} ({step.get('name') or step.get('uses')})"
            assert len(mine["steps"]) == len(office["steps"]), f"{name} job {job}: a step is only in one"


def test_an_offices_workflows_install_the_generator_before_they_use_it():
    for path in sorted(OFFICE_WORKFLOWS.glob("*.yml")):
        for name, job in load(path)["jobs"].items():
            runs = [s.get("run", "") for s in job.get("steps", [])]
            uses = [i for i, run in enumerate(runs) if re.search(r"(^|\s)transparency ", run)]
            if uses:
                assert OFFICE_SETUP["run"] in runs[: uses[0]], f"{path.name} job {name}"
            assert not any("make " in run or ".venv/" in run for run in runs), f"{path.name} job {name}"


def test_the_comparison_catches_a_step_changed_on_one_side_only():
    name = "site.yml"
    ours = load(ROOT / ".github" / "workflows" / name)
    theirs = load(OFFICE_WORKFLOWS / name)
    assert comparable(ours, name, office=False)["jobs"] == comparable(theirs, name, office=True)["jobs"]
    for step in ours["jobs"]["build"]["steps"]:
        if step.get("run") == "make site":
            step["run"] = "make site QUIET=1"
    assert comparable(ours, name, office=False)["jobs"] != comparable(theirs, name, office=True)["jobs"]


def release_step() -> str:
    job = load(ROOT / ".github" / "workflows" / "site.yml")["jobs"]["release"]
    assert job["needs"] == "build", "released only once every test has passed"
    return next(step["run"] for step in job["steps"] if step.get("name", "").startswith("Release the version"))


def run_release(tmp_path, changelog: str, released: bool) -> tuple[subprocess.CompletedProcess, Path]:
    """The release step on a copy of this repository's pyproject.toml, with a `gh` that records what it is asked."""
    import os
    import shutil
    import stat

    work, bin_dir, log = tmp_path / "repo", tmp_path / "bin", tmp_path / "gh.log"
    work.mkdir(parents=True)
    bin_dir.mkdir()
    shutil.copy(ROOT / "pyproject.toml", work)
    (work / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    gh = bin_dir / "gh"
    gh.write_text(
        "#!/bin/bash\n"
        f'echo "$*" >> "{log}"\n'
        f'if [ "$1 $2" = "release view" ]; then exit {0 if released else 1}; fi\n'
        'if [ "$1 $2" = "release create" ]; then for a; do [ -f "$a" ] && cat "$a" >> ' + f'"{log}"; done; fi\n'
    )
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    env = os.environ | {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "GITHUB_SHA": "0123abc",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "example/pcc-transparency",
    }
    result = subprocess.run(["bash", "-e", "-c", release_step()], cwd=work, env=env, capture_output=True, text=True)
    return result, log


def test_a_new_version_is_tagged_and_released_with_its_changelog_entry_as_the_notes(tmp_path):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result, log = run_release(tmp_path, (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), released=False)
    assert result.returncode == 0, result.stderr
    asked = log.read_text(encoding="utf-8")
    assert f"release create v{version} --target 0123abc --title {version} --notes-file" in asked
    notes = asked.split("--notes-file", 1)[1]
    assert "### For residents" in notes and "### What an office must do to upgrade" in notes
    assert "\n## " not in notes, "only this version's entry"
    assert f"@v{version}" in (tmp_path / "summary.md").read_text(encoding="utf-8")


def test_a_released_version_is_left_alone_and_one_without_an_entry_is_not_released(tmp_path):
    result, log = run_release(tmp_path / "done", "# Changes\n", released=True)
    assert result.returncode == 0 and "release create" not in log.read_text(encoding="utf-8")
    result, log = run_release(tmp_path / "new", "# Changes\n\n## 0.0.1\n\n- Something.\n", released=False)
    assert result.returncode == 1 and "release create" not in log.read_text(encoding="utf-8")
    assert "CHANGELOG.md has no entry" in result.stdout
