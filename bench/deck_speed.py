"""Time to build the full deck from the example plan (with the sample review and ABM files), cold and warm kaleido.

Run: `.venv/bin/python bench/deck_speed.py --repeat 5`. Needs Chromium for the picture charts.
Cold: a fresh Python process, so the time includes imports, reading the sample files and starting
Chromium once. Warm: the same process again with the files already read (what the app pays on a
second "Download deck": its files are in memory). Target: under 5 s warm.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from planner import example_plan  # noqa: E402
from planner.export import AbmData, ReviewData, build_deck  # noqa: E402
from planner.io import (  # noqa: E402
    read_account_activity,
    read_channel_table,
    read_cta_events,
    read_nps_responses,
)
from planner.io.images import images_available, render  # noqa: E402
from planner.review import channel_summary  # noqa: E402

SAMPLES = ROOT / "sample_data"
SAMPLE = SAMPLES / "channels_2025.csv"
COLD = """
import sys, time
sys.path.insert(0, {bench!r})
start = time.perf_counter()
from deck_speed import build
build()
print(time.perf_counter() - start)
"""


def inputs() -> tuple[ReviewData, AbmData]:
    """The sample review and ABM files, read as the app has them in memory when "Download deck" is clicked."""
    review = ReviewData(channel_summary(read_channel_table(SAMPLE)), 12, SAMPLE.name)
    abm = AbmData(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        "abm_accounts_2025.csv",
    )
    return review, abm


def build(loaded: tuple[ReviewData, AbmData] | None = None) -> bytes:
    review, abm = loaded or inputs()
    return build_deck(example_plan(), review, abm=abm, today=date.today(), render_picture=render)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not images_available():
        sys.exit("No Chromium: install it (sudo apt-get install chromium) to time the picture charts.")
    cold = [
        float(subprocess.run([sys.executable, "-c", COLD.format(bench=str(ROOT / "bench"))], check=True, capture_output=True, text=True).stdout)
        for _ in range(max(args.repeat // 2, 1))
    ]  # fmt: skip
    loaded = inputs()
    build(loaded)  # start Chromium in this process
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        deck = build(loaded)
        warm.append(time.perf_counter() - start)
    print(f"deck: {len(deck) // 1024} KB")
    print(
        f"cold (new process, imports + Chromium start + deck)  median {statistics.median(cold):.2f} s  {cold}"
    )
    print(f"warm (Chromium already running)                      median {statistics.median(warm):.2f} s  "
          f"min {min(warm):.2f} max {max(warm):.2f}  (target < 5 s)")  # fmt: skip


if __name__ == "__main__":
    main()
