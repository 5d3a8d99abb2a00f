"""From bytes to text: every common encoding and separator, comment lines above the header, binary files."""

import pytest

from planner.io import DataFileError, detect_encoding, read_bytes, read_channel_table, sniff_separator
from planner.io.text import first_line, looks_binary, strip_comment_lines
from tests.planner.io.exports import HEADER, ROWS, csv_bytes, named


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


def test_monthly_rows_and_google_analytics_comment_lines():
    text = "# Google Analytics export\n# Account: Example\n\nChannel,Month,Cost,Leads,Customers,Revenue\n"
    text += "Email,Jan 2025,10,5,1,100\nEmail,2025-02,12,6,1,120\n"
    table = read_channel_table(named(text.encode()))

    assert table["month"].tolist() == ["2025-01", "2025-02"]


def test_header_with_only_blank_lines_below_is_no_data_and_sep_line_is_skipped():
    with pytest.raises(DataFileError, match="no data rows"):
        read_channel_table(named((",".join(HEADER) + "\n,,,,,,,,\n\n").encode()))
    text = "sep=;\n" + ";".join(HEADER) + "\n" + ";".join(ROWS[0]) + "\n"
    assert read_channel_table(named(text.encode()))["spend"].iloc[0] == 1000


@pytest.mark.parametrize(
    ("text", "kept", "skipped"),
    [
        pytest.param("A,B\n1,2\n", "A,B\n1,2\n", 0, id="no-comments"),
        pytest.param("# GA\r\n#x\r\n\r\nA,B\r\n", "A,B\r\n", 3, id="windows-line-ends"),
        pytest.param("sep=;\nA;B\n", "A;B\n", 1, id="excel-sep-line"),
        pytest.param("# only\n# comments\n", "", 2, id="nothing-below"),
        pytest.param("#a\rA,B\r1,2", "A,B\r1,2", 1, id="old-mac-line-ends"),
    ],
)
def test_comment_lines_are_counted_so_rows_keep_their_spreadsheet_numbers(text, kept, skipped):
    assert strip_comment_lines(text) == (kept, skipped)


def test_the_separator_is_whichever_the_header_uses_most():
    assert sniff_separator("Channel;Spend;Leads, total") == ";"
    assert sniff_separator("Channel\tSpend\tLeads") == "\t"
    assert first_line("Channel,Spend\r\nEmail,1") == "Channel,Spend"


def test_pictures_are_binary_and_accented_text_is_not():
    assert looks_binary("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert not looks_binary("Événements,검색 광고\tcost\r\n")


def test_bytes_without_a_name_are_called_the_file(tmp_path):
    path = tmp_path / "channels.csv"
    path.write_bytes(b"A\n1\n")

    assert read_bytes(b"A\n1\n") == (b"A\n1\n", "The file")
    assert read_bytes(path) == (b"A\n1\n", "channels.csv")
    assert read_bytes(named(b"A\n", "upload.csv")) == (b"A\n", "upload.csv")
