"""`transparency doctor`: what a site's set-up lacks, from its files and (in GitHub Actions) the repository's
settings, read from a fake GitHub REST API served here."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import BUILD_EPOCH, TRANSPARENCY

REPOSITORY = "example-office/transparency"


def doctor(site: Path, *args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")} | {"SOURCE_DATE_EPOCH": BUILD_EPOCH}
    env.pop("SITE_URL", None)
    return subprocess.run(
        [TRANSPARENCY, "--root", str(site), "doctor", *args], env=env | variables, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("doctor") / "site"
    result = subprocess.run([TRANSPARENCY, "init", str(folder)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return folder


def releases_repository(folder: Path, *tags: str) -> str:
    """A git repository holding the release tags given, as the generator's repository would: its file:// URL."""
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-C", str(folder)]
    folder.mkdir(parents=True)
    subprocess.run([*git, "init", "--quiet"], check=True)
    subprocess.run([*git, "commit", "--quiet", "--allow-empty", "-m", "Release"], check=True)
    for tag in tags:
        subprocess.run([*git, "tag", tag], check=True)
    return folder.as_uri()


@pytest.fixture
def site(made, tmp_path) -> Path:
    """A site as `transparency init` makes it, with the office's own profile in place of the example's."""
    import shutil

    import yaml

    copy = tmp_path / "site"
    shutil.copytree(made, copy)
    path = copy / "data" / "profile.yaml"
    profile = yaml.safe_load(path.read_text(encoding="utf-8"))
    del profile["example"]
    profile |= OFFICE
    path.write_text(yaml.safe_dump(profile, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([TRANSPARENCY, "--root", str(copy), "forms"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # Installed from a release tag of a repository whose newest release it is.
    source = releases_repository(tmp_path / "generator", "v0.1.0", "v0.2.0")
    (copy / "requirements.txt").write_text(f"pcc-transparency @ git+{source}@v0.2.0\n", encoding="utf-8")
    return copy


# Another office's values for each of the starting set's placeholders.
OFFICE = {
    "body_name": "Northshire Police, Fire and Crime Commissioner",
    "short_name": "Northshire PFCC",
    "police_area": "Northshire",
    "role": "Police, Fire and Crime Commissioner for Northshire",
    "commissioner": "Kim Other",
    "funder_identifier": "GB-GOV-NORTHSHIRE",
    "website": "https://www.example.gov.uk",
    "contact_email": "transparency@example.gov.uk",
}


class FakeGitHub(BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, dict]] = {}
    seen: list[tuple[str, str]] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.seen.append((self.path, self.headers.get("Authorization", "")))
        status, body = self.answers.get(self.path, (404, {"message": "Not Found"}))
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_github():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeGitHub.seen = []
    yield server
    server.shutdown()
    server.server_close()


def answers(**changes) -> dict[str, tuple[int, dict]]:
    base = f"/repos/{REPOSITORY}"
    good = {
        "": (200, {"has_issues": True}),
        "/pages": (200, {"build_type": "workflow", "html_url": "https://example-office.github.io/transparency/"}),
        "/actions/permissions/workflow": (200, {"can_approve_pull_request_reviews": True}),
        "/actions/permissions": (200, {"enabled": True}),
        "/labels/publish-decision": (200, {"name": "publish-decision"}),
        "/actions/workflows/site.yml": (200, {"state": "active"}),
    }
    return {base + path: answer for path, answer in (good | changes).items()}


def in_actions(server, tmp_path) -> dict[str, str]:
    return {
        "GITHUB_REPOSITORY": REPOSITORY,
        "GITHUB_TOKEN": "job-token",
        "GITHUB_API_URL": f"http://127.0.0.1:{server.server_port}",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }


def test_a_new_site_lacks_only_its_own_profile_and_says_where_to_click(made):
    result = doctor(made)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "OK: The GitHub workflows of pcc-transparency" in result.stdout
    assert "OK: The Publish a decision form offers what data/ holds" in lines
    assert (
        "Missing: The site is the office's own, not an example or a demonstration: still the example's placeholders "
        "in data/profile.yaml: body_name, short_name, police_area, role, commissioner, funder_identifier, "
        "contact_email; example: true in data/profile.yaml puts 'Example site' on every page"
    ) in lines
    assert (
        "    What to do: replace each placeholder in data/profile.yaml with your office's; when the data is your "
        "office's, delete the line example: true from data/profile.yaml"
    ) in lines
    assert "Missing: A contact address for residents: transparency@example.org (the example's placeholder)" in lines
    assert (
        "Missing: The site's address: no address: neither SITE_URL nor website in data/profile.yaml gives one" in lines
    )
    assert lines[-1] == "3 things missing; OWNERS.md says how to set each up."
    assert any(line.startswith("Check by hand: The repository's settings on GitHub") for line in lines)


def test_missing_files_and_keys_are_each_named(site):
    profile = site / "data" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("website: https://www.example.gov.uk", "").replace("transparency@example.gov.uk", "")
    profile.write_text(text, encoding="utf-8")
    (site / "content" / "licence.md").unlink()
    (site / ".github" / "workflows" / "doctor.yml").unlink()
    workflow = site / ".github" / "workflows" / "site.yml"
    workflow.write_text(workflow.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    priorities = site / "data" / "priorities.csv"
    priorities.write_text(priorities.read_text(encoding="utf-8") + "roads,Safer roads,Fewer people hurt.\n")
    result = doctor(site)
    assert result.returncode == 1
    out = result.stdout
    assert "Missing: The site's address: no address: neither SITE_URL nor website in data/profile.yaml gives one" in out
    assert "Missing: A contact address for residents: contact_email in data/profile.yaml is empty" in out
    assert "Missing: A licence for reusing the data" in out
    assert (
        "missing: .github/workflows/doctor.yml; not the ones this version ships: .github/workflows/site.yml\n"
        "    What to do: run transparency workflows and commit what it writes"
    ) in out
    assert "Missing: The Publish a decision form offers what data/ holds" in out
    assert out.splitlines()[-1] == "5 things missing; OWNERS.md says how to set each up."
    # The two commands it names put the workflows and the form right.
    for command in ("workflows", "forms"):
        fixed = subprocess.run([TRANSPARENCY, "--root", str(site), command], capture_output=True, text=True)
        assert fixed.returncode == 0, fixed.stderr
    out = doctor(site, SITE_URL="https://transparency.example.gov.uk").stdout
    assert "OK: The GitHub workflows" in out and "OK: The Publish a decision form" in out
    assert "OK: The site's address: https://transparency.example.gov.uk/" in out


def test_in_actions_every_repository_setting_is_read_with_the_jobs_token(site, fake_github, tmp_path):
    FakeGitHub.answers = answers()
    result = doctor(site, "--format", "github", **in_actions(fake_github, tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "Nothing is missing."
    assert "OK: Pages are built by GitHub Actions: published at https://example-office.github.io/transparency/" in (
        result.stdout
    )
    asked = {path for path, _ in FakeGitHub.seen}
    assert asked == set(answers())
    assert {token for _, token in FakeGitHub.seen} == {"Bearer job-token"}
    assert "OK: The newest release of the generator: v0.2.0, the newest at file://" in result.stdout
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "## The site's set-up\n\nNothing is missing." in summary
    assert "| OK | The publish-decision label exists |" in summary


def test_in_actions_each_missing_setting_says_where_to_click(site, fake_github, tmp_path):
    FakeGitHub.answers = answers(
        **{
            "": (200, {"has_issues": False}),
            "/pages": (404, {}),
            "/actions/permissions/workflow": (200, {"can_approve_pull_request_reviews": False}),
            "/labels/publish-decision": (404, {}),
            "/actions/workflows/site.yml": (200, {"state": "disabled_inactivity"}),
            "/actions/permissions": (403, {}),  # the job's token may not read it
        }
    )
    result = doctor(site, "--format", "github", **in_actions(fake_github, tmp_path))
    assert result.returncode == 1
    out = result.stdout
    for missing, click in (
        ("Issues are switched off", "Settings → General → Features: tick Issues"),
        (
            "Pages are not published by GitHub Actions",
            "Settings → Pages → Build and deployment → Source: GitHub Actions",
        ),
        (
            "GitHub Actions may not open pull requests",
            "Settings → Actions → General → Workflow permissions: tick Allow GitHub Actions to create and approve "
            "pull requests, then Save",
        ),
        ("The label publish-decision is missing", "Issues → Labels → New label, name it publish-decision"),
        ("The daily rebuild (workflow site) is paused", "Actions tab → site → Enable workflow"),
    ):
        assert missing in out, missing
        assert click in out, click
    assert "Check by hand: GitHub Actions is switched on: the job's token may not read it" in out
    assert out.splitlines()[-1] == "5 things missing; OWNERS.md says how to set each up."
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "5 things missing." in summary and "| Missing | Issues are on" in summary


def test_in_actions_a_newer_release_tag_is_missing_and_says_how_to_upgrade(site, fake_github, tmp_path):
    source = releases_repository(tmp_path / "newer", "v0.2.0", "v0.10.0", "v0.3.0", "not-a-release")
    (site / "requirements.txt").write_text(f"pcc-transparency @ git+{source}@v0.2.0\n", encoding="utf-8")
    FakeGitHub.answers = answers()
    result = doctor(site, **in_actions(fake_github, tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "Missing: The newest release of the generator: requirements.txt pins v0.2.0; v0.10.0 is out" in lines
    assert any(line.startswith("    What to do: change @v0.2.0 to @v0.10.0 at the end of the line") for line in lines)
    # A repository that cannot be reached is checked by hand, never waited on for a password.
    (site / "requirements.txt").write_text(
        f"pcc-transparency @ git+{(tmp_path / 'absent').as_uri()}@v0.2.0\n", encoding="utf-8"
    )
    result = doctor(site, **in_actions(fake_github, tmp_path))
    assert result.returncode == 0
    assert "Check by hand: The newest release of the generator: could not list the release tags of" in result.stdout
