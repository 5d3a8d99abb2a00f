"""Small exports the reader tests build: a channel table in any encoding and separator, as an upload."""

import io
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[3] / "sample_data"
HEADER = ["Channel", "Spend", "Sessions", "Leads", "MQLs", "SQLs", "Opportunities", "Customers", "Revenue"]
ROWS = [
    ["Blog / SEO", "1000", "20000", "200", "50", "10", "4", "2", "120000"],
    ["Événements", "5000", "1000", "100", "30", "9", "3", "1", "40000"],
    ["검색 광고", "3000", "8000", "160", "40", "8", "4", "2", "90000"],
]
CRM_HEADER = (
    "Contact ID,Original Source,Lifecycle Stage,Became a Lead Date,Became a Marketing Qualified Lead Date,"
    "Became a Sales Qualified Lead Date,Became an Opportunity Date,Became a Customer Date,Amount\n"
)


def csv_bytes(rows=ROWS, header=HEADER, sep=",", encoding="utf-8") -> bytes:
    lines = [sep.join(header)] + [sep.join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode(encoding)


def named(data: bytes, name: str = "export.csv") -> io.BytesIO:
    """Bytes as `st.file_uploader` gives them: a file object with a name."""
    handle = io.BytesIO(data)
    handle.name = name
    return handle
