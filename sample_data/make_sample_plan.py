"""Write `sample_company_plan.json`: Quayline's plan for 2026, made in December 2025 from the sample files.

Run from the project root: `.venv/bin/python sample_data/make_sample_plan.py`. The plan holds last
year's channel table and CRM export, the ABM files, a goal of 12% more new revenue than 2025's at
2025's average deal, 16% of new customers through referrals (18 of 2025's 110 came that way), a
$1.7M budget and last year's rates in the funnel: the visit rate from the channel table, the later
rates from the CRM's 2025 leads followed through. Those leads close a little less often (27%) than
2025's in-year count suggests (32%, some wins were 2024 leads), so the funnel shows a believable
gap: every stage above customers short of what the plan needs, the customers themselves on track.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from planner.abm.kept import kept_file, with_file  # noqa: E402
from planner.funnel import DEFAULT_RATES  # noqa: E402
from planner.goals import GoalInputs  # noqa: E402
from planner.io import read_accounts_file, read_channel_file, read_crm_file, read_cta_file, read_nps_file  # noqa: E402
from planner.plan import FunnelInputs, Plan, apply_last_year, replace, set_last_year, set_roadmap  # noqa: E402
from planner.review import last_year_from_channels, last_year_from_crm  # noqa: E402
from planner.review.facts import funnel_for_plan, last_year_facts  # noqa: E402
from planner.roadmap.example import example_roadmap  # noqa: E402

OUT = HERE / "sample_company_plan.json"
NAME = "Quayline: 2026 inbound plan"
LOADED_AT = datetime(2025, 12, 8, 10, 0, tzinfo=UTC)
GROWTH, REFERRALS, BUDGET = 0.12, 0.16, 1_700_000


def sample_company_plan() -> Plan:
    """The sample company's plan, built from the sample files the way a user would on each page."""
    channels = read_channel_file(HERE / "channels_2025.csv")
    crm = read_crm_file(HERE / "crm_contacts_2025.csv")
    plan = Plan(name=NAME, fiscal_year=2026, funnel=FunnelInputs(rates=DEFAULT_RATES))
    plan = set_last_year(plan, last_year_from_channels(channels.table, channels.file_name, LOADED_AT, channels.warnings))
    plan = set_last_year(plan, last_year_from_crm(crm.table, crm.file_name, LOADED_AT, 2025, crm.warnings))
    facts = last_year_facts(plan.last_year)
    goals = GoalInputs(
        target_mode="growth", baseline_revenue=facts.revenue, baseline_source="last year", growth_rate=GROWTH,
        avg_deal_size=round(facts.deal_size, 2), referral_share=REFERRALS,
    )  # fmt: skip
    taken = funnel_for_plan(plan.last_year)
    funnel, _ = apply_last_year(plan.funnel, taken.funnel, taken.lags_days)
    funnel = replace(funnel, cost_per_unit=round(facts.spend / (facts.monthly_volumes[1] * facts.months), 2))
    plan = replace(plan, goals=goals, funnel=funnel)
    files = None
    for kind, name, reader in (
        ("accounts", "abm_accounts_2025.csv", read_accounts_file),
        ("cta", "abm_cta_events_2025.csv", read_cta_file),
        ("nps", "abm_nps_2025.csv", read_nps_file),
    ):
        read = reader(HERE / name)
        files = with_file(files, kind, kept_file(kind, read.table, read.file_name, read.warnings), LOADED_AT)
    plan = replace(plan, abm_files=files)
    roadmap = example_roadmap(plan.fiscal_year, plan.fiscal_year_start_month, plan.funnel)
    return set_roadmap(plan, replace(roadmap, annual_budget=BUDGET))


def sample_company_plan_json() -> str:
    # On one line: the kept ABM files are thousands of values, which indentation would triple.
    return sample_company_plan().model_dump_json() + "\n"


if __name__ == "__main__":
    OUT.write_text(sample_company_plan_json(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent)}")
