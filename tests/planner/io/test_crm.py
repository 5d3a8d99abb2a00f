"""The CRM contacts export: stage dates and amounts, any encoding, Excel, and only the columns it needs."""

import pandas as pd
import pytest

from planner.io import DataFileError, MissingColumnsError, read_crm_export, read_crm_file
from tests.planner.io.exports import CRM_HEADER, named


def test_crm_export_dates_and_amounts():
    text = (
        CRM_HEADER
        + '1,Paid Search,customer,2025-01-05 10:00,2025-01-10,2025-01-20,2025-02-01,2025-04-01,"$12,000"\n'
    )
    text += "2,,lead,2025-03-01,,,,,\n3,Organic Search,lead,not a date,,,,,\n"

    read = read_crm_file(named(text.encode()))
    contacts = read.table

    assert contacts["source"].tolist() == ["Paid Search", "Unknown", "Organic Search"]
    assert contacts["customer_date"].iloc[0] == pd.Timestamp("2025-04-01")
    assert contacts["amount"].iloc[0] == 12_000
    assert any("no source" in w for w in read.warnings)
    assert any("not dates" in w for w in read.warnings)


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


def test_repeated_crm_column_is_named():
    text = "Original Source,Amount,Became a Lead Date,Became a Customer Date,Amount\nEmail,1,2025-01-01,2025-02-01,2\n"

    with pytest.raises(DataFileError, match="more than one column named 'Amount'") as caught:
        read_crm_export(named(text.encode()))

    assert (caught.value.problem, caught.value.column) == ("repeated_column", "Amount")


def test_amounts_that_are_not_numbers_are_left_empty_and_counted():
    text = (
        CRM_HEADER
        + "1,Email,customer,2025-01-05,,,,2025-04-01,lots\n2,Email,customer,2025-01-05,,,,2025-04-01,(300)\n"
    )

    read = read_crm_file(named(text.encode(), "contacts.csv"))

    assert read.table["amount"].isna().iloc[0] and read.table["amount"].iloc[1] == -300
    assert read.warnings == ("1 deal amount(s) are not numbers and were left empty.",)
    assert read.file_name == "contacts.csv" and read.found["amount"] == "Amount"
