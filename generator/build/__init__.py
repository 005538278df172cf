"""Build the whole site: the model, pages, search index and downloads, into a staging folder swapped in on success; and the fast preview.

May import: every package except office."""
