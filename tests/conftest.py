"""Shared fixtures: the demo site built once per session, and fresh copies of the project to break."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_project, run_build


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The demo site, built once: the folder holding site/."""
    project = copy_project(tmp_path_factory.mktemp("demo") / "project")
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="session")
def site_dir(built) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def welsh_demo(tmp_path_factory) -> Path:
    """The demo published in English and Welsh (welsh_office.make_welsh_demo), built once: the folder holding site/.
    Tests only read it."""
    from welsh_office import make_welsh_demo

    folder = make_welsh_demo(tmp_path_factory.mktemp("welsh-demo") / "office")
    result = run_build(folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def project(tmp_path) -> Path:
    """A fresh copy of the demo project to break on purpose."""
    return copy_project(tmp_path / "project")
