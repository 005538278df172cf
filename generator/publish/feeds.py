"""The Atom feeds: what each one holds, in one shape that the one feed template renders."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.i18n import _
from ..model.records import Site
from ..model.updates import latest_updates

LATEST = 100  # entries a feed keeps: readers poll often, so the newest are enough


@dataclass
class Entry:
    title: str
    id: str  # relative to the site's address, like every link here
    link: str
    updated: str
    published: str = ""
    summary: str = ""
    category: str = ""
    author: str = ""  # the body in office on the entry's date


@dataclass
class Feed:
    title: str  # also the title of the <link rel="alternate"> in every page's head
    heading: str
    subtitle: str
    path: str  # where the feed is published, e.g. feeds/decisions.xml
    page: str  # the page the feed follows, e.g. decisions/
    entries: list[Entry] = field(default_factory=list)

    @property
    def updated(self) -> str:
        return self.entries[0].updated


def stamp(date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def feeds(site: Site) -> list[Feed]:
    """Every feed that has something in it; an empty feed is not published or linked."""
    short, body = site.profile["short_name"], site.profile["body_name"]
    decisions = Feed(
        _("Decisions"),
        _("%(short)s: decisions") % {"short": short},
        _("Decisions of significant public interest by %(body)s") % {"body": body},
        "feeds/decisions.xml",
        "decisions/",
        [
            Entry(
                f"{d.reference}: {d.title}",
                f"decisions/{d.slug}/",
                f"decisions/{d.slug}/",
                stamp(d.date),
                stamp(d.date),
                d.summary,
                d.category,
                d.office.body_name,
            )
            for d in site.decisions[:LATEST]
        ],
    )
    updates = Feed(
        _("Latest updates"),
        _("%(short)s: latest updates") % {"short": short},
        _("New decisions, grants and datasets published by %(body)s") % {"body": body},
        "feeds/updates.xml",
        "updates/",
        [
            Entry(
                f"{u.kind_words}: {u.title}",
                f"updates/#{u.id}",
                u.link,
                stamp(u.date),
                category=u.kind_words,
                author=site.body_on(u.date).body_name,
            )
            for u in latest_updates(site)[:LATEST]
        ],
    )
    return [feed for feed in (updates, decisions) if feed.entries]
