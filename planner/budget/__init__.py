"""The channel budget: response curves fitted from last year's months, the best split of a budget, and the least budget that reaches a number of customers."""

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

__all__ = [
    "MIN_MONTHS",
    "PRIOR_EXPONENT",
    "PRIOR_SD",
    "Allocation",
    "BudgetInputError",
    "Channel",
    "ChannelCurve",
    "CurveFit",
    "OrganicChannel",
    "ResponseCurve",
    "allocate",
    "budget_for",
    "check_exponent",
    "fit_response",
    "prior_response",
]
