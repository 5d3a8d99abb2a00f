"""The README's API snippet runs as written and prints the worked example."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_snippet_runs_and_prints_the_worked_example():
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet("customers_needed"), "README.md", "exec"), {})

    printed = output.getvalue()
    assert printed.startswith("10 $10,000,000 ÷ $1,100,000 = 9.09 new customers.")
    assert "0.72" in printed
    assert "6250 [8334, 125, 25, 5, 2, 1]" in printed


def test_readme_names_the_two_commands():
    text = README.read_text()

    assert "make run" in text and "make test" in text


def test_readme_review_snippet_runs_from_the_project_root(monkeypatch):
    monkeypatch.chdir(README.parent)
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet("channel_summary"), "README.md", "exec"), {})

    assert "Trade shows & events" in output.getvalue() and "cut" in output.getvalue()


def snippet(containing: str) -> str:
    """The README's Python snippet that contains `containing`."""
    return next(
        s for s in re.findall(r"```python\n(.*?)```", README.read_text(), re.DOTALL) if containing in s
    )


def test_readme_roadmap_snippet_prints_the_review_dates():
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet("planner.roadmap"), "README.md", "exec"), {})

    assert "mid_quarter=datetime.date(2026, 8, 15), final=datetime.date(2026, 9, 16)" in output.getvalue()
    assert output.getvalue().strip().endswith("[]")


def test_readme_plan_file_snippet_runs_from_the_project_root(monkeypatch):
    monkeypatch.chdir(README.parent)
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet("PlanFileError"), "README.md", "exec"), {})

    printed = output.getvalue().splitlines()
    assert printed[0] == "Worked example: inbound plan 1100000.0"
    assert printed[1].startswith("channels_2025.csv: This file is not valid JSON (line 1, column 1:")


def test_readme_and_docs_stand_alone():
    """Users get the repository only: nothing they read may point outside it, and every link resolves."""
    root = README.parent
    texts = [README, *(root / "docs").glob("*.md"), root / "sample_data" / "README.md"]
    for path in texts:
        text = path.read_text()
        assert "../" not in text, f"{path.name} points outside the repository"
        for target in re.findall(r"\]\(([^)#]+)\)", text):
            if not target.startswith(("http://", "https://")):
                assert (path.parent / target).exists(), f"{path.name} links to missing {target}"


def test_readme_sample_company_snippet_checks_the_plan_against_last_year(monkeypatch):
    monkeypatch.chdir(README.parent)
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet("check_plan"), "README.md", "exec"), {})

    printed = output.getvalue().splitlines()
    assert printed[0] == "110.0 True"
    assert printed[1].startswith("Last year's channels spent $1.4M") and "$1.7M" in printed[1]
