"""The one chart component: a Plotly figure, a build-time SVG of it, a data table and a summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go

# Dark enough for 4.5:1 on white; shapes differ too, so colour is never the only cue.
COLOURS = ["#1d4f91", "#a4343a", "#2e6b30", "#6a3d9a", "#8a5300"]
BAR_HEIGHT = 22
BAR_GAP = 26  # room for the label above each bar
LINE_WIDTH, LINE_HEIGHT = 640, 260


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
    """Horizontal bars: long labels stay readable on a phone."""
    largest = max((v for _, v in items), default=Decimal(1)) or Decimal(1)
    bars = []
    for index, (label, value) in enumerate(items):
        bars.append(
            {
                "label": label,
                "text": formatter(value),
                "y": index * (BAR_HEIGHT + BAR_GAP),
                "width": float(max(Decimal(0), value) / largest * 100),
            }
        )
    height = len(items) * (BAR_HEIGHT + BAR_GAP)
    figure = go.Figure(
        go.Bar(
            x=[float(v) for _, v in items],
            y=[label for label, _ in items],
            orientation="h",
            marker_color=COLOURS[0],
            text=[formatter(v) for _, v in items],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        ),
        layout=_layout(max(220, 40 * len(items) + 60)) | {"yaxis": {"autorange": "reversed", "automargin": True}},
    )
    rows = [[label, formatter(value)] for label, value in items]
    return Chart(
        id,
        title,
        summary,
        "bar",
        ["", value_label],
        rows,
        _plain(figure),
        {"bars": bars, "height": height, "bar_height": BAR_HEIGHT},
    )


def line_chart(
    id: str,
    title: str,
    summary: str,
    points: list[tuple[str, Decimal]],
    value_label: str,
    formatter,
    target: Decimal | None = None,
) -> Chart:
    values = [v for _, v in points] + ([target] if target is not None else [])
    low, high = (min(values), max(values)) if values else (Decimal(0), Decimal(1))
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    step = LINE_WIDTH / max(1, len(points) - 1)

    def y_of(value: Decimal) -> float:
        return round(float((high - value) / (high - low)) * LINE_HEIGHT, 1)

    coords = [
        {"x": round(i * step, 1), "y": y_of(v), "label": label, "text": formatter(v)}
        for i, (label, v) in enumerate(points)
    ]
    traces = [
        go.Scatter(
            x=[p for p, _ in points],
            y=[float(v) for _, v in points],
            mode="lines+markers",
            name=value_label,
            line={"color": COLOURS[0], "width": 3},
        )
    ]
    if target is not None:
        traces.append(
            go.Scatter(
                x=[p for p, _ in points],
                y=[float(target)] * len(points),
                mode="lines",
                name="Target",
                line={"color": COLOURS[1], "dash": "dash"},
            )
        )
    figure = go.Figure(traces, layout=_layout(320) | {"legend": {"orientation": "h", "y": -0.25}})
    rows = [[label, formatter(value)] + ([formatter(target)] if target is not None else []) for label, value in points]
    columns = ["Period", value_label] + (["Target"] if target is not None else [])
    svg = {
        "points": coords,
        "path": " ".join(f"{c['x']},{c['y']}" for c in coords),
        "target_y": y_of(target) if target is not None else None,
        "width": LINE_WIDTH,
        "height": LINE_HEIGHT,
        "first": coords[0] if coords else None,
        "last": coords[-1] if coords else None,
    }
    return Chart(id, title, summary, "line", columns, rows, _plain(figure), svg)


def _layout(height: int) -> dict:
    return {
        "template": "none",
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        "font": {"family": "system-ui, sans-serif", "size": 14, "color": "#1a1a1a"},
        "xaxis": {"automargin": True},
        "showlegend": True,
    }


def _plain(figure: go.Figure) -> dict:
    spec = figure.to_plotly_json()
    spec["layout"].pop("template", None)
    return {"data": spec["data"], "layout": spec["layout"]}
