"""Server-drawn SVG charts for PDFs, where no JavaScript runs."""

import math
from collections.abc import Mapping, Sequence
from xml.sax.saxutils import escape

PALETTE = ["#1f5f8b", "#e07a1f", "#2e8540", "#8b1f5f", "#5f5f5f", "#b59f00"]


def bar_chart_svg(
    *,
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    width: int = 480,
    height: int = 240,
) -> str:
    """A stacked bar chart with a legend, as an SVG document string."""
    left, bottom, top = 40, 40, 30
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    peak = max(totals, default=0) or 1
    plot_h = height - bottom - top
    slot = (width - left - 10) / max(len(categories), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans" font-size="10">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
        'stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{_number(peak)}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for index, category in enumerate(categories):
        x = left + index * slot + slot * 0.15
        y: float = top + plot_h
        for colour_index, values in enumerate(series.values()):
            bar_h = plot_h * values[index] / peak
            y -= bar_h
            colour = PALETTE[colour_index % len(PALETTE)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                f'height="{bar_h:.1f}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
            f"{escape(str(category))}</text>"
        )
    x = left
    for colour_index, name in enumerate(series):
        if not str(name):
            continue  # an unnamed series (a chart of one series) gets no legend entry
        colour = PALETTE[colour_index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="17">{escape(str(name))}</text>')
        x += 20 + 7 * len(str(name))
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def radar_chart_svg(
    *,
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    maximum: float = 100,
    rings: Sequence[float] = (25, 50, 75, 100),
    width: int = 480,
    height: int = 400,
) -> str:
    """A radar (spider) chart: one axis per label, one outline per series, as an SVG string.

    Values are clamped to 0..`maximum`; the rings are drawn at `rings` and labelled on the
    first axis. Long labels wrap onto two lines. A named series gets a legend entry.
    """
    named = [str(name) for name in series if str(name)]
    legend_h = 22 if named else 0
    cx, cy = width / 2, legend_h + (height - legend_h) / 2
    radius = min(width / 2 - 110, (height - legend_h) / 2 - 36)
    count = max(len(labels), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans" font-size="9">'
    ]

    def point(index: int, value: float) -> tuple[float, float]:
        share = min(max(value, 0), maximum) / maximum if maximum else 0
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    def polygon(values: Sequence[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    for ring in rings:
        parts.append(f'<polygon points="{polygon([ring] * count)}" fill="none" stroke="#c9d1da"/>')
        x, y = point(0, ring)  # on the first axis, just below the ring, clear of its label
        parts.append(
            f'<text x="{x + 3:.1f}" y="{y + 10:.1f}" fill="#4a525c">{_number(ring)}</text>'
        )
    for index, label in enumerate(labels):
        x, y = point(index, maximum)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c9d1da"/>'
        )
        parts.append(_radar_label(str(label), x, y, cx, cy))
    for colour_index, values in enumerate(series.values()):
        colour = PALETTE[colour_index % len(PALETTE)]
        parts.append(
            f'<polygon points="{polygon(values)}" fill="{colour}" fill-opacity="0.15" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    x = 10
    for colour_index, name in enumerate(series):
        if not str(name):
            continue
        colour = PALETTE[colour_index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="15">{escape(str(name))}</text>')
        x += 24 + 6 * len(str(name))
    parts.append("</svg>")
    return "".join(parts)


def _radar_label(label: str, x: float, y: float, cx: float, cy: float) -> str:
    """An axis label just outside the outer ring, anchored away from the centre."""
    anchor = "middle" if abs(x - cx) < 1 else ("start" if x > cx else "end")
    dx = 0 if anchor == "middle" else (6 if anchor == "start" else -6)
    dy = -8 if y < cy - 1 else (14 if y > cy + 1 else 3)
    lines = _wrapped(label, 22)
    if y < cy - 1:
        dy -= 11 * (len(lines) - 1)  # a label above the chart grows upwards
    spans = "".join(
        f'<tspan x="{x + dx:.1f}" dy="{0 if index == 0 else 11}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return f'<text x="{x + dx:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}">{spans}</text>'


def _wrapped(text: str, width: int) -> list[str]:
    """At most two lines of about `width` characters, split at a space."""
    if len(text) <= width or " " not in text:
        return [text]
    cut = text.rfind(" ", 0, width + 1)
    if cut <= 0:
        cut = text.find(" ")
    return [text[:cut], text[cut + 1 :]]
