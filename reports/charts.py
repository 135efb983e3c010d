"""Horizontal bar charts as inline SVG, drawn on the server: no JavaScript, no CDN.

Every piece of text (a commune or village name, an indicator label) goes through
``format_html``, so a name typed with markup prints as text. Each chart is an image for
assistive technology (``role="img"`` with an ``aria-label`` and a ``<title>``), each bar
carries its own ``<title>`` (a tooltip on hover), and the page keeps the table the chart
is drawn from, which is what a screen reader reads.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH = 640
LABEL_HEIGHT = 16  # the label line above each bar
BAR_HEIGHT = 14
GAP = 10
VALUE_ROOM = 90  # space kept right of the longest bar for its figure


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    out_of: int | None = None  # drawn as a pale track behind the bar ("3 of 7 villages")

    @property
    def figure(self) -> str:
        return f"{self.value}/{self.out_of}" if self.out_of is not None else str(self.value)


@dataclass(frozen=True)
class Chart:
    """A chart of the bars worth drawing, and what the others are (summarised in words)."""

    svg: SafeString
    drawn: int  # bars drawn
    left_out: list[Bar]  # bars with nothing to show


def with_data_first(*, title: str, bars: list[Bar], chart_id: str) -> Chart:
    """A chart of the bars whose value is not zero, largest share of ``out_of`` first (largest
    value without one), and the bars at zero left out, for the page to count in one line: a
    district's 20 communes of which 11 cover no village is 9 bars and "11 communes have no
    active village team yet", not 20 bars of which 11 are empty. No bar with a value: no
    chart at all."""

    def share(bar: Bar) -> float:
        return bar.value / bar.out_of if bar.out_of else bar.value

    drawn = sorted((bar for bar in bars if bar.value), key=share, reverse=True)
    left_out = [bar for bar in bars if not bar.value]
    svg = bar_chart(title=title, bars=drawn, chart_id=chart_id) if drawn else SafeString("")
    return Chart(svg=svg, drawn=len(drawn), left_out=left_out)


def bar_chart(*, title: str, bars: list[Bar], chart_id: str) -> SafeString:
    """An SVG with one labelled bar per item, scaled to the largest value (or ``out_of``)."""
    row = LABEL_HEIGHT + BAR_HEIGHT + GAP
    height = max(row * len(bars), row)
    largest = max([max(b.value, b.out_of or 0) for b in bars] + [1])
    scale = (WIDTH - VALUE_ROOM) / largest
    rows = format_html_join("", "{}", ((_bar(bar, y=i * row, scale=scale),) for i, bar in enumerate(bars)))
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" role="img" aria-label="{title}" '
        'id="{id}" viewBox="0 0 {width} {height}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" style="max-width:{width}px">'
        "<title>{title}</title>{rows}</svg>",
        title=title,
        id=chart_id,
        width=WIDTH,
        height=height,
        rows=rows,
    )


def _bar(bar: Bar, *, y: int, scale: float) -> SafeString:
    top = y + LABEL_HEIGHT
    track = (
        format_html(
            '<rect x="0" y="{}" width="{}" height="{}" fill="#dee2e6"></rect>',
            top,
            round(bar.out_of * scale, 1),
            BAR_HEIGHT,
        )
        if bar.out_of
        else ""
    )
    width = round(bar.value * scale, 1)
    return format_html(
        "<g><title>{label}: {figure}</title>"
        '<text x="0" y="{label_y}" font-size="12" fill="currentColor">{label}</text>'
        '{track}<rect x="0" y="{top}" width="{width}" height="{height}" fill="#0d6efd"></rect>'
        '<text x="{figure_x}" y="{figure_y}" font-size="12" fill="currentColor">{figure}</text></g>',
        label=bar.label,
        figure=bar.figure,
        label_y=y + LABEL_HEIGHT - 4,
        track=track,
        top=top,
        width=width,
        height=BAR_HEIGHT,
        figure_x=round(max(width, (bar.out_of or 0) * scale), 1) + 6,
        figure_y=top + BAR_HEIGHT - 2,
    )
