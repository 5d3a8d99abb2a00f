"""Rate sliders: the track shows real rates, a small rate sits well inside it, small moves are small."""

import pytest

from planner import back_solve, format_count
from planner.rate_scale import LAST_POSITION, position_of
from tests.app.test_pages import EXAMPLE_RATES, metric, rate_box, rate_slider, slider_rate


def test_the_rate_slider_labels_its_stops_with_real_rates_and_starts_well_inside_its_track(app):
    at = app("pages/funnel.py")

    slider = rate_slider(at, "Website visits → Leads")

    assert slider.options[0] == "0.1%" and slider.options[-1] == "100%"
    assert slider.options[slider.value] == "1.5%"
    assert slider.value / LAST_POSITION > 0.10, "1.5% is not squeezed into the start of the track"
    assert slider_rate(at, "Leads → MQLs") == 0.20


def test_a_small_slider_move_is_a_small_rate_change(app):
    at = app("pages/funnel.py")

    rate_slider(at, "Website visits → Leads").set_value(position_of(0.015) + 1).run()

    assert rate_box(at, "Website visits → Leads").value == pytest.approx(1.6)
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.016, *EXAMPLE_RATES[1:]]).top
    )


def test_typing_an_exact_rate_sets_exactly_that_rate(app):
    at = app("pages/funnel.py")

    rate_box(at, "Website visits → Leads").set_value(1.55).run()

    assert rate_box(at, "Website visits → Leads").value == 1.55
    assert metric(at, "Website visits needed a month") == format_count(
        back_solve(10 / 12, [0.0155, *EXAMPLE_RATES[1:]]).top
    )
    assert slider_rate(at, "Website visits → Leads") in (0.015, 0.016), "the slider goes to the nearest stop"
