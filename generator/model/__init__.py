"""The site model: typed records with every link resolved, and what they add up to (budget, indicators, the plan, contract payments, updates, the glossary).

May import: core, law, data."""
