"""Open data downloads: CSV, JSON, the Frictionless data package, 360Giving, OCDS and the Atom feeds.

May import: core, law, data, model, sheets."""
