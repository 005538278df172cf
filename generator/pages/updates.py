"""The latest updates page: what changed on the site, newest first, with its own feed."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.i18n import _
from ..model.records import Site
from ..model.updates import latest_updates
from . import Page


def pages(site: Site) -> Iterator[Page]:
    yield Page(
        "updates/index.md",
        _("Latest updates"),
        "updates.html",
        {"updates": latest_updates(site)},
        description=_("What has changed on this site: new decisions, new grants and updated datasets, newest first."),
        nav_title=_("Latest updates"),
        search=True,
    )
