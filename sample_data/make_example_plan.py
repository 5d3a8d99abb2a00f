"""Write `example_plan.json`: the domain brief's worked example as a full plan file.

Run from the project root: `.venv/bin/python sample_data/make_example_plan.py`. The file is
what `planner.plan.example_plan()` holds, so rerun this after the plan model grows.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from planner.io.plan_file import plan_to_json  # noqa: E402
from planner.plan import example_plan  # noqa: E402

OUT = HERE / "example_plan.json"


def example_plan_json() -> str:
    return plan_to_json(example_plan())


if __name__ == "__main__":
    OUT.write_text(example_plan_json(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(HERE.parent)}")
