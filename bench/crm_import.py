"""Time and peak memory of importing a 1,000,000-contact CRM export, next to Arrow's bare CSV read.

Run: `.venv/bin/python bench/crm_import.py [--contacts 1000000]`. The export is generated (fixed seed)
into a temporary folder and deleted afterwards; it is never committed. Each measurement runs in a
fresh Python process so peak memory (max RSS) belongs to that step alone. Target: the whole import
(read, parse dates and amounts, per-channel funnel, time in stage) within 2x the bare read.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

ROOT = Path(__file__).resolve().parents[1]
SOURCES = np.array(["Organic Search", "Paid Search", "Paid Social", "Email Marketing", "Social Media",
                    "Offline Sources", "Referrals", "Direct Traffic"])  # fmt: skip
STAGE_RATES = (0.3, 0.25, 0.4, 0.3)
LAG_DAYS = (7, 14, 14, 90)


def generate(path: Path, contacts: int, seed: int = 7) -> None:
    """A HubSpot-shaped contacts export: source, lifecycle stage, stage dates, deal amount."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2024-10-01T00:00")
    lead = start + rng.integers(0, 455 * 24 * 60, contacts).astype("timedelta64[m]")
    columns = {
        "Contact ID": np.arange(1, contacts + 1),
        "Original Source": SOURCES[rng.integers(0, len(SOURCES), contacts)],
    }
    reached = np.ones(contacts, dtype=bool)
    dates = [lead]
    for rate, lag in zip(STAGE_RATES, LAG_DAYS, strict=True):
        reached &= rng.random(contacts) < rate
        dates.append(dates[-1] + (rng.gamma(2.0, lag / 2.0, contacts) * 24 * 60).astype("timedelta64[m]"))
        dates[-1] = np.where(reached, dates[-1], np.datetime64("NaT"))
    names = ("Became a Lead Date", "Became a Marketing Qualified Lead Date", "Became a Sales Qualified Lead Date",
             "Became an Opportunity Date", "Became a Customer Date")  # fmt: skip
    stage_names = np.array(
        ["lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer"]
    )
    columns["Lifecycle Stage"] = stage_names[sum((~np.isnat(d)).astype(int) for d in dates[1:])]
    for name, values in zip(names, dates, strict=True):
        text = np.datetime_as_string(values, unit="m").astype(object)
        text[np.isnat(values)] = None
        columns[name] = pa.array(text, type=pa.string())
    amount = np.round(rng.lognormal(np.log(60_000), 0.35, contacts), 2)
    columns["Amount"] = pa.array(np.where(np.isnat(dates[-1]), np.nan, amount), from_pandas=True)
    pacsv.write_csv(pa.table(columns), path)


BARE = """
import pyarrow.csv as pacsv
table = pacsv.read_csv(PATH)
rows = table.num_rows
"""
IMPORT = """
from planner.io import read_crm_export
from planner.review import crm_channel_table, time_in_stage
contacts = read_crm_export(PATH)
channels = crm_channel_table(contacts, 2025)
times = time_in_stage(contacts, 2025)
rows = len(contacts)
"""


def measure(code: str, path: Path) -> dict:
    """Run `code` in a fresh interpreter; its seconds (imports excluded) and peak resident memory in MiB."""
    script = f"""
import json, re, time
PATH = {str(path)!r}
def high_water_mib():
    # VmHWM is this process's own peak; ru_maxrss would carry over the parent's across exec.
    status = open("/proc/self/status").read()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024
import pandas, pyarrow.csv, planner.io, planner.review
before = high_water_mib()
start = time.perf_counter()
{code}
seconds = time.perf_counter() - start
print(json.dumps({{"seconds": seconds, "peak_mib": high_water_mib(), "baseline_mib": before, "rows": rows}}))
"""
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.csv"
        generate(path, args.contacts)
        print(f"Export: {args.contacts:,} contacts, {path.stat().st_size / 2**20:.0f} MiB")
        bare = min((measure(BARE, path) for _ in range(args.repeat)), key=lambda r: r["seconds"])
        full = min((measure(IMPORT, path) for _ in range(args.repeat)), key=lambda r: r["seconds"])
    for name, result in (("Arrow bare read", bare), ("Full import", full)):
        print(
            f"{name:<16} {result['seconds']:6.2f} s   peak RSS {result['peak_mib']:6.0f} MiB "
            f"(+{result['peak_mib'] - result['baseline_mib']:.0f} MiB over imports), rows {result['rows']:,}"
        )
    print(
        f"Ratio (full import / bare read, best of {args.repeat}): {full['seconds'] / bare['seconds']:.2f}x  (target <= 2x)"
    )


if __name__ == "__main__":
    main()
