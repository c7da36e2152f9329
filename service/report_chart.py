"""Bar charts of the report as inline SVG, drawn on the server (no JavaScript library).

The SVG is plain markup the page embeds; every label is escaped, the chart has a title
and a description for screen readers, and each bar its own <title> with the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BAR_H = 22
GAP = 8
LABEL_W = 190
PLOT_W = 360
COLOURS = ("#2f6f9f", "#8fb8d8", "#b5651d")


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: Sequence[int]


def bars(title: str, labels: Sequence[str], series: Sequence[Series]) -> str:
    """Horizontal grouped bars: one group per label, one bar per series, with a legend."""
    top = max([1, *(v for s in series for v in s.values)])
    group = len(series) * BAR_H + GAP
    legend_h = 24
    height = legend_h + max(1, len(labels)) * group + GAP
    width = LABEL_W + PLOT_W + 60
    desc = "; ".join(
        f"{label}: " + ", ".join(f"{s.name} {s.values[i]}" for s in series)
        for i, label in enumerate(labels)
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f"<title>{escape(title)}</title><desc>{escape(desc or '—')}</desc>",
    ]
    x = LABEL_W
    for k, s in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        out.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="17" font-size="12">{escape(s.name)}</text>')
        x += 24 + 8 * len(s.name)
    for i, label in enumerate(labels):
        y0 = legend_h + i * group
        out.append(
            f'<text x="{LABEL_W - 6}" y="{y0 + group / 2}" font-size="12" '
            f'text-anchor="end" dominant-baseline="middle">{escape(label[:32])}</text>'
        )
        for k, s in enumerate(series):
            v = s.values[i]
            w = round(PLOT_W * v / top, 1)
            y = y0 + k * BAR_H
            out.append(
                f'<rect x="{LABEL_W}" y="{y + 2}" width="{w}" height="{BAR_H - 4}" '
                f'fill="{COLOURS[k % len(COLOURS)]}"><title>{escape(f"{label}: {s.name} {v}")}'
                "</title></rect>"
            )
            out.append(
                f'<text x="{LABEL_W + w + 4}" y="{y + BAR_H / 2}" font-size="11" '
                f'dominant-baseline="middle">{v}</text>'
            )
    out.append("</svg>")
    return "".join(out)
