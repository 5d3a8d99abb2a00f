"""Time to build the full deck from the example plan (with last year's sample review), cold and warm kaleido.

Run: `.venv/bin/python bench/deck_speed.py --repeat 5`. Needs Chromium for the picture charts.
Cold: a fresh Python process, so the time includes starting Chromium once. Warm: the same process
again (what the app pays on a second "Download deck"). Target: under 5 s warm.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from planner import example_plan  # noqa: E402
from planner.export import ReviewData, build_deck  # noqa: E402
from planner.images import images_available  # noqa: E402
from planner.io import read_channel_table  # noqa: E402
from planner.review import channel_summary  # noqa: E402

SAMPLE = ROOT / "sample_data" / "channels_2025.csv"
COLD = """
import sys, time
sys.path.insert(0, {bench!r})
start = time.perf_counter()
from deck_speed import build
build()
print(time.perf_counter() - start)
"""


def build() -> bytes:
    review = ReviewData(channel_summary(read_channel_table(SAMPLE)), 12, SAMPLE.name)
    return build_deck(example_plan(), review)


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
    build()  # start Chromium in this process
    warm = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        deck = build()
        warm.append(time.perf_counter() - start)
    print(f"deck: {len(deck) // 1024} KB")
    print(
        f"cold (new process, imports + Chromium start + deck)  median {statistics.median(cold):.2f} s  {cold}"
    )
    print(f"warm (Chromium already running)                      median {statistics.median(warm):.2f} s  "
          f"min {min(warm):.2f} max {max(warm):.2f}  (target < 5 s)")  # fmt: skip


if __name__ == "__main__":
    main()
