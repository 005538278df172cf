"""Site search: what each page tells the index, the Pagefind process, and checks that the index is whole and the same bytes every time.

May import: core, law, data, model, render, pages."""
