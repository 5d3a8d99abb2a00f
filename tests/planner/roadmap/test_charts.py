"""The roadmap timeline: every initiative keeps a row, and its hover names it in full, as typed."""

from datetime import date

from planner.fiscal import quarter_dates
from planner.roadmap import Initiative, review_dates
from planner.roadmap.charts import timeline_chart

LONG = "Rebuild the pricing page around the three plans & run an A/B test against the old one for six weeks"


def test_a_long_initiative_name_is_short_on_the_axis_and_whole_on_hover():
    first, last = quarter_dates(2027, 1, 1)
    initiatives = [
        Initiative(name=LONG, focus_area="Conversion", start=date(2027, 1, 4), due=date(2027, 2, 26)),
        Initiative(name="Webinar series", focus_area="Nurture", start=date(2027, 2, 1), due=date(2027, 3, 31)),
    ]

    fig = timeline_chart(initiatives, 1, first, last, review_dates(2027, 1, 1))

    hovered = [name for trace in fig.data for _, name in trace.customdata]
    assert hovered == [LONG.replace("&", "&amp;"), "Webinar series"], "whole, with '&' shown as typed"
    labels = [label for trace in fig.data for label in trace.y]
    assert all(len(label) < len(LONG) for label in labels) and labels[0].startswith("1. Rebuild")
    assert all("%{customdata[1]}" in trace.hovertemplate for trace in fig.data)
