"""What the roadmap tests share: the default funnel, the first quarter of 2027 and a SMART goal in it."""

from datetime import date

from planner.funnel import Funnel
from planner.roadmap import SmartGoal

FUNNEL = Funnel()
Q1_2027 = (date(2027, 1, 1), date(2027, 3, 31))


def good_goal(**changes) -> SmartGoal:
    fields = {"metric": "MQLs", "baseline": 18, "change": 25, "unit": "%", "deadline": date(2027, 3, 31)}
    return SmartGoal(**{**fields, **changes})
