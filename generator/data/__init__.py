"""Read and check: the only code that opens data files (load), every check of the input (checks/), row keys, withdrawn rows, the bodies in office over time and organisation identifier prefixes.

May import: core, law."""
