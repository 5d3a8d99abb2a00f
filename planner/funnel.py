"""The funnel: back-solve stage volumes from customers, or read them forward from visits."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.money import format_count, format_rate
from planner.rounding import round_up
from planner.validation import check_amount

DEFAULT_STAGES: tuple[str, ...] = (
    "Website visits",
    "Leads",
    "MQLs",
    "SQLs",
    "Opportunities",
    "Customers",
)
DEFAULT_RATES: tuple[float, ...] = (0.015, 0.20, 0.20, 0.40, 0.50)
MIN_STAGES, MAX_STAGES = 2, 10
MAX_LAG_DAYS = 365
# Lags are given in days; schedules move volume by average-length months.
DAYS_PER_MONTH = 365.25 / 12
# A rate worsened in the sensitivity view never drops below this, so the funnel stays solvable.
MIN_RATE = 0.001


def default_stage_names(n_rates: int) -> tuple[str, ...]:
    """The standard B2B stage names for 5 rates, otherwise 'Stage 1' … 'Stage N'."""
    if n_rates == len(DEFAULT_RATES):
        return DEFAULT_STAGES
    return tuple(f"Stage {i}" for i in range(1, n_rates + 2))


def is_rate(rate: float) -> bool:
    """Whether `rate` (a fraction) is a conversion rate a funnel can use: above 0% and at most 100%."""
    return math.isfinite(rate) and 0 < rate <= 1


def transition_label(above: str, below: str) -> str:
    """How every page, table and slide names a conversion: 'Leads → MQLs'."""
    return f"{above} → {below}"


class Funnel(BaseModel):
    """Ordered stages, top to bottom, with the conversion rate into each from the stage above."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    stages: tuple[str, ...] = DEFAULT_STAGES
    rates: tuple[float, ...] = DEFAULT_RATES
    lags_days: tuple[float, ...] | None = Field(
        None, description="Days from each stage to the next, one per rate; None means no lag."
    )

    @field_validator("stages")
    @classmethod
    def _named_stages(cls, stages: tuple[str, ...]) -> tuple[str, ...]:
        if not MIN_STAGES <= len(stages) <= MAX_STAGES:
            raise ValueError(f"a funnel has {MIN_STAGES} to {MAX_STAGES} stages; got {len(stages)}.")
        names = tuple(name.strip() for name in stages)
        for position, name in enumerate(names, start=1):
            if not name:
                raise ValueError(f"stage {position} has no name; give every stage a name.")
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"each stage needs its own name; {duplicates[0]!r} appears twice.")
        return names

    @field_validator("rates")
    @classmethod
    def _rates_are_fractions(cls, rates: tuple[float, ...]) -> tuple[float, ...]:
        for position, rate in enumerate(rates, start=1):
            if not is_rate(rate):
                given = f", not {format_rate(rate)}" if math.isfinite(rate) else ""
                raise ValueError(f"conversion rate {position} must be above 0% and at most 100%{given}.")
        return rates

    @field_validator("lags_days")
    @classmethod
    def _lags_are_days(cls, lags: tuple[float, ...] | None) -> tuple[float, ...] | None:
        for position, lag in enumerate(lags or (), start=1):
            if not (math.isfinite(lag) and 0 <= lag <= MAX_LAG_DAYS):
                raise ValueError(f"lag {position} must be 0 to {MAX_LAG_DAYS} days; got {lag}.")
        return lags

    @model_validator(mode="after")
    def _one_rate_per_transition(self) -> Funnel:
        if len(self.rates) != len(self.stages) - 1:
            raise ValueError(
                f"rates: {len(self.stages)} stages need {len(self.stages) - 1} conversion rates "
                f"(one per stage after the first); got {len(self.rates)}."
            )
        if self.lags_days is not None and len(self.lags_days) != len(self.rates):
            raise ValueError(
                f"lags_days: {len(self.rates)} conversion rates need {len(self.rates)} lags; "
                f"got {len(self.lags_days)}."
            )
        return self

    @classmethod
    def build(cls, rates: Sequence[float], stages: Sequence[str] | None = None) -> Funnel:
        """A funnel from rates, with default stage names when none are given."""
        rates = tuple(rates)
        names = tuple(stages) if stages is not None else default_stage_names(len(rates))
        return cls(stages=names, rates=rates)

    def transitions(self) -> list[str]:
        """'Leads → MQLs' labels, one per conversion rate."""
        return [transition_label(a, b) for a, b in itertools.pairwise(self.stages)]


class FunnelVolumes(BaseModel):
    """Exact volume at every stage, for one period, read in one direction."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    direction: Literal["back_solve", "forward"]
    stages: tuple[str, ...]
    rates: tuple[float, ...]
    volumes: tuple[float, ...]

    @property
    def top(self) -> float:
        return self.volumes[0]

    @property
    def bottom(self) -> float:
        return self.volumes[-1]

    def to_frame(self) -> pd.DataFrame:
        """One row per stage, top to bottom: `stage`, `rate` (from the stage above; NaN first), `volume`."""
        return pd.DataFrame(
            {
                "stage": list(self.stages),
                "rate": [math.nan, *self.rates],
                "volume": list(self.volumes),
            }
        )

    def whole_units(self) -> list[int]:
        """Whole units per stage, rounded up stage by stage from the bottom.

        The last stage is rounded up to whole units, then every stage above needs enough
        whole units to produce the stage below it at its rate. This is what it takes to be
        sure of the bottom volume when nobody can be half a lead.
        """
        whole = [round_up(self.bottom)]
        for rate in reversed(self.rates):
            whole.append(round_up(whole[-1] / rate))
        return list(reversed(whole))

    def to_whole_frame(self) -> pd.DataFrame:
        """`to_frame()` plus a `whole` column (see `whole_units`)."""
        frame = self.to_frame()
        frame["whole"] = self.whole_units()
        return frame

    def scaled(self, factor: float) -> FunnelVolumes:
        """The same funnel over a longer period: every volume times `factor` (12 for a year)."""
        return self.model_copy(update={"volumes": tuple(v * factor for v in self.volumes)})


def back_solve(target: float, rates: Sequence[float], stages: Sequence[str] | None = None) -> FunnelVolumes:
    """Volume every stage needs so the last stage reaches `target` (work up the funnel)."""
    funnel = Funnel.build(rates, stages)
    volumes = [check_amount("target", target)]
    for rate in reversed(funnel.rates):
        volumes.append(volumes[-1] / rate)
    return FunnelVolumes(
        direction="back_solve",
        stages=funnel.stages,
        rates=funnel.rates,
        volumes=tuple(reversed(volumes)),
    )


def forward(top: float, rates: Sequence[float], stages: Sequence[str] | None = None) -> FunnelVolumes:
    """What a top-of-funnel volume yields at every stage below it."""
    funnel = Funnel.build(rates, stages)
    volumes = [check_amount("top", top)]
    for rate in funnel.rates:
        volumes.append(volumes[-1] * rate)
    return FunnelVolumes(
        direction="forward", stages=funnel.stages, rates=funnel.rates, volumes=tuple(volumes)
    )


def gap_to_today(required: FunnelVolumes, today: Sequence[float | None]) -> pd.DataFrame:
    """Required against what each stage produces today (same period), stage by stage.

    Columns: `stage`, `required`, `today` (NaN where unknown), `gap` (required − today; above 0
    is a shortfall), `lift_needed` (relative, NaN where today is unknown or 0),
    `today_rate` (today's own conversion from the stage above) and `status`
    ("on track", "off track" or "no data").
    """
    if len(today) != len(required.stages):
        raise ValueError(
            f"today: give one volume per stage ({len(required.stages)}), or leave a stage empty; "
            f"got {len(today)}."
        )
    rows = []
    previous = None
    for stage, need, have in zip(required.stages, required.volumes, today, strict=True):
        if have is not None and not (math.isfinite(have) and have >= 0):
            raise ValueError(f"today: the volume for {stage!r} must be 0 or more; got {have}.")
        known = have is not None
        rows.append(
            {
                "stage": stage,
                "required": need,
                "today": have if known else math.nan,
                "gap": need - have if known else math.nan,
                "lift_needed": need / have - 1 if known and have > 0 else math.nan,
                "today_rate": have / previous if known and previous else math.nan,
                "status": "no data" if not known else _status(need, have),
            }
        )
        previous = have if known else None
    return pd.DataFrame(rows)


def stages_off_track(gap: pd.DataFrame) -> int:
    """How many stages of `gap_to_today` produce less today than the plan requires."""
    return int((gap["status"] == "off track").sum())


def top_gap(gap: pd.DataFrame) -> float | None:
    """The top stage's shortfall (required − today) from `gap_to_today`; None when today is unknown."""
    first = gap.iloc[0]
    return None if first["status"] == "no data" else float(first["gap"])


def _status(required: float, today: float) -> str:
    # Allow for float noise: a team producing exactly the requirement is on track.
    return "on track" if today >= required * (1 - 1e-9) else "off track"


Lever = Literal["relative", "points"]
DEFAULT_STEP: dict[str, float] = {"relative": 0.10, "points": 0.01}


def _moved(rate: float, mode: Lever, step: float, direction: int) -> float:
    moved = rate * (1 + direction * step) if mode == "relative" else rate + direction * step
    if direction > 0:
        return min(1.0, moved)
    # A worsened rate never rises: below MIN_RATE it stays where it is.
    return max(moved, min(rate, MIN_RATE))


def sensitivity(
    target: float,
    rates: Sequence[float],
    stages: Sequence[str] | None = None,
    *,
    top_today: float | None = None,
    mode: Lever = "relative",
    step: float | None = None,
) -> pd.DataFrame:
    """Which conversion rate moves the plan most, ranked, for a tornado chart.

    Each rate alone is improved and worsened by `step` (relative: ×1.1 and ×0.9 by default;
    points: ±1 percentage point), clamped to [0.1%, 100%]. For each, the required top-of-funnel
    volume and the customers `top_today` yields (default: the volume the plan requires).
    Rows are ranked by how much the improvement lowers the required top volume. With a
    relative step every uncapped rate moves the plan equally (the funnel multiplies rates);
    percentage points favour the smallest rates.
    """
    if mode not in DEFAULT_STEP:
        raise ValueError(f"mode must be 'relative' or 'points'; got {mode!r}.")
    step = DEFAULT_STEP[mode] if step is None else check_amount("step", step, positive=True)
    if step > 1:
        raise ValueError(f"step must be a fraction in (0, 1] (0.10 is 10%); got {step}.")
    funnel = Funnel.build(rates, stages)
    base_top = back_solve(target, funnel.rates, funnel.stages).top
    today = base_top if top_today is None else check_amount("top_today", top_today)
    base_yield = forward(today, funnel.rates, funnel.stages).bottom
    rows = []
    for i, (label, rate) in enumerate(zip(funnel.transitions(), funnel.rates, strict=True)):
        row = {"transition": label, "stage": funnel.stages[i + 1], "rate": rate}
        for name, direction in (("up", 1), ("down", -1)):
            moved = list(funnel.rates)
            moved[i] = _moved(rate, mode, step, direction)
            top = back_solve(target, moved, funnel.stages).top
            yielded = forward(today, moved, funnel.stages).bottom
            row[f"rate_{name}"] = moved[i]
            row[f"required_top_{name}"] = top
            row[f"required_top_change_{name}"] = top - base_top
            row[f"customers_{name}"] = yielded
            row[f"customers_change_{name}"] = yielded - base_yield
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame["base_required_top"] = base_top
    frame["base_customers"] = base_yield
    ranked = frame.sort_values("required_top_change_up", kind="stable").reset_index(drop=True)
    ranked.insert(0, "rank", range(1, len(ranked) + 1))
    return ranked


def goal_seek(
    target: float,
    rates: Sequence[float],
    top_today: float,
    stages: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The rate each transition alone would need for today's top volume to reach `target`.

    Columns: `transition`, `rate`, `needed_rate`, `change_points` (needed − rate),
    `feasible` (needed rate at most 100%). A needed rate below today's means the goal is
    already met.
    """
    funnel = Funnel.build(rates, stages)
    top_today = check_amount("top_today", top_today, positive=True)
    yielded = forward(top_today, funnel.rates, funnel.stages).bottom
    factor = check_amount("target", target) / yielded
    rows = []
    for label, rate in zip(funnel.transitions(), funnel.rates, strict=True):
        needed = rate * factor
        rows.append(
            {
                "transition": label,
                "rate": rate,
                "needed_rate": needed,
                "change_points": needed - rate,
                "feasible": needed <= 1,
            }
        )
    return pd.DataFrame(rows)


def goal_seek_sentence(seek: pd.DataFrame, top_today: float, top_stage: str) -> str:
    """The goal-seek answer in one sentence: the cheapest single lever, in percentage points."""
    today = f"today's {format_count(top_today)} {top_stage.lower()}"
    if (seek["change_points"] <= 1e-12).all():
        return f"With {today}, every rate as it is already meets the target."
    feasible = seek[seek["feasible"]]
    if feasible.empty:
        return (
            f"With {today}, no single rate can close the gap even at 100%; "
            f"raise {top_stage.lower()} or improve several rates together."
        )
    best = feasible.sort_values("change_points", kind="stable").iloc[0]
    # Hundredths of a point: the smallest change that meets the target is often a fraction of one.
    before, after = format_rate(best["rate"], 2), format_rate(best["needed_rate"], 2)
    if before == after:  # a gap smaller than the display's precision
        before, after = f"{best['rate']:.4%}", f"{best['needed_rate']:.4%}"
    points = best["change_points"] * 100
    return (
        f"With {today}, the smallest single change that meets the target is "
        f"{best['transition']} from {before} to {after} "
        f"(+{points:.2f} points)."
        if points >= 0.005
        else f"With {today}, the smallest single change that meets the target is "
        f"{best['transition']} from {before} to {after} (under +0.01 points)."
    )


def stage_schedule(funnel: Funnel, monthly_bottom: Sequence[float]) -> pd.DataFrame:
    """When each stage's volume must happen, so the last stage lands in the months asked.

    `monthly_bottom` is the last stage's target in each plan month. A stage's volume moves
    earlier by the summed lags between it and the last stage, in average-length months; a
    fractional shift splits the volume between the two neighbouring months. Months are
    offsets from the plan's first month: 0 is the first month, negative is before the plan
    year starts. Columns: `stage`, `month`, `volume`.
    """
    monthly_bottom = [check_amount(f"monthly target {m}", v) for m, v in enumerate(monthly_bottom, 1)]
    lags = funnel.lags_days or (0.0,) * len(funnel.rates)
    n = len(funnel.stages)
    # Cumulative lag from each stage to the last, and the volume factor (1 / product of rates).
    shift_days, factor = [0.0] * n, [1.0] * n
    for i in range(n - 2, -1, -1):
        shift_days[i] = shift_days[i + 1] + lags[i]
        factor[i] = factor[i + 1] / funnel.rates[i]
    earliest = -math.ceil(max(shift_days) / DAYS_PER_MONTH)
    months = range(earliest, len(monthly_bottom))
    volumes = {(stage, m): 0.0 for stage in funnel.stages for m in months}
    for i, stage in enumerate(funnel.stages):
        shift = shift_days[i] / DAYS_PER_MONTH
        whole, fraction = math.floor(shift), shift - math.floor(shift)
        for m, bottom in enumerate(monthly_bottom):
            volume = bottom * factor[i]
            volumes[(stage, m - whole)] += volume * (1 - fraction)
            if fraction:
                volumes[(stage, m - whole - 1)] += volume * fraction
    return pd.DataFrame([{"stage": s, "month": m, "volume": v} for (s, m), v in volumes.items()])


def day_one_pipeline(schedule: pd.DataFrame) -> pd.DataFrame:
    """Per stage, the volume that must happen before the plan year starts (from `stage_schedule`)."""
    before = schedule[schedule["month"] < 0]
    stages = schedule["stage"].drop_duplicates()
    totals = before.groupby("stage", sort=False)["volume"].sum()
    return pd.DataFrame({"stage": list(stages), "volume": [float(totals.get(s, 0.0)) for s in stages]})


class FunnelBudget(BaseModel):
    """The demand-generation budget a plan implies, and the CAC that follows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cost_stage: str
    cost_per_unit: float
    volume: float
    budget: float
    customers: float
    cac: float | None = Field(description="Budget per customer; None when the plan has no customers.")


def funnel_budget(volumes: FunnelVolumes, cost_per_unit: float, cost_stage: str = "Leads") -> FunnelBudget:
    """Budget = cost per unit of `cost_stage` × its volume; CAC = budget / last-stage volume."""
    cost_per_unit = check_amount("cost_per_unit", cost_per_unit, positive=True)
    if cost_stage not in volumes.stages:
        raise ValueError(
            f"cost_stage: {cost_stage!r} is not a stage of this funnel; choose one of "
            f"{', '.join(volumes.stages)}."
        )
    volume = volumes.volumes[volumes.stages.index(cost_stage)]
    budget = volume * cost_per_unit
    return FunnelBudget(
        cost_stage=cost_stage,
        cost_per_unit=cost_per_unit,
        volume=volume,
        budget=budget,
        customers=volumes.bottom,
        cac=budget / volumes.bottom if volumes.bottom > 0 else None,
    )
