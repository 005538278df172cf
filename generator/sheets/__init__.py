"""The spreadsheets a comms officer edits: written (one place, text always text), read back, and the published version each was made from.

May import: core, law, data, model."""
