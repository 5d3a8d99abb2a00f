"""Downloads under every chart and main table, the deck button, and presentation mode without inputs."""

import pytest
from streamlit.testing.v1 import AppTest

from planner.io import images as images_module
from planner.io.images import INSTALL_HINT
from tests.app.conftest import ROOT, editors, shown
from tests.app.test_pages import metric, open_tab


def labels(at) -> list[str]:
    return [b.proto.label for b in at.get("download_button")]


def test_overview_offers_the_deck_and_png_svg_for_each_chart(app, monkeypatch):
    monkeypatch.setattr(images_module, "chromium_path", lambda: "/usr/bin/chromium")

    at = app()

    charts = len(at.get("plotly_chart"))
    assert labels(at) == ["Download deck (PowerPoint)"] + ["PNG", "SVG"] * charts
    files = [b.proto.help for b in at.get("download_button")]
    assert "1920×1080" in files[1]


def download_ids(at) -> list[str]:
    return [b.proto.id for b in at.get("download_button")]


@pytest.mark.parametrize(
    "page, tab, table",
    [
        ("pages/funnel.py", "Plan vs today", "plan-vs-today"),
        ("pages/funnel.py", "Targets", "funnel-targets"),
        ("pages/goals.py", None, "new-customers-per-quarter"),
    ],
    ids=["plan-vs-today", "targets", "per-quarter"],
)
def test_main_tables_download_as_csv_and_excel(app, page, tab, table):
    at = app(page)
    if tab:
        open_tab(at, tab)

    ids = download_ids(at)
    assert any(f"table_{table}_csv" in i for i in ids) and any(f"table_{table}_xlsx" in i for i in ids)


def test_without_chromium_each_chart_says_how_to_install_it(app, monkeypatch):
    monkeypatch.setattr(images_module, "chromium_path", lambda: None)

    at = app()

    assert labels(at) == ["Download deck (PowerPoint)"]
    assert [shown(c.value) for c in at.caption].count(INSTALL_HINT) == 1 + len(at.get("plotly_chart"))
    assert not at.exception


def open_presenting(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.query_params["present"] = "1"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


INPUTS = (
    "text_input",
    "number_input",
    "slider",
    "radio",
    "selectbox",
    "toggle",
    "file_uploader",
)


@pytest.mark.parametrize(
    "page, key_metric",
    [(None, "Revenue goal"), ("pages/goals.py", "Revenue goal"), ("pages/funnel.py", "Stages off track")],
    ids=["overview", "goals", "funnel"],
)
def test_presentation_mode_shows_charts_and_numbers_without_inputs(page, key_metric):
    at = open_presenting(page)

    for kind in INPUTS:
        assert not at.get(kind), f"{kind} shown while presenting"
    assert not editors(at), "a table editor shown while presenting"
    assert not at.sidebar.get("page_link") and not at.sidebar.get("button")
    assert not at.get("download_button")
    assert at.get("plotly_chart")
    assert metric(at, key_metric)
    assert at.button(key="present_leave").label == "Leave presentation"


def test_presentation_mode_keeps_the_plan_the_user_typed(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("2,000,000").run()

    at.query_params["present"] = "1"
    at.run()

    assert metric(at, "New customers needed") == "5"
    assert not at.get("number_input")


def test_review_in_presentation_mode_shows_last_year_without_the_loaders(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    at.query_params["present"] = "1"
    at.run()

    assert metric(at, "New customers") == "110"
    assert len(at.get("plotly_chart")) == 4
    for kind in INPUTS:
        assert not at.get(kind), f"{kind} shown while presenting"
    assert not [b for b in at.button if b.key in ("review_sample", "review_apply")]
    assert not at.dataframe, "a room reads the charts and the verdicts, not the channel grid"
    assert "Channels" not in [h.value for h in at.subheader], "no heading over a table that is not there"
    assert not at.success, "the sources are named in the caption under the totals, not in two banners"
    assert any(c.value.startswith("From channels") for c in at.caption), "the caption names the file"

    del at.query_params["present"]
    at.run()
    assert at.dataframe, "at a desk the channel table is back"
    assert "Channels" in [h.value for h in at.subheader]
    assert len(at.success) == 1, "at a desk the loaded channel table says what it brings"


def test_presentation_bar_links_the_previous_and_next_pages_wrapping_round(app):
    at = open_presenting()
    links = {link.label: link for link in at.get("page_link")}
    assert "Previous: ABM KPIs" in links and "Next: Plans" in links
    at.switch_page("pages/abm.py").run()
    labels = [link.label for link in at.get("page_link")]
    assert "Previous: Quarterly roadmap" in labels and "Next: Overview" in labels


def test_the_sidebar_button_enters_presentation_and_the_bar_leaves_it(app):
    at = app()

    at.sidebar.button(key="present_enter").click().run()
    assert at.query_params.get("present") in ("1", ["1"])
    assert not at.get("text_input")

    at.button(key="present_leave").click().run()
    assert "present" not in at.query_params
    assert at.sidebar.text_input(key="sidebar_name").value


def test_abm_in_presentation_mode_shows_tiles_charts_and_ranking_without_inputs(app):
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()
    at.multiselect(key="abm_tiers").set_value(["Tier 1"]).run()

    at.query_params["present"] = "1"
    at.run()

    assert not at.exception
    for kind in (*INPUTS, "multiselect", "number_input"):
        assert not at.get(kind), f"{kind} shown while presenting"
    assert [b.key for b in at.button] == ["present_leave"] and not at.get("download_button")
    assert len(at.get("plotly_chart")) == 4
    assert shown(at.subheader[0].value).startswith("12 accounts"), "the plan's tier selection still applies"
    assert "Tier 1" in shown(at.caption[1].value)
    assert metric(at, "Engaged accounts")
    assert set(at.dataframe[0].value["tier"]) == {"Tier 1"}
    assert len(at.dataframe[0].value) <= 10, "a room sees the ranking's head, not a grid of every account"


def test_abm_in_presentation_mode_without_data_says_how_to_load_it():
    at = open_presenting("pages/abm.py")

    assert "leave presentation mode to load it" in shown(at.info[0].value)
    assert not at.get("file_uploader") and not at.get("plotly_chart")


def test_abm_ranked_accounts_download_as_csv_and_excel(app):
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()

    ids = download_ids(at)

    assert any("table_abm-accounts-by-health_csv" in i for i in ids)
    assert any("table_abm-accounts-by-health_xlsx" in i for i in ids)


def test_plans_in_presentation_mode_list_plans_without_actions(app):
    at = app("pages/goals.py")
    at.text_input(key="goals_deal_size").set_value("2,000,000").run()  # saves the plan

    at.query_params["present"] = "1"
    at.switch_page("pages/plans.py").run()

    assert not at.exception
    for kind in (*INPUTS, "file_uploader"):
        assert not at.get(kind), f"{kind} shown while presenting"
    assert [b.key for b in at.button] == ["present_leave"]
    assert not at.get("download_button")
    assert any("open" in shown(m.value) for m in at.markdown) and any("version 1" in shown(c.value) for c in at.caption)
    assert "Compare needs two saved plans" in shown(at.info[0].value)
