"""The rate slider's track: every decade as long as the next, stops at round rates, positions and rates round-trip."""

import itertools
import math

import pytest

from planner.funnel import DEFAULT_RATES
from planner.money import format_rate
from planner.rate_scale import LAST_POSITION, RATES, position_of, rate_at


def test_the_track_runs_from_a_tenth_of_a_percent_to_all():
    assert rate_at(0) == 0.001
    assert rate_at(LAST_POSITION) == 1.0


def test_the_worked_example_rate_sits_well_inside_the_track_not_at_its_start():
    share_of_track = position_of(0.015) / LAST_POSITION

    assert 0.30 < share_of_track < 0.40, "1.5% is a third of the way along: the 1%–10% decade starts there"
    assert share_of_track > 0.10


def test_each_decade_takes_a_third_of_the_track():
    assert position_of(0.01) == LAST_POSITION // 3
    assert position_of(0.10) == 2 * LAST_POSITION // 3


def test_rates_rise_with_every_position():
    assert all(low < high for low, high in itertools.pairwise(RATES))


@pytest.mark.parametrize("position", range(LAST_POSITION + 1))
def test_every_position_round_trips_through_its_rate(position):
    assert position_of(rate_at(position)) == position


@pytest.mark.parametrize("rate", DEFAULT_RATES, ids=format_rate)
def test_the_worked_example_rates_are_stops_exactly(rate):
    assert rate_at(position_of(rate)) == rate


def test_one_arrow_key_moves_a_small_rate_by_a_small_step():
    here = position_of(0.015)

    assert rate_at(here + 1) == pytest.approx(0.016)
    assert rate_at(here + 5) == 0.02, "five presses from 1.5% reach 2%"
    assert rate_at(position_of(0.0075) + 1) == pytest.approx(0.0076)
    assert rate_at(position_of(0.20) + 1) == pytest.approx(0.21)


def test_every_stop_reads_as_a_round_rate():
    labels = [format_rate(rate) for rate in RATES]

    assert len(set(labels)) == len(labels), "no two stops look alike"
    assert all(len(label.replace(".", "").replace("%", "").strip("0")) <= 2 for label in labels)


@pytest.mark.parametrize(
    ("rate", "position"),
    [
        pytest.param(0.0, 0, id="zero-to-the-start"),
        pytest.param(-0.5, 0, id="negative-to-the-start"),
        pytest.param(0.0004, 0, id="below-the-track"),
        pytest.param(1.5, LAST_POSITION, id="above-all"),
        pytest.param(math.inf, LAST_POSITION, id="infinite"),
    ],
)
def test_rates_off_the_track_stop_at_its_ends(rate, position):
    assert position_of(rate) == position


def test_a_rate_between_stops_goes_to_the_nearest():
    assert rate_at(position_of(0.01549)) == 0.015
    assert rate_at(position_of(0.01551)) == pytest.approx(0.016)


@pytest.mark.parametrize("position", [-1, LAST_POSITION + 1, 1.5, "3", True], ids=repr)
def test_a_position_off_the_track_is_refused(position):
    with pytest.raises(ValueError, match="rate slider position"):
        rate_at(position)


def test_nan_has_no_position():
    with pytest.raises(ValueError, match="must be a number"):
        position_of(math.nan)
