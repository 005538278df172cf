"""What the comms team runs: import, the inbox, the decision form, changes, reminders and messages for GitHub.

May import: every package below build (core, law, data, model, render, sheets, publish, pages, search)."""
