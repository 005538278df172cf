"""`transparency forms`: the "Publish a decision" issue form, written from the office's own data."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..core import installed
from ..core.problems import Problem
from ..data.load import load_package
from ..model.records import PROFILE_DEFAULTS, Site

FORM = Path(".github") / "ISSUE_TEMPLATE" / "publish-decision.yml"
SHOWN = FORM.as_posix()
COMMAND = "transparency forms"


def form_text(root: Path) -> str:
    """The form for the data in root/data: its categories, priorities and default decision maker."""
    raw = load_package(root / "data", root / "content")
    table = raw.tables.get("priorities")
    priorities = [(str(r["id"]), str(r["title"])) for r in table.rows if r.get("id")] if table else []
    used = [str(d.meta["category"]) for d in raw.decisions if d.meta.get("category")]
    return render(raw.profile or {}, priorities, used)


def site_form_text(site: Site) -> str:
    """The same, from the site model a validation has just built (nothing is read again)."""
    priorities = [(p.id, p.title) for p in site.priorities.values()]
    return render(site.profile, priorities, [d.category for d in site.decisions if d.category])


def render(profile: dict, priorities: list[tuple[str, str]], used_categories: list[str]) -> str:
    listed = profile.get("decision_categories")
    # None listed (optional since 0.2.0): the categories the decisions use.
    categories = [str(c) for c in listed] if isinstance(listed, list) else sorted(set(used_categories))
    role = str(profile.get("role") or PROFILE_DEFAULTS["role"])
    environment = Environment(
        loader=FileSystemLoader(str(installed.SCAFFOLD / "forms")),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=False,  # YAML, not HTML: every value is written quoted (a JSON string, which YAML reads as it is)
    )
    environment.filters["quoted"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    template = environment.get_template("publish-decision.yml")
    return template.render(categories=categories, priorities=priorities, decision_maker=role)


def write(root: Path) -> Path:
    path = root / FORM
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(form_text(root), encoding="utf-8")
    return path


def same_form(path: Path, text: str) -> bool:
    """Whether the form in `path` asks what `text` asks (its comments and layout aside)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8-sig")) == yaml.safe_load(text)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return False


def out_of_date(root: Path, site: Site) -> list[Problem]:
    """A warning when the site's form no longer offers what data/ holds (or what this version's form asks)."""
    path = root / FORM
    if not path.is_file() or same_form(path, site_form_text(site)):
        return []
    return [
        Problem(
            SHOWN,
            None,
            None,
            "is out of date: its categories, priorities or decision maker are not those in data/, or this version "
            "of the generator asks different questions",
            f"run {COMMAND} and commit the form it writes",
            warning=True,
        )
    ]
