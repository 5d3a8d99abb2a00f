"""Time and peak memory of reading a 50 MB channel table (and the ABM files at their limits), next to pandas.read_csv.

Run: `.venv/bin/python bench/big_files.py [--repeat 3] [--kinds channels accounts cta nps]`. Each
file is generated (fixed seed) into a temporary folder at its kind's upload limit and deleted
afterwards; it is never committed. Each measurement runs in a fresh Python process so peak
memory (VmHWM) belongs to that read alone. Target: the channel table in under 10 s and under
1 GB, whatever the bare read takes.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from planner.io.limits import LIMITS, MB  # noqa: E402

MONTHS = np.array([f"2025-{m:02d}" for m in range(1, 13)])


def _funnel(rng: np.random.Generator, rows: int) -> dict[str, np.ndarray]:
    """Volumes that narrow down the funnel, as a channel export writes them."""
    sessions = rng.integers(1_000, 200_000, rows)
    leads = sessions // rng.integers(20, 200, rows)
    mqls = leads // rng.integers(2, 5, rows)
    sqls = mqls // rng.integers(2, 5, rows)
    opportunities = sqls // 2
    customers = opportunities // rng.integers(2, 6, rows)
    return {"Sessions": sessions, "Leads": leads, "MQLs": mqls, "SQLs": sqls, "Opportunities": opportunities,
            "Deals won": customers}  # fmt: skip


def channels(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """A channel table by month: a channel per twelve rows, spend, the funnel, revenue."""
    volumes = _funnel(rng, rows)
    return pd.DataFrame(
        {
            "Channel": np.char.add("Channel ", (np.arange(rows) // 12).astype(str)),
            "Month": MONTHS[np.arange(rows) % 12],
            "Cost": np.round(rng.uniform(100, 50_000, rows), 2),
            **volumes,
            "Revenue": np.round(volumes["Deals won"] * rng.uniform(10_000, 90_000, rows), 2),
        }
    )


def accounts(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """Account activity by month: tiers, owners, email engagement, content, forms, deals, customer flags."""
    delivered = rng.integers(0, 500, rows)
    opened = (delivered * rng.uniform(0, 0.6, rows)).astype(int)
    return pd.DataFrame(
        {
            "Account": np.char.add("Account ", (np.arange(rows) // 12).astype(str)),
            "Tier": rng.integers(1, 4, rows),
            "Owner": np.char.add("Owner ", rng.integers(1, 40, rows).astype(str)),
            "Month": MONTHS[np.arange(rows) % 12],
            "Emails delivered": delivered,
            "Unique opens": opened,
            "Unique clicks": (opened * rng.uniform(0, 0.4, rows)).astype(int),
            "Content views": rng.integers(0, 80, rows),
            "Engaged minutes": np.round(rng.uniform(0, 300, rows), 1),
            "Form fills": rng.integers(0, 6, rows),
            "Demos scheduled": rng.integers(0, 3, rows),
            "Deals won": rng.integers(0, 2, rows),
            "Won revenue": np.round(rng.uniform(0, 200_000, rows), 2),
            "Customer at start": np.where(rng.random(rows) < 0.2, "yes", "no"),
            "Customer at end": np.where(rng.random(rows) < 0.25, "yes", "no"),
        }
    )


def cta(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """Call-to-action results: each account's offers by month, with the journey stage each serves."""
    impressions = rng.integers(10, 5_000, rows)
    clicks = (impressions * rng.uniform(0, 0.2, rows)).astype(int)
    stages = np.array(["Awareness", "Consideration", "Decision", "Retention", "Qualified"])
    return pd.DataFrame(
        {
            "Account": np.char.add("Account ", (np.arange(rows) // 60).astype(str)),
            "Month": MONTHS[(np.arange(rows) // 5) % 12],
            "CTA": np.char.add("Offer ", (np.arange(rows) % 5).astype(str)),
            "Journey stage": stages[np.arange(rows) % 5],
            "Impressions": impressions,
            "Clicks": clicks,
            "Conversions": (clicks * rng.uniform(0, 0.5, rows)).astype(int),
            "Promotion": np.where(rng.random(rows) < 0.3, "yes", "no"),
        }
    )


def nps(rows: int, rng: np.random.Generator) -> pd.DataFrame:
    """NPS answers: respondent, account, the day answered and the score."""
    days = np.datetime64("2025-01-01") + rng.integers(0, 365, rows).astype("timedelta64[D]")
    return pd.DataFrame(
        {
            "Respondent": np.char.add("person", np.arange(rows).astype(str)),
            "Account": np.char.add("Account ", rng.integers(0, 20_000, rows).astype(str)),
            "Date": np.datetime_as_string(days),
            "Score": rng.integers(0, 11, rows),
        }
    )


MAKERS = {"channels": channels, "accounts": accounts, "cta": cta, "nps": nps}
READERS = {"channels": "read_channel_file", "accounts": "read_accounts_file", "cta": "read_cta_file",
           "nps": "read_nps_file"}  # fmt: skip


def generate(kind: str, path: Path, size: int, seed: int = 7) -> int:
    """Write a `kind` export of just under `size` bytes to `path`; its rows."""
    rows = 100_000
    while True:
        MAKERS[kind](rows, np.random.default_rng(seed)).to_csv(path, index=False)
        written = path.stat().st_size
        if 0.99 * size <= written <= size:
            return rows
        rows = int(rows * 0.995 * size / written)


BARE = "import pandas\nresult = len(pandas.read_csv(PATH))"
READ = "import planner.io\nresult = len(planner.io.{reader}(PATH).table)"


def measure(code: str, path: Path) -> dict:
    """Run `code` in a fresh interpreter; its seconds (imports excluded) and peak resident memory in MiB."""
    script = f"""
import json, re, time
PATH = {str(path)!r}
def high_water_mib():
    # VmHWM is this process's own peak; ru_maxrss would carry over the parent's across exec.
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) / 1024
import pandas, pyarrow, planner.io
before = high_water_mib()
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mib": high_water_mib(), "baseline_mib": before, "rows": result}}))
"""
    output = subprocess.run([sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--kinds", nargs="+", default=list(MAKERS), choices=list(MAKERS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds:
            path = Path(folder) / f"{kind}.csv"
            rows = generate(kind, path, LIMITS[kind].max_bytes)
            print(f"{kind}: {rows:,} rows, {path.stat().st_size / MB:.1f} MB (limit {LIMITS[kind].max_mb} MB)")
            code = READ.format(reader=READERS[kind])
            bare = min((measure(BARE, path) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            read = min((measure(code, path) for _ in range(args.repeat)), key=lambda r: r["seconds"])
            for name, result in (("pandas.read_csv", bare), (READERS[kind], read)):
                print(
                    f"  {name:<20} {result['seconds']:6.2f} s   peak RSS {result['peak_mib']:6.0f} MiB "
                    f"(+{result['peak_mib'] - result['baseline_mib']:.0f} MiB over imports)"
                )
            print(f"  ratio {read['seconds'] / bare['seconds']:.2f}x the bare read (best of {args.repeat})")


if __name__ == "__main__":
    main()
