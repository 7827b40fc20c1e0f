"""The dashboard's charts, drawn on the server as SVG by pygal, and shown as images.

Without JavaScript (``js=[]``: pygal would otherwise load its tooltips from a CDN) and as a
``data:`` image: the page's Content-Security-Policy allows no inline style, which the SVG
carries, while an image's own styles are its own. Every chart is followed on the page by a
table of its numbers, which is what a screen reader reads (the image's alt text says so).
"""

from __future__ import annotations

import base64
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import pygal
from pygal.style import Style

# pygal appends an import hook for its map plugins (pygal.maps.*, unused here) that has no
# ``find_spec``: every import that no other finder answers (an optional module probed by a
# library) then raises an ImportWarning, an error under the tests' ``filterwarnings = error``.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

_STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1c2430",
    foreground_strong="#1c2430", foreground_subtle="#4d5866", opacity="1", opacity_hover="1",
    colors=("#0b5cad", "#b35900", "#2e7d4f", "#7a3e9d", "#a4262c"),
    font_family="system-ui, sans-serif", label_font_size=14, major_label_font_size=14,
    value_font_size=14, title_font_size=18, legend_font_size=14,
)  # fmt: skip
_COMMON = {"js": [], "style": _STYLE, "disable_xml_declaration": True, "width": 800,
           "height": 360, "print_values": True, "show_y_guides": True, "margin": 12}  # fmt: skip


@dataclass(frozen=True)
class Chart:
    #: A ``data:image/svg+xml;base64,…`` address.
    uri: str
    alt: str


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float | None],
              horizontal: bool = False) -> Chart:  # fmt: skip
    return _bars(title, tuple(labels), tuple(values), horizontal)


def line_chart(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]]
               ) -> Chart:  # fmt: skip
    return _lines(title, tuple(labels), tuple((k, tuple(v)) for k, v in series.items()))


#: Charts drawn, by what they show: pygal takes 10–20 ms a chart, and a dashboard reloaded
#: with the same numbers shows the same charts (a few hundred KiB for all that are kept).
CACHED_CHARTS = 256


@lru_cache(maxsize=CACHED_CHARTS)
def _bars(title: str, labels: tuple, values: tuple, horizontal: bool) -> Chart:
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(show_legend=False, title=title, **_COMMON)
    chart.x_labels = list(labels)
    chart.add(title, list(values))
    return _as_image(chart, title)


@lru_cache(maxsize=CACHED_CHARTS)
def _lines(title: str, labels: tuple, series: tuple) -> Chart:
    chart = pygal.Line(title=title, legend_at_bottom=True, x_label_rotation=30,
                       show_minor_x_labels=len(labels) <= 12, **_COMMON)  # fmt: skip
    chart.x_labels = list(labels)
    chart.x_labels_major = list(labels)[:: max(1, len(labels) // 12)]
    for name, values in series:
        chart.add(name, list(values))
    return _as_image(chart, title)


def forget_charts() -> None:
    """Draw every chart afresh (the benchmark's cold request)."""
    _bars.cache_clear()
    _lines.cache_clear()


def _as_image(chart, title: str) -> Chart:
    svg = chart.render(is_unicode=True).encode("utf-8")
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    return Chart(uri, title)
