"""The bottom layer, used by every package: the one problem type, number and date formatting, build timing, the preview's memo and where the installed generator's files are.

Imports nothing from the other packages."""
