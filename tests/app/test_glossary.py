"""The glossary: the planner's words, one line each, reachable from every page, at a desk and on a shared screen."""

import pytest

from planner.glossary import GLOSSARY
from tests.app.conftest import shown
from ui.frame import PAGES

WORDS = ("Visit", "Lead", "MQL", "SQL", "Opportunity", "CAC", "ROI", "ROAS", "pp vs %")


def glossary_lines(at) -> list[str]:
    return [shown(m.value) for m in at.markdown if shown(m.value).startswith("**")]


@pytest.mark.parametrize("script", [script for script, _, _ in PAGES])
@pytest.mark.parametrize("present", [False, True])
def test_every_page_offers_the_glossary_with_the_planners_words(app, script, present):
    at = app()
    if present:
        at.query_params["present"] = "1"
    at.switch_page(script).run()

    assert not at.exception
    lines = glossary_lines(at)
    for word in WORDS:
        assert any(line.startswith(f"**{word}") for line in lines), f"{word} missing on {script}"


def test_the_glossary_tells_points_from_percent_with_numbers_that_add_up():
    [term] = [t for t in GLOSSARY if t.word == "pp vs %"]
    assert "20% + 2 pp is 22%" in term.meaning and "20.4%" in term.meaning
    assert all(len(t.meaning) < 200 and t.meaning.endswith(".") for t in GLOSSARY)
