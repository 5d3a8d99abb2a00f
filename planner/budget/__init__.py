"""The channel budget: response curves fitted from last year's months, the best split of a budget, the least budget that reaches the goal, by month, with its range."""

from planner.budget.allocate import Allocation, allocate, budget_for
from planner.budget.channels import Channel, ChannelCurve, OrganicChannel
from planner.budget.curves import (
    MIN_MONTHS,
    PRIOR_EXPONENT,
    PRIOR_SD,
    BudgetInputError,
    CurveFit,
    ResponseCurve,
    check_exponent,
    fit_response,
    prior_response,
)
from planner.budget.phasing import (
    before_year,
    lead_time_days,
    month_weights,
    months_before,
    quarter_allocations,
    spend_by_month,
)
from planner.budget.settings import AppliedBudget, AppliedChannel, BudgetSettings, ChannelSetting
from planner.budget.setup import (
    BOUND_RULES,
    VERDICT_BOUNDS,
    BudgetChannel,
    ChannelKind,
    ChannelSetup,
    channels_from_last_year,
    funnel_per_unit,
)
from planner.budget.uncertainty import BudgetRange, budget_range

__all__ = [
    "BOUND_RULES",
    "MIN_MONTHS",
    "PRIOR_EXPONENT",
    "PRIOR_SD",
    "VERDICT_BOUNDS",
    "Allocation",
    "AppliedBudget",
    "AppliedChannel",
    "BudgetChannel",
    "BudgetInputError",
    "BudgetRange",
    "BudgetSettings",
    "Channel",
    "ChannelCurve",
    "ChannelKind",
    "ChannelSetting",
    "ChannelSetup",
    "CurveFit",
    "OrganicChannel",
    "ResponseCurve",
    "allocate",
    "before_year",
    "budget_for",
    "budget_range",
    "channels_from_last_year",
    "check_exponent",
    "fit_response",
    "funnel_per_unit",
    "lead_time_days",
    "month_weights",
    "months_before",
    "prior_response",
    "quarter_allocations",
    "spend_by_month",
]
