"""The worked example's roadmap: a full first quarter and lighter later ones on a $100,000 annual budget."""

from __future__ import annotations

from datetime import date, timedelta

from planner.fiscal import quarter_dates
from planner.funnel import Funnel
from planner.roadmap import (
    FocusArea,
    Hypothesis,
    Initiative,
    Owner,
    Quarter,
    Roadmap,
    SmartGoal,
    set_carry_over,
)

CTA = "Move the main call-to-action and demo form above the fold on the ten busiest landing pages."
NURTURE = "Build a five-email nurture track for leads who downloaded the buyer's guide."


def example_roadmap(year: int, start_month: int = 1, funnel: Funnel | None = None) -> Roadmap:
    """Q1 with two focus areas, three initiatives, three SMART goals, two hypotheses and owners;
    one focus area and initiative in each later quarter; nothing over budget."""
    funnel = funnel or Funnel()
    rate = funnel.transitions()
    bounds = [quarter_dates(year, q, start_month) for q in (1, 2, 3, 4)]

    def days(quarter: int, start: int, due: int) -> dict[str, date]:
        first = bounds[quarter - 1][0]
        return {"start": first + timedelta(days=start), "due": first + timedelta(days=due)}

    def end(quarter: int) -> date:
        return bounds[quarter - 1][1]

    cro, nurture = "Conversion-rate optimisation", "Lead nurturing"
    q1 = Quarter(
        focus_areas=(FocusArea(name=cro), FocusArea(name=nurture)),
        initiatives=(
            Initiative(name=CTA, focus_area=cro, owner="Web lead", budget=12_000, **days(1, 0, 45)),
            Initiative(
                name="Test a two-field form against the seven-field form on the pricing page.",
                focus_area=cro, owner="Web lead", budget=6_000, **days(1, 30, 80),
            ),
            Initiative(name=NURTURE, focus_area=nurture, owner="Marketing ops", budget=5_000, **days(1, 14, 75)),
        ),
        goals=(
            SmartGoal(metric=rate[0], focus_area=cro, baseline=round(funnel.rates[0] * 100, 6), change=0.25,
                      unit="pp", deadline=end(1), owner="Web lead"),
            SmartGoal(metric="MQLs", focus_area=nurture, baseline=18, change=25, unit="%", deadline=end(1),
                      owner="Marketing ops"),
            SmartGoal(metric="Blog subscribers", kpi="Leads", focus_area=cro, baseline=1200, change=15, unit="%",
                      deadline=end(1), owner="Content lead"),
        ),
        hypotheses=(
            Hypothesis(initiative=CTA, transition=rate[0], from_rate=funnel.rates[0],
                       to_rate=funnel.rates[0] + 0.0025,
                       assumption="Heatmaps show most visitors never scroll to the form; seen at once, more of them convert."),
            Hypothesis(initiative=NURTURE, transition=rate[1], from_rate=funnel.rates[1],
                       to_rate=funnel.rates[1] + 0.03,
                       assumption="Leads who open two or more nurture emails reach the MQL score twice as often."),
        ),
        owners=(
            Owner(name="Web lead", duties="Landing pages, forms and A/B tests; first test live by week 3",
                  reporting="Weekly conversion report to the CMO"),
            Owner(name="Marketing ops", duties="Nurture emails and lead scoring; track live by week 4",
                  reporting="MQL numbers at the Monday pipeline meeting"),
            Owner(name="Content lead", duties="Blog and subscriber growth", reporting="Monthly content report"),
        ),
    )  # fmt: skip
    later = (
        ("Website attraction", "Publish two topic clusters on the buyers' top questions, each with a pillar page.",
         "Content lead", 15_000, (0, 85), funnel.stages[0], 6000, 10, "%"),
        ("Event participation", "Exhibit at the industry's autumn trade show with a demo station and booked meetings.",
         "Field marketing", 22_000, (20, 70), "SQLs", 3.6, 20, "%"),
        ("Lead qualification", "Add a qualifying chatbot to the pricing and demo pages.",
         "Marketing ops", 18_000, (0, 60), rate[2], round(funnel.rates[2] * 100, 6), 2, "pp"),
    )  # fmt: skip
    quarters = [q1]
    for quarter, (area, statement, owner, budget, (start, due), metric, baseline, change, unit) in enumerate(
        later, start=2
    ):
        quarters.append(
            Quarter(
                focus_areas=(FocusArea(name=area),),
                initiatives=(
                    Initiative(name=statement, focus_area=area, owner=owner, budget=budget, **days(quarter, start, due)),
                ),
                goals=(
                    SmartGoal(metric=metric, focus_area=area, baseline=baseline, change=change, unit=unit,
                              deadline=end(quarter), owner=owner),
                ),
            )
        )  # fmt: skip
    # Conversion-rate work needs more than one quarter, so it carries into Q2.
    return set_carry_over(
        Roadmap(quarters=tuple(quarters), annual_budget=100_000), 1, [cro], year, start_month
    )
