"""Build Quayline's 2025 channel table and the HubSpot contacts export that agrees with it (fixed seeds).

Run from the project root: `.venv/bin/python sample_data/make_samples.py [FOLDER]` (this folder by
default). Quayline is a fictional B2B software company whose dispatch and yard-planning platform
sells to logistics and operations teams. In 2025 it spent $1.40M on nine marketing channels and
won 110 new customers worth $7.45M in first-year revenue, about $68K each: blog/SEO, webinars
and referrals win customers cheaply; paid social buys cheap leads that rarely close; trade shows
cost more than they bring; paid search is solid but expensive.

The CRM export, pulled on 2 February 2026, holds every contact who became a lead since July
2024. Its stage dates that fall in 2025 give the channel table's leads, MQLs, SQLs,
opportunities and customers for every channel and month, and its 2025 won amounts the table's
revenue to the cent; late-2024 leads feed early-2025 stages and some late-2025 leads move on in
January 2026, so following 2025's leads (the cohort) gives fewer customers than 2025's activity.
"""

from __future__ import annotations

import sys
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


# The CRM export holds contacts who became leads from July 2024 until it was pulled.
EXPORTED = np.datetime64("2026-02-02T07:30", "m")
CRM_SEED = 20252
FIRST_MONTH = pd.Timestamp(f"{YEAR - 1}-07-01")
PRIOR_YEAR = 0.9  # late 2024 ran at about 90% of the same months of 2025
# Per stage: the CRM's column, HubSpot's lifecycle stage, the channel table's column, and the
# first month of 2024 with entries (deeper stages start later, so their entries have a history).
CRM_STAGES = (
    ("Became a Lead Date", "lead", "Leads", 7),
    ("Became a Marketing Qualified Lead Date", "marketingqualifiedlead", "MQLs", 7),
    ("Became a Sales Qualified Lead Date", "salesqualifiedlead", "SQLs", 8),
    ("Became an Opportunity Date", "opportunity", "Opportunities", 8),
    ("Became a Customer Date", "customer", "Deals won", 10),
)
# Days from each stage to the next (lead→MQL, MQL→SQL, SQL→opportunity, opportunity→customer):
# a gamma of this shape and mean, so medians of about 7, 14, 14 and 70 days.
CRM_LAGS = ((2.0, 8.0), (3.0, 15.0), (3.0, 15.0), (9.0, 72.0))
DAY = np.timedelta64(1, "D")
MINUTE = np.timedelta64(1, "m")
NEVER = np.timedelta64(2**62, "m")


def crm_months() -> list[pd.Timestamp]:
    """The first day of every month the export has leads in: July 2024 to December 2025."""
    return list(pd.date_range(FIRST_MONTH, f"{YEAR}-12-01", freq="MS"))


def bounds(month: pd.Timestamp) -> tuple[np.datetime64, np.datetime64]:
    """The month's first minute and the next month's first minute."""
    following = month + pd.offsets.MonthBegin()
    return np.datetime64(month.date(), "m"), np.datetime64(following.date(), "m")


def month_targets(rows: pd.DataFrame, rng: np.random.Generator) -> dict[str, dict[pd.Timestamp, int]]:
    """Entries per stage and month: the channel table's in 2025, about 90% of the same month's in 2024."""
    targets = {}
    for _, _, column, first_month in CRM_STAGES:
        per_month = {}
        for month in crm_months():
            count = int(rows.loc[f"{YEAR}-{month.month:02d}", column])
            if month.year < YEAR:
                count = int(rng.binomial(count, PRIOR_YEAR)) if month.month >= first_month else 0
            per_month[month] = count
        targets[column] = per_month
    return targets


def moments_in(month: pd.Timestamp, count: int, rng: np.random.Generator, show: bool = False) -> np.ndarray:
    """`count` moments in office hours in `month`, sorted; on the three days of a trade show if `show`."""
    if show:
        days = int(rng.integers(4, 20)) + rng.integers(0, 3, count)
    else:
        days = rng.integers(0, month.days_in_month, count)
    minutes = rng.integers(8 * 60, 18 * 60, count)
    return np.sort(bounds(month)[0] + days * DAY + minutes * MINUTE)


def lag_minutes(lag: tuple[float, float], rng: np.random.Generator) -> np.timedelta64:
    shape, mean = lag
    return max(1, int(rng.gamma(shape, mean / shape) * 24 * 60)) * MINUTE


def follow_up(
    above: np.ndarray, months: dict[pd.Timestamp, int], lag: tuple[float, float], rng: np.random.Generator
) -> np.ndarray:
    """When contacts of the stage above (their dates `above`) reach this stage: `months` entries per month.

    Each entry goes to the contact not yet moved on whose date is nearest the entry's less a
    drawn lag and at least a day before it; when every such contact is taken (a trade show's
    month), the entry moves to a day after the contact's date, still in its month, so every
    month keeps its count. NaT for the contacts that stay.
    """
    moved = np.full(len(above), np.datetime64("NaT"), dtype="datetime64[m]")
    for month, count in months.items():
        month_end = bounds(month)[1]
        for entry in moments_in(month, count, rng):
            wanted = entry - lag_minutes(lag, rng)
            free = np.isnat(moved) & ~np.isnat(above)
            candidates = free & (above <= entry - DAY)
            if not candidates.any():
                candidates = free & (above < month_end - DAY)
            if not candidates.any():
                raise ValueError(f"{month:%Y-%m}: more entries than contacts at the stage above")
            chosen = int(np.argmin(np.where(candidates, np.abs(above - wanted), NEVER)))
            moved[chosen] = max(entry, above[chosen] + DAY)
    return moved


def move_on_after_the_year(
    above: np.ndarray, moved: np.ndarray, rate: float, lag: tuple[float, float], rng: np.random.Generator
) -> None:
    """Contacts of late 2025 still at the stage above that move on in 2026, before the export (in place)."""
    year_end = np.datetime64(f"{YEAR + 1}-01-01", "m")
    for index in np.flatnonzero(np.isnat(moved) & (above >= np.datetime64(f"{YEAR}-07-01", "m"))):
        moment = above[index] + lag_minutes(lag, rng)
        if rng.random() < rate and year_end <= moment < EXPORTED:
            moved[index] = moment


def split_cents(total: float, count: int, rng: np.random.Generator) -> np.ndarray:
    """`total` split into `count` deal amounts of similar size that add up to it to the cent."""
    cents = round(total * 100)
    weights = rng.lognormal(0.0, 0.35, count)
    parts = np.floor(cents * weights / weights.sum()).astype(np.int64)
    parts[: cents - int(parts.sum())] += 1
    return parts / 100


def channel_contacts(channel: str, rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One channel's contacts: stage dates giving its table row's counts in each month of 2025, and amounts."""
    _, _, rates, deal, pattern = CHANNELS[channel]
    targets = month_targets(rows, rng)
    leads = [moments_in(month, n, rng, show=pattern == "events") for month, n in targets["Leads"].items()]
    dates = {CRM_STAGES[0][0]: np.concatenate(leads)}
    steps = zip(CRM_STAGES[:-1], CRM_STAGES[1:], rates[1:], CRM_LAGS, strict=True)
    for (above, *_), (column, _, table_column, _), rate, lag in steps:
        dates[column] = follow_up(dates[above], targets[table_column], lag, rng)
        move_on_after_the_year(dates[above], dates[column], rate, lag, rng)
    won = dates[CRM_STAGES[-1][0]]
    amounts = np.full(len(won), np.nan)
    revenue = rows["Revenue"].str.replace(",", "").astype(float)
    for month in [*crm_months(), pd.Timestamp(f"{YEAR + 1}-01-01")]:
        start, end = bounds(month)
        in_month = np.flatnonzero((won >= start) & (won < end))
        if month.year == YEAR:
            amounts[in_month] = split_cents(revenue[f"{YEAR}-{month.month:02d}"], len(in_month), rng)
        else:
            # Deals won outside 2025 are in no table: drawn like the channel's deals.
            amounts[in_month] = np.round(rng.lognormal(np.log(deal), 0.35, len(in_month)), 2)
    contacts = pd.DataFrame(dates)
    contacts.insert(0, "Original Source", channel)
    contacts["Amount"] = amounts
    return contacts


def crm_export(table: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """HubSpot's contacts export: one row per lead, oldest first, with its source, stage dates and won amount."""
    by_channel = table.groupby("Channel", sort=False)
    contacts = pd.concat(
        [channel_contacts(str(channel), rows.set_index("Month"), rng) for channel, rows in by_channel],
        ignore_index=True,
    )
    dated = [column for column, *_ in CRM_STAGES]
    contacts = contacts.sort_values(dated[0], kind="stable").reset_index(drop=True)
    deepest = contacts[dated].notna().sum(axis=1).to_numpy() - 1
    export = pd.DataFrame(
        {
            "Contact ID": np.arange(100_001, 100_001 + len(contacts)),
            "Original Source": contacts["Original Source"],
            "Lifecycle Stage": np.array([stage for _, stage, *_ in CRM_STAGES])[deepest],
            "Create Date": contacts[dated[0]].dt.strftime("%Y-%m-%d %H:%M"),
        }
    )
    for column in dated:
        export[column] = contacts[column].dt.strftime("%Y-%m-%d %H:%M").fillna("")
    export["Amount"] = [f"{amount:.2f}" if amount == amount else "" for amount in contacts["Amount"]]
    return export


def write_samples(folder: Path) -> None:
    """Write the channel table and the CRM export into `folder`."""
    table = channel_table(np.random.default_rng(SEED))
    table.to_csv(folder / "channels_2025.csv", index=False)
    crm_export(table, np.random.default_rng(CRM_SEED)).to_csv(folder / "crm_contacts_2025.csv", index=False)


def main() -> None:
    write_samples(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)


if __name__ == "__main__":
    main()
