"""Interactive charts on a phone: every label and value is whole, inside the chart."""

from __future__ import annotations

import pytest

WHOLE = """() => [...document.querySelectorAll('.chart__interactive')].flatMap(box => {
  const outer = box.getBoundingClientRect();
  return [...box.querySelectorAll('.main-svg text, .infolayer text, .annotation-text, .xtick text, .ytick text')]
    .filter(t => t.textContent.trim())
    .map(t => [t.textContent, t.getBoundingClientRect(), outer])
    .filter(([, r, o]) => r.left < o.left - 1 || r.right > o.right + 1)
    .map(([text, r, o]) => `${text}: ${Math.round(r.left)}-${Math.round(r.right)} outside ${Math.round(o.left)}-${Math.round(o.right)}`);
})"""


@pytest.mark.parametrize("path", ["money/", "grants/"])
def test_interactive_chart_labels_are_whole_at_375_px(visit, path):
    page = visit(path, width=375).page
    buttons = page.locator("button.chart__show")
    assert buttons.count() >= 3
    for index in range(buttons.count()):
        buttons.nth(index).click()
    page.wait_for_function(
        "n => document.querySelectorAll('.chart__interactive .main-svg').length >= n", arg=buttons.count()
    )
    assert page.evaluate(WHOLE) == []
    texts = page.evaluate("() => document.querySelectorAll('.chart__interactive .annotation-text').length")
    assert texts >= buttons.count()  # each chart's bars and lines are labelled
