"""Domain logic of the marketing planner: goals, funnel, plan and charts; no Streamlit here."""

from planner.funnel import (
    DEFAULT_RATES,
    DEFAULT_STAGES,
    Funnel,
    FunnelBudget,
    FunnelVolumes,
    back_solve,
    day_one_pipeline,
    forward,
    funnel_budget,
    gap_to_today,
    goal_seek,
    goal_seek_sentence,
    sensitivity,
    stage_schedule,
)
from planner.goals import GoalInputs, GoalPlan, customers_needed, monthly_split, plan_goals
from planner.io.plan_file import PlanFileError, plan_from_json, plan_to_json, read_plan_file, write_plan_file
from planner.money import CURRENCIES, format_count, format_money, format_rate
from planner.plan import FunnelInputs, Plan, PlanTargets, example_plan, plan_targets, replace
from planner.validation import explain

__all__ = [
    "CURRENCIES",
    "DEFAULT_RATES",
    "DEFAULT_STAGES",
    "Funnel",
    "FunnelBudget",
    "FunnelInputs",
    "FunnelVolumes",
    "GoalInputs",
    "GoalPlan",
    "Plan",
    "PlanFileError",
    "PlanTargets",
    "back_solve",
    "customers_needed",
    "day_one_pipeline",
    "example_plan",
    "explain",
    "format_count",
    "format_money",
    "format_rate",
    "forward",
    "funnel_budget",
    "gap_to_today",
    "goal_seek",
    "goal_seek_sentence",
    "monthly_split",
    "plan_from_json",
    "plan_goals",
    "plan_targets",
    "plan_to_json",
    "read_plan_file",
    "replace",
    "sensitivity",
    "stage_schedule",
    "write_plan_file",
]
