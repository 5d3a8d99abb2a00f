"""The quarterly roadmap: four 90-day plans of focus areas, initiatives, SMART goals, hypotheses, budget and reviews."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any, Literal, NamedTuple

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from planner.fiscal import quarter_dates
from planner.funnel import Funnel, forward, sensitivity
from planner.money import format_count, format_money, format_rate
from planner.validation import explain, is_blank

FOCUS_AREAS: tuple[str, ...] = (
    "Website attraction",
    "Conversion-rate optimisation",
    "Lead qualification",
    "Lead nurturing",
    "Event participation",
    "Social media engagement",
)
# One or two focus areas a quarter; a third over-commits a 90-day plan.
MAX_FOCUS_AREAS = 2
STATUSES: tuple[str, ...] = ("planned", "in progress", "done", "scrapped")
DECISIONS: tuple[str, ...] = ("continue", "adjust", "scrap")
# Goal metrics outside the funnel that teams commonly set; they need an annual KPI to tie to.
OTHER_METRICS: dict[str, str] = {
    "Blog subscribers": "volume",
    "Email subscribers": "volume",
    "Demo requests": "volume",
    "Event registrations": "volume",
    "Social followers": "volume",
    "Email open rate": "rate",
    "Email click rate": "rate",
}
# Amounts within a cent of a limit are within it (sums of floats carry noise).
CENT = 0.005
# A goal is "at risk" when it has made at least this share of the progress the straight line expects.
AT_RISK_SHARE = 0.8

Status = Literal["planned", "in progress", "done", "scrapped"]
Decision = Literal["continue", "adjust", "scrap"]
# Percentage points (0.75% + 0.75 pp = 1.50%) or relative percent (0.75% + 0.75% = 0.756%).
ChangeUnit = Literal["pp", "%"]
UNIT_LABELS: dict[str, str] = {"pp": "percentage points (pp)", "%": "relative percent (%)"}
Review = Literal["mid-quarter", "final"]


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


class _Row(BaseModel):
    """A table row: an empty cell (None, NaN or "") takes the field's default; text is trimmed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _empty_cells_take_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        trimmed = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        return {k: v for k, v in trimmed.items() if not is_blank(v)}


class FocusArea(_Row):
    """A focus area of one quarter; marked `carry_over`, it continues into the next quarter."""

    name: str
    carry_over: bool = False
    carried: bool = Field(False, description="Brought in by the quarter before's carry-over.")


class Initiative(_Row):
    """One initiative: a one-or-two-sentence statement, its focus area, owner, dates, budget and review."""

    name: str = Field("", max_length=300, description="What will be done, in a sentence or two.")
    focus_area: str = ""
    owner: str = ""
    start: date | None = None
    due: date | None = None
    budget: float = Field(0.0, allow_inf_nan=False, description="What the initiative costs this quarter.")
    status: Status = "planned"
    decision: Decision | None = Field(None, description="At a review: continue, adjust or scrap.")
    decision_note: str = ""

    @field_validator("budget")
    @classmethod
    def _budget_not_negative(cls, budget: float) -> float:
        if budget < 0:
            raise ValueError(f"must be 0 or more; got {budget:,.0f}.")
        return budget

    @model_validator(mode="after")
    def _due_after_start(self) -> Initiative:
        if self.start and self.due and self.due < self.start:
            raise ValueError(
                f"the due date {self.due.isoformat()} is before the start {self.start.isoformat()}; "
                "move one of them."
            )
        return self


class SmartGoal(_Row):
    """A quantified goal: metric, baseline, change (pp or relative %), deadline, owner and review actuals.

    Rates are written in percent as a marketer reads them (1.5 is 1.5%), volumes as counts.
    """

    metric: str = ""
    kpi: str = Field("", description="The annual KPI (a funnel stage or rate) the goal serves.")
    focus_area: str = ""
    baseline: float | None = Field(None, allow_inf_nan=False)
    change: float | None = Field(None, allow_inf_nan=False)
    unit: ChangeUnit = "%"
    deadline: date | None = None
    owner: str = ""
    mid_actual: float | None = Field(None, allow_inf_nan=False)
    final_actual: float | None = Field(None, allow_inf_nan=False)
    carried: bool = Field(False, description="Carried over from the quarter before.")

    @property
    def target(self) -> float | None:
        """The value the goal aims at, or None while it has no number."""
        if self.baseline is None or self.change is None:
            return None
        return changed_value(self.baseline, self.change, self.unit)

    @property
    def latest_actual(self) -> float | None:
        return self.final_actual if self.final_actual is not None else self.mid_actual


class Hypothesis(_Row):
    """Why an initiative should work: the funnel rate it moves, from what to what, and the assumption."""

    initiative: str = ""
    transition: str = Field("", description="The funnel rate it moves, e.g. 'Website visits → Leads'.")
    from_rate: float | None = Field(None, gt=0, le=1, allow_inf_nan=False, description="A fraction.")
    to_rate: float | None = Field(None, gt=0, le=1, allow_inf_nan=False, description="A fraction.")
    assumption: str = ""


class Owner(_Row):
    """Who champions initiatives, their duties and how they report."""

    name: str = ""
    duties: str = ""
    reporting: str = ""


class Quarter(BaseModel):
    """One 90-day roadmap."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    focus_areas: tuple[FocusArea, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    goals: tuple[SmartGoal, ...] = ()
    hypotheses: tuple[Hypothesis, ...] = ()
    owners: tuple[Owner, ...] = ()
    review_notes: str = ""

    @property
    def focus_names(self) -> list[str]:
        return [area.name for area in self.focus_areas]


class Roadmap(BaseModel):
    """The year as four quarters, with the annual budget, its quarterly split and the checks' limits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarters: tuple[Quarter, Quarter, Quarter, Quarter] = (Quarter(), Quarter(), Quarter(), Quarter())
    annual_budget: float | None = Field(None, ge=0, allow_inf_nan=False)
    allocations: tuple[float, float, float, float] | None = Field(
        None, description="Each quarter's share of the annual budget as an amount; None: even."
    )
    max_initiative_share: float = Field(
        0.25,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="Largest share of the annual budget one initiative may take.",
    )
    max_quarterly_lift: float = Field(
        1.0,
        gt=0,
        allow_inf_nan=False,
        description="Largest relative change a goal may plan in one quarter (1.0: doubling).",
    )

    @field_validator("allocations")
    @classmethod
    def _allocations_not_negative(cls, allocations):
        for quarter, amount in enumerate(allocations or (), start=1):
            if not (math.isfinite(amount) and amount >= 0):
                raise ValueError(f"Q{quarter}'s allocation must be 0 or more; got {amount:,.0f}.")
        return allocations

    def allocation(self, quarter: int) -> float | None:
        """Quarter 1–4's allocation: the one set, or an even quarter of the annual budget."""
        if self.allocations is not None:
            return self.allocations[quarter - 1]
        return None if self.annual_budget is None else self.annual_budget / 4

    def quarter(self, quarter: int) -> Quarter:
        return self.quarters[quarter - 1]

    def with_quarter(self, quarter: int, **changes: Any) -> Roadmap:
        """The roadmap with some parts of quarter 1–4 replaced (validated)."""
        quarters = list(self.quarters)
        quarters[quarter - 1] = Quarter.model_validate({**quarters[quarter - 1].model_dump(), **changes})
        return Roadmap.model_validate(
            {**self.model_dump(), "quarters": tuple(q.model_dump() for q in quarters)}
        )


# ---- Rows from editable tables --------------------------------------------------------------


def rows_to(model: type[_Row], rows: Iterable[dict[str, Any]], label: str = "name") -> tuple:
    """Table rows as models; a refused row is one sentence naming its number and its `label` cell."""
    models = []
    for number, row in enumerate(rows, start=1):
        try:
            # Tables may show computed columns (a goal's target); only the model's own fields are read.
            models.append(model.model_validate({k: v for k, v in row.items() if k in model.model_fields}))
        except ValidationError as exc:
            name = _text(row.get(label))
            where = f"row {number}" + (f" ('{_short(name)}')" if name else "")
            raise ValueError(f"{where}: {explain(exc)}") from None
    return tuple(models)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def initiatives_from_rows(rows: Iterable[dict[str, Any]], first: date, last: date) -> tuple[Initiative, ...]:
    """Initiatives from the table; a row without dates runs the whole quarter."""
    filled = [{**row, "start": row.get("start") or first, "due": row.get("due") or last} for row in rows]
    return rows_to(Initiative, filled)


def hypotheses_from_rows(rows: Iterable[dict[str, Any]]) -> tuple[Hypothesis, ...]:
    """Hypotheses from a table whose rates are in percent."""
    as_fractions = [
        {**row, **{k: None if row.get(k) is None else float(row[k]) / 100 for k in ("from_rate", "to_rate")}}
        for row in rows
    ]
    return rows_to(Hypothesis, as_fractions, label="initiative")


# ---- SMART goals ------------------------------------------------------------------------------


def changed_value(baseline: float, change: float, unit: ChangeUnit) -> float:
    """The value after the change: percentage points add, relative percent multiplies."""
    return baseline + change if unit == "pp" else baseline * (1 + change / 100)


def both_readings(baseline_pct: float, change: float) -> str:
    """Both readings of a change to a rate, so pp and relative % are never confused."""
    points = changed_value(baseline_pct, change, "pp")
    relative = changed_value(baseline_pct, change, "%")
    signed = f"{'+' if change >= 0 else '−'}{_num(abs(change))}"
    return f"{_pct(baseline_pct)} → {signed} pp is {_pct(points)}; {signed}% relative is {_pct(relative)}."


def _num(value: float) -> str:
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def _pct(value: float) -> str:
    return f"{_num(value)}%"


def kpis(funnel: Funnel) -> dict[str, str]:
    """The annual KPIs a goal can be tied to: every funnel stage (a volume) and rate."""
    return {**dict.fromkeys(funnel.stages, "volume"), **dict.fromkeys(funnel.transitions(), "rate")}


def goal_metrics(funnel: Funnel) -> dict[str, str]:
    """Every metric a goal can move, with its kind: the funnel's KPIs, then common other metrics."""
    return {**kpis(funnel), **OTHER_METRICS}


def metric_kind(metric: str, funnel: Funnel) -> str:
    """'rate' or 'volume'; a metric we do not know is a rate if its name says so."""
    known = goal_metrics(funnel)
    if metric in known:
        return known[metric]
    return "rate" if "rate" in metric.lower() or "→" in metric else "volume"


def goal_label(goal: SmartGoal) -> str:
    """A goal in a few words: 'MQLs +25%' or 'Website visits → Leads +0.25 pp'."""
    metric = goal.metric or "(no metric)"
    if goal.change is None:
        return metric
    sign = "+" if goal.change >= 0 else "−"
    unit = " pp" if goal.unit == "pp" else "%"
    return f"{metric} {sign}{_num(abs(goal.change))}{unit}"


def goal_sentence(goal: SmartGoal, funnel: Funnel) -> str:
    """The goal as a SMART sentence, with the target it implies."""
    if goal.target is None or goal.baseline is None:
        return f"{goal_label(goal)}: no number yet."
    rate = metric_kind(goal.metric, funnel) == "rate"
    show = _pct if rate else _num
    verb = "Raise" if goal.target >= goal.baseline else "Lower"
    by = f"by {goal.deadline:%d %b %Y}" if goal.deadline else "(no deadline)"
    owner = f", owned by {goal.owner}" if goal.owner else ""
    return f"{verb} {goal.metric} from {show(goal.baseline)} to {show(goal.target)} ({goal_label(goal)}) {by}{owner}."


def smart_problems(
    goal: SmartGoal, funnel: Funnel, first: date, last: date, max_lift: float = 1.0
) -> list[str]:
    """What keeps a goal from being SMART, in plain words; empty when it is."""
    problems = []
    kind = metric_kind(goal.metric, funnel)
    if not goal.metric:
        problems.append("Specific: say which metric the goal moves.")
    if goal.baseline is None or goal.change is None:
        problems.append("Measurable: give it a number, both the baseline and the change.")
    elif goal.change == 0:
        problems.append("Measurable: a change of 0 is no goal; say how far the metric should move.")
    if goal.unit == "pp" and kind == "volume" and goal.metric:
        problems.append(
            f"Measurable: percentage points only apply to rates, and {goal.metric} is a volume; use relative %."
        )
    if goal.target is not None and goal.baseline is not None:
        if kind == "rate" and not 0 <= goal.target <= 100:
            problems.append(f"Achievable: a rate cannot reach {_pct(goal.target)}; keep it within 0–100%.")
        elif goal.target < 0:
            problems.append(
                f"Achievable: {goal.metric} cannot fall below 0; the target is {_num(goal.target)}."
            )
        elif goal.baseline > 0 and abs(goal.target / goal.baseline - 1) > max_lift:
            lift = goal.target / goal.baseline - 1
            problems.append(
                f"Achievable: a {lift:+.0%} change in one quarter is beyond the {max_lift:.0%} set as plausible "
                "(SMART goals tab); check it against last year's best quarter or split it over two quarters."
            )
    tied = goal.metric in kpis(funnel) or goal.kpi in kpis(funnel)
    if not tied:
        problems.append("Relevant: tie it to an annual KPI (a funnel stage or rate) in the KPI column.")
    if goal.deadline is None:
        problems.append("Time-bound: set a deadline.")
    elif not first <= goal.deadline <= last:
        problems.append(
            f"Time-bound: the deadline {goal.deadline:%d %b %Y} is outside the quarter "
            f"({first:%d %b} – {last:%d %b %Y}); move it inside or plan the goal for another quarter."
        )
    return problems


# ---- Reviews and progress ---------------------------------------------------------------------


class ReviewDates(NamedTuple):
    """The two review dates of a quarter."""

    mid_quarter: date
    final: date


def review_dates(year: int, quarter: int, fiscal_year_start_month: int = 1) -> ReviewDates:
    """Mid-quarter check-in (first day + half the days to the last, rounded down) and final review
    (last day − 14 days) of quarter 1–4 of fiscal year `year`."""
    first, last = quarter_dates(year, quarter, fiscal_year_start_month)
    return ReviewDates(first + timedelta(days=(last - first).days // 2), last - timedelta(days=14))


def quarter_of(day: date, year: int, start_month: int = 1) -> int | None:
    """Which quarter (1–4) of fiscal year `year` holds `day`; None outside the year."""
    for number in (1, 2, 3, 4):
        first, last = quarter_dates(year, number, start_month)
        if first <= day <= last:
            return number
    return None


def pace_share(first: date, deadline: date, on: date) -> float:
    """Share of the way to the target a straight line from the quarter's start expects by `on`."""
    if deadline <= first:
        return 1.0
    return min(max((on - first).days / (deadline - first).days, 0.0), 1.0)


def progress_status(progress: float, expected: float) -> str:
    """'on track' at or ahead of the straight line, 'at risk' within reach of it, else 'off track'."""
    if progress >= 1 or progress >= expected - 1e-9:
        return "on track"
    return "at risk" if progress >= AT_RISK_SHARE * expected else "off track"


def goal_progress(quarter: Quarter, year: int, number: int, start_month: int = 1) -> pd.DataFrame:
    """Each goal's latest review: actual, the pace a straight line to the target expects, and status.

    Columns: `goal`, `baseline`, `target`, `review` (which review the actual is from), `actual`,
    `expected` (where the line is on that review date), `progress` and `pace` (shares of the way
    from baseline to target), `status`.
    """
    first, last = quarter_dates(year, number, start_month)
    dates = review_dates(year, number, start_month)
    rows = []
    for goal in quarter.goals:
        row = {"goal": goal_label(goal), "baseline": goal.baseline, "target": goal.target}
        review, actual = (
            ("final", goal.final_actual)
            if goal.final_actual is not None
            else ("mid-quarter", goal.mid_actual)
        )
        on = dates.final if review == "final" else dates.mid_quarter
        deadline = goal.deadline or last
        pace = pace_share(first, deadline, on)
        if goal.target is None or goal.baseline is None:
            status, progress, expected = "no number", math.nan, math.nan
        elif goal.target == goal.baseline:
            status, progress, expected = "no change planned", math.nan, math.nan
        elif actual is None:
            status, progress = "not reviewed yet", math.nan
            expected = goal.baseline + (goal.target - goal.baseline) * pace
        else:
            progress = (actual - goal.baseline) / (goal.target - goal.baseline)
            expected = goal.baseline + (goal.target - goal.baseline) * pace
            status = progress_status(progress, pace)
        rows.append(
            {
                **row,
                "review": review if actual is not None else "",
                "actual": actual,
                "expected": expected,
                "progress": progress,
                "pace": pace,
                "status": status,
            }
        )
    columns = ["goal", "baseline", "target", "review", "actual", "expected", "progress", "pace", "status"]
    return pd.DataFrame(rows, columns=columns)


def current_review(today: date, year: int, number: int, start_month: int = 1) -> str:
    """Where `today` falls in the quarter: before it, before/after the mid-quarter check-in, after the final review."""
    first, last = quarter_dates(year, number, start_month)
    dates = review_dates(year, number, start_month)
    if today < first:
        return f"The quarter starts on {first:%d %b %Y}; record actuals at the check-in on {dates.mid_quarter:%d %b}."
    if today > last:
        return f"The quarter ended on {last:%d %b %Y}; its final review was on {dates.final:%d %b}."
    if today < dates.mid_quarter:
        return f"In the quarter; the mid-quarter check-in is on {dates.mid_quarter:%d %b %Y}."
    if today < dates.final:
        return f"Past the mid-quarter check-in; the final review is on {dates.final:%d %b %Y}."
    return f"Final review time ({dates.final:%d %b %Y}): decide what carries into the next quarter."


def _same_goal(first: SmartGoal, second: SmartGoal) -> bool:
    return (first.metric, first.focus_area) == (second.metric, second.focus_area)


def _with_quarters(roadmap: Roadmap, quarters: Sequence[Quarter]) -> Roadmap:
    return roadmap.model_copy(update={"quarters": tuple(quarters)})


def _carried_goal(goal: SmartGoal, deadline: date) -> SmartGoal:
    baseline = goal.latest_actual if goal.latest_actual is not None else goal.baseline
    return goal.model_copy(
        update={
            "baseline": baseline,
            "deadline": deadline,
            "mid_actual": None,
            "final_actual": None,
            "carried": True,
        }
    )


def set_carry_over(
    roadmap: Roadmap, quarter: int, names: Iterable[str], year: int, start_month: int = 1
) -> Roadmap:
    """Mark exactly `names` of quarter 1–3's focus areas to carry over. A newly marked area appears in
    the next quarter with its goals, baselined on their latest actuals; an unmarked one leaves it
    again, with the carried goals nobody has reviewed yet. Anything the user deleted from or
    edited in the next quarter stays as they left it until the area is marked again."""
    names = set(names)
    source, target = roadmap.quarter(quarter), roadmap.quarter(quarter + 1)
    _, deadline = quarter_dates(year, quarter + 1, start_month)
    areas, goals = list(target.focus_areas), list(target.goals)
    for area in source.focus_areas:
        marked = area.name in names
        if marked and not area.carry_over:
            if area.name not in [a.name for a in areas]:
                areas.append(FocusArea(name=area.name, carried=True))
            for goal in (g for g in source.goals if g.focus_area == area.name):
                if not any(_same_goal(goal, g) for g in goals):
                    goals.append(_carried_goal(goal, deadline))
        elif area.carry_over and not marked:
            goals = [
                g for g in goals if not (g.carried and g.focus_area == area.name and g.latest_actual is None)
            ]
            still_used = {g.focus_area for g in goals} | {i.focus_area for i in target.initiatives}
            areas = [a for a in areas if not (a.name == area.name and a.carried and a.name not in still_used)]
    quarters = list(roadmap.quarters)
    quarters[quarter - 1] = source.model_copy(
        update={"focus_areas": mark_carry_over(source.focus_areas, names)}
    )
    quarters[quarter] = target.model_copy(update={"focus_areas": tuple(areas), "goals": tuple(goals)})
    return _with_quarters(roadmap, quarters)


def follow_actuals(roadmap: Roadmap) -> Roadmap:
    """Carried goals nobody has reviewed yet take their source goal's latest actual as baseline,
    so actuals recorded after the carry-over still reach the next quarter."""
    quarters = list(roadmap.quarters)
    for index in range(3):
        carried_areas = {a.name for a in quarters[index].focus_areas if a.carry_over}
        sources = [g for g in quarters[index].goals if g.focus_area in carried_areas]
        goals = []
        for goal in quarters[index + 1].goals:
            source = next((s for s in sources if _same_goal(s, goal)), None)
            if goal.carried and goal.latest_actual is None and source is not None:
                baseline = source.latest_actual if source.latest_actual is not None else source.baseline
                goal = goal.model_copy(update={"baseline": baseline})
            goals.append(goal)
        quarters[index + 1] = quarters[index + 1].model_copy(update={"goals": tuple(goals)})
    return _with_quarters(roadmap, quarters)


def move_dates(
    roadmap: Roadmap, before: Sequence[tuple[date, date]], after: Sequence[tuple[date, date]]
) -> Roadmap:
    """The roadmap with every date kept at its place in its quarter (`before` and `after` are the
    four quarters' first and last days): the same days after the start, and a quarter's last day
    stays its last day, so a new fiscal year keeps the plan's shape."""
    quarters = []
    for quarter, (old_first, old_last), (new_first, new_last) in zip(
        roadmap.quarters, before, after, strict=True
    ):

        def moved(
            day: date | None, old_first=old_first, old_last=old_last, new_first=new_first, new_last=new_last
        ):
            if day is None:
                return None
            if day == old_last:
                return new_last
            shifted = new_first + (day - old_first)
            # Inside the quarter, a day never spills into the next one (quarters differ in length).
            return min(shifted, new_last) if old_first <= day <= old_last else shifted

        initiatives = [
            i.model_copy(update={"start": moved(i.start), "due": moved(i.due)}) for i in quarter.initiatives
        ]
        goals = [g.model_copy(update={"deadline": moved(g.deadline)}) for g in quarter.goals]
        quarters.append(quarter.model_copy(update={"initiatives": tuple(initiatives), "goals": tuple(goals)}))
    return roadmap.model_copy(update={"quarters": tuple(quarters)})


# ---- Budget and focus -------------------------------------------------------------------------


class Flag(BaseModel):
    """A problem the roadmap shows where it applies: the quarter (0 for the year) and one sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    quarter: int = Field(ge=0, le=4)
    kind: Literal[
        "initiative over allocation",
        "quarter over allocation",
        "year over budget",
        "initiative over share",
        "allocations over budget",
        "too many focus areas",
    ]
    message: str


def quarter_spend(quarter: Quarter) -> float:
    return sum(initiative.budget for initiative in quarter.initiatives)


def budget_flags(roadmap: Roadmap, currency: str = "USD") -> list[Flag]:
    """Every budget problem: an initiative bigger than its quarter's allocation or than the allowed
    share of the annual budget, a quarter over its allocation, allocations or the year over budget."""
    flags: list[Flag] = []

    def flag(quarter: int, kind: str, message: str) -> None:
        flags.append(Flag(quarter=quarter, kind=kind, message=message))

    def money(amount: float) -> str:
        return format_money(amount, currency, compact=False).removesuffix(".00")

    annual, share = roadmap.annual_budget, roadmap.max_initiative_share
    if annual is not None and roadmap.allocations is not None and sum(roadmap.allocations) > annual + CENT:
        total = sum(roadmap.allocations)
        flag(0, "allocations over budget", f"The quarterly allocations add up to {money(total)}, "
             f"{money(total - annual)} more than the annual budget of {money(annual)}; lower them or raise the budget.")  # fmt: skip
    for number, quarter in enumerate(roadmap.quarters, start=1):
        allocation = roadmap.allocation(number)
        for item in quarter.initiatives:
            name, cost = item.name or "An unnamed initiative", money(item.budget)
            if allocation is not None and item.budget > allocation + CENT:
                flag(number, "initiative over allocation",
                     f"'{name}' costs {cost}, more than Q{number}'s whole allocation of {money(allocation)}.")  # fmt: skip
            if annual and item.budget > share * annual + CENT:
                flag(number, "initiative over share", f"'{name}' costs {cost}, {item.budget / annual:.0%} of the "
                     f"{money(annual)} annual budget (limit {share:.0%}): rethink the quarter's scope or make "
                     "a data-backed case for the spend.")  # fmt: skip
        spend = quarter_spend(quarter)
        if allocation is not None and spend > allocation + CENT:
            flag(number, "quarter over allocation", f"Q{number}'s initiatives cost {money(spend)}, "
                 f"{money(spend - allocation)} over its allocation of {money(allocation)}.")  # fmt: skip
    year = sum(quarter_spend(q) for q in roadmap.quarters)
    if annual is not None and year > annual + CENT:
        flag(0, "year over budget", f"The four quarters cost {money(year)}, {money(year - annual)} over the "
             f"annual budget of {money(annual)}.")  # fmt: skip
    return flags


def focus_flags(roadmap: Roadmap) -> list[Flag]:
    """Quarters with more than two focus areas: over-committing a 90-day plan."""
    return [
        Flag(
            quarter=number,
            kind="too many focus areas",
            message=f"Q{number} has {len(quarter.focus_areas)} focus areas ({', '.join(quarter.focus_names)}): "
            f"more than {MAX_FOCUS_AREAS} over-commits a 90-day plan; keep one or two.",
        )
        for number, quarter in enumerate(roadmap.quarters, start=1)
        if len(quarter.focus_areas) > MAX_FOCUS_AREAS
    ]


def budget_table(roadmap: Roadmap) -> pd.DataFrame:
    """Spend per quarter and focus area, for the stacked budget chart: `quarter`, `focus_area`, `budget`."""
    rows = [
        {
            "quarter": f"Q{number}",
            "focus_area": initiative.focus_area or "No focus area",
            "budget": initiative.budget,
        }
        for number, quarter in enumerate(roadmap.quarters, start=1)
        for initiative in quarter.initiatives
    ]
    frame = pd.DataFrame(rows, columns=["quarter", "focus_area", "budget"])
    return frame.groupby(["quarter", "focus_area"], as_index=False, sort=False)["budget"].sum()


def row_notes(quarter: Quarter, first: date, last: date) -> list[str]:
    """Softer problems at the rows: initiatives without a statement, owner or listed focus area, or
    dated outside the quarter."""
    notes = []
    for number, item in enumerate(quarter.initiatives, start=1):
        where = f"Initiatives, row {number}" + (f" ('{item.name}')" if item.name else "")
        if not item.name:
            notes.append(f"{where}: describe the initiative in a sentence or two.")
        if not item.owner:
            notes.append(f"{where}: name an owner who champions it.")
        if item.focus_area and item.focus_area not in quarter.focus_names:
            notes.append(
                f"{where}: its focus area '{item.focus_area}' is not one of this quarter's; add it or pick another."
            )
        if item.start and item.due and (item.start < first or item.due > last):
            notes.append(
                f"{where}: it runs {item.start:%d %b} – {item.due:%d %b %Y}, outside the quarter "
                f"({first:%d %b} – {last:%d %b %Y})."
            )
    return notes


def focus_for_transition(transition: str, index: int) -> str:
    """The focus area that works on a funnel rate: by the stage it leads to (leads come from
    conversion-rate work, MQLs from nurturing, SQLs from qualification), else by its place."""
    into = transition.split("→")[-1].strip().lower()
    by_stage = {"leads": 0, "contacts": 0, "mqls": 1, "sqls": 2}
    by_place = ("Conversion-rate optimisation", "Lead nurturing", "Lead qualification")
    place = by_stage.get(into, index)
    return by_place[place] if place < len(by_place) else "Sales follow-up (agree it with sales)"


def suggest_focus(funnel: Funnel, customers_per_month: float, top_today: float | None = None) -> pd.DataFrame:
    """Focus areas ranked by how much +1 percentage point on the rate they work on cuts the
    top-of-funnel volume the plan needs; website attraction first when today's top falls short.

    Columns: `rank`, `focus_area`, `transition`, `rate`, `reason`.
    """
    ranked = sensitivity(customers_per_month, funnel.rates, funnel.stages, mode="points")
    top = funnel.stages[0].lower()
    rows = []
    if top_today is not None and customers_per_month > 0:
        needed = float(ranked["base_required_top"].iloc[0])
        if top_today < needed:
            rows.append(
                {
                    "focus_area": "Website attraction",
                    "transition": funnel.stages[0],
                    "rate": math.nan,
                    "reason": f"today's {format_count(top_today)} {top} a month fall "
                    f"{format_count(needed - top_today)} short of the {format_count(needed)} needed.",
                }
            )
    for _, row in ranked.iterrows():
        index = funnel.transitions().index(row["transition"])
        saved = -row["required_top_change_up"]
        rows.append(
            {
                "focus_area": focus_for_transition(row["transition"], index),
                "transition": row["transition"],
                "rate": row["rate"],
                "reason": f"+1 pp on {row['transition']} ({format_rate(row['rate'])}) cuts the {top} "
                f"needed by {format_count(saved)} a month.",
            }
        )
    frame = pd.DataFrame(rows, columns=["focus_area", "transition", "rate", "reason"])
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame


# ---- Hypothesis impact ------------------------------------------------------------------------


class HypothesisImpact(BaseModel):
    """What moving one rate does to every stage below it, per month, and to revenue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[str, ...]
    before: tuple[float, ...]
    after: tuple[float, ...]
    top_per_month: float
    deal_size: float

    @property
    def extra_customers(self) -> float:
        return self.after[-1] - self.before[-1]

    @property
    def extra_revenue(self) -> float:
        return self.extra_customers * self.deal_size

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "stage": self.stages,
                "before": self.before,
                "after": self.after,
                "change": [a - b for a, b in zip(self.after, self.before, strict=True)],
            }
        )


def hypothesis_impact(
    funnel: Funnel, hypothesis: Hypothesis, top_per_month: float, deal_size: float
) -> HypothesisImpact:
    """Read the funnel forward from `top_per_month` with the hypothesis's rate at its `from` and at
    its `to` value (every other rate as planned); a ValueError says what the hypothesis lacks."""
    transitions = funnel.transitions()
    if hypothesis.transition not in transitions:
        raise ValueError(
            f"the rate '{hypothesis.transition or '(none)'}' is not in the funnel; choose one of: "
            f"{', '.join(transitions)}."
        )
    if hypothesis.from_rate is None or hypothesis.to_rate is None:
        raise ValueError("give both the rate today and the rate expected, in percent.")
    index = transitions.index(hypothesis.transition)
    before, after = list(funnel.rates), list(funnel.rates)
    before[index], after[index] = hypothesis.from_rate, hypothesis.to_rate
    return HypothesisImpact(
        stages=funnel.stages,
        before=forward(top_per_month, before, funnel.stages).volumes,
        after=forward(top_per_month, after, funnel.stages).volumes,
        top_per_month=top_per_month,
        deal_size=deal_size,
    )


def hypothesis_table(
    quarter: Quarter, funnel: Funnel, top_per_month: float, deal_size: float
) -> pd.DataFrame:
    """Each hypothesis's yield a month: `hypothesis`, `transition`, `from_rate`, `to_rate`,
    `extra_customers`, `extra_revenue`, `problem` (why it cannot be computed, else "")."""
    rows = []
    for item in quarter.hypotheses:
        label = item.initiative or item.transition or "(unnamed)"
        row = {
            "hypothesis": label,
            "transition": item.transition,
            "from_rate": item.from_rate,
            "to_rate": item.to_rate,
            "extra_customers": math.nan,
            "extra_revenue": math.nan,
            "problem": "",
        }
        try:
            impact = hypothesis_impact(funnel, item, top_per_month, deal_size)
            row.update(extra_customers=impact.extra_customers, extra_revenue=impact.extra_revenue)
        except ValueError as exc:
            row["problem"] = str(exc)
        rows.append(row)
    columns = [
        "hypothesis",
        "transition",
        "from_rate",
        "to_rate",
        "extra_customers",
        "extra_revenue",
        "problem",
    ]
    return pd.DataFrame(rows, columns=columns)


def focus_options(quarter: Quarter) -> list[str]:
    """The catalogue plus any custom focus area the quarter uses, for the tables' choices."""
    return list(dict.fromkeys([*FOCUS_AREAS, *quarter.focus_names]))


def choose_focus(areas: Sequence[FocusArea], names: Iterable[str]) -> tuple[FocusArea, ...]:
    """The focus areas after the user picked `names` (typed ones trimmed); each keeps its carry-over mark."""
    carried = {a.name: a.carry_over for a in areas}
    picked = dict.fromkeys(n.strip() for n in names if n.strip())
    return tuple(FocusArea(name=n, carry_over=carried.get(n, False)) for n in picked)


def mark_carry_over(areas: Sequence[FocusArea], names: Iterable[str]) -> tuple[FocusArea, ...]:
    """The focus areas with exactly `names` marked to carry over into the next quarter."""
    names = set(names)
    return tuple(FocusArea(name=a.name, carry_over=a.name in names) for a in areas)


def unlisted_owners(quarter: Quarter) -> list[str]:
    """Owners named on initiatives or goals who have no row, so no duties, in the owners table."""
    listed = {o.name for o in quarter.owners}
    named = [i.owner for i in quarter.initiatives] + [g.owner for g in quarter.goals]
    return [name for name in dict.fromkeys(named) if name and name not in listed]


def hypothesis_stages(
    quarter: Quarter, funnel: Funnel, top_per_month: float, deal_size: float
) -> pd.DataFrame:
    """What each usable hypothesis changes at every stage a month: one row per stage, one column per
    hypothesis (its initiative, or its rate), for the table under the hypothesis chart."""
    frame = pd.DataFrame({"stage": funnel.stages})
    for item in quarter.hypotheses:
        try:
            impact = hypothesis_impact(funnel, item, top_per_month, deal_size)
        except ValueError:
            continue
        label = item.initiative or item.transition
        while label in frame.columns:
            label += " (again)"
        frame[label] = impact.to_frame()["change"].to_numpy()
    return frame


def initiatives_frame(quarter: Quarter) -> pd.DataFrame:
    """The quarter's initiatives as a readable table, for presenting and downloading."""
    return pd.DataFrame(
        [
            {
                "Initiative": i.name,
                "Focus area": i.focus_area,
                "Owner": i.owner,
                "Start": i.start,
                "Due": i.due,
                "Budget": i.budget,
                "Status": i.status,
                "Decision": i.decision or "",
                "Why": i.decision_note,
            }
            for i in quarter.initiatives
        ],
        columns=["Initiative", "Focus area", "Owner", "Start", "Due", "Budget", "Status", "Decision", "Why"],
    )


def goals_frame(quarter: Quarter, funnel: Funnel) -> pd.DataFrame:
    """The quarter's SMART goals as a readable table: the sentence, the numbers and the actuals."""
    return pd.DataFrame(
        [
            {
                "Goal": goal_sentence(g, funnel),
                "Annual KPI": g.kpi or (g.metric if g.metric in kpis(funnel) else ""),
                "Baseline": g.baseline,
                "Change": g.change,
                "Unit": g.unit,
                "Target": g.target,
                "Deadline": g.deadline,
                "Owner": g.owner,
                "Mid-quarter actual": g.mid_actual,
                "Final actual": g.final_actual,
            }
            for g in quarter.goals
        ],
        columns=["Goal", "Annual KPI", "Baseline", "Change", "Unit", "Target", "Deadline", "Owner",
                 "Mid-quarter actual", "Final actual"],
    )  # fmt: skip
