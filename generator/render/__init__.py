"""Turn a page into HTML: the Jinja environment and templates, page chrome, the one chart component, tables, links, the Content-Security-Policy.

May import: core, law, data, model."""
