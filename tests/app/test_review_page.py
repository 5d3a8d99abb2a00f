"""Last-year review page: load the sample, see verdicts, map columns, push last year into the Funnel."""

import re
from pathlib import Path

import pandas as pd
import pytest

from planner.io import read_channel_table
from planner.io.store import PlanStore
from planner.rate_scale import position_of, rate_at
from planner.review import channel_summary, last_year_funnel
from tests.app.conftest import open_link, shown
from tests.app.test_pages import metric, slider_rate

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


def verdicts_shown(at) -> dict[str, str]:
    """Channel → verdict, as the page lists them: a bold verdict heading, then a bullet per channel."""
    found, verdict = {}, None
    for block in (m.value for m in at.markdown):
        heading = re.fullmatch(r"\*\*:material/\w+: (.+)\*\*", block)
        if heading:
            verdict = heading.group(1).lower()
        elif verdict and block.startswith("- **"):
            for channel in re.findall(r"^- \*\*(.+?)\*\*:", block, re.MULTILINE):
                found[shown(channel)] = verdict
    return found


def test_review_page_before_loading_says_what_to_do(app):
    at = app("pages/review.py")

    assert "Upload last year's channel table" in shown(at.info[0].value)
    assert not at.exception


def test_loading_the_sample_shows_totals_verdicts_and_charts(app):
    at = app("pages/review.py")

    at.button(key="review_sample").click().run()

    assert not at.exception and not at.error
    assert metric(at, "Spend") == "$1.4M"
    assert metric(at, "New customers") == "110"
    verdicts = verdicts_shown(at)
    assert len(verdicts) == 9
    assert verdicts["Trade shows & events"] == "cut"
    assert verdicts["Paid social"] == "fix conversion"
    assert verdicts["Blog / SEO"] == "scale"
    assert len(at.get("plotly_chart")) == 4


def test_a_verdict_rule_change_rejudges_the_channels(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    at.number_input(key="review_rule_min_customers").set_value(30).run()

    verdicts = verdicts_shown(at)
    assert verdicts["Blog / SEO"] == "keep"
    assert verdicts["Trade shows & events"] == "cut"


def test_pushing_last_year_sets_the_funnel_rates(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    at.button(key="review_apply").click().run()
    at.switch_page("pages/funnel.py").run()

    last = last_year_funnel(channel_summary(read_channel_table(SAMPLE)))
    assert slider_rate(at, "Website visits → Leads") == rate_at(position_of(last.rates[0])), "the nearest stop"
    box = next(n for n in at.number_input if shown(n.label) == "Leads → MQLs, exact %")
    assert box.value == pytest.approx(last.rates[1] * 100, abs=1e-4)
    # The worked example's $1.1M deals against last year's $68K: no verdict until they agree.
    assert metric(at, "Stages off track") == "inputs disagree"
    assert any("16 times last year's actual" in shown(w.value) for w in at.warning)


def test_crm_sample_gives_time_in_stage_and_lags(app):
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()

    at.button(key="review_sample").click().run()

    assert not at.exception
    assert metric(at, "Spend") == "not in a CRM export" and metric(at, "CAC") == "—"
    assert any("Time in stage" in shown(m.value) for m in at.markdown)
    at.button(key="review_apply").click().run()
    assert "no website visits to divide by" in shown(at.warning[0].value)


@pytest.fixture
def sample_file(monkeypatch, tmp_path):
    """Make "Load the sample" load a file the test writes."""
    from ui import review_data

    def write(data: bytes):
        (tmp_path / "upload.csv").write_bytes(data)
        monkeypatch.setattr(review_data, "SAMPLES", tmp_path)
        monkeypatch.setattr(review_data, "SAMPLE_FILES", {"channels": "upload.csv", "crm": "upload.csv"})

    return write


def test_a_bad_upload_shows_one_sentence_and_no_traceback(app, sample_file):
    sample_file(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    at = app("pages/review.py")

    at.button(key="review_sample").click().run()

    assert not at.exception
    assert [shown(e.value) for e in at.error] == [
        "upload.csv does not look like a CSV or Excel table; upload a .csv or .xlsx export."
    ]


def test_a_missing_column_is_mapped_in_the_page(app, sample_file):
    sample_file(
        b"Channel,Amount spent by team,Leads,Customers,Revenue\nEmail,1000,50,2,9000\nWebinars,500,40,1,3000\n"
    )
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    assert "has no column for 'Spend'" in shown(at.warning[0].value)

    at.selectbox(key="review_map_spend").set_value("Amount spent by team")
    at.button(key="review_map_submit").click().run()

    assert not at.exception
    assert metric(at, "Spend") == "$1,500"
    assert metric(at, "CAC") == "$500"


def popover_holding(at, key: str):
    """The popover a button sits in, or None if the button is on the page itself."""

    def find(node, popover=None):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "key", None) == key:
                return popover
            found = find(child, child if getattr(child, "type", None) == "popover" else popover)
            if found is not None:
                return found
        return None

    return find(at.main)


def test_the_loaded_review_is_redrawn_from_the_saved_plan_after_a_reload(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    before = (metric(at, "Spend"), metric(at, "CAC"), verdicts_shown(at), len(at.get("plotly_chart")))

    again = open_link(at.query_params["plan"], "pages/review.py")

    assert not again.exception and not again.error
    assert (metric(again, "Spend"), metric(again, "CAC"), verdicts_shown(again)) == before[:3]
    assert len(again.get("plotly_chart")) == before[3] == 4
    assert shown(again.success[0].value).startswith(
        "Channel table: channels_2025.csv, 9 channels. Channel table for 2025"
    )
    assert "loaded " in shown(again.success[0].value)
    again.button(key="review_apply").click().run()
    assert "The Funnel now starts from last year's rates." in [shown(s.value) for s in again.success]


def test_the_review_stays_when_the_user_visits_another_page_and_comes_back(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    at.switch_page("pages/goals.py").run()
    at.switch_page("pages/review.py").run()

    assert metric(at, "New customers") == "110"


def test_a_reloaded_crm_review_keeps_time_in_stage_and_says_how_to_change_the_year(app):
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()
    at.button(key="review_sample").click().run()
    assert at.selectbox(key="review_year").value == 2025
    times = at.dataframe[-1].value

    again = open_link(at.query_params["plan"], "pages/review.py")

    assert again.radio(key="review_kind").value == "channels", "it offers the source the plan still lacks"
    pd.testing.assert_frame_equal(again.dataframe[-1].value, times)
    assert any("To review another year, load the export again." in shown(c.value) for c in again.caption)
    assert not [s for s in again.selectbox if s.key == "review_year"]


def test_removing_last_year_asks_first_and_is_saved(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    plan_id = at.query_params["plan"]

    assert popover_holding(at, "review_remove_channels").proto.popover.label == "Remove"
    at.button(key="review_remove_channels").click().run()

    assert "Upload last year's channel table" in shown(at.info[0].value)
    assert PlanStore().get(plan_id).plan.last_year.channels is None
    assert "Upload last year's channel table" in open_link(plan_id, "pages/review.py").info[0].value


def test_loading_another_file_replaces_last_year_and_a_bad_one_keeps_it(app, sample_file):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    sample_file(b"Channel,Spend,Leads,Customers,Revenue\nEmail,1000,50,2,9000\n")
    at.button(key="review_sample").click().run()
    assert metric(at, "Spend") == "$1,000"
    assert shown(at.success[0].value).startswith("Channel table: upload.csv, 1 channel. Channel table (12 months)")

    sample_file(b"Channel,Spend\n")
    at.button(key="review_sample").click().run()
    assert shown(at.error[0].value).endswith("The plan still holds upload.csv.")
    assert metric(at, "Spend") == "$1,000"
    assert PlanStore().get(at.query_params["plan"]).plan.last_year.channels.source == "upload.csv"


def test_another_crm_year_is_reviewed_and_saved_in_the_session_that_loaded_the_export(app):
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()
    at.button(key="review_sample").click().run()

    at.selectbox(key="review_year").set_value(2024).run()

    assert not at.exception
    assert "CRM export for 2024" in shown(at.success[0].value)
    assert PlanStore().get(at.query_params["plan"]).plan.last_year.crm.year == 2024


def test_what_the_reader_noted_about_a_crm_export_is_shown_and_kept_for_another_year(app, sample_file):
    crm = (SAMPLE.parent / "crm_contacts_2025.csv").read_text(encoding="utf-8")
    header, first, *rest = crm.splitlines()
    no_source = first.split(",")
    no_source[1] = ""
    sample_file("\n".join([header, ",".join(no_source), *rest]).encode())
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()
    at.button(key="review_sample").click().run()
    note = "upload.csv: 1 contact(s) have no source; they are counted as 'Unknown'."

    assert note in [shown(w.value) for w in at.warning]
    at.selectbox(key="review_year").set_value(2024).run()
    assert note in [shown(w.value) for w in at.warning], "switching the year keeps the file's notes"


def test_loading_the_crm_export_after_the_channel_table_keeps_both_and_the_verdicts(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    cac, verdicts = metric(at, "CAC"), verdicts_shown(at)

    at.radio(key="review_kind").set_value("crm").run()
    at.button(key="review_sample").click().run()

    assert not at.exception and not at.error
    assert [shown(s.value).split(":")[0] for s in at.success] == ["Channel table", "CRM export"]
    assert metric(at, "CAC") == cac and verdicts_shown(at) == verdicts and verdicts
    assert any("Cohort rates" in shown(m.value) for m in at.markdown)
    assert any("Time in stage" in shown(m.value) for m in at.markdown)
    saved = PlanStore().get(at.query_params["plan"]).plan.last_year
    assert saved.channels.source == "channels_2025.csv" and saved.crm.source == "crm_contacts_2025.csv"
    listed = " ".join(shown(m.value) for m in at.markdown)
    assert "Website visits → Leads: from channels_2025.csv" in listed
    assert "Leads → MQLs: from crm_contacts_2025.csv (leads of 2025, followed through)" in listed


def test_a_crm_review_shows_no_rate_above_100_percent_in_either_view(app):
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()
    at.button(key="review_sample").click().run()

    cohort = at.dataframe[0].value
    rates = [c for c in cohort.columns if c.endswith("_rate")]
    # The table shows rates in percent, as the app writes them (24.9 for 24.9%).
    assert rates and (cohort[rates].fillna(0) <= 100).all().all()
    assert (cohort[rates].fillna(0) > 1).any().any(), "rates are shown in percent, not as fractions"
    at.radio(key="review_crm_view").set_value("activity").run()
    activity = at.dataframe[0].value
    assert not [c for c in activity.columns if c.endswith("_rate")], "in-year counts give no conversion rates"
    assert "leads" in activity.columns


HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def refusal(data: bytes) -> str:
    """The channel reader's own sentence for a file uploaded as upload.csv."""
    from planner.io import DataFileError, read_channel_file
    from planner.io.text import named

    with pytest.raises(DataFileError) as refused:
        read_channel_file(named(data, "upload.csv"))
    return str(refused.value)


@pytest.mark.parametrize("name", ["ragged_long_row.csv", "huge_number.csv", "unterminated_quote.csv"])
def test_a_hostile_upload_shows_the_readers_one_sentence_and_no_traceback(app, sample_file, name):
    data = (HOSTILE / name).read_bytes()
    sample_file(data)
    at = app("pages/review.py")

    at.button(key="review_sample").click().run()

    assert not at.exception
    assert [shown(e.value) for e in at.error] == [refusal(data)]
    assert "\n" not in shown(at.error[0].value) and len(at.error[0].value) < 300


def test_an_upload_past_its_size_is_refused_naming_the_limit(app, sample_file, monkeypatch):
    import dataclasses

    from planner.io import LIMITS

    monkeypatch.setitem(LIMITS, "channels", dataclasses.replace(LIMITS["channels"], max_mb=1))
    sample_file(SAMPLE.read_bytes() + b"\n" * (1024 * 1024))
    at = app("pages/review.py")

    at.button(key="review_sample").click().run()

    assert not at.exception
    assert shown(at.error[0].value).startswith("upload.csv is 1.0 MB, more than the 1 MB the channel table may be;")


def test_the_upload_box_states_the_limits_of_the_kind_of_file(app):
    from planner.io import LIMITS

    at = app("pages/review.py")
    assert LIMITS["channels"].caption() in [shown(c.value) for c in at.caption]

    at.radio(key="review_kind").set_value("crm").run()

    assert LIMITS["crm"].caption() in [shown(c.value) for c in at.caption]
    assert "150 MB" in LIMITS["crm"].caption()


def test_two_columns_for_spend_are_settled_by_choosing_one_of_the_two(app, sample_file):
    sample_file((HOSTILE / "synonym_headers.csv").read_bytes())
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    assert "has 2 columns that could be 'Spend' ('Cost' and 'Spend')" in shown(at.warning[0].value)

    assert at.selectbox(key="review_map_spend").options == ["Cost", "Spend"]
    at.selectbox(key="review_map_spend").set_value("Spend")
    at.button(key="review_map_submit").click().run()

    assert not at.exception and not at.error
    assert metric(at, "Spend") == "$120"


def test_the_channel_table_shows_a_years_amounts_whole_and_a_unit_cost_with_its_cents(app):
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()

    table = at.dataframe[0].value
    assert (table[["spend", "revenue"]] == table[["spend", "revenue"]].round()).all().all()
    assert (table["cost_per_lead"] != table["cost_per_lead"].round()).any(), "a unit cost keeps its cents"
