"""An office's own site folder: init, build and serve through MkDocs, the issue form and workflows, and doctor for its GitHub settings.

May import: every package."""
