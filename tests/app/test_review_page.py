"""Last-year review page: load the sample, see verdicts, map columns, push last year into the Funnel."""

import re
from pathlib import Path

import pytest

from planner.io import read_channel_table
from planner.review import channel_summary, last_year_funnel
from tests.app.test_pages import metric

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "channels_2025.csv"


def verdicts_shown(at) -> dict[str, str]:
    """Channel → verdict, as the page lists them: a bold verdict heading, then a bullet per channel."""
    shown, verdict = {}, None
    for block in (m.value for m in at.markdown):
        heading = re.fullmatch(r"\*\*:material/\w+: (.+)\*\*", block)
        if heading:
            verdict = heading.group(1).lower()
        elif verdict and block.startswith("- **"):
            for channel in re.findall(r"^- \*\*(.+?)\*\*:", block, re.MULTILINE):
                shown[channel] = verdict
    return shown


def test_review_page_before_loading_says_what_to_do(app):
    at = app("pages/review.py")

    assert "Upload last year's channel table" in at.info[0].value
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
    slider = next(s for s in at.slider if s.label == "Website visits → Leads")
    assert slider.value == pytest.approx(round(last.rates[0] * 100, 1))
    box = next(n for n in at.number_input if n.label == "Leads → MQLs, exact %")
    assert box.value == pytest.approx(last.rates[1] * 100, abs=1e-4)
    assert metric(at, "Stages off track") == "0 of 6"


def test_crm_sample_gives_time_in_stage_and_lags(app):
    at = app("pages/review.py")
    at.radio(key="review_kind").set_value("crm").run()

    at.button(key="review_sample").click().run()

    assert not at.exception
    assert metric(at, "Spend") == "n/a"
    assert any("Time in stage" in m.value for m in at.markdown)
    at.button(key="review_apply").click().run()
    assert "no website visits to divide by" in at.warning[0].value


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
    assert [e.value for e in at.error] == [
        "upload.csv does not look like a CSV or Excel table; upload a .csv or .xlsx export."
    ]


def test_a_missing_column_is_mapped_in_the_page(app, sample_file):
    sample_file(
        b"Channel,Amount spent by team,Leads,Customers,Revenue\nEmail,1000,50,2,9000\nWebinars,500,40,1,3000\n"
    )
    at = app("pages/review.py")
    at.button(key="review_sample").click().run()
    assert "has no column for 'Spend'" in at.warning[0].value

    at.selectbox(key="review_map_spend").set_value("Amount spent by team")
    at.button(key="review_map_submit").click().run()

    assert not at.exception
    assert metric(at, "Spend") == "$1,500"
    assert metric(at, "CAC") == "$500"
