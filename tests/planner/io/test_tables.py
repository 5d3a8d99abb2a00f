"""Reading exports: formats, encodings, separators, forgiving headers, the mapping step and bad files."""

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.io import (
    DataFileError,
    MissingColumnsError,
    detect_encoding,
    parse_number,
    read_account_activity,
    read_channel_table,
    read_crm_export,
    read_cta_events,
    read_nps_responses,
)
from planner.review import REQUIRED

HEADER = ["Channel", "Spend", "Sessions", "Leads", "MQLs", "SQLs", "Opportunities", "Customers", "Revenue"]
ROWS = [
    ["Blog / SEO", "1000", "20000", "200", "50", "10", "4", "2", "120000"],
    ["Événements", "5000", "1000", "100", "30", "9", "3", "1", "40000"],
    ["검색 광고", "3000", "8000", "160", "40", "8", "4", "2", "90000"],
]


def csv_bytes(rows=ROWS, header=HEADER, sep=",", encoding="utf-8") -> bytes:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def named(data: bytes, name: str = "export.csv") -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


@pytest.mark.parametrize(
    ("encoding", "sep", "rows"),
    [
        pytest.param("utf-8", ",", ROWS, id="utf8-comma"),
        pytest.param("utf-8-sig", ",", ROWS, id="utf8-bom"),
        pytest.param("utf-16", "\t", ROWS, id="utf16-tab-excel-unicode-text"),
        pytest.param("cp949", ";", [ROWS[0], ROWS[2]], id="cp949-semicolon"),
        pytest.param("euc-kr", ",", [ROWS[0], ROWS[2]], id="euc-kr"),
        pytest.param("cp1252", ";", ROWS[:2], id="windows-1252"),
    ],
)
def test_every_encoding_and_separator_reads_the_same_table(encoding, sep, rows):
    table = read_channel_table(named(csv_bytes(rows, sep=sep, encoding=encoding)))

    assert table["channel"].tolist() == [r[0] for r in rows]
    assert table["spend"].tolist() == [float(r[1]) for r in rows]
    assert table["customers"].sum() == sum(float(r[7]) for r in rows)


def test_detect_encoding_tells_korean_from_western_european():
    assert detect_encoding("검색 광고,1000".encode("cp949")) == "cp949"
    assert detect_encoding("Événements et salons,1000".encode("cp1252")) == "cp1252"
    assert detect_encoding(b"plain,ascii") == "utf-8"


def test_excel_file_is_read(tmp_path):
    path = tmp_path / "channels.xlsx"
    pd.DataFrame(ROWS, columns=HEADER).astype({"Spend": float, "Customers": int}).to_excel(path, index=False)

    table = read_channel_table(path)

    assert table["channel"].tolist() == [r[0] for r in ROWS]
    assert table["spend"].tolist() == [1000.0, 5000.0, 3000.0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$1,234.50", 1234.5),
        ("1.234,50 €", 1234.5),
        ("₩1,200,000", 1_200_000),
        ("(300)", -300),
        ("12%", 12),
        ("1 234", 1234),
        ("1.234.567", 1_234_567),
        ("", None),
    ],
)
def test_numbers_as_exports_write_them(text, value):
    assert parse_number(text) == value


def test_decimal_commas_in_a_semicolon_file():
    rows = [["Email", "1234,50", "100", "10", "5", "2", "1", "1", "999,90"]]
    table = read_channel_table(named(csv_bytes(rows, sep=";")))

    assert table["spend"].iloc[0] == 1234.5
    assert table["revenue"].iloc[0] == 999.9


def test_header_synonyms_and_case_and_units():
    header = [
        " channel ",
        "Cost (USD)",
        "Visits",
        "New contacts",
        "MQL",
        "SQL",
        "Opps",
        "Deals won",
        "Won revenue",
    ]
    table = read_channel_table(named(csv_bytes(header=header)))

    assert list(table.columns[:9]) == list(REQUIRED)
    assert table["revenue"].sum() == 250_000


def test_optional_stages_missing_are_nan_not_zero():
    header = ["Channel", "Spend", "Leads", "Customers", "Revenue"]
    table = read_channel_table(named(csv_bytes([["Email", "10", "5", "1", "100"]], header=header)))

    assert np.isnan(table["mqls"].iloc[0])
    assert np.isnan(table["sessions"].iloc[0])


def test_monthly_rows_and_google_analytics_comment_lines():
    text = "# Google Analytics export\n# Account: Example\n\nChannel,Month,Cost,Leads,Customers,Revenue\n"
    text += "Email,Jan 2025,10,5,1,100\nEmail,2025-02,12,6,1,120\n"
    table = read_channel_table(named(text.encode()))

    assert table["month"].tolist() == ["2025-01", "2025-02"]


def test_missing_required_column_offers_the_mapping_step():
    header = ["Channel", "Amount spent by team", "Leads", "Customers", "Revenue"]
    data = csv_bytes([["Email", "10", "5", "1", "100"]], header=header)

    with pytest.raises(MissingColumnsError) as caught:
        read_channel_table(named(data))

    assert caught.value.missing == ["spend"]
    assert "Amount spent by team" in caught.value.available
    assert "'Spend'" in str(caught.value)
    mapped = read_channel_table(named(data), mapping={"spend": "Amount spent by team"})
    assert mapped["spend"].iloc[0] == 10


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "is empty", id="zero-bytes"),
        pytest.param(b"   \n  \n", "is empty", id="blank"),
        pytest.param(",".join(HEADER).encode() + b"\n", "no data rows", id="header-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "does not look like a CSV", id="png"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old-style Excel", id="xls"),
        pytest.param(b"PK\x03\x04broken zip", "could not be opened as an Excel file", id="broken-xlsx"),
        pytest.param(
            csv_bytes([["Email", "lots", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2, column 'Spend': 'lots' is not a number",
            id="text-in-number",
        ),
        pytest.param(
            csv_bytes([["Email", "-500", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2, column 'Spend': spend cannot be negative",
            id="negative-spend",
        ),
        pytest.param(
            csv_bytes([ROWS[0], ROWS[1], ROWS[0]]),
            "'Blog / SEO' appears more than once (rows 2, 4)",
            id="duplicate-channel",
        ),
        pytest.param(
            csv_bytes([["", "1", "1", "1", "1", "1", "1", "1", "1"]]),
            "Row 2 has no channel name",
            id="no-channel",
        ),
    ],
)
def test_bad_files_raise_one_clear_message(data, message):
    with pytest.raises(ValueError, match=None) as caught:
        read_channel_table(named(data))

    assert isinstance(caught.value, DataFileError)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_blank_rows_and_empty_cells_are_reported_not_silently_dropped():
    text = ",".join(HEADER) + "\n" + ",".join(ROWS[0]) + "\n,,,,,,,,\n" + "Email,10,,5,2,1,1,1,100\n"
    table = read_channel_table(named(text.encode()))

    assert len(table) == 2
    assert "Skipped 1 blank row(s)." in table.attrs["warnings"]
    assert any("Empty cells were read as 0 in: Sessions" in w for w in table.attrs["warnings"])


def test_a_later_stage_larger_than_the_one_above_is_a_warning_naming_the_row():
    rows = [ROWS[0], ["Webinars", "10", "100", "50", "20", "30", "2", "1", "100"]]
    table = read_channel_table(named(csv_bytes(rows)))

    warning = next(w for w in table.attrs["warnings"] if "More SQLs than MQLs" in w)
    assert "row 3 (Webinars)" in warning


CRM_HEADER = (
    "Contact ID,Original Source,Lifecycle Stage,Became a Lead Date,Became a Marketing Qualified Lead Date,"
    "Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,Amount\n"
)


def test_crm_export_dates_and_amounts():
    text = (
        CRM_HEADER
        + '1,Paid Search,customer,2025-01-05 10:00,2025-01-10,2025-01-20,2025-02-01,2025-04-01,"$12,000"\n'
    )
    text += "2,,lead,2025-03-01,,,,,\n3,Organic Search,lead,not a date,,,,,\n"

    contacts = read_crm_export(named(text.encode()))

    assert contacts["source"].tolist() == ["Paid Search", "Unknown", "Organic Search"]
    assert contacts["customer_date"].iloc[0] == pd.Timestamp("2025-04-01")
    assert contacts["amount"].iloc[0] == 12_000
    assert any("no source" in w for w in contacts.attrs["warnings"])
    assert any("not dates" in w for w in contacts.attrs["warnings"])


def test_crm_export_without_the_customer_date_asks_for_mapping():
    with pytest.raises(MissingColumnsError) as caught:
        read_crm_export(named(b"Original Source,Became a Lead Date\nEmail,2025-01-01\n"))

    assert caught.value.missing == ["customer_date"]


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t"), ("cp949", ";"), ("cp1252", ";")],
    ids=["utf8", "bom", "utf16-tab", "cp949", "cp1252"],
)
def test_crm_export_in_any_encoding_keeps_only_the_columns_it_needs(encoding, sep, tmp_path):
    source = "검색 광고" if encoding in ("cp949", "utf-8", "utf-16") else "Événements"
    text = sep.join(["First Name", "Original Source", "Became a Lead Date", "Became a Customer Date"]) + "\n"
    text += sep.join(["Ann", source, "2025-01-02 10:00", "2025-03-04 11:00"]) + "\n"
    path = tmp_path / "contacts.csv"
    path.write_bytes(text.encode(encoding))

    contacts = read_crm_export(path)

    assert contacts["source"].tolist() == [source]
    assert contacts["customer_date"].iloc[0] == pd.Timestamp("2025-03-04 11:00")
    assert "First Name" not in contacts.columns


def test_crm_export_from_excel(tmp_path):
    path = tmp_path / "contacts.xlsx"
    pd.DataFrame(
        {
            "Original Source": ["Paid Search"],
            "Became a Lead Date": ["2025-01-02"],
            "Became a Customer Date": ["2025-02-02"],
        }
    ).to_excel(path, index=False)

    contacts = read_crm_export(path)

    assert contacts["lead_date"].iloc[0] == pd.Timestamp("2025-01-02")


def test_european_thousands_dots_with_decimal_commas():
    rows = [["Email", "2.000", "12.500", "1.234", "5", "2", "1", "1", "1.234,50"]]
    table = read_channel_table(named(csv_bytes(rows, sep=";")))

    assert table[["spend", "sessions", "leads", "revenue"]].iloc[0].tolist() == [2000, 12500, 1234, 1234.5]


@pytest.mark.parametrize("month", ["Jan-25", "Jan 2025", "2025-01", "01/2025", "January 2025"])
def test_month_formats_keep_their_year(month):
    text = f"Channel,Month,Spend,Leads,Customers,Revenue\nEmail,{month},1,1,1,1\n"

    assert read_channel_table(named(text.encode()))["month"].iloc[0] == "2025-01"


def test_header_with_only_blank_lines_below_is_no_data_and_sep_line_is_skipped():
    with pytest.raises(DataFileError, match="no data rows"):
        read_channel_table(named((",".join(HEADER) + "\n,,,,,,,,\n\n").encode()))
    text = "sep=;\n" + ";".join(HEADER) + "\n" + ";".join(ROWS[0]) + "\n"
    assert read_channel_table(named(text.encode()))["spend"].iloc[0] == 1000


def test_repeated_crm_column_is_named():
    text = "Original Source,Amount,Became a Lead Date,Became a Customer Date,Amount\nEmail,1,2025-01-01,2025-02-01,2\n"

    with pytest.raises(DataFileError, match="more than one column named 'Amount'"):
        read_crm_export(named(text.encode()))


# ---- ABM files ----------------------------------------------------------------------------------

ABM_SAMPLES = Path(__file__).resolve().parents[3] / "sample_data"
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
            read_account_activity, csv_bytes([ACCOUNT_ROWS[0], ACCOUNT_ROWS[0]], ACCOUNT_HEADER),
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
