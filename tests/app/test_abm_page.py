"""ABM KPIs page: load the sample, filter to tier 1, see tiles and heatmap follow; bad files in one sentence."""

import json
from pathlib import Path

import pytest

from planner.abm import AbmSettings, abm_report
from planner.io import read_account_activity, read_cta_events, read_nps_responses
from tests.app.conftest import shown
from tests.app.test_pages import chart_titles, metric

SAMPLES = Path(__file__).resolve().parents[2] / "sample_data"


def expected_report(**settings):
    return abm_report(
        read_account_activity(SAMPLES / "abm_accounts_2025.csv"),
        read_cta_events(SAMPLES / "abm_cta_events_2025.csv"),
        read_nps_responses(SAMPLES / "abm_nps_2025.csv"),
        AbmSettings(**settings),
    )


def heatmap(at) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(s["data"][0] for s in specs if s["data"][0]["type"] == "heatmap")


def test_before_loading_the_page_says_what_to_do(app):
    at = app("pages/abm.py")

    assert "Upload the account activity file" in shown(at.info[0].value)
    assert not at.exception and not at.get("plotly_chart")


def test_load_the_sample_then_filter_to_tier_one(app):
    at = app("pages/abm.py")

    at.button(key="abm_sample").click().run()

    assert not at.exception and not at.error
    everyone = expected_report()
    assert metric(at, "Engaged accounts") == everyone.kpis[0].shown()
    assert metric(at, "Retention") == "92.9%"  # 13 of the 14 customers of October kept: Halvorsen churned
    assert len(heatmap(at)["y"]) == 60
    assert len(at.get("plotly_chart")) == 4
    assert any("Halvorsen Freight" in row for row in at.dataframe[0].value["account"].tail(3))

    at.multiselect(key="abm_tiers").set_value(["Tier 1"]).run()

    tier_one = expected_report(tiers=("Tier 1",))
    tiles = {shown(m.label): (m.value, m.delta) for m in at.metric}
    assert tiles["Engaged accounts"] == (tier_one.kpis[0].shown(), tier_one.kpis[0].change())
    assert tiles["Engaged accounts"][0] != everyone.kpis[0].shown()
    assert len(heatmap(at)["y"]) == 12
    assert set(at.dataframe[0].value["tier"]) == {"Tier 1"}
    assert shown(at.subheader[0].value).startswith("12 accounts")


def test_filters_and_weights_live_in_the_plan_across_pages(app):
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()
    at.multiselect(key="abm_tiers").set_value(["Tier 1"]).run()
    at.selectbox(key="abm_period_months").set_value(6).run()
    at.number_input(key="abm_weight_nps").set_value(0).run()

    at.switch_page("pages/funnel.py").run()
    at.switch_page("pages/abm.py").run()

    assert at.multiselect(key="abm_tiers").value == ["Tier 1"]
    assert at.selectbox(key="abm_period_months").value == 6
    assert any(
        "50% engagement trend + 31% pipeline + 0% nps + 19% customer status" in shown(c.value) for c in at.caption
    )
    assert shown(at.subheader[0].value) == "12 accounts, Jul–Dec 2025"


def test_a_health_weight_changes_the_ranking(app):
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()
    before = at.dataframe[0].value["account"].tolist()

    for part in ("engagement", "nps", "customer"):
        at.number_input(key=f"abm_weight_{part}").set_value(0).run()

    after = at.dataframe[0].value
    assert after["account"].tolist() != before
    assert set(after["health"].round(6)) <= {0.0, 25.0, 50.0, 70.0, 100.0}  # pipeline steps alone


def test_a_period_without_an_earlier_one_says_so(app):
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()

    at.selectbox(key="abm_period_months").set_value(12).run()

    assert any("no months before Jan–Dec 2025" in shown(c.value) for c in at.caption)
    assert not any(m.delta for m in at.metric)


@pytest.fixture
def sample_files(monkeypatch, tmp_path):
    """Make "Load the sample" load files the test writes (kind → bytes)."""
    from ui import abm_data

    def write(files: dict[str, bytes]):
        names = {}
        for kind, data in files.items():
            (tmp_path / f"{kind}.csv").write_bytes(data)
            names[kind] = f"{kind}.csv"
        monkeypatch.setattr(abm_data, "SAMPLES", tmp_path)
        monkeypatch.setattr(abm_data, "SAMPLE_FILES", names)

    return write


def test_a_file_in_the_wrong_box_is_one_sentence_and_the_others_still_load(app, sample_files):
    sample_files(
        {
            "accounts": (SAMPLES / "abm_nps_2025.csv").read_bytes(),
            "nps": (SAMPLES / "abm_nps_2025.csv").read_bytes(),
        }
    )
    at = app("pages/abm.py")

    at.button(key="abm_sample").click().run()

    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        "Account activity: accounts.csv looks like the NPS answers file, not the account activity file; "
        "upload it in the NPS answers box."
    ]
    assert "Upload the account activity file" in shown(at.info[0].value)
    assert "1 of 3 files loaded" in shown(at.expander[0].label)


def test_only_the_accounts_file_still_gives_tiles_and_says_what_the_rest_would_add(app, sample_files):
    sample_files({"accounts": (SAMPLES / "abm_accounts_2025.csv").read_bytes()})
    at = app("pages/abm.py")

    at.button(key="abm_sample").click().run()

    assert not at.exception and not at.error
    assert metric(at, "NPS") == "n/a"
    infos = " ".join(shown(i.value) for i in at.info)
    assert "Upload the CTA events" in infos and "Upload the NPS survey answers" in infos
    assert any("no CTA file loaded" in shown(m.value) for m in at.markdown)
    assert "going quiet (Oct–Dec 2025)" in chart_titles(at)[0]


def test_a_missing_column_is_mapped_in_the_page(app, sample_files):
    sample_files({"nps": b"Account,Date,How likely (0-10)\nAcme,2025-03-01,9\n"})
    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()
    assert "has no column for 'Score'" in shown(at.warning[0].value)

    at.selectbox(key="abm_map_score").set_value("How likely (0-10)")
    at.button(key="abm_map_submit").click().run()

    assert not at.exception and not at.warning
    assert "1 of 3 files loaded" in shown(at.expander[0].label)


def test_what_the_reader_noted_about_a_file_is_shown_with_its_name(app, sample_files):
    accounts = (SAMPLES / "abm_accounts_2025.csv").read_text(encoding="utf-8")
    sample_files({"accounts": (accounts + ",,,,,,,,,,,,,,,,,\n").encode()})
    at = app("pages/abm.py")

    at.button(key="abm_sample").click().run()

    assert not at.exception and not at.error
    assert "accounts.csv: Skipped 1 blank row(s)." in [shown(w.value) for w in at.warning]


def test_the_abm_files_travel_with_the_plans_link(app):
    from planner.io.store import PlanStore
    from tests.app.conftest import open_link

    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()
    tiles = [(shown(m.label), m.value) for m in at.metric]

    colleague = open_link(at.query_params["plan"], "pages/abm.py")

    assert [(shown(m.label), m.value) for m in colleague.metric] == tiles
    assert "3 of 3 files loaded" in shown(colleague.expander[0].label)
    kept = PlanStore().get(at.query_params["plan"]).plan.abm_files
    assert kept.file_name("accounts") == "abm_accounts_2025.csv" and kept.nps is not None


def test_removing_the_abm_files_asks_first_and_is_saved(app):
    from planner.io.store import PlanStore

    at = app("pages/abm.py")
    at.button(key="abm_sample").click().run()

    at.button(key="abm_remove").click().run()

    assert "Upload the account activity file" in shown(at.info[0].value)
    assert PlanStore().get(at.query_params["plan"]).plan.abm_files is None


HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def test_hostile_abm_files_show_one_sentence_each_and_no_traceback(app, sample_files):
    sample_files(
        {
            "accounts": (HOSTILE / "accounts_huge_number.csv").read_bytes(),
            "nps": (HOSTILE / "nps_year_2999.csv").read_bytes(),
            "cta": (HOSTILE / "ragged_long_row.csv").read_bytes(),
        }
    )
    at = app("pages/abm.py")

    at.button(key="abm_sample").click().run()

    assert not at.exception
    assert sorted(shown(e.value) for e in at.error) == [
        "Account activity: Row 3, column 'Emails delivered': '1e300' is more than 10,000,000,000,000 (ten trillion), "
        "beyond any export's numbers; fix the cell or map 'Emails delivered' to another column.",
        "CTA events: cta.csv has 12 cells in row 3 where the header has 10; put text holding a comma in quotes, or "
        "delete the extra cells.",
        "NPS answers: Row 3, column 'Date': '2999-03-02' is not a date from 1990 to 2100.",
    ]
    assert all("\n" not in shown(e.value) and len(e.value) < 300 for e in at.error)
