"""Write the hostile corpus's big files (too large to commit) into a folder: `python make_big.py OUT_DIR`.

Each file is at or past one of the limits in `planner/io/limits.py`; the tests read them all and
hold each read to a time and memory budget. Everything is made from fixed text or a fixed seed,
so a run reads the same bytes every time.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import numpy as np

MB = 1024 * 1024
CHANNEL_HEADER = "Channel,Month,Spend,Sessions,Leads,MQLs,SQLs,Opportunities,Customers,Revenue\n"

# The smallest workbook openpyxl opens: the content types, the package and workbook relations,
# one sheet. `sheet` is the sheet's XML.
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
    'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
    '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main">'
)
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Channel</t></is></c><c r="B1" t="inlineStr"><is><t>Spend</t>'
    '</is></c><c r="C1" t="inlineStr"><is><t>Leads</t></is></c><c r="D1" t="inlineStr"><is><t>Customers</t>'
    '</is></c><c r="E1" t="inlineStr"><is><t>Revenue</t></is></c></row>'
)


def workbook(sheet_rows: list[str] | None = None, *, sheet_chunks=None, extra_parts: int = 0) -> bytes:
    """An .xlsx whose first sheet holds `sheet_rows` (XML `<row>`s), or streams `sheet_chunks` (bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(SHEET_OPEN.encode() + b"<sheetData>")
            for chunk in sheet_chunks or [("".join(sheet_rows or [])).encode()]:
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
        for part in range(extra_parts):
            archive.writestr(f"xl/media/part{part}.xml", "<x/>")
    return buffer.getvalue()


def column_letters(number: int) -> str:
    """1 → 'A', 1000 → 'ALL', 16384 → 'XFD'."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def channel_rows(rows: int, seed: int = 7) -> str:
    """A valid channel table of `rows` data rows: distinct channels by month, each stage below the last."""
    rng = np.random.default_rng(seed)
    sessions = rng.integers(1_000, 200_000, rows)
    leads = sessions // rng.integers(20, 200, rows)
    mqls, sqls = leads // 3, leads // 9
    opportunities, customers = sqls // 2, sqls // 6
    spend = np.round(rng.uniform(100, 50_000, rows), 2)
    revenue = np.round(customers * rng.uniform(10_000, 90_000, rows), 2)
    lines = [
        f"Channel {i // 12:06d},2025-{i % 12 + 1:02d},{spend[i]},{sessions[i]},{leads[i]},{mqls[i]},{sqls[i]},"
        f"{opportunities[i]},{customers[i]},{revenue[i]}\n"
        for i in range(rows)
    ]
    return CHANNEL_HEADER + "".join(lines)


def _bomb_chunks(total: int):
    """Sheet XML of `total` bytes that packs a thousand to one: the same empty row over and over."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * (MB // len(row))
    for _ in range(total // len(block)):
        yield block


BIG_FILES = {
    # Past the channel table's 50 MB: refused from the file's size, before a byte is read.
    "over_size_channels.csv": lambda: None,
    # A million and one rows, the first past the channel table's 1,000,000.
    "million_rows_channels.csv": lambda: ("Channel,Spend,Leads,Customers,Revenue\n" + "a,1,1,1,1\n" * 1_000_001).encode(),
    # 10,000 columns: a header no export has; the refusal must not list them.
    "ten_thousand_columns.csv": lambda: (
        ",".join(f"Column heading number {i}" for i in range(10_000)) + "\n" + ",".join(["1"] * 10_000) + "\n"
    ).encode(),
    # A header cell of a megabyte.
    "megabyte_header.csv": lambda: ("Channel,Spend," + "L" * MB + ",Customers,Revenue\nEmail,1,1,1,1\n").encode(),
    # 40 MB of sheet packed into about a hundred kilobytes: refused from the zip directory.
    "zip_bomb.xlsx": lambda: workbook(sheet_chunks=_bomb_chunks(40 * MB)),
    # Under the unpacked limit but packed over a thousand to one.
    "ratio_bomb.xlsx": lambda: workbook(sheet_chunks=_bomb_chunks(12 * MB)),
    # Six hundred parts in one workbook.
    "many_parts.xlsx": lambda: workbook([HEADER_ROW], extra_parts=600),
    # Each row's one cell sits in column ALL (1,000): openpyxl pads every row to a thousand cells.
    "padded_rows.xlsx": lambda: workbook(
        [HEADER_ROW] + [f'<row r="{r}"><c r="ALL{r}"><v>1</v></c></row>' for r in range(2, 20_002)]
    ),
    # One stray cell at the sheet's last row and column, under a stated size of the whole sheet.
    "far_cell.xlsx": lambda: workbook(
        [HEADER_ROW, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>']
    ),
    # A valid channel table of 150,000 rows (about 10 MB), read within its time and memory budget.
    "big_valid_channels.csv": lambda: channel_rows(150_000).encode(),
    # A plan file nested 100,000 levels deep.
    "deep_plan.json": lambda: ('{"schema_version": 2, "name": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(),
    # A plan whose schema_version has 5,000 digits.
    "huge_integer_plan.json": lambda: ('{"schema_version": ' + "9" * 5_000 + "}").encode(),
    # A plan file of 6 MB, past the 5 MB a plan file may be.
    "over_size_plan.json": lambda: json.dumps({"schema_version": 2, "name": "x" * (6 * MB)}).encode(),
}


def write_big_files(folder: Path) -> dict[str, Path]:
    """Write every big file into `folder`; their paths by name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, make in BIG_FILES.items():
        path = folder / name
        data = make()
        if data is None:
            # A sparse file: its size is past the limit without writing 51 MB to disk.
            with open(path, "wb") as handle:
                handle.truncate(51 * MB)
        else:
            path.write_bytes(data)
        paths[name] = path
    return paths


if __name__ == "__main__":
    for written in write_big_files(Path(sys.argv[1])).values():
        print(written, written.stat().st_size)
