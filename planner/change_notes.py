"""What a save changed, in its readers' words: the note a plan's history shows for each entry."""

from __future__ import annotations

import calendar
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from planner.funnel import transition_label
from planner.money import format_count, format_money, format_money_figures, format_rate
from planner.plan import Plan, set_fiscal_year

# A note names this many changes, then says how many more there are.
NAMED_CHANGES = 3
# The longest note the plan database keeps.
NOTE_LENGTH = 300
NO_CHANGE = "No change overall"
# Longer user text (a plan or file name) is cut in a note, so several changes still fit.
_QUOTED_LENGTH = 40


class Change(BaseModel):
    """One thing a save changed, as a reader names it, with the value before and after where it has one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    what: str
    before: str | None = None
    after: str | None = None

    @property
    def said(self) -> str:
        """'Revenue goal $12.0M → $13.0M', or only what changed when it has no single value."""
        if self.before is None or self.after is None:
            return self.what
        return f"{self.what} {self.before} → {self.after}"

    @property
    def back(self) -> str:
        """'Revenue goal back to $10.0M': the change as Undo makes it, naming only where it returns to."""
        return self.what if self.before is None or self.after is None else f"{self.what} back to {self.after}"


def _quoted(text: str) -> str:
    cut = text if len(text) <= _QUOTED_LENGTH else text[: _QUOTED_LENGTH - 1].rstrip() + "…"
    return f"“{cut}”"


Formatter = Callable[[Any], str]


def _pair(old: Any, new: Any, *formats: Formatter, none: str = "not set") -> tuple[str, str]:
    """The two values in the first format that tells them apart ($10.0M → $10.04M, not $10.0M → $10.0M)."""
    texts = ("", "")
    for fmt in formats:
        texts = tuple(none if value is None else fmt(value) for value in (old, new))
        if texts[0] != texts[1]:
            break
    return texts


def _money(key: str, what: str, old: float | None, new: float | None, codes: tuple[str, str]) -> Change:
    old_code, new_code = codes
    before, after = _pair(
        (old, old_code) if old is not None else None,
        (new, new_code) if new is not None else None,
        lambda v: format_money(*v),
        lambda v: format_money_figures(*v, figures=4),
        lambda v: format_money_figures(*v, figures=6),
        lambda v: format_money(*v, compact=False),
    )
    return Change(key=key, what=what, before=before, after=after)


def _rate(key: str, what: str, old: float | None, new: float | None, none: str = "not set") -> Change:
    before, after = _pair(
        old, new, format_rate, lambda v: f"{v * 100:.4g}%", lambda v: f"{v * 100:.8g}%", none=none
    )
    return Change(key=key, what=what, before=before, after=after)


def _count(key: str, what: str, old: float | None, new: float | None, none: str = "not set") -> Change:
    before, after = _pair(old, new, format_count, lambda v: format_count(v, 4), none=none)
    return Change(key=key, what=what, before=before, after=after)


def _words(key: str, what: str, old: Any, new: Any, words: Mapping[Any, str] | None = None) -> Change:
    def say(value: Any) -> str:
        return words.get(value, str(value)) if words else str(value)

    return Change(key=key, what=what, before=say(old), after=say(new))


def _fields(old: BaseModel, new: BaseModel) -> list[str]:
    return [name for name in type(old).model_fields if getattr(old, name) != getattr(new, name)]


def _codes(before: Plan, after: Plan) -> tuple[str, str]:
    return before.currency, after.currency


def _name(before: Plan, after: Plan) -> list[Change]:
    return [Change(key="name", what="Plan name", before=_quoted(before.name), after=_quoted(after.name))]


def _currency(before: Plan, after: Plan) -> list[Change]:
    return [_words("currency", "Currency", before.currency, after.currency)]


def _fiscal_year(before: Plan, after: Plan) -> list[Change]:
    return [_words("fiscal_year", "Fiscal year", before.fiscal_year, after.fiscal_year)]


def _start_month(before: Plan, after: Plan) -> list[Change]:
    months = dict(enumerate(calendar.month_name))
    start, end = before.fiscal_year_start_month, after.fiscal_year_start_month
    return [_words("fiscal_year_start_month", "Fiscal year starts in", start, end, months)]


GOAL_AS = {"amount": "new revenue amount", "growth": "growth over last year's new revenue"}
EXPANSION_AS = {"amount": "amount", "share": "share of the goal"}
BASE_FROM = {"typed": "typed", "last year": "last year's data"}
ROUNDING = {"up": "whole customers, rounded up", "exact": "exact", "down": "whole customers, rounded down"}
ON_OFF = {True: "on", False: "off"}


def _goals(before: Plan, after: Plan) -> list[Change]:
    old, new, codes = before.goals, after.goals, _codes(before, after)
    said: dict[str, Callable[[str], Change]] = {
        "target_mode": lambda f: _words(f, "Goal as", old.target_mode, new.target_mode, GOAL_AS),
        "revenue_target": lambda f: _money(f, "Revenue goal", old.revenue_target, new.revenue_target, codes),
        "baseline_revenue": lambda f: _money(
            f, "Last year's new revenue", old.baseline_revenue, new.baseline_revenue, codes
        ),
        "baseline_source": lambda f: _words(
            f, "Last year's new revenue from", old.baseline_source, new.baseline_source, BASE_FROM
        ),
        "growth_rate": lambda f: _rate(f, "Growth over last year", old.growth_rate, new.growth_rate),
        "expansion_mode": lambda f: _words(
            f, "Expansion / upsell as", old.expansion_mode, new.expansion_mode, EXPANSION_AS
        ),
        "expansion_revenue": lambda f: _money(
            f, "Expansion / upsell revenue", old.expansion_revenue, new.expansion_revenue, codes
        ),
        "expansion_share": lambda f: _rate(
            f, "Expansion / upsell share of the goal", old.expansion_share, new.expansion_share
        ),
        "referral_share": lambda f: _rate(
            f, "Referral share of new customers", old.referral_share, new.referral_share
        ),
        "avg_deal_size": lambda f: _money(
            f, "Average first-year deal size", old.avg_deal_size, new.avg_deal_size, codes
        ),
        "seasonal": lambda f: _words(f, "Seasonal months", old.seasonal, new.seasonal, ON_OFF),
        "seasonality": lambda f: Change(key=f, what="Seasonality weights"),
        "rounding": lambda f: _words(f, "Rounding", old.rounding, new.rounding, ROUNDING),
    }
    return [said[name](f"goals.{name}") for name in _fields(old, new)]


LEVER = {"points": "percentage points", "relative": "relative percent"}


def _funnel(before: Plan, after: Plan) -> list[Change]:
    old, new, codes = before.funnel, after.funnel, _codes(before, after)
    top = new.stages[0].lower()
    changes = _stage_changes(old.stages, new.stages)
    for name in _fields(old, new):
        key = f"funnel.{name}"
        if name == "rates":
            changes += [
                _rate(f"{key}.{transition_label(*step)}", f"{transition_label(*step)} rate", a, b)
                for step, a, b in _per_transition(old.stages, old.rates, new.stages, new.rates)
            ]
        elif name == "lags_days":
            changes += [
                _count(f"{key}.{transition_label(*step)}", f"Days from {step[0]} to {step[1]}", a, b)
                for step, a, b in _per_transition(
                    old.stages, old.lags_days or (0.0,) * len(old.rates),
                    new.stages, new.lags_days or (0.0,) * len(new.rates),
                )
            ]  # fmt: skip
        elif name == "today":
            changes += _per_stage_today(old.stages, old.today, new.stages, new.today)
        elif name == "cost_per_unit":
            changes.append(_money(key, "Cost per unit", old.cost_per_unit, new.cost_per_unit, codes))
        elif name == "cost_stage_index":
            changes.append(
                Change(
                    key=key,
                    what="Cost is per",
                    before=_quoted(old.stages[old.cost_stage_index]),
                    after=_quoted(new.stages[new.cost_stage_index]),
                )
            )
        elif name == "forward_top":
            changes.append(_count(key, f"Forward view's {top} a month", old.forward_top, new.forward_top))
        elif name == "lever_mode":
            changes.append(_words(key, "Move each rate by", old.lever_mode, new.lever_mode, LEVER))
        elif name == "planned_top":
            changes.append(_count(key, f"Planned {top} a month", old.planned_top, new.planned_top, "not set"))
        elif name == "rate_uncertainty":
            before, after = _pair(
                old.rate_uncertainty, new.rate_uncertainty, format_rate, lambda v: f"{v * 100:.4g}%"
            )
            changes.append(Change(key=key, what="Rate uncertainty", before=f"±{before}", after=f"±{after}"))
        elif name == "last_year_counts":
            changes.append(Change(key=key, what="Last year's volume per stage"))
    return changes


def _stage_changes(old: Sequence[str], new: Sequence[str]) -> list[Change]:
    if old == new:
        return []
    if len(old) == len(new):
        return [
            Change(key=f"funnel.stage.{i}", what=f"Stage {i + 1}", before=_quoted(a), after=_quoted(b))
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            if a != b
        ]
    changes = []
    for names, verb in (
        ([s for s in new if s not in old], "added"),
        ([s for s in old if s not in new], "removed"),
    ):
        if names:
            plural = "s" if len(names) > 1 else ""
            listed = ", ".join(_quoted(n) for n in names)
            changes.append(Change(key=f"funnel.stages.{verb}", what=f"Stage{plural} {verb}: {listed}"))
    return changes


def _per_transition(
    old_stages: Sequence[str],
    old_values: Sequence[float],
    new_stages: Sequence[str],
    new_values: Sequence[float],
) -> list[tuple[tuple[str, str], float, float]]:
    """Each transition both funnels have whose value differs: (above, below), before, after.

    Matched by the stages' names: a transition only one side has came with a stage added or removed.
    """
    old = dict(zip(itertools.pairwise(old_stages), old_values, strict=True))
    new = dict(zip(itertools.pairwise(new_stages), new_values, strict=True))
    return [(step, old[step], value) for step, value in new.items() if step in old and old[step] != value]


def _per_stage_today(
    old_stages: Sequence[str],
    old_today: Sequence[float | None] | None,
    new_stages: Sequence[str],
    new_today: Sequence[float | None] | None,
) -> list[Change]:
    old = dict(zip(old_stages, old_today or (None,) * len(old_stages), strict=True))
    new = dict(zip(new_stages, new_today or (None,) * len(new_stages), strict=True))
    return [
        _count(f"funnel.today.{stage}", f"{stage} a month today", old[stage], value, "unknown")
        for stage, value in new.items()
        if stage in old and old[stage] != value
    ]


def _review_rules(before: Plan, after: Plan) -> list[Change]:
    old, new = before.review_rules, after.review_rules
    fields = type(old).model_fields
    return [
        _words(
            f"review_rules.{name}",
            fields[name].title or name,
            f"{getattr(old, name):g}",
            f"{getattr(new, name):g}",
        )
        for name in _fields(old, new)
    ]


QUARTER_PARTS = {
    "initiatives": ("initiative", "initiatives"),
    "goals": ("SMART goal", "SMART goals"),
    "hypotheses": ("hypothesis", "hypotheses"),
    "owners": ("owner", "owners"),
}


def _roadmap(before: Plan, after: Plan) -> list[Change]:
    old, new, codes = before.roadmap, after.roadmap, _codes(before, after)
    if (before.fiscal_year, before.fiscal_year_start_month) != (
        after.fiscal_year,
        after.fiscal_year_start_month,
    ):
        # A new fiscal year moves every date with its quarter: that is the fiscal year's change, not the roadmap's.
        old = set_fiscal_year(before, after.fiscal_year, after.fiscal_year_start_month).roadmap
    changes: list[Change] = []
    for name in _fields(old, new):
        key = f"roadmap.{name}"
        if name == "annual_budget":
            changes.append(
                _money(key, "Annual marketing budget", old.annual_budget, new.annual_budget, codes)
            )
        elif name == "allocations":
            changes += [
                _money(f"{key}.q{q}", f"Q{q} budget", old.allocation(q), new.allocation(q), codes)
                for q in (1, 2, 3, 4)
                if old.allocation(q) != new.allocation(q)
            ] or [Change(key=key, what="Quarterly budget split")]
        elif name == "max_initiative_share":
            changes.append(
                _rate(
                    key,
                    "Largest initiative share of the budget",
                    old.max_initiative_share,
                    new.max_initiative_share,
                )
            )
        elif name == "max_quarterly_lift":
            changes.append(
                _rate(
                    key,
                    "Largest change a goal may plan in a quarter",
                    old.max_quarterly_lift,
                    new.max_quarterly_lift,
                )
            )
        elif name == "quarters":
            for number, (q_old, q_new) in enumerate(zip(old.quarters, new.quarters, strict=True), start=1):
                changes += _quarter(number, q_old, q_new)
    return changes


def _quarter(number: int, old: Any, new: Any) -> list[Change]:
    changes = []
    for name in _fields(old, new):
        key = f"roadmap.q{number}.{name}"
        if name == "focus_areas":
            changes.append(
                Change(
                    key=key,
                    what=f"Q{number} focus areas",
                    before=", ".join(_quoted(n) for n in old.focus_names) or "none",
                    after=", ".join(_quoted(n) for n in new.focus_names) or "none",
                )
            )
        elif name == "review_notes":
            changes.append(Change(key=key, what=f"Q{number} review notes"))
        else:
            one, many = QUARTER_PARTS[name]
            difference = len(getattr(new, name)) - len(getattr(old, name))
            if difference == 0:
                what = f"Q{number} {many} edited"
            else:
                count = abs(difference)
                verb = "added" if difference > 0 else "removed"
                what = f"Q{number}: {count} {one if count == 1 else many} {verb}"
            changes.append(Change(key=key, what=what))
    return changes


def _abm(before: Plan, after: Plan) -> list[Change]:
    old, new = before.abm, after.abm
    changes: list[Change] = []
    for name in _fields(old, new):
        key = f"abm.{name}"
        if name == "weights":
            fields = type(old.weights).model_fields
            changes += [
                _count(f"{key}.{part}", f"ABM health weight for {(fields[part].title or part).lower()}",
                       getattr(old.weights, part), getattr(new.weights, part))
                for part in _fields(old.weights, new.weights)
            ]  # fmt: skip
        elif name in ("tiers", "owners"):
            every = f"all {name}"
            changes.append(
                Change(
                    key=key,
                    what=f"ABM {name} shown",
                    before=", ".join(_quoted(v) for v in getattr(old, name)) or every,
                    after=", ".join(_quoted(v) for v in getattr(new, name)) or every,
                )
            )
        elif name == "period_months":
            changes.append(
                Change(
                    key=key,
                    what="ABM period",
                    before=f"{old.period_months} months",
                    after=f"{new.period_months} months",
                )
            )
        elif name == "period_end":
            changes.append(
                Change(
                    key=key,
                    what="ABM period ending",
                    before=_month(old.period_end),
                    after=_month(new.period_end),
                )
            )
    return changes


def _month(period: str | None) -> str:
    if period is None:
        return "the latest month"
    year, month = period.split("-")
    return f"{calendar.month_name[int(month)]} {year}"


LAST_YEAR = {"channels": "Last year's channel table", "crm": "Last year's CRM export"}
ABM_FILE = {
    "accounts": "ABM account activity file",
    "cta": "ABM CTA events file",
    "nps": "ABM NPS answers file",
}


def _loaded(key: str, what: str, old: str | None, new: str | None, again: bool = True) -> Change:
    """A file the plan holds (by its name): loaded, removed, replaced, loaded again, or its figures
    changed in place (`again` False: a currency conversion, say)."""
    if old is None:
        return Change(key=key, what=f"{what} loaded: {_quoted(new or '')}")
    if new is None:
        return Change(key=key, what=f"{what} removed")
    if old != new:
        return Change(key=key, what=f"{what} replaced", before=_quoted(old), after=_quoted(new))
    if again:
        return Change(key=key, what=f"{what} loaded again: {_quoted(new)}")
    return Change(key=key, what=f"{what} figures changed")


def _last_year(before: Plan, after: Plan) -> list[Change]:
    changes = []
    for kind in _fields(before.last_year, after.last_year):
        old, new = getattr(before.last_year, kind), getattr(after.last_year, kind)
        again = old is None or new is None or old.loaded_at != new.loaded_at
        changes.append(
            _loaded(f"last_year.{kind}", LAST_YEAR[kind], old and old.source, new and new.source, again)
        )
    return changes


def _abm_files(before: Plan, after: Plan) -> list[Change]:
    def kept(plan: Plan, kind: str) -> Any:
        return getattr(plan.abm_files, kind) if plan.abm_files else None

    again = (
        before.abm_files is None
        or after.abm_files is None
        or before.abm_files.loaded_at != after.abm_files.loaded_at
    )
    return [
        _loaded(
            f"abm_files.{kind}", what,
            kept(before, kind).file_name if kept(before, kind) else None,
            kept(after, kind).file_name if kept(after, kind) else None,
            again,
        )
        for kind, what in ABM_FILE.items()
        if kept(before, kind) != kept(after, kind)
    ] or [Change(key="abm_files", what="ABM files")]  # fmt: skip


def _currency_change(before: Plan, after: Plan) -> list[Change]:
    # Converting or relabelling changes the currency too, which names it.
    return (
        [] if before.currency != after.currency else [Change(key="currency_change", what="Currency change")]
    )


def _budget(before: Plan, after: Plan) -> list[Change]:
    old, new, codes = before.budget, after.budget, _codes(before, after)
    changes = []
    for name in _fields(old, new):
        key = f"budget.{name}"
        if name == "channels":
            changes.append(Change(key=key, what="Channel budget bounds and exponents"))
        elif name == "organic_growth":
            changes.append(
                _rate(key, "Growth of the channels without spend", old.organic_growth, new.organic_growth)
            )
        elif name == "total":
            changes.append(_money(key, "Channel budget", old.total, new.total, codes))
        elif name == "applied":
            changes.append(
                _money(
                    key, "Channel budget in the plan", old.applied.total if old.applied else None,
                    new.applied.total if new.applied else None, codes,
                )
            )  # fmt: skip
    return changes


# Every field of the plan, in the plan's order, with how its change reads; a new field must be added here.
DESCRIBED: dict[str, Callable[[Plan, Plan], list[Change]]] = {
    "schema_version": lambda before, after: [],
    "name": _name,
    "currency": _currency,
    "fiscal_year": _fiscal_year,
    "fiscal_year_start_month": _start_month,
    "goals": _goals,
    "funnel": _funnel,
    "review_rules": _review_rules,
    "roadmap": _roadmap,
    "abm": _abm,
    "last_year": _last_year,
    "abm_files": _abm_files,
    "currency_change": _currency_change,
    "budget": _budget,
}


def plan_changes(before: Plan, after: Plan) -> list[Change]:
    """What differs between two versions of a plan, in the plan's order, as its readers name it."""
    changes: list[Change] = []
    for name in _fields(before, after):
        changes += DESCRIBED[name](before, after)
    return changes


def change_note(
    before: Plan, after: Plan, named: int = NAMED_CHANGES, say: Callable[[Change], str] = lambda c: c.said
) -> str:
    """The history's note for going from `before` to `after`: the first `named` changes, then how many more.

    "Revenue goal $12.0M → $13.0M; MQLs → SQLs rate 20% → 25%; and 2 more". Fewer are named when
    they would not fit the note's length; "No change overall" when the two are the same. `say` words
    each change (`Change.back` for Undo).
    """
    changes = [say(change) for change in plan_changes(before, after)]
    if not changes:
        return NO_CHANGE
    for shown in range(min(named, len(changes)), 0, -1):
        more = len(changes) - shown
        note = "; ".join(changes[:shown]) + (f"; and {more} more" if more else "")
        if len(note) <= NOTE_LENGTH:
            return note
    return note[: NOTE_LENGTH - 1] + "…"


def as_entry(note: str) -> str:
    """A note as the history list shows it: starting with a capital ("restored version 3" → "Restored…")."""
    return note[:1].upper() + note[1:]
