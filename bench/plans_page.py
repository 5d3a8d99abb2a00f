"""How long the Plans page takes to run with many saved plans, against the same page with none.

Run: `.venv/bin/python bench/plans_page.py --plans 1000`. Each figure is the best of `--repeat` runs of
the page in Streamlit's AppTest, opened from the Overview (the script run the server does for a
browser, without the browser),
on a fresh SQLite store in a temporary folder. Target: under 2 s with 1,000 plans.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from streamlit.testing.v1 import AppTest  # noqa: E402

from planner.io.store import DATA_DIR_ENV, PlanStore  # noqa: E402
from planner.plan import example_plan, replace  # noqa: E402


def page_seconds(repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        start = time.perf_counter()
        at.switch_page("pages/plans.py").run()
        best = min(best, time.perf_counter() - start)
        assert not at.exception, at.exception
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ[DATA_DIR_ENV] = tempfile.mkdtemp(prefix="planner-bench-")
    empty = page_seconds(args.repeat)
    store, plan = PlanStore(), example_plan()
    for number in range(args.plans):
        store.create(replace(plan, name=f"Plan {number:04d}"))
    full = page_seconds(args.repeat)
    print(f"Plans page, no plans:      {empty:.2f} s")
    print(f"Plans page, {args.plans:,} plans: {full:.2f} s ({full / empty:.1f}x)")


if __name__ == "__main__":
    main()
