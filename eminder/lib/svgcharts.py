"""Server-drawn SVG charts for PDFs, where no JavaScript runs."""

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
