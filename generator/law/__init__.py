"""The duties the law sets, as data: the Specified Information Order and Procurement Act 2023 register, reporting periods, deadlines and compliance status.

May import: core."""
