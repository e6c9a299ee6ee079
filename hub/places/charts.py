"""Server-side SVG charts with pygal: no JavaScript, served as separate image responses.

Each chart carries its own <title> and <desc> (the text summary the page shows beside it), so it
stays readable when opened on its own. The world map uses pygal_maps_world, Kozea's map
package for pygal (pure data: one SVG world map keyed by ISO 3166 alpha-2 codes).
"""

from __future__ import annotations

import sys
from xml.etree import ElementTree as ET

import pygal
from flask_babel import format_decimal
from flask_babel import gettext as _
from pygal.style import Style
from pygal_maps_world.maps import World

# pygal appends to sys.meta_path a finder with only the legacy find_module() API (to alias
# plugins as pygal.maps.<name>). On Python 3.10+ every import that reaches it, such as any
# failed optional import anywhere in the process, emits an ImportWarning (an error under
# `-W error`). We import pygal_maps_world directly, so that alias is not needed: drop it.
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "PluginImportFixer"]

# The site's palette (static/css/hub.css), dark enough for text contrast on white.
PALETTE = ("#0b5563", "#b3400f", "#5b3f8c", "#1e6b34", "#8a5a00", "#a11d2b")
# Sequential blues for the map classes, light (small) to dark (large).
MAP_PALETTE = ("#08306b", "#2171b5", "#4292c6", "#6baed6", "#9ecae1", "#c6dbef")
MAP_BREAKS = (1_000_000, 100_000, 10_000, 1_000, 100, 1)


def _style(colors=PALETTE) -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1b2630",
        foreground_strong="#1b2630",
        foreground_subtle="#4a5966",
        font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
        title_font_size=18,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=11,
        opacity=".9",
        opacity_hover=".9",
        transition="0ms",
        colors=colors,
    )


def _fmt(value) -> str:
    return "" if value is None else format_decimal(value, format="#,##0")


def _config(**kwargs) -> dict:
    return {
        "js": [],  # no script: the CSP forbids it and the chart must work without it
        "disable_xml_declaration": True,
        "no_prefix": False,
        "show_legend": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 3,
        "width": 800,
        "height": 420,
        "style": _style(kwargs.pop("colors", PALETTE)),
        "value_formatter": _fmt,
        "truncate_label": -1,
        "truncate_legend": -1,
        **kwargs,
    }


def _make(cls, title: str, summary: str, chart_id: str, **kwargs):
    chart = cls(**_config(**kwargs))
    chart.title = title
    # A stable id keeps the output identical for identical data (cache validators work).
    chart.uuid = chart_id

    def describe(root):
        # pygal writes its config into a <script> even with js=[]; nothing may run: drop it.
        for parent in list(root.iter()):
            for child in list(parent):
                if str(child.tag).rsplit("}", 1)[-1] == "script":
                    parent.remove(child)
        root.set("role", "img")
        root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
        desc = ET.Element("desc", id=f"{chart_id}-desc")
        desc.text = summary
        heading = ET.Element("title", id=f"{chart_id}-title")
        heading.text = title
        root.insert(0, desc)
        root.insert(0, heading)
        return root

    chart.add_xml_filter(describe)
    return chart


def _render(chart) -> str:
    return chart.render(is_unicode=True)


def line_chart(title: str, summary: str, years: list[int], series: list[tuple[str, list]],
               chart_id: str = "trend") -> str:
    """A line chart of one or more series over the given years."""
    chart = _make(pygal.Line, title, summary, chart_id, x_labels=[str(y) for y in years],
                  dots_size=4, stroke_style={"width": 3}, show_minor_x_labels=True,
                  y_labels_major_count=5, show_y_guides=True, include_x_axis=True)
    for name, values in series:
        chart.add(name, values)
    return _render(chart)


def bar_chart(title: str, summary: str, labels: list[str], values: list, series_name: str,
              chart_id: str = "bars") -> str:
    """A horizontal bar chart, largest at the top."""
    height = max(220, 80 + 34 * len(labels))
    chart = _make(pygal.HorizontalBar, title, summary, chart_id, height=height, show_legend=False,
                  print_values=True, print_values_position="top", include_x_axis=True,
                  x_labels=list(reversed(labels)), margin_left=10)
    chart.add(series_name, list(reversed(values)))
    return _render(chart)


class _ClassedWorld(World):
    """World map whose areas keep their class colour at full strength.

    pygal fades each area by its value within its series; the map's classes already say how
    large a value is, so the fading would only make small classes harder to tell apart.
    """

    def _plot(self):
        super()._plot()
        for node in self.nodes["plot"].iter():
            if (node.get("style") or "").startswith("fill-opacity"):
                node.set("style", "fill-opacity: 1")


def class_label(index: int) -> str:
    """The legend label of map class `index` (0 = largest)."""
    low = MAP_BREAKS[index]
    if index == 0:
        return _("%(low)s or more", low=_fmt(low))
    high = MAP_BREAKS[index - 1] - 1
    return _("%(low)s to %(high)s", low=_fmt(low), high=_fmt(high))


def world_map(title: str, summary: str, values_by_iso2: dict[str, int], chart_id: str = "map") -> str:
    """A world map with countries coloured by class of value (e.g. diaspora size)."""
    chart = _make(_ClassedWorld, title, summary, chart_id, colors=MAP_PALETTE, height=500,
                  legend_at_bottom_columns=3)
    classes: list[dict[str, int]] = [{} for _ in MAP_BREAKS]
    for code, value in values_by_iso2.items():
        if value is None or value <= 0:
            continue
        for index, low in enumerate(MAP_BREAKS):
            if value >= low:
                classes[index][code.lower()] = value
                break
    for index, values in enumerate(classes):
        chart.add(class_label(index), values)
    return _render(chart)
