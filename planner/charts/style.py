"""The house chart style: colours, the template registered by name, titles that state the point, bars, and the camera's slide size."""

from __future__ import annotations

import html
import textwrap

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from planner.money import format_money_tick, plotly_money_format

TEMPLATE = "planner"
# Colour-blind-safe blue/orange pair for "plan" vs "today", plus muted greys.
PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, BAD_COLOUR, MUTED = (
    "#1f5fa8",
    "#e07b00",
    "#2e8b57",
    "#c0392b",
    "#8a94a6",
)
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080

# Registered under its name and applied by name in `layout`, figure by figure: Plotly's default
# template (`plotly.io.templates.default`) stays whatever the importing program set.
HOUSE_TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": "Inter, Segoe UI, Helvetica, Arial, sans-serif", "size": 16, "color": "#1d2433"},
        title={"font": {"size": 22}, "x": 0, "xanchor": "left"},
        colorway=[PLAN_COLOUR, TODAY_COLOUR, GOOD_COLOUR, BAD_COLOUR, MUTED, "#6c4fb3"],
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 20, "r": 30, "t": 80, "b": 50},
        xaxis={"gridcolor": "#e6e9ef", "zerolinecolor": "#c5cad3", "automargin": True},
        yaxis={"gridcolor": "#e6e9ef", "zerolinecolor": "#c5cad3", "automargin": True},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font": {"size": 15}},
    )
)
pio.templates[TEMPLATE] = HOUSE_TEMPLATE


# Plotly does not wrap titles, so `layout` wraps them for a chart this wide (a full-width chart on a
# 1280-pixel screen with the sidebar open); `fit_title` wraps them again for a narrower place.
DESK_WIDTH, TITLE_PX, SUBTITLE_PX = 820, 22, 14
# An average character of the house font is a little over half its size wide; digits and capitals more.
CHAR_WIDTH = 0.56


def line_chars(width_px: float, font_px: float) -> int:
    """How many characters of the house font fit on one line `width_px` wide."""
    return max(20, int(width_px / (font_px * CHAR_WIDTH)))


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, breaking only between words."""
    return textwrap.wrap(text, width=width, break_long_words=False) or [""]


# Where a trace carries text a reader sees: category labels, bar text, hover values, legend names.
TEXT_PROPERTIES = ("x", "y", "text", "hovertext", "customdata", "name", "meta", "labels")


def literal(text: str) -> str:
    """`text` as Plotly should show it, character for character: Plotly reads `<a href>`, `<b>`, `<br>` and
    `<span style>` in labels, titles and hovers, so "<", ">" and "&" become entities. A "\n" breaks the line."""
    return html.escape(text, quote=False).replace("\n", "<br>")


def _literal_values(value):
    if isinstance(value, str):
        return literal(value)
    if isinstance(value, np.ndarray):
        return np.frompyfunc(_literal_values, 1, 1)(value) if value.dtype.kind in "OU" else value
    if isinstance(value, list | tuple):
        return type(value)(_literal_values(v) for v in value)
    return value


def _literal_axis(axis) -> None:
    # An axis's own tick labels are read like any label; named ticks must match the (escaped) categories.
    if axis.title.text:
        axis.title.text = literal(axis.title.text)
    for ticks in ("tickvals", "ticktext", "categoryarray"):
        if axis[ticks] is not None:
            axis[ticks] = _literal_values(axis[ticks])


def _literal_text(fig: go.Figure) -> None:
    """Every label, bar text, hover value, legend name, axis title and note of `fig` shown as typed.

    Names come from users and files (a stage, a channel, an initiative); a chart builds its own line
    breaks with "\n" and its own markup only in hover templates, which hold no user text.
    """
    for trace in fig.data:
        for prop in TEXT_PROPERTIES:
            if prop in trace and trace[prop] is not None:
                trace[prop] = _literal_values(trace[prop])
    fig.for_each_xaxis(_literal_axis)
    fig.for_each_yaxis(_literal_axis)
    for note in fig.layout.annotations:
        if note.text:
            note.text = literal(note.text)


def layout(fig: go.Figure, title: str, subtitle: str | None = None) -> go.Figure:
    """The house style (the template by name): a title that states the point, wrapped, with a smaller subtitle
    below; all text in the figure, title included, is shown as typed (see `literal`)."""
    _literal_text(fig)
    # Set property by property: `update_layout` costs a few milliseconds more a call, which a slider
    # move pays for every chart it redraws.
    fig.layout.template = TEMPLATE
    # The plain title and subtitle, for a slide that shows them as text above the chart.
    fig.layout.meta = {"title": title, "subtitle": subtitle or ""}
    return fit_title(fig, DESK_WIDTH)


def fit_title(
    fig: go.Figure, width_px: float, title_px: float = TITLE_PX, subtitle_px: float = SUBTITLE_PX
) -> go.Figure:
    """Wrap `fig`'s title and subtitle (kept in its `meta` by `layout`) for a chart `width_px` wide, in
    type of these sizes, and make the room above the plot fit them: no line runs past the chart's edge."""
    title, subtitle = fig.layout.meta["title"], fig.layout.meta["subtitle"]
    lines = [literal(line) for line in wrap(title, line_chars(width_px, title_px))]
    sub_lines = [literal(line) for line in wrap(subtitle, line_chars(width_px, subtitle_px))] if subtitle else []
    text = "<br>".join(lines)
    if sub_lines:
        text += f"<br><span style='font-size:{subtitle_px:g}px;color:#5b6475'>" + "<br>".join(sub_lines) + "</span>"
    legend_room = 34 if len(fig.data) > 1 else 0
    top = 36 + round(title_px * 1.27) * len(lines) + round(subtitle_px * 1.36) * len(sub_lines) + legend_room
    # A chart may ask for more room above its plot (labels on top) and a plot of a set height.
    top += fig.layout.meta.get("extra_top", 0)
    if "plot_height" in fig.layout.meta:
        fig.layout.height = top + fig.layout.meta["plot_height"]
    fig.layout.title = {
        "text": text, "font": {"size": title_px}, "y": 1, "yref": "container", "yanchor": "top",
        "pad": {"t": round(title_px)},
    }  # fmt: skip
    fig.layout.margin.t = top
    return fig


def round_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About `count` round tick values (1, 2, 2.5 or 5 × 10ⁿ apart) over `low` to `high` and zero, running
    a little past `high`, so the room Plotly leaves above the data has its tick too; none when there is
    nothing to span. Plotly does not show a tick beyond the drawn range."""
    low, high = min(low, 0.0), max(high, 0.0)
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return []
    rough = (high - low) / count
    magnitude = 10 ** np.floor(np.log10(rough))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= rough)
    return (np.arange(np.floor(low / step), np.ceil(high * 1.2 / step) + 1) * step).tolist()


def money_ticks(low: float, high: float, currency: str, count: int = 5) -> dict:
    """Axis properties that write an axis from `low` to `high` (the data's extent, in `currency`) with
    about `count` round ticks (`round_ticks`) in the cards' compact form ($250K, $1.5M), not Plotly's
    own "$250k"."""
    values = round_ticks(low, high, count)
    if not values:
        return {"tickprefix": plotly_money_format(currency)[0]}
    return {"tickvals": values, "ticktext": [format_money_tick(v, currency) for v in values]}


def set_plot_height(fig: go.Figure, plot_px: int, extra_top: int = 0) -> go.Figure:
    """`fig`, in the house style already, with a plot `plot_px` tall (a chart that grows with its rows)
    and `extra_top` more room above it; `fit_title` keeps both wherever it wraps the title again."""
    fig.layout.meta = {**fig.layout.meta, "plot_height": plot_px, "extra_top": extra_top}
    return fit_title(fig, DESK_WIDTH)


# A half-width column on a 1280-pixel screen with the sidebar open, where a desk chart is narrowest.
NARROW_WIDTH, NARROW_TITLE_PX = 400, 20
# Presentation mode on a shared screen: the page's whole width (no sidebar), or half of it.
ROOM_WIDTH, ROOM_NARROW_WIDTH = 1300, 620
ROOM_TITLE_PX, ROOM_TEXT_PX = 30, 20
# Plotly's height for a figure that sets none, and the house font's size at a desk.
PLOTLY_HEIGHT, DESK_TEXT_PX = 450, 16


def for_room(fig: go.Figure, width_px: float = ROOM_WIDTH) -> go.Figure:
    """`fig` in type a meeting room reads from the back: every label, value, note and legend at least
    `ROOM_TEXT_PX`, the title `ROOM_TITLE_PX`, wrapped for a chart `width_px` wide."""
    size = ROOM_TEXT_PX
    desk_plot = (fig.layout.height or PLOTLY_HEIGHT) - (fig.layout.margin.t or 0)
    fig.update_layout(
        font_size=size, legend_font_size=size, hoverlabel_font_size=size,
        # Plotly shrinks a value that does not fit inside its bar; here it shows at full size instead.
        uniformtext={"minsize": size, "mode": "show"},
    )  # fmt: skip
    fig.update_xaxes(tickfont_size=size, title_font_size=size)
    fig.update_yaxes(tickfont_size=size, title_font_size=size)
    # A log axis labels 2 and 5 between its powers of ten in smaller type: only the powers, here.
    fig.for_each_xaxis(lambda axis: axis.update(dtick=1) if axis.type == "log" else None)
    fig.for_each_yaxis(lambda axis: axis.update(dtick=1) if axis.type == "log" else None)
    for note in fig.layout.annotations:
        note.font.size = max(note.font.size or 0, size)
    for trace in fig.data:
        for font in ("textfont", "insidetextfont", "outsidetextfont"):
            if font in trace:
                trace[font].size = size
    fit_title(fig, width_px, ROOM_TITLE_PX, size)
    if "plot_height" not in fig.layout.meta:
        # The larger title takes more room above the plot: the chart grows, so its plot grows with its type.
        fig.update_layout(height=fig.layout.margin.t + round(desk_plot * size / DESK_TEXT_PX))
    return fig


def hbar(name: str, labels, values, colour, hover: str, **extra) -> go.Bar:
    """A horizontal bar trace in the house style."""
    return go.Bar(
        name=name, y=labels, x=values, orientation="h", marker_color=colour, hovertemplate=hover, **extra
    )


def slide_config(filename: str) -> dict:
    """Plotly toolbar settings: the camera saves a 16:9 PNG at slide resolution."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": filename,
            "width": SLIDE_WIDTH,
            "height": SLIDE_HEIGHT,
            "scale": 1,
        },
    }
