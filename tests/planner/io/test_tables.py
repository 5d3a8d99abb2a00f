"""Any export as a table: Excel, forgiving headers, the mapping step, bad files, and the facts each error carries."""

import pickle

import pandas as pd
import pytest

from planner.columns import CHANNEL_COLUMNS
from planner.io import (
    DataFileError,
    MissingColumnsError,
    read_channel_file,
    read_channel_table,
    read_raw_table,
    read_record_file,
)
from planner.review import REQUIRED
from tests.planner.io.exports import HEADER, ROWS, csv_bytes, named


def test_excel_file_is_read(tmp_path):
    path = tmp_path / "channels.xlsx"
    pd.DataFrame(ROWS, columns=HEADER).astype({"Spend": float, "Customers": int}).to_excel(path, index=False)

    table = read_channel_table(path)

    assert table["channel"].tolist() == [r[0] for r in ROWS]
    assert table["spend"].tolist() == [1000.0, 5000.0, 3000.0]


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
            csv_bytes([ROWS[0], ROWS[1], [ROWS[0][0], "999", *ROWS[0][2:]]]),
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
    read = read_channel_file(named(text.encode()))

    assert len(read.table) == 2
    assert "Skipped 1 blank row(s)." in read.warnings
    assert any("Empty cells were read as 0 in: Sessions" in w for w in read.warnings)


# ---- what a reader hands back, and what its errors carry ----------------------------------------


def test_a_read_names_its_file_and_the_header_behind_each_column():
    header = ["Channel", "Cost (USD)", "Leads", "Deals won", "Revenue"]
    read = read_channel_file(named(csv_bytes([["Email", "10", "5", "1", "100"]], header), "q3.csv"))

    assert read.file_name == "q3.csv"
    assert read.found["spend"] == "Cost (USD)" and read.found["customers"] == "Deals won"
    assert read.warnings == ()
    assert not read.table.attrs, "nothing rides on DataFrame.attrs"


def test_rows_are_numbered_as_a_spreadsheet_shows_them_below_comment_lines():
    text = (
        "# GA export\n\n"
        + ",".join(HEADER)
        + "\n"
        + ",".join(ROWS[0])
        + "\n,,,,,,,,\n"
        + ",".join(ROWS[1])
        + "\n"
    )

    raw = read_raw_table(named(text.encode()))
    records = read_record_file(named(text.encode()), CHANNEL_COLUMNS)

    assert raw.first_row == 4
    assert records.table["_row"].tolist() == [4, 6]


@pytest.mark.parametrize(
    ("rows", "problem", "row", "column", "value"),
    [
        pytest.param([["Email", "lots", *["1"] * 7]], "bad_value", 2, "Spend", "lots", id="text-in-number"),
        pytest.param([["Email", "-500", *["1"] * 7]], "bad_value", 2, "Spend", "-500", id="negative"),
        pytest.param([ROWS[0], ["", *["1"] * 8]], "blank_cell", 3, "Channel", "", id="no-channel"),
        pytest.param([ROWS[0], [ROWS[0][0], "9", *ROWS[0][2:]]], "duplicate_rows", 2, None, "Blog / SEO",
                     id="duplicate"),
    ],
)
def test_an_error_carries_the_facts_its_sentence_names(rows, problem, row, column, value):
    with pytest.raises(DataFileError) as caught:
        read_channel_table(named(csv_bytes(rows), "q3.csv"))

    error = caught.value
    assert (error.problem, error.file_name, error.row, error.column, error.value) == (
        problem, "q3.csv", row, column, value,
    )  # fmt: skip
    assert f"{row}" in str(error), "the sentence names the row the facts hold"


def test_the_topmost_bad_row_is_named_first_and_in_a_row_the_first_column():
    later_bad_spend = [["", *["1"] * 8], ["Email", "x", *["1"] * 7]]
    two_in_a_row = [["Email", "-1", *["1"] * 6, "zz"]]

    with pytest.raises(DataFileError, match="Row 2 has no channel name"):
        read_channel_table(named(csv_bytes(later_bad_spend)))
    with pytest.raises(DataFileError, match="Row 2, column 'Spend': spend cannot be negative"):
        read_channel_table(named(csv_bytes(two_in_a_row)))


def test_a_mapping_to_a_header_the_file_lacks_names_both():
    data = csv_bytes(
        [["Email", "10", "5", "1", "100"]], ["Channel", "Amount", "Leads", "Customers", "Revenue"]
    )

    with pytest.raises(DataFileError) as caught:
        read_channel_table(named(data), mapping={"spend": "Budget"})

    assert str(caught.value) == "The mapping points 'Spend' at 'Budget', which the file does not have."
    assert (caught.value.problem, caught.value.column, caught.value.expected) == (
        "unknown_column",
        "Budget",
        "Spend",
    )


def test_errors_survive_pickling_with_their_facts():
    with pytest.raises(MissingColumnsError) as caught:
        read_channel_table(named(csv_bytes([["Email", "5"]], ["Channel", "Leads"]), "q3.csv"))

    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)
    assert (again.missing, again.file_name, again.problem) == (
        caught.value.missing,
        "q3.csv",
        "missing_columns",
    )


# ---- headers and rows a spreadsheet shows but a parser trips on -----------------------------------


def test_a_wide_file_lacking_a_column_names_a_few_of_its_columns_and_counts_the_rest():
    header = ["Channel", "Leads", "Customers", "Revenue", *(f"Custom field {i}" for i in range(900))]

    with pytest.raises(MissingColumnsError) as caught:
        read_channel_table(named(csv_bytes([["Email", "1", "1", "1", *["x"] * 900]], header)))

    assert "(Channel, Leads, Customers, Revenue, Custom field 0, Custom field 1 and 898 more)" in str(caught.value)
    assert len(str(caught.value)) < 300 and len(caught.value.available) == 904, "the mapping step offers them all"


def test_two_headers_for_one_column_ask_for_the_mapping_and_a_mapped_one_reads():
    header = ["Channel", "Cost (USD)", "Amount spent", "Leads", "Customers", "Revenue"]
    data = csv_bytes([["Email", "10", "12", "5", "1", "100"]], header)

    with pytest.raises(MissingColumnsError) as caught:
        read_channel_table(named(data, "q3.csv"))

    assert str(caught.value) == (
        "q3.csv has 2 columns that could be 'Spend' ('Cost (USD)' and 'Amount spent'); choose the one to use, "
        "or delete or rename the others in the file."
    )
    assert caught.value.missing == ["spend"] and caught.value.problem == "repeated_column"
    assert read_channel_table(named(data), mapping={"spend": "Amount spent"})["spend"].tolist() == [12]


def test_the_same_header_twice_is_refused_since_no_mapping_can_tell_them_apart():
    data = csv_bytes([["Email", "10", "5", "12", "1", "100"]], ["Channel", "Spend", "Leads", "Spend ", "Customers",
                                                                "Revenue"])  # fmt: skip

    with pytest.raises(DataFileError, match="more than one column named 'Spend'; rename or remove the extra one"):
        read_channel_table(named(data))


def test_a_separator_after_every_row_reads_the_same_table():
    plain = read_channel_table(named(csv_bytes()))
    trailing = ",".join(HEADER) + "\n" + "".join(",".join(r) + ",\n" for r in ROWS)

    pd.testing.assert_frame_equal(read_channel_table(named(trailing.encode())), plain)


def test_a_row_repeated_cell_for_cell_is_counted_once_and_said():
    read = read_channel_file(named(csv_bytes([ROWS[0], ROWS[1], ROWS[0], ROWS[0]])))

    assert read.table["channel"].tolist() == [ROWS[0][0], ROWS[1][0]]
    assert read.warnings == (
        "2 row(s) repeat an earlier row exactly (row 4 repeats row 2) and were counted once; if they are "
        "separate entries, add a column that tells them apart.",
    )


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param(",".join(HEADER) + "\n" + ",".join(ROWS[0]) + ",x,y\n", "export.csv has 11 cells in row 2 "
                     "where the header has 9; put text holding a comma in quotes", id="long-row"),
        pytest.param(",".join(HEADER) + "\n" + ",".join(ROWS[0]) + '\n"Email,1\n', "has a quotation mark in row 3 "
                     "that is never closed", id="open-quote"),
        pytest.param("# GA\n" + ",".join(HEADER) + "\n" + ",".join(ROWS[0]) + "\nEm\x00ail,1\n", "has a NUL "
                     "character (a zero byte) in row 4", id="nul"),
    ],
)  # fmt: skip
def test_a_broken_row_is_named_as_a_spreadsheet_numbers_it(text, says):
    with pytest.raises(DataFileError) as caught:
        read_channel_table(named(text.encode()))

    assert says in str(caught.value)
    assert caught.value.row == int(says.split("row ")[1].split()[0])
