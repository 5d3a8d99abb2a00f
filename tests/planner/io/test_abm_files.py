"""The ABM files: account activity, CTA events and NPS answers, forgiving headers, and one sentence per bad file."""

import pytest

from planner.io import (
    DataFileError,
    MissingColumnsError,
    WrongFileError,
    read_account_activity,
    read_accounts_file,
    read_cta_events,
    read_nps_responses,
)
from tests.planner.io.exports import SAMPLES, csv_bytes, named

ABM_SAMPLES = SAMPLES
ACCOUNT_HEADER = ["Company", "Tier", "Account owner", "Month", "Emails sent", "Unique opens", "Unique clicks",
                  "Content views", "Customer at start", "Customer at end"]  # fmt: skip
ACCOUNT_ROWS = [
    ["Société Générale Fret", "1", "Chloé Martin", "Jan 2025", "100", "40", "8", "5", "no", "no"],
    ["Société Générale Fret", "1", "Chloé Martin", "Feb 2025", "80", "30", "6", "4", "no", "yes"],
    ["Brightwater", "T2", "", "2025-02", "20", "5", "1", "0", "yes", "yes"],
]


def test_sample_abm_files_read_with_their_story():
    accounts = read_account_activity(ABM_SAMPLES / "abm_accounts_2025.csv")
    cta = read_cta_events(ABM_SAMPLES / "abm_cta_events_2025.csv")
    answers = read_nps_responses(ABM_SAMPLES / "abm_nps_2025.csv")

    assert accounts["account"].nunique() == 60 and accounts["month"].nunique() == 12
    assert sorted(accounts["tier"].unique()) == ["Tier 1", "Tier 2", "Tier 3"]
    churner = accounts[accounts["account"] == "Halvorsen Freight"].set_index("month")
    assert churner.loc["2025-01", "customer_at_start"] == 1 and churner.loc["2025-12", "customer_at_end"] == 0
    assert set(cta["stage"]) == {"Aware", "Engaged", "Qualified", "Opportunity", "Customer"}
    assert cta["promotion"].any()
    assert answers["score"].between(0, 10).all()


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("utf-16", "\t")],
    ids=["utf8", "utf8-bom-semicolon", "windows-1252", "utf16-tab"],
)
def test_account_activity_in_any_encoding_with_forgiving_headers(encoding, sep):
    table = read_account_activity(named(csv_bytes(ACCOUNT_ROWS, ACCOUNT_HEADER, sep, encoding)))

    first = table.iloc[0]
    assert (first["account"], first["tier"], first["owner"]) == ("Brightwater", "Tier 2", "Unassigned")
    soc = table[table["account"] == "Société Générale Fret"]
    assert soc["owner"].tolist() == ["Chloé Martin"] * 2 and soc["month"].tolist() == ["2025-01", "2025-02"]
    assert soc["emails_delivered"].sum() == 180 and soc["customer_at_end"].tolist() == [0.0, 1.0]
    # Columns the file lacks are unknown, not zero.
    assert table["deals_won"].isna().all()


@pytest.mark.parametrize(
    ("reader", "data", "message"),
    [
        pytest.param(
            read_account_activity, csv_bytes([["Acme", "1", "2", "3"]], ["Company", "Emails sent", "Unique opens",
                                                                             "Unique clicks"]),
            "has no column for 'Month'", id="accounts-missing-month",
        ),
        pytest.param(
            read_account_activity, (ABM_SAMPLES / "abm_nps_2025.csv").read_bytes(),
            "looks like the NPS answers file, not the account activity file; upload it in the NPS answers box",
            id="nps-file-in-the-accounts-box",
        ),
        pytest.param(
            read_cta_events, (ABM_SAMPLES / "abm_accounts_2025.csv").read_bytes(),
            "looks like the account activity file, not the CTA events file", id="accounts-file-in-the-cta-box",
        ),
        pytest.param(
            read_account_activity, csv_bytes([["Acme", "2025-01", "x"]], ["Account", "Month", "Notes"]),
            "has no account activity columns", id="accounts-without-activity",
        ),
        pytest.param(
            read_account_activity, csv_bytes([ACCOUNT_ROWS[0], [*ACCOUNT_ROWS[0][:4], "90", *ACCOUNT_ROWS[0][5:]]],
                                             ACCOUNT_HEADER),
            "'Société Générale Fret' in 2025-01 appears more than once (rows 2, 3)", id="repeated-month",
        ),
        pytest.param(
            read_account_activity,
            csv_bytes([["Acme", "1", "x", "2025-01", "10", "12", "1", "0", "no", "no"]], ACCOUNT_HEADER),
            "more unique opens than emails delivered", id="opens-above-delivered",
        ),
        pytest.param(
            read_account_activity,
            csv_bytes([["Acme", "1", "x", "2025-01", "10", "2", "1", "0", "maybe", "no"]], ACCOUNT_HEADER),
            "Row 2, column 'Customer at start': 'maybe' is not yes or no", id="bad-flag",
        ),
        pytest.param(
            read_nps_responses, csv_bytes([["Acme", "2025-03-01", "11"]], ["Account", "Date", "Score"]),
            "Row 2, column 'Score': 11 is not an NPS score; scores are whole numbers from 0 to 10",
            id="score-above-10",
        ),
        pytest.param(
            read_nps_responses, csv_bytes([["Acme", "yesterday-ish", "9"]], ["Account", "Date", "Score"]),
            "Row 2, column 'Date': 'yesterday-ish' is not a date", id="bad-date",
        ),
        pytest.param(
            read_cta_events,
            csv_bytes([["Acme", "Demo", "Somewhere", "10", "2", "1"]],
                      ["Account", "CTA", "Journey stage", "Impressions", "Clicks", "Conversions"]),
            "journey stage 'Somewhere' is not one of Aware, Engaged, Qualified, Opportunity, Customer",
            id="unknown-stage",
        ),
        pytest.param(
            read_cta_events,
            csv_bytes([["Acme", "Demo", "Decision", "10", "2", "5"]],
                      ["Account", "CTA", "Journey stage", "Impressions", "Clicks", "Conversions"]),
            "'Demo' has more conversions than clicks for Acme", id="conversions-above-clicks",
        ),
        pytest.param(read_nps_responses, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "does not look like a CSV", id="png"),
    ],
)  # fmt: skip
def test_bad_abm_files_raise_one_clear_sentence(reader, data, message):
    with pytest.raises(DataFileError) as caught:
        reader(named(data))

    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_abm_column_names_its_label_and_can_be_mapped():
    data = csv_bytes([["Acme", "2025-03-01", "9"]], ["Account", "Date", "How likely (0-10)"])
    with pytest.raises(MissingColumnsError) as caught:
        read_nps_responses(named(data))
    assert caught.value.labels == {"score": "Score"}

    mapped = read_nps_responses(named(data), mapping={"score": "How likely (0-10)"})
    assert mapped["score"].tolist() == [9]


def test_cta_stage_words_and_a_missing_promotion_column():
    data = csv_bytes(
        [["Acme", "Report", "Awareness", "100", "10", "3"], ["Acme", "Trial", "Decision", "50", "5", "1"]],
        ["Account", "CTA name", "Funnel stage", "Impressions", "Clicks", "Conversions"],
    )
    table = read_cta_events(named(data))

    assert table["stage"].tolist() == ["Aware", "Opportunity"]
    assert not table["promotion"].any() and "month" not in table


def test_a_file_in_the_wrong_box_says_what_it_looks_like_so_each_user_is_told_their_own_fix():
    with pytest.raises(WrongFileError) as caught:
        read_account_activity(named((ABM_SAMPLES / "abm_nps_2025.csv").read_bytes(), "answers.csv"))

    error = caught.value
    assert (error.problem, error.file_name, error.looks_like, error.expected) == (
        "wrong_file", "answers.csv", "nps", "accounts",
    )  # fmt: skip
    assert error.sentence("give it with --abm-nps") == (
        "answers.csv looks like the NPS answers file, not the account activity file; give it with --abm-nps."
    )


def test_clicks_above_opens_are_a_warning_not_an_error():
    rows = [["Acme", "1", "x", "2025-01", "10", "2", "3", "0", "no", "no"]]
    read = read_accounts_file(named(csv_bytes(rows, ACCOUNT_HEADER), "accounts.csv"))

    assert read.file_name == "accounts.csv"
    assert read.warnings == (
        "1 row(s) have more unique clicks than unique opens (opens hidden by image blocking); "
        "click-to-open rates there exceed 100%.",
    )
