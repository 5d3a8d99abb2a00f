"""AppTest helpers: start from app.py as Streamlit does, then switch to the page under test."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.markdown import WORD_JOINER

ROOT = Path(__file__).resolve().parents[2]


def open_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_link(plan_id: str, page: str | None = None) -> AppTest:
    """A new browser session opening the plan's link (a reload, a second tab, a colleague)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["plan"] = plan_id
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def editors(at: AppTest) -> list:
    """The page's table editors: AppTest files `st.data_editor` as a dataframe, only its editing mode differs."""
    return [table for table in at.dataframe if table.proto.editing_mode != table.proto.EditingMode.READ_ONLY]


def open_expander(at: AppTest, key: str) -> AppTest:
    """Open an expander whose contents are drawn only while open (`ui.widgets.opened`), as a click does."""
    at.session_state[key] = True
    return at.run()


@pytest.fixture
def app():
    return open_app


def shown(value: str) -> str:
    """What a reader sees of Markdown source the app escaped with `ui.markdown.plain`: the backslashes
    before punctuation and the invisible word joiners gone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", value).replace(WORD_JOINER, "")
