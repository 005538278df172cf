"""Nothing called actual before it is: a period not ended at the finance data's date is a forecast."""

from __future__ import annotations

import datetime as dt

from generator.data.load import load_package
from generator.model.as_known import as_known
from generator.model.records import build_site


def test_reserves_dated_after_the_data_read_as_forecast(site_dir):
    """The demo's reserves are dated 12 February 2026; their 31 March 2026 balances cannot yet be actual."""
    html = (site_dir / "money/reserves/index.html").read_text(encoding="utf-8")
    assert "2026-03-31 (forecast)" in html
    assert "2026-03-31 (actual)" not in html
    assert "2025-03-31 (actual)" in html  # a year ended before the data's date stays actual
    money = (site_dir / "money/index.html").read_text(encoding="utf-8")
    assert "Total reserves did" not in money or "31 March 2026" not in money.split("Total reserves did")[1][:200]


def test_an_outturn_for_a_year_not_ended_is_a_forecast_and_an_ended_one_stays(project):
    budget = project / "data/budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines()
    # The office types "outturn" for 2025/26 in data dated 12 February 2026, before the year has ended.
    budget.write_text(
        "\n".join(line.replace(",forecast", ",outturn") if line.startswith("2025/26") else line for line in lines)
        + "\n",
        encoding="utf-8",
    )
    site = build_site(load_package(project / "data", project / "content"), dt.date(2026, 11, 23))
    kinds = {(r["financial_year"], r["kind"]) for r in as_known(site, "budget")}
    assert ("2025/26", "forecast") in kinds and ("2025/26", "outturn") not in kinds
    assert ("2024/25", "outturn") in kinds
    # The same rows, once the data is dated after the year's end, are its outturn.
    package = project / "data/datapackage.yaml"
    text = package.read_text(encoding="utf-8")
    package.write_text(text.replace('last_updated: "2026-02-12"', 'last_updated: "2026-05-20"'), encoding="utf-8")
    site = build_site(load_package(project / "data", project / "content"), dt.date(2026, 11, 23))
    assert ("2025/26", "outturn") in {(r["financial_year"], r["kind"]) for r in as_known(site, "budget")}
    assert ("2026-03-31", "actual") in {(r["as_at"].isoformat(), r["kind"]) for r in as_known(site, "reserves")}
