"""A page alone at the top of the navigation (Home, About) shows no sidebar holding only itself."""

from __future__ import annotations

import re

SIDEBAR = re.compile(r'<div class="md-sidebar md-sidebar--primary"[^>]*data-md-type="navigation"([^>]*)>')


def test_home_and_about_hide_a_sidebar_that_would_hold_only_themselves(site_dir):
    for page in ("index.html", "about/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        sidebar = SIDEBAR.search(html)
        assert sidebar and "hidden" in sidebar.group(1), page
        # The phone's menu still lists every section.
        assert html.count('class="md-tabs__link') >= 5 or "md-nav--primary" in html, page
