"""Table files: CSV and Excel in which no cell can run as a spreadsheet formula (OWASP CSV injection)."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from planner.io.downloads import file_slug, neutralise_formulas, table_csv, table_xlsx

DANGEROUS = ["=1+1", "+41 22 000", "-2+3", "@SUM(A1:A2)", "\tcmd", "\rcmd", '=HYPERLINK("http://x","y")']


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "channel": [*DANGEROUS, "Blog / SEO"],
            "gap": [-5.0] * len(DANGEROUS) + [1250.5],
        }
    )


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_writes_every_formula_like_cell_as_text(table):
    rows = read_csv(table_csv(table))

    cells = [row[0] for row in rows[1:]]
    assert cells[:-1] == [f"'{text}" for text in DANGEROUS]
    assert cells[-1] == "Blog / SEO"


def test_numbers_stay_numbers_even_when_negative(table):
    rows = read_csv(table_csv(table))

    assert [row[1] for row in rows[1:]] == ["-5.0"] * len(DANGEROUS) + ["1250.5"]


def test_a_formula_like_header_is_neutralised_too():
    frame = pd.DataFrame({"=cmd|' /C calc'!A0": ["x"]})

    assert list(neutralise_formulas(frame).columns) == ["'=cmd|' /C calc'!A0"]


def test_excel_stores_formula_like_cells_as_text_not_formulas(table):
    sheet = openpyxl.load_workbook(io.BytesIO(table_xlsx(table, "Channels"))).active

    column = [sheet.cell(row=r, column=1) for r in range(2, sheet.max_row + 1)]
    assert [c.value for c in column] == [*DANGEROUS, "Blog / SEO"]
    assert all(c.data_type == "s" for c in column), "no cell is a formula"
    assert all(c.quotePrefix for c in column[:-1])
    assert [sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)] == list(table["gap"])
    assert sheet.title == "Channels"


def test_excel_sheet_name_is_made_valid():
    sheet = openpyxl.load_workbook(
        io.BytesIO(table_xlsx(pd.DataFrame({"a": [1]}), "Plan vs today: Q1/Q2"))
    ).active

    assert sheet.title == "Plan vs today  Q1 Q2"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("FY2027 marketing plan", "fy2027-marketing-plan"),
        ("  Q1: launch / EMEA!  ", "q1-launch-emea"),
        ("2027 마케팅 계획", "2027-마케팅-계획"),
        ("2027 年度行銷計劃", "2027-年度行銷計劃"),
        ("Plan für Köln", "plan-für-köln"),
        ("!!!", "plan"),
    ],
    ids=["latin", "punctuation", "korean", "chinese", "accents", "nothing-left"],
)
def test_file_names_keep_every_script_readable(name, slug):
    assert file_slug(name) == slug
