"""The generator as an office gets it: installed from a release tag of its git repository into a fresh environment,
it makes, checks and builds a site
of its own with no generator code copied into it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from helpers import BUILD_EPOCH, ROOT

# What a wheel is built from: the package, and what setup.py packs into it.
SOURCES = ("generator", "theme", "inbox", "mkdocs.yml", "OWNERS.md", "pyproject.toml", "setup.py", "README.md")


def run(*command: str | Path, cwd: Path, **variables: str) -> subprocess.CompletedProcess:
    env = os.environ | {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PIP_DISABLE_PIP_VERSION_CHECK": "1"} | variables
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_an_installed_wheel_makes_and_builds_an_offices_own_site(tmp_path):
    source = tmp_path / "source"
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    # Built as `pip install "pcc-transparency @ git+https://…@v0.2.0"` builds it: from a release tag.
    git = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.com")
    run(*git, "init", "--quiet", cwd=source)
    run(*git, "add", "-A", cwd=source)
    run(*git, "commit", "--quiet", "-m", "Release", cwd=source)
    run(*git, "tag", "v0.2.0", cwd=source)
    tagged = f"pcc-transparency @ git+{source.as_uri()}@v0.2.0"

    # A fresh environment holding only the wheel; the dependencies are read from this project's environment
    # (a path in a .pth file) rather than downloaded again.
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = Path(
        run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).stdout.strip()
    )
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        tagged,
        cwd=tmp_path,
    )
    where = run(python, "-c", "import generator; print(generator.__file__)", cwd=tmp_path).stdout
    assert str(env_dir) in where, "the installed wheel, not this checkout, is imported"

    transparency = env_dir / "bin" / "transparency"
    run(transparency, "init", "office", cwd=tmp_path)
    office = tmp_path / "office"
    assert not (office / "generator").exists() and not (office / "theme").exists(), "no generator code is copied"
    for made in ("mkdocs.yml", "requirements.txt", "README.md", "OWNERS.md", ".gitignore", "inbox/README.md"):
        assert (office / made).is_file(), made
    for workflow in ("site.yml", "publish-decision.yml", "inbox.yml", "doctor.yml"):
        assert (office / ".github" / "workflows" / workflow).is_file(), workflow
    version = run(
        python, "-c", "from importlib.metadata import version; print(version('pcc-transparency'))", cwd=tmp_path
    )
    # Pinned to a release tag of the git repository pip installed it from (pip's record of where it came from).
    pinned = f"pcc-transparency @ git+{source.as_uri()}@v{version.stdout.strip()}"
    assert pinned in (office / "requirements.txt").read_text(encoding="utf-8")
    assert "example: true" in (office / "data" / "profile.yaml").read_text(encoding="utf-8"), "marked as an example"
    assert len((office / "data" / "grants.csv").read_text(encoding="utf-8").splitlines()) == 2, "the starting set"
    run(transparency, "validate", cwd=office)

    # Another office's data in place of the example's, and its site is built from the installed package alone.
    for name in ("data", "content"):
        shutil.rmtree(office / name)
        shutil.copytree(ROOT / "tests" / "fixtures" / "exampleshire" / name, office / name)
    run(transparency, "build", cwd=office)
    home = (office / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Exampleshire Board (demo)</title>" in home
    assert f'<meta name="generator" content="pcc-transparency {version.stdout.strip()}">' in home
    assert (office / "site" / "assets" / "site.css").is_file(), "the packed theme's style sheet is published"
    assert (office / "site" / "grants" / "360g-exmpboard-2025-001" / "index.html").is_file()
    assert list((office / "site" / "pagefind").glob("pagefind-entry.json"))
