"""The sample files tell one company's story: the channel table, the CRM export and the ABM files agree, and each script rebuilds its files."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planner.io import read_account_activity, read_channel_table, read_crm_export
from planner.review import RATES, channel_summary, crm_channel_table, crm_cohort_table, crm_cohort_totals

SAMPLES = Path(__file__).resolve().parents[1] / "sample_data"
STAGES = ["leads", "mqls", "sqls", "opportunities", "customers"]
CRM_DATES = dict(
    zip(STAGES, ["lead_date", "mql_date", "sql_date", "opportunity_date", "customer_date"], strict=True)
)
SCRIPTS = {
    "make_samples.py": ("channels_2025.csv", "crm_contacts_2025.csv"),
    "make_abm_samples.py": ("abm_accounts_2025.csv", "abm_cta_events_2025.csv", "abm_nps_2025.csv"),
}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return read_channel_table(SAMPLES / "channels_2025.csv")


@pytest.fixture(scope="module")
def contacts() -> pd.DataFrame:
    return read_crm_export(SAMPLES / "crm_contacts_2025.csv")


@pytest.fixture(scope="module")
def accounts() -> pd.DataFrame:
    return read_account_activity(SAMPLES / "abm_accounts_2025.csv")


def per_channel(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.groupby("channel")[[*STAGES, "revenue"]].sum().sort_index()


def average_deal(frame: pd.DataFrame) -> float:
    return frame["revenue"].sum() / frame["customers"].sum()


def test_the_channel_table_is_the_company_year_the_review_shows(table):
    assert round(table["spend"].sum(), -4) == 1_400_000
    assert (table["customers"].sum(), round(table["revenue"].sum(), -4)) == (110, 7_450_000)
    assert round(average_deal(table), -3) == 68_000


def test_the_crm_export_uses_the_channel_tables_names_and_holds_one_contact_per_lead(table, contacts):
    leads_2025 = contacts["lead_date"].dt.year == 2025

    assert set(contacts["source"].astype(str)) == set(table["channel"])
    assert leads_2025.sum() == table["leads"].sum()
    assert contacts["lead_date"].notna().all()
    assert (SAMPLES / "crm_contacts_2025.csv").stat().st_size < 3_000_000


def test_the_crms_activity_in_2025_is_the_channel_table_per_channel(table, contacts):
    activity = per_channel(crm_channel_table(contacts, 2025))
    channels = per_channel(table)

    pd.testing.assert_frame_equal(activity[STAGES], channels[STAGES])
    assert (activity["revenue"] - channels["revenue"]).abs().max() < 0.01
    assert average_deal(activity) == pytest.approx(average_deal(table), abs=0.01)


@pytest.mark.parametrize("stage", STAGES)
def test_the_crms_activity_in_2025_is_the_channel_table_month_by_month(table, contacts, stage):
    dates = contacts[CRM_DATES[stage]]
    in_2025 = contacts[dates.dt.year == 2025]
    crm = in_2025.groupby([in_2025["source"].astype(str), dates.dt.strftime("%Y-%m")]).size()
    expected = table.set_index(["channel", "month"])[stage]

    assert crm.reindex(expected.index, fill_value=0).astype(float).tolist() == expected.tolist()
    assert crm.sum() == expected.sum()


def test_won_amounts_add_up_to_each_months_revenue_to_the_cent(table, contacts):
    won = contacts[contacts["customer_date"].dt.year == 2025]
    crm = won.groupby([won["source"].astype(str), won["customer_date"].dt.strftime("%Y-%m")])["amount"].sum()
    expected = table.set_index(["channel", "month"])["revenue"]

    assert (crm.reindex(expected.index, fill_value=0) - expected).abs().max() < 0.01


def test_the_2025_cohort_is_the_years_customers_less_2024_leads_plus_januarys_wins(table, contacts):
    cohort = crm_cohort_table(contacts, 2025)
    won_2025 = contacts["customer_date"].dt.year == 2025
    carried_in = won_2025 & (contacts["lead_date"].dt.year == 2024)
    carried_out = (contacts["customer_date"].dt.year == 2026) & (contacts["lead_date"].dt.year == 2025)

    assert carried_in.sum() > 0 and carried_out.sum() > 0
    assert contacts["customer_date"].max() < pd.Timestamp("2026-02-01"), "pulled in early February 2026"
    assert cohort["leads"].sum() == table["leads"].sum()
    assert cohort["customers"].sum() == table["customers"].sum() - carried_in.sum() + carried_out.sum()
    assert cohort["revenue"].sum() == pytest.approx(
        table["revenue"].sum()
        - contacts.loc[carried_in, "amount"].sum()
        + contacts.loc[carried_out, "amount"].sum()
    )
    assert average_deal(cohort) == pytest.approx(average_deal(table), rel=0.1)


def test_no_cohort_rate_passes_100_percent_and_each_is_near_the_years(table, contacts):
    rates = [name for name, _, _ in RATES if name != "lead_rate"]
    cohort = channel_summary(crm_cohort_table(contacts, 2025)).set_index("channel")[rates]
    activity = channel_summary(table).set_index("channel")[rates]

    assert len(cohort) == table["channel"].nunique() + 1, "every channel and the total"
    assert (cohort.fillna(0) <= 1).all().all()
    assert (crm_cohort_totals(contacts, 2025)["conversion"].dropna() <= 1).all()
    # Believable: the total's stage rates within 6 points of the year's, some of them different.
    difference = (cohort.loc["Total"] - activity.loc["Total"]).abs()
    assert difference.max() < 0.06 and difference.max() > 0.01


def test_the_abm_accounts_are_the_named_part_of_the_years_customers(table, contacts, accounts):
    won = accounts[accounts["deals_won"] > 0]
    new = won[won["customer_at_start"] == 0]
    crm_deals = contacts.loc[contacts["customer_date"].dt.year == 2025, "amount"]

    assert won["deals_won"].sum() <= table["customers"].sum()
    assert won["won_revenue"].sum() <= table["revenue"].sum()
    new_per_month = new.groupby("month")["deals_won"].sum()
    assert (new_per_month <= table.groupby("month")["customers"].sum()[new_per_month.index]).all()
    assert new["won_revenue"].between(crm_deals.min(), crm_deals.max()).all()
    # The product warns when a deal size is more than 50% from last year's: the ABM deals are not.
    assert new["won_revenue"].sum() / new["deals_won"].sum() == pytest.approx(average_deal(table), rel=0.5)


def test_the_abm_story_holds(accounts):
    won = accounts[(accounts["deals_won"] > 0) & (accounts["customer_at_start"] == 0)]
    halvorsen = accounts[accounts["account"] == "Halvorsen Freight"].set_index("month")["customer_at_end"]

    assert len(won) == 6 and (won["month"] == "2025-12").sum() == 3
    assert halvorsen["2025-09"] == 1 and halvorsen["2025-10"] == 0


@pytest.mark.parametrize(("script", "files"), SCRIPTS.items(), ids=SCRIPTS.keys())
def test_each_script_rebuilds_its_files_byte_for_byte(tmp_path, script, files):
    subprocess.run([sys.executable, str(SAMPLES / script), str(tmp_path)], check=True, timeout=300)

    for name in files:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), f"rerun sample_data/{script}"


def test_the_sample_readme_tells_the_figures_the_files_hold(table, contacts, accounts):
    text = " ".join((SAMPLES / "README.md").read_text().split())
    cohort = crm_cohort_table(contacts, 2025)
    won_2025 = contacts["customer_date"].dt.year == 2025
    new = accounts[(accounts["deals_won"] > 0) & (accounts["customer_at_start"] == 0)]

    assert f"{len(contacts):,} contacts who became leads since July 2024" in text
    assert f"{cohort['customers'].sum():.0f} customers worth ${cohort['revenue'].sum() / 1e6:.2f}M" in text
    assert (
        f"{(won_2025 & (contacts['lead_date'].dt.year == 2024)).sum()} of 2025's customers were 2024 leads"
        in text
    )
    assert f"only {(contacts['customer_date'].dt.year == 2026).sum()} of 2025's late leads had signed" in text
    assert f"for ${new['won_revenue'].sum() / 1e3:.0f}K" in text
    assert f"{table['customers'].sum():.0f} new customers worth ${table['revenue'].sum() / 1e6:.2f}M" in text


def test_the_sample_plan_is_what_its_script_writes_and_tells_the_same_story(table):
    import importlib.util

    from planner.io.plan_file import read_plan_file
    from planner.review.facts import last_year_facts

    spec = importlib.util.spec_from_file_location("make_sample_plan", SAMPLES / "make_sample_plan.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = (SAMPLES / "sample_company_plan.json").read_text(encoding="utf-8")
    assert committed == script.sample_company_plan_json(), "rerun sample_data/make_sample_plan.py"

    plan = read_plan_file(SAMPLES / "sample_company_plan.json")
    facts = last_year_facts(plan.last_year)
    revenue = channel_summary(table).query("is_total")["revenue"].iloc[0]
    assert plan.goals.revenue_goal() == pytest.approx(revenue * 1.12), "12% more new revenue than 2025"
    assert plan.goals.avg_deal_size == pytest.approx(facts.deal_size, abs=0.01), "at 2025's average deal"
    assert plan.last_year.channels is not None and plan.last_year.crm is not None and plan.abm_files is not None
    assert "$" not in plan.name and "%" not in plan.name, "a name that states no figure stays true"
