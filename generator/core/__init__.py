"""The bottom layer, used by every package: the one problem type, number and date formatting, build timing, the preview's memo and where the installed generator's files are.

May import: nothing (it is the bottom layer)."""
