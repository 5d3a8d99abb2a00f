"""The README's API snippet runs as written and prints the worked example."""

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_snippet_runs_and_prints_the_worked_example():
    snippet = re.search(r"```python\n(.*?)```", README.read_text(), re.DOTALL).group(1)
    output = io.StringIO()

    with contextlib.redirect_stdout(output):
        exec(compile(snippet, "README.md", "exec"), {})

    printed = output.getvalue()
    assert printed.startswith("10 $10.0M ÷ $1.1M = 9.09 new customers.")
    assert "0.72" in printed
    assert "6250 [8334, 125, 25, 5, 2, 1]" in printed


def test_readme_names_the_two_commands():
    text = README.read_text()

    assert "make run" in text and "make test" in text
