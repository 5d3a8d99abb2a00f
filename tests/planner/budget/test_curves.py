"""Response curves: a power curve's volume, inverse and marginal cost; the fit from a channel's months, shrunk toward the prior."""

import math

import numpy as np
import pytest
from pydantic import ValidationError

from planner.budget import PRIOR_EXPONENT, PRIOR_SD, BudgetInputError, ResponseCurve, fit_response

SPEND = [1_000, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000, 6_000, 7_000, 8_000, 9_000, 10_000]


def one_sentence(message: str) -> bool:
    """A message a marketer reads at once: one sentence, capitalised, ending with a full stop."""
    return message[0].isupper() and message.endswith(".") and ". " not in message[:-1].replace("e.g. ", "")


def test_a_curve_gives_volume_its_inverse_and_the_marginal_cost_in_closed_form():
    curve = ResponseCurve(scale=2.0, exponent=0.5)

    assert curve.volume(10_000) == pytest.approx(200)  # 2 · √10,000
    assert curve.spend_for(200) == pytest.approx(10_000)
    # Marginal cost = spend / (exponent · volume) = 10,000 / (0.5 · 200) = $100 per extra lead.
    assert curve.marginal_cost(10_000) == pytest.approx(100)
    h = 1e-3
    assert curve.marginal_cost(10_000) == pytest.approx(2 * h / (curve.volume(10_000 + h) - curve.volume(10_000 - h)))


def test_an_exact_power_law_over_a_year_of_months_is_read_back_exactly_and_said_to_come_from_data():
    leads = [3 * s**0.7 for s in SPEND]

    fit = fit_response(SPEND, leads)

    assert fit.source == "data" and fit.months == 12
    assert fit.curve.exponent == pytest.approx(0.7)
    assert fit.weight == pytest.approx(1.0)
    # The scale puts last year's total spend on last year's total volume.
    assert fit.curve.volume(sum(SPEND)) == pytest.approx(sum(leads))
    assert "Fitted from 12 months" in fit.note


def test_noisy_months_are_shrunk_toward_the_prior_by_the_stated_precision_weight():
    rng = np.random.default_rng(7)
    leads = [2 * s**0.9 * math.exp(rng.normal(0, 0.35)) for s in SPEND]
    # The textbook least-squares slope and its standard error, computed independently of the module.
    x, y = np.log(SPEND), np.log(leads)
    (slope, _), cov = np.polyfit(x, y, 1, cov="unscaled")
    residual = y - np.polyval(np.polyfit(x, y, 1), x)
    se = math.sqrt(cov[0, 0] * (residual**2).sum() / (len(x) - 2))
    weight = PRIOR_SD**2 / (PRIOR_SD**2 + se**2)

    fit = fit_response(SPEND, leads)

    assert fit.fitted == pytest.approx(slope)
    assert fit.weight == pytest.approx(weight)
    assert fit.curve.exponent == pytest.approx(PRIOR_EXPONENT + weight * (slope - PRIOR_EXPONENT))
    assert 0 < weight < 1 and min(slope, PRIOR_EXPONENT) < fit.curve.exponent < max(slope, PRIOR_EXPONENT)
    assert fit.low < fit.curve.exponent < fit.high


@pytest.mark.parametrize(
    ("spend", "leads", "why"),
    [
        pytest.param(SPEND[:4], [10, 12, 14, 15], "only 4 months", id="four-months"),
        pytest.param([5_000] * 12, [100, 90, 110, 95, 105, 100, 98, 102, 99, 101, 97, 103], "hardly changed",
                     id="flat-spend"),
        pytest.param([1_000, None, 0, 2_000, None, 3_000, 0, 0, 0, 0, 0, 4_000], [10, 5, 0, 17, 3, 22, 0, 0, 0, 0, 0, 30],
                     "only 4 months", id="gaps-and-zero-months"),
    ],
)  # fmt: skip
def test_thin_data_falls_back_to_the_prior_and_says_so(spend, leads, why):
    fit = fit_response(spend, leads)

    assert fit.source == "prior" and fit.weight == 0
    assert fit.curve.exponent == PRIOR_EXPONENT
    assert why in fit.note and "the usual 0.60" in fit.note
    used = [(s, v) for s, v in zip(spend, leads, strict=True) if s is not None]
    assert fit.curve.volume(sum(s for s, _ in used)) == pytest.approx(sum(v for _, v in used))


def test_a_prior_of_the_users_choice_is_used_when_the_data_is_thin():
    assert fit_response(SPEND[:3], [1, 2, 3], prior_exponent=0.8).curve.exponent == 0.8


@pytest.mark.parametrize(
    ("spend", "leads", "said"),
    [
        pytest.param(SPEND, [0] * 12, "Paid search spent $59.0K but brought no leads", id="spend-no-volume"),
        pytest.param([1_000, -200, *SPEND[2:]], [10] * 12, "Paid search shows a negative spend", id="negative-spend"),
        pytest.param([0] * 12, [10] * 12, "Paid search had no spend, so it has no spend curve", id="no-spend"),
        pytest.param(SPEND, [10] * 11, "Paid search has 12 months of spend but 11 of leads", id="months-differ"),
    ],
)
def test_bad_months_are_refused_in_one_sentence(spend, leads, said):
    with pytest.raises(BudgetInputError) as refused:
        fit_response(spend, leads, name="Paid search")

    assert str(refused.value).startswith(said)
    assert one_sentence(str(refused.value))


@pytest.mark.parametrize("exponent", [0, -0.3, 1.2, math.nan], ids=["zero", "negative", "above-one", "nan"])
def test_an_exponent_outside_zero_to_one_is_refused_in_one_sentence(exponent):
    with pytest.raises(ValidationError, match="exponent must be above 0 and at most 1"):
        ResponseCurve(scale=1.0, exponent=exponent)
    with pytest.raises(BudgetInputError) as refused:
        fit_response(SPEND, SPEND, prior_exponent=exponent)
    assert one_sentence(str(refused.value))
