"""Build the sample exports (fixed seed): last year's channel table and a CRM contacts export.

Run from the project root: `.venv/bin/python sample_data/make_samples.py`. The story: blog/SEO,
webinars and referrals win customers cheaply; paid social buys cheap leads that rarely close;
trade shows cost more than they bring; paid search is solid but expensive.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
YEAR = 2025
SEED = 20251

# Per channel, a year: spend, sessions, then the rates session→lead→MQL→SQL→opp→customer,
# the average first-year deal, and how the spend falls across the months.
CHANNELS = {
    "Blog / SEO": (90_000, 420_000, (0.010, 0.25, 0.20, 0.40, 0.30), 60_000, "even"),
    "Paid search": (480_000, 160_000, (0.020, 0.30, 0.25, 0.40, 0.31), 65_000, "even"),
    "Paid social": (300_000, 150_000, (0.030, 0.15, 0.10, 0.30, 0.30), 55_000, "even"),
    "Email": (40_000, 60_000, (0.010, 0.40, 0.25, 0.40, 0.33), 60_000, "even"),
    "Organic social": (20_000, 40_000, (0.010, 0.15, 0.20, 0.35, 0.25), 50_000, "even"),
    "Trade shows & events": (350_000, 5_000, (0.240, 0.25, 0.30, 0.33, 0.17), 50_000, "events"),
    "Webinars": (60_000, 25_000, (0.060, 0.30, 0.20, 0.40, 0.28), 65_000, "quarterly"),
    "Product demo videos": (45_000, 30_000, (0.015, 0.30, 0.30, 0.40, 0.31), 64_000, "even"),
    "Referrals": (15_000, 8_000, (0.040, 0.50, 0.50, 0.53, 0.40), 70_000, "even"),
}
SEASON = np.array([0.8, 0.9, 1.1, 1.1, 1.0, 0.9, 0.7, 0.8, 1.2, 1.2, 1.2, 1.0])
PATTERNS = {
    "even": SEASON,
    "events": np.array([0, 0, 3, 0, 2, 0, 0, 0, 3, 2, 0, 0], dtype=float),
    "quarterly": np.array([0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1], dtype=float) * SEASON,
}


def channel_table(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for channel, (spend, sessions, rates, deal, pattern) in CHANNELS.items():
        weights = PATTERNS[pattern] / PATTERNS[pattern].sum()
        # Events bring their visits and leads in the months they happen; other channels follow the season.
        volume_weights = weights if pattern != "even" else SEASON / SEASON.sum()
        for month in range(12):
            volumes = [int(rng.poisson(sessions * volume_weights[month]))]
            for rate in rates:
                volumes.append(int(rng.binomial(volumes[-1], rate)))
            revenue = float(rng.lognormal(np.log(deal), 0.35, size=volumes[-1]).sum())
            month_spend = spend * weights[month] * rng.uniform(0.95, 1.05)
            rows.append(
                {
                    "Channel": channel,
                    "Month": f"{YEAR}-{month + 1:02d}",
                    "Cost": f"{month_spend:,.2f}",
                    "Sessions": volumes[0],
                    "Leads": volumes[1],
                    "MQLs": volumes[2],
                    "SQLs": volumes[3],
                    "Opportunities": volumes[4],
                    "Deals won": volumes[5],
                    "Revenue": f"{revenue:,.2f}",
                    "Demo requests": int(rng.binomial(volumes[2], 0.3)),
                }
            )
    return pd.DataFrame(rows)


# HubSpot's "Original Source" values, with how many contacts each brings and their stage rates.
CRM_SOURCES = {
    "Organic Search": (1200, (0.25, 0.20, 0.40, 0.30)),
    "Paid Search": (900, (0.30, 0.25, 0.40, 0.31)),
    "Paid Social": (1100, (0.15, 0.10, 0.30, 0.30)),
    "Email Marketing": (250, (0.40, 0.25, 0.40, 0.33)),
    "Social Media": (150, (0.15, 0.20, 0.35, 0.25)),
    "Offline Sources": (300, (0.25, 0.30, 0.33, 0.17)),
    "Referrals": (120, (0.50, 0.50, 0.53, 0.40)),
    "Direct Traffic": (200, (0.20, 0.20, 0.40, 0.30)),
}
# Median days from each stage to the next: lead→MQL, MQL→SQL, SQL→opportunity, opportunity→customer.
CRM_LAGS = (7, 14, 14, 90)


def crm_export(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    start = pd.Timestamp(f"{YEAR - 1}-10-01")
    days_in_window = (pd.Timestamp(f"{YEAR}-12-31") - start).days
    contact_id = 100_000
    for source, (count, rates) in CRM_SOURCES.items():
        for _ in range(count):
            contact_id += 1
            created = start + pd.Timedelta(days=int(rng.integers(0, days_in_window)))
            dates = [created]
            for rate, lag in zip(rates, CRM_LAGS, strict=True):
                if rng.random() > rate:
                    break
                next_date = dates[-1] + pd.Timedelta(days=int(rng.gamma(2.0, lag / 2.0)) + 1)
                if next_date > pd.Timestamp(f"{YEAR}-12-31"):
                    break
                dates.append(next_date)
            stage = ("lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer")[
                len(dates) - 1
            ]
            row = {
                "Contact ID": contact_id,
                "Original Source": source,
                "Lifecycle Stage": stage,
                "Create Date": created.strftime("%Y-%m-%d %H:%M"),
            }
            names = (
                "Became a Lead Date",
                "Became a Marketing Qualified Lead Date",
                "Became a Sales Qualified Lead Date",
                "Became an Opportunity Date",
                "Became a Customer Date",
            )
            for i, name in enumerate(names):
                row[name] = dates[i].strftime("%Y-%m-%d %H:%M") if i < len(dates) else ""
            row["Amount"] = f"{rng.lognormal(np.log(60_000), 0.35):.2f}" if len(dates) == 5 else ""
            rows.append(row)
    return pd.DataFrame(rows).sort_values("Create Date", kind="stable").reset_index(drop=True)


def main() -> None:
    rng = np.random.default_rng(SEED)
    channel_table(rng).to_csv(HERE / "channels_2025.csv", index=False)
    crm_export(rng).to_csv(HERE / "crm_contacts_2025.csv", index=False)


if __name__ == "__main__":
    main()
