"""A plan in which every part differs from the defaults, so a round trip that drops a part fails."""

from datetime import UTC, datetime

from planner.abm import AbmSettings, HealthWeights
from planner.abm.kept import AbmFiles, KeptTable
from planner.budget import AppliedBudget, AppliedChannel, BudgetSettings, ChannelSetting
from planner.goals import GoalInputs
from planner.money import CurrencyChange
from planner.plan import FunnelInputs, Plan
from planner.review import ChannelMonths, ChannelYear, LastYear, LastYearData, StageTime, VerdictRules
from planner.roadmap.example import example_roadmap


def full_plan() -> Plan:
    return Plan(
        name="FY2028 DACH expansion",
        currency="EUR",
        fiscal_year=2028,
        fiscal_year_start_month=4,
        goals=GoalInputs(
            target_mode="growth",
            revenue_target=7_500_000,
            baseline_revenue=60_000_000,
            growth_rate=0.12,
            expansion_mode="share",
            expansion_revenue=250_000,
            expansion_share=0.15,
            referral_share=0.1,
            avg_deal_size=450_000,
            seasonal=True,
            seasonality=(1, 1, 2, 1, 1, 1, 0.5, 0.5, 1, 1, 2, 1),
            rounding="exact",
        ),
        funnel=FunnelInputs(
            stages=("Sessions", "Contacts", "MQLs", "SQLs", "Deals"),
            rates=(0.02, 0.3, 0.25, 0.35),
            lags_days=(0, 10, 20, 60),
            today=(9000, 180, None, 12, 4),
            cost_per_unit=85.5,
            cost_stage_index=2,
            forward_top=9000,
            lever_mode="relative",
            planned_top=12_000,
            rate_uncertainty=0.2,
            last_year_counts=(100_000, 2000, 500, 130, 45),
        ),
        review_rules=VerdictRules(
            scale_cac_ratio=0.7, cut_cac_ratio=2, cut_max_roi=0.1, min_customers=3, fix_cpl_ratio=0.5
        ),
        roadmap=example_roadmap(2028, 4).model_copy(
            update={
                "annual_budget": 80_000,
                "allocations": (30_000, 20_000, 20_000, 10_000),
                "max_initiative_share": 0.3,
            }
        ),
        abm=AbmSettings(
            weights=HealthWeights(engagement=30, pipeline=30, nps=25, customer=15),
            tiers=("Tier 1",),
            owners=("Ana",),
            period_months=6,
            period_end="2025-11",
        ),
        last_year=LastYearData(
            crm=LastYear(
                source="hubspot-contacts-2027.csv",
                kind="crm",
                loaded_at=datetime(2028, 3, 2, 9, 30, tzinfo=UTC),
                year=2027,
                months=9,
                channels=(
                    ChannelYear(
                        channel="Organic search",
                        leads=1200,
                        mqls=300,
                        sqls=80,
                        opportunities=30,
                        customers=9,
                        revenue=4_050_000,
                    ),
                    ChannelYear(
                        channel="Événements",
                        leads=150,
                        mqls=60,
                        sqls=25,
                        opportunities=12,
                        customers=4,
                        revenue=-1_500.5,
                    ),
                ),
                stage_times=(
                    StageTime(transition="Leads → MQLs", median_days=12.5, contacts=360),
                    StageTime(transition="MQLs → SQLs", median_days=None, contacts=0),
                ),
                warnings=("3 deal amount(s) are not numbers and were left empty.",),
            ),
            channels=LastYear(
                source="channels 2027.xlsx",
                kind="channels",
                loaded_at=datetime(2028, 3, 1, 8, 0, tzinfo=UTC),
                year=2027,
                channels=(
                    ChannelYear(
                        channel="Organic search", spend=12_000, sessions=90_000, leads=1100, mqls=280,
                        sqls=75, opportunities=28, customers=9, revenue=4_000_000, demo_requests=40,
                    ),
                ),
                monthly=(
                    ChannelMonths(channel="Organic search", months=("2027-11", "2027-12"), spend=(5_000, None),
                                  volume=(500, 600)),
                ),
            ),
        ),
        abm_files=AbmFiles(
            loaded_at=datetime(2028, 3, 2, 10, 0, tzinfo=UTC),
            accounts=KeptTable(
                file_name="accounts.csv",
                columns={"account": ["Fjord AG", "Fjord AG"], "tier": ["Tier 1", "Tier 1"],
                         "owner": ["Ana", "Ana"], "month": ["2027-11", "2027-12"],
                         "emails_delivered": [10.0, None], "deals_won": [0.0, 1.0],
                         "customer_at_start": [0.0, 0.0], "customer_at_end": [0.0, 1.0]},
                warnings=("Skipped 1 blank row(s).",),
            ),
            cta=KeptTable(
                file_name="cta.csv",
                columns={"account": ["Fjord AG"], "month": ["2027-12"], "cta": ["Demo"], "stage": ["Opportunity"],
                         "promotion": [True], "impressions": [100.0], "clicks": [10.0], "conversions": [2.0]},
            ),
            nps=KeptTable(
                file_name="nps.csv",
                columns={"account": ["Fjord AG"], "month": ["2027-12"], "score": [9.0], "answers": [2]},
            ),
        ),
        budget=BudgetSettings(
            channels=(ChannelSetting(channel="Organic search", max_spend=30_000, exponent=0.55, conversion_lift=0.1),),
            organic_growth=0.05,
            total=24_000,
            applied=AppliedBudget(
                total=24_000, first_month=-1,
                channels=(AppliedChannel(channel="Organic search", stage="leads", spend=(2_000,) * 13,
                                         volume=(100,) * 13, customers=11.5),),
            ),
        ),
        currency_change=CurrencyChange(
            from_currency="USD", to_currency="EUR", rate=0.92, changed_at=datetime(2028, 1, 5, tzinfo=UTC)
        ),
    )  # fmt: skip
