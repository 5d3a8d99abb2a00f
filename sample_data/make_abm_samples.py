"""Build Quayline's account-based marketing samples for 2025 (fixed seed): account activity, CTA events, NPS answers.

Run from the project root: `.venv/bin/python sample_data/make_abm_samples.py [FOLDER]` (this
folder by default). Quayline, the fictional B2B software company of `make_samples.py`, sells its
dispatch and yard-planning platform to the logistics and operations teams of 60 named accounts
in three tiers. Over 2025 four accounts surge in the second half (calls, demos, opportunities,
one win in December), four go quiet after the summer, one tier-1 customer (Halvorsen Freight)
grows unhappy and churns in October, and two prospects convert on the year-end pricing
promotion and sign in December. The six accounts won are part of the channel table's 110 new
customers; deals run larger by tier than the company's $68K average (about $110K for tier 1,
$70K for tier 2, $40K for tier 3), all within the range of its CRM's won deals, and existing
customers' expansion deals are worth about 30% of a new one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
YEAR = 2025
SEED = 20256
MONTHS = [f"{YEAR}-{m:02d}" for m in range(1, 13)]

NAMES = """Halvorsen Freight, Northwind Logistics, Meridian Health, Kestrel Aerospace, Bluewater Energy,
Corvid Analytics, Alder & Finch Legal, Solenne Cosmetics, Tavira Foods, Granite Peak Insurance,
Ostrava Steelworks, Lumen Retail Group, Pinecrest Hospitals, Quanta Semiconductors, Riverside Credit Union,
Saffron Hospitality, Trident Marine, Umbra Security, Vesper Telecom, Willowbrook Schools,
Xylo Packaging, Yarrow Agritech, Zephyr Airlines, Amberline Pharma, Birchwood Realty, Cobalt Mining,
Delta Verde Farms, Ember Games, Fjord Seafood, Gallant Motors, Harbor Point Ports, Iris Optics,
Juniper Wealth, Kairo Textiles, Lodestar Shipping, Mistral Wind, Nimbus Cloud Hosting, Orchid Clinics,
Parallax Media, Quill Publishing, Redwood Timber, Sable Chemicals, Tundra Outdoor, Ultramar Cruises,
Vantage Consulting, Wren Architecture, Halcyon Travel, Jadeport Trading, Keystone Builders,
Lark Biotech, Monarch Print, Nova Ceramics, Opal Jewellers, Prairie Rail, Quarry Stone Supply,
Rook Robotics, Sienna Dental, Talon Defence, Aurora Daycare, Brightwater Utilities"""
ACCOUNTS = [name.strip() for name in NAMES.replace("\n", " ").split(",")]
OWNERS = {
    1: ("Ana Ruiz", "Ben Okafor"),
    2: ("Chloé Martin", "Dae-jin Park"),
    3: ("Eva Novak", "Dae-jin Park"),
}
CONTACTS = {1: 14, 2: 8, 3: 5}
# A new customer's first-year deal by tier, the centre of a lognormal draw.
DEAL = {1: 110_000, 2: 70_000, 3: 40_000}

# Who plays which part (positions in ACCOUNTS; tiers: 0–11 tier 1, 12–29 tier 2, 30–59 tier 3).
CHURNING = 0
SURGING = (3, 7, 15, 41)
QUIET = (5, 20, 24, 48)
CUSTOMERS = (1, 2, 4, 6, 9, 12, 14, 18, 22, 33)
NO_SURVEY = 33  # a customer who never answers the survey
WON = {16: 4, 27: 6, 36: 9}  # account position → month (1–12) it signs
PROMOTION_WINS = (10, 19)  # convert on the year-end offer in November, sign in December
SURGE_WIN = 3
CTAS = (
    ("Benchmark report download", "Awareness", False, 0.030, 0.30),
    ("Webinar registration", "Engagement", False, 0.020, 0.35),
    ("Book a discovery call", "Qualified", False, 0.012, 0.25),
    ("Request a tailored demo", "Opportunity", False, 0.010, 0.30),
    ("Year-end pricing offer", "Opportunity", True, 0.004, 0.20),
    ("Customer referral programme", "Customer", False, 0.015, 0.20),
)


def tier_of(position: int) -> int:
    return 1 if position < 12 else 2 if position < 30 else 3


def engagement_curve(position: int) -> np.ndarray:
    """How engaged an account is each month, relative to its tier's usual level."""
    months = np.arange(12)
    if position in SURGING:
        return np.where(months < 6, 0.8, 0.8 + (months - 5) * 0.55)
    if position in QUIET:
        return np.where(months < 7, 1.1, np.maximum(1.1 - (months - 6) * 0.35, 0.03))
    if position == CHURNING:
        return np.maximum(1.2 - months * 0.11, 0.08)
    return np.full(12, 1.0)


def customer_months(position: int) -> np.ndarray:
    """Whether the account is a customer at each month's end."""
    status = np.zeros(12, dtype=bool)
    if position in CUSTOMERS:
        status[:] = True
    if position == CHURNING:
        status[:9] = True  # leaves at the end of September
    if position in WON:
        status[WON[position] - 1 :] = True
    if position in PROMOTION_WINS or position == SURGE_WIN:
        status[11] = True
    return status


def account_rows(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for position, account in enumerate(ACCOUNTS):
        tier = tier_of(position)
        owner = OWNERS[tier][position % 2]
        level = engagement_curve(position) * rng.uniform(0.7, 1.3) * (1.3 if tier == 1 else 1.0)
        customer = customer_months(position)
        for month in range(12):
            # A new account appears only in December: the one-month edge case, on purpose.
            if position == 59 and month < 11:
                continue
            engaged = level[month] * rng.uniform(0.85, 1.15)
            delivered = int(rng.poisson(CONTACTS[tier] * 4))
            opened = int(rng.binomial(delivered, min(0.9, 0.28 * engaged)))
            clicked = int(rng.binomial(opened, min(0.9, 0.16 * engaged)))
            views = int(rng.poisson(CONTACTS[tier] * 0.8 * engaged))
            forms = int(rng.poisson(0.25 * CONTACTS[tier] / 3 * engaged))
            started = customer[month - 1] if month else customer[0] and position != SURGE_WIN
            if position in WON or position in PROMOTION_WINS or position == SURGE_WIN:
                started = bool(customer[month - 1]) if month else False
            pipeline_push = position in SURGING and month >= 8
            calls = int(rng.poisson(0.15 * engaged)) + (1 if pipeline_push and month in (8, 9) else 0)
            demos = int(rng.poisson(0.05 * engaged)) + (1 if pipeline_push and month in (9, 10) else 0)
            opportunities = 1 if pipeline_push and month in (10, 11) and position != 41 else 0
            won = bool(customer[month] and not started)
            if position in WON and month == WON[position] - 2:
                opportunities = 1
            if position in PROMOTION_WINS and month == 10:
                opportunities = 1
            # Existing customers sometimes expand.
            expansion = bool(customer[month] and started and rng.random() < 0.04)
            deals = int(won) + int(expansion)
            revenue = sum(rng.lognormal(np.log(DEAL[tier] * (1 if won else 0.3)), 0.25) for _ in range(deals))
            rows.append(
                {
                    "Account": account,
                    "Tier": tier,
                    "Owner": owner,
                    "Month": MONTHS[month],
                    "Emails delivered": delivered,
                    "Unique opens": opened,
                    "Unique clicks": clicked,
                    "Content views": views,
                    "Engaged minutes": round(views * rng.uniform(2.0, 4.5), 1),
                    "Form fills": forms,
                    "New contacts": forms + int(rng.poisson(0.6)),
                    "Calls scheduled": calls,
                    "Demos scheduled": demos,
                    "Opportunities opened": opportunities,
                    "Deals won": deals,
                    "Won revenue": round(revenue, 2),
                    "Customer at start": "yes" if started else "no",
                    "Customer at end": "yes" if customer[month] else "no",
                }
            )
    return pd.DataFrame(rows)


def cta_rows(rng: np.random.Generator, activity: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for record in activity.to_dict("records"):
        position = ACCOUNTS.index(record["Account"])
        month = MONTHS.index(record["Month"])
        is_customer = record["Customer at start"] == "yes"
        for name, stage, promotion, ctr, cvr in CTAS:
            if promotion and month < 10:
                continue
            # Customers see the referral programme and the reports; prospects see the buying journey.
            if is_customer and stage not in ("Customer", "Awareness"):
                continue
            if not is_customer and stage == "Customer":
                continue
            impressions = int(rng.poisson(record["Unique opens"] * 3 + record["Content views"] * 2 + 5))
            clicks = int(rng.binomial(impressions, min(0.9, ctr * 3)))
            conversions = int(rng.binomial(clicks, cvr))
            if stage == "Qualified":
                conversions = max(conversions, record["Calls scheduled"])
            if stage == "Opportunity" and not promotion:
                conversions = max(conversions, record["Demos scheduled"])
            if promotion:
                conversions = 1 if position in PROMOTION_WINS and month == 10 else 0
            clicks = max(clicks, conversions)
            impressions = max(impressions, clicks)
            if impressions:
                rows.append(
                    {
                        "Account": record["Account"],
                        "Month": record["Month"],
                        "CTA": name,
                        "Journey stage": stage,
                        "Impressions": impressions,
                        "Clicks": clicks,
                        "Conversions": conversions,
                        "Promotion": "yes" if promotion else "no",
                    }
                )
    return pd.DataFrame(rows)


def nps_rows(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for position, account in enumerate(ACCOUNTS):
        customer = customer_months(position)
        if position == NO_SURVEY:
            continue
        for quarter_end in (2, 5, 8, 11):
            if not customer[quarter_end] and not (position == CHURNING and quarter_end == 8):
                continue
            for _ in range(int(rng.integers(1, 4))):
                if position == CHURNING:
                    score = int(rng.integers(2, 6)) if quarter_end >= 5 else int(rng.integers(5, 8))
                else:
                    score = int(rng.choice([6, 7, 8, 9, 9, 10, 10, 8, 9, 4]))
                day = int(rng.integers(3, 26))
                rows.append(
                    {"Account": account, "Date": f"{YEAR}-{quarter_end + 1:02d}-{day:02d}", "Score": score}
                )
    return pd.DataFrame(rows).sort_values(["Date", "Account"])


def write_samples(folder: Path) -> None:
    """Write the account activity, CTA events and NPS answers into `folder`."""
    rng = np.random.default_rng(SEED)
    activity = account_rows(rng)
    activity.to_csv(folder / "abm_accounts_2025.csv", index=False)
    cta_rows(rng, activity).to_csv(folder / "abm_cta_events_2025.csv", index=False)
    nps_rows(rng).to_csv(folder / "abm_nps_2025.csv", index=False)


def main() -> None:
    write_samples(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)


if __name__ == "__main__":
    main()
