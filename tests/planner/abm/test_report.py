"""The ABM report for a selection of accounts, and the README's ABM snippet."""

from planner.abm import (
    AbmSettings,
    abm_report,
)
from tests.planner.abm.rows import activity


def test_the_report_follows_the_tier_filter_and_says_when_nothing_matches():
    rows = activity(
        {"account": "A", "month": "2025-01", "emails_clicked": 1},
        {"account": "B", "month": "2025-01", "tier": "Tier 2", "emails_clicked": 1},
    )
    everyone = abm_report(rows, None, None, AbmSettings())
    tier_one = abm_report(rows, None, None, AbmSettings(tiers=("Tier 1",)))

    assert (everyone.accounts, tier_one.accounts) == (2, 1)
    assert list(tier_one.engagement.index) == ["A"]
    assert abm_report(rows, None, None, AbmSettings(tiers=("Tier 3",))) is None


def test_readme_abm_snippet_runs_from_the_project_root(monkeypatch, capsys):
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    monkeypatch.chdir(root)
    snippet = next(s for s in re.findall(r"```python\n(.*?)```", (root / "README.md").read_text(), re.DOTALL)
                   if "planner.abm" in s)  # fmt: skip

    exec(compile(snippet, "README.md", "exec"), {})

    printed = capsys.readouterr().out
    assert printed.startswith("0.0 0.9")
    assert "Kestrel Aerospace" in printed  # the tier-1 account that surged and signed in December
