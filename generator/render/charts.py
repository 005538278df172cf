"""The one chart component: a Plotly figure, a build-time SVG of the same scale, a data table and a summary.

Charts follow the Government Analysis Function and ONS rules: bars and value axes start at zero, a line chart
has a labelled value axis with a few round ticks and light gridlines, series are labelled directly (no legend),
and every number in one chart has the same format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

import plotly.graph_objects as go

from ..core import i18n
from ..core.i18n import _
from ..core.memo import remember

# Dark enough for 4.5:1 on white; shapes differ too, so colour is never the only cue.
COLOURS = ["#1d4f91", "#a4343a", "#2e6b30", "#6a3d9a", "#8a5300"]
GRID = "#d9d9d9"
# The SVG is drawn in a 440-unit-wide box shown at most 600 px wide: 16-unit text is 12.5 px on a 375 px phone.
VIEW_WIDTH = 440
FONT = 16
CHAR_WIDTH = 10  # a generous average width of a character at FONT, for laying out labels
BAR_HEIGHT = 22
BAR_GAP = 30  # room for the label above each bar
BAR_SHARE = 0.8  # the largest bar spans 80% of the width, in the SVG and in the interactive chart
PLOT_TOP, PLOT_HEIGHT = 34, 200


@dataclass
class Chart:
    id: str
    title: str
    summary: str
    kind: str  # "bar" or "line"
    columns: list[str]
    rows: list[list[str]]  # the data table, already formatted, same numbers as the figure
    figure: dict
    svg: dict = field(default_factory=dict)  # geometry for the template that draws the first paint


def bar_chart(
    id: str, title: str, summary: str, items: list[tuple[str, Decimal]], value_label: str, formatter
) -> Chart:
    """Horizontal bars from zero, each labelled with its value: long labels stay readable on a phone."""
    largest = max((v for _, v in items), default=Decimal(1)) or Decimal(1)
    bars = []
    for index, (label, value) in enumerate(items):
        bars.append(
            {
                "label": label,
                "text": formatter(value),
                "y": index * (BAR_HEIGHT + BAR_GAP),
                "width": round(float(max(Decimal(0), value) / largest) * BAR_SHARE * VIEW_WIDTH, 1),
            }
        )
    height = len(items) * (BAR_HEIGHT + BAR_GAP)
    # As in the SVG, each bar's label and value sit above it, starting at zero, so no label is cut off on a
    # 375 px phone (labels beside the bars leave the bars, and the values past them, no room).
    notes = [_wrapped(escape(f"{label}: {formatter(value)}", quote=False)) for label, value in items]
    lines = max((note.count("<br>") + 1 for note in notes), default=1)
    slot = BAR_HEIGHT + 8 + 20 * lines
    texts = [formatter(v) for _, v in items]
    figure = lambda: go.Figure(  # noqa: E731
        go.Bar(
            x=[float(v) for _, v in items],
            y=[label for label, _ in items],
            orientation="h",
            marker_color=COLOURS[0],
            width=BAR_HEIGHT / slot,
            text=texts,
            textposition="none",
            hovertemplate="%{y}: %{text}<extra></extra>",
        ),
        layout=_layout(slot * len(items) + 46)
        | {
            "margin": {"l": 4, "r": 4, "t": 36, "b": 10},  # the top keeps the tool bar off the first label
            "yaxis": {"autorange": "reversed", "showticklabels": False, "fixedrange": True},
            # The same scale as the SVG: zero at the left, the largest bar at 80% of the width.
            "xaxis": {"range": [0, float(largest) / BAR_SHARE], "showticklabels": False, "showgrid": False},
            "annotations": [
                {
                    "x": 0,
                    "y": label,
                    "text": note,
                    "showarrow": False,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "align": "left",
                    "yshift": BAR_HEIGHT / 2 + 2,
                }
                for (label, _), note in zip(items, notes, strict=True)
            ],
        },
    )
    rows = [[label, formatter(value)] for label, value in items]
    return Chart(
        id,
        title,
        summary,
        "bar",
        ["", value_label],
        rows,
        _remembered(id, ("bar", items, texts, notes), figure),
        {"bars": bars, "width": VIEW_WIDTH, "height": height, "bar_height": BAR_HEIGHT},
    )


def nice_ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """A few round values covering low..high, always including zero: 0, 50, 100, 150, 200."""
    low, high = min(low, Decimal(0)), max(high, Decimal(0))
    if low == high:
        high = low + 1
    rough = (high - low) / (count - 1)
    power = Decimal(10) ** (len(str(int(rough))) - 1) if rough >= 1 else Decimal("0.1") ** _decimals(rough)
    step = next(
        power * m for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if power * m >= rough
    )
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _decimals(value: Decimal) -> int:
    places = 1
    while value * Decimal(10) ** places < 1:
        places += 1
    return places


def tick_label(formatter: Callable, value: Decimal) -> str:
    """A tick in the chart's own format, without trailing zeros: £100m rather than £100.0m."""
    return re.sub(r"\.0+(?![0-9])", "", formatter(value))


def line_chart(
    id: str,
    title: str,
    summary: str,
    points: list[tuple[str, Decimal]],
    value_label: str,
    formatter,
    target: Decimal | None = None,
    band: tuple[Decimal, Decimal | None, str] | None = None,
) -> Chart:
    """A line on a value axis that starts at zero, with round ticks and gridlines, labelled directly.

    band: (low, high, label), a range a rule sets, drawn shaded behind the line; with high None, a minimum line.
    """
    values = [v for _, v in points] + ([target] if target is not None else [])
    values += [b for b in (band or ())[:2] if isinstance(b, Decimal)]
    ticks = nice_ticks(min(values, default=Decimal(0)), max(values, default=Decimal(1)))
    low, high = ticks[0], ticks[-1]
    labels = [tick_label(formatter, t) for t in ticks]
    left = round(12 + CHAR_WIDTH * max(len(t) for t in labels), 1)
    plot_width = VIEW_WIDTH - left - 8
    step = plot_width / max(1, len(points) - 1)

    def y_of(value: Decimal) -> float:
        return round(PLOT_TOP + float((high - value) / (high - low)) * PLOT_HEIGHT, 1)

    coords = [
        {"x": round(left + i * step, 1), "y": y_of(v), "label": label, "text": formatter(v)}
        for i, (label, v) in enumerate(points)
    ]
    shown = period_labels(coords)
    svg = {
        "width": VIEW_WIDTH,
        "height": PLOT_TOP + PLOT_HEIGHT + 34,
        "left": left,
        "right": VIEW_WIDTH - 8,
        "bottom": PLOT_TOP + PLOT_HEIGHT,
        "axis_title": value_label,
        "ticks": [{"y": y_of(t), "label": lab} for t, lab in zip(ticks, labels, strict=True)],
        "points": coords,
        "x_labels": shown,
        "path": " ".join(f"{c['x']},{c['y']}" for c in coords),
        "target_y": y_of(target) if target is not None else None,
        "target_text": _("Target %(value)s") % {"value": formatter(target)} if target is not None else "",
        "last": coords[-1] if coords else None,
        "band": _svg_band(band, y_of) if band else None,
    }

    def figure() -> go.Figure:
        made = _line_figure(points, value_label, formatter, target, ticks, labels)
        if band:
            _draw_band(made, band)
        return made

    texts = [formatter(v) for _, v in points] + ([formatter(target)] if target is not None else [])
    inputs = ("line", points, value_label, texts, target, ticks, labels, band)
    rows = [[label, formatter(value)] + ([formatter(target)] if target is not None else []) for label, value in points]
    columns = [_("Period"), value_label] + ([_("Target")] if target is not None else [])
    return Chart(id, title, summary, "line", columns, rows, _remembered(id, inputs, figure), svg)


LABEL_GAP = 12  # room between two period labels, in SVG units


def period_labels(coords: list[dict]) -> list[dict]:
    """The periods to label under a line chart, evenly thinned so no two labels touch. The first label is
    anchored at its start, the last at its end, the rest at their middle (as _chart.html draws them)."""
    if not coords:
        return []

    def box(c: dict, anchor: str) -> tuple[float, float]:
        width = len(c["label"]) * CHAR_WIDTH
        start = c["x"] - {"start": 0, "middle": width / 2, "end": width}[anchor]
        return start, start + width

    def anchor(i: int, count: int) -> str:
        return "start" if i == 0 else ("end" if i == count - 1 else "middle")

    for every in range(1, len(coords) + 1):
        chosen = [c for i, c in enumerate(coords) if i % every == 0]
        if chosen[-1] is not coords[-1]:
            chosen.append(coords[-1])
        boxes = [box(c, anchor(i, len(chosen))) for i, c in enumerate(chosen)]
        clashes = [i for i in range(1, len(boxes)) if boxes[i - 1][1] + LABEL_GAP > boxes[i][0]]
        if clashes == [len(boxes) - 1] and len(chosen) > 2:
            chosen.pop(-2)  # the last period always shows; drop its neighbour rather than overlap it
            boxes.pop(-2)
            boxes[-2:] = [box(c, anchor(i, len(chosen))) for i, c in list(enumerate(chosen))[-2:]]
            clashes = [i for i in range(1, len(boxes)) if boxes[i - 1][1] + LABEL_GAP > boxes[i][0]]
        if not clashes:
            return chosen
    return [coords[0], coords[-1]] if len(coords) > 1 else coords


def _svg_band(band: tuple, y_of: Callable[[Decimal], float]) -> dict:
    low, high, label = band
    top = y_of(high) if high is not None else y_of(low)
    return {"top": top, "height": round(y_of(low) - top, 1), "label": label, "line": high is None}


def _draw_band(figure: go.Figure, band: tuple) -> None:
    """The same band in the interactive chart: a shaded range across the plot, or a minimum line, labelled."""
    low, high, label = band
    if high is None:
        figure.add_shape(
            type="line",
            xref="paper",
            x0=0,
            x1=1,
            y0=float(low),
            y1=float(low),
            line={"color": COLOURS[2], "dash": "dash", "width": 2},
        )
    else:
        figure.add_shape(
            type="rect",
            xref="paper",
            x0=0,
            x1=1,
            y0=float(low),
            y1=float(high),
            fillcolor="#cfe3d0",
            line={"width": 0},
            layer="below",
        )
    figure.add_annotation(
        xref="paper",
        x=0,
        y=float(high if high is not None else low),
        text=label,
        showarrow=False,
        yshift=10,
        xanchor="left",
        font={"color": COLOURS[2]},
    )


def _line_figure(points, value_label, formatter, target, ticks, labels) -> go.Figure:
    periods = [p for p, _ in points]
    traces = [
        go.Scatter(
            x=periods,
            y=[float(v) for _, v in points],
            text=[formatter(v) for _, v in points],
            mode="lines+markers",
            name=value_label,
            line={"color": COLOURS[0], "width": 3},
            hovertemplate="%{x}: %{text}<extra></extra>",
        )
    ]
    notes = []
    if points:
        notes.append(_note(periods[-1], float(points[-1][1]), formatter(points[-1][1]), COLOURS[0]))
    if target is not None:
        traces.append(
            go.Scatter(
                x=periods,
                y=[float(target)] * len(points),
                mode="lines",
                name=_("Target"),
                line={"color": COLOURS[1], "dash": "dash"},
                hovertemplate=_("Target: %(value)s") % {"value": formatter(target)} + "<extra></extra>",
            )
        )
        notes.append(
            _note(periods[0], float(target), _("Target %(value)s") % {"value": formatter(target)}, COLOURS[1], "left")
        )
    layout = _layout(340) | {
        "showlegend": False,
        "annotations": notes,
        "margin": {"l": 10, "r": 20, "t": 40, "b": 40},
        # Labels slope up to their tick, so the last one ends at it rather than past the chart's right edge.
        "xaxis": {"type": "category", "automargin": True, "tickangle": -45},
        "yaxis": {
            # The same axis as the SVG: from zero, the same round ticks and labels, light gridlines.
            "range": [float(ticks[0]), float(ticks[-1])],
            "tickvals": [float(t) for t in ticks],
            "ticktext": labels,
            "showgrid": True,
            "gridcolor": GRID,
            "zeroline": True,
            "zerolinecolor": "#1a1a1a",
            "automargin": True,
            "title": {"text": value_label},
        },
    }
    return go.Figure(traces, layout=layout)


WRAP_AT = 40  # characters per line of a label in the interactive chart: about 310 px at 14 px, whole on a phone


def _wrapped(text: str) -> str:
    """A label broken between words into lines of at most WRAP_AT characters (Plotly does not wrap text)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= WRAP_AT:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _note(x, y, text: str, colour: str, side: str = "right") -> dict:
    return {"x": x, "y": y, "text": text, "showarrow": False, "yshift": 14, "xanchor": side, "font": {"color": colour}}


def _layout(height: int) -> dict:
    return {
        "template": "none",
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "font": {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"},
        "xaxis": {"automargin": True},
        "showlegend": False,
    }


def _remembered(id: str, inputs: tuple, figure: Callable[[], go.Figure]) -> dict:
    """The chart's interactive figure, made by figure() from what `inputs` holds (and the language of its words):
    a preview keeps it until they change, as Plotly's checks of each part make it the slowest part of a page's
    model (about 0.04 s of each rebuild at a large office)."""
    return remember("chart figure", id, (*inputs, i18n.current()), lambda: _plain(figure()))


def _plain(figure: go.Figure) -> dict:
    spec = figure.to_plotly_json()
    spec["layout"].pop("template", None)
    return {"data": spec["data"], "layout": spec["layout"]}
