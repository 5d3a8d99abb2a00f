"""The stated limits: the numbers each upload box says, and each refusal naming the limit it met."""

import dataclasses
import io
import tomllib
import zipfile
from pathlib import Path

import pytest

from planner.columns import CHANNEL_COLUMNS
from planner.io import (
    LIMITS,
    DataFileError,
    read_accounts_file,
    read_channel_file,
    read_crm_file,
    read_cta_file,
    read_nps_file,
    read_record_file,
)
from planner.io.limits import (
    LARGEST_UPLOAD_MB,
    MB,
    PLAN_FILE_CAPTION,
    PLAN_FILE_MAX_MB,
    XLSX_MAX_UNPACKED_MB,
    FileLimits,
)
from planner.io.plan_file import PlanFileError, plan_from_json
from tests.planner.io.exports import HEADER, ROWS, csv_bytes, named

ROOT = Path(__file__).resolve().parents[3]
READERS = {
    "channels": read_channel_file,
    "crm": read_crm_file,
    "accounts": read_accounts_file,
    "cta": read_cta_file,
    "nps": read_nps_file,
}


def test_the_limits_are_the_numbers_the_upload_boxes_state():
    stated = {kind: (limits.max_mb, limits.max_rows, limits.max_columns) for kind, limits in LIMITS.items()}

    assert stated == {
        "channels": (50, 1_000_000, 1_000),
        "crm": (150, 2_000_000, 2_000),
        "accounts": (50, 1_000_000, 1_000),
        "cta": (50, 1_000_000, 1_000),
        "nps": (30, 1_000_000, 1_000),
    }
    assert all(limits.seconds == 30 for limits in LIMITS.values())
    assert LIMITS["channels"].caption() == "Up to 50 MB, 1,000,000 rows and 1,000 columns (Excel: up to 20 MB unpacked)."
    assert (XLSX_MAX_UNPACKED_MB, PLAN_FILE_MAX_MB, PLAN_FILE_CAPTION) == (20, 5, "A JSON plan file, up to 5 MB.")


def test_streamlit_refuses_what_no_box_takes():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())

    assert config["server"]["maxUploadSize"] == LARGEST_UPLOAD_MB == 150


@pytest.mark.parametrize("kind", LIMITS)
def test_each_reader_refuses_a_file_past_its_own_size_naming_the_limit(kind, monkeypatch):
    monkeypatch.setitem(LIMITS, kind, dataclasses.replace(LIMITS[kind], max_mb=1))
    data = csv_bytes() + b"#" * MB

    with pytest.raises(DataFileError) as refused:
        READERS[kind](named(data, "big.csv"))

    assert str(refused.value).startswith(f"big.csv is 1.0 MB, more than the 1 MB {LIMITS[kind].what} may be")
    assert (refused.value.problem, refused.value.expected) == ("too_large", "at most 1 MB")


def test_a_file_at_its_size_limit_is_read(monkeypatch):
    data = csv_bytes()
    monkeypatch.setitem(LIMITS, "channels", dataclasses.replace(LIMITS["channels"], max_mb=1))

    read_channel_file(named(data + b" " * (MB - len(data))))


def test_a_path_past_its_size_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    with open(path, "wb") as handle:
        handle.truncate(2 * MB)  # a sparse file of zero bytes: reading it would say "not a table"
    monkeypatch.setitem(LIMITS, "nps", dataclasses.replace(LIMITS["nps"], max_mb=1))

    with pytest.raises(DataFileError, match=r"big\.csv is 2\.0 MB, more than the 1 MB the NPS answers file may be"):
        read_nps_file(path)


def small(**limits) -> FileLimits:
    return dataclasses.replace(LIMITS["channels"], **limits)


def test_rows_past_the_limit_are_refused_and_the_limit_itself_is_read():
    three = csv_bytes(ROWS)

    assert len(read_record_file(named(three), CHANNEL_COLUMNS, limits=small(max_rows=3)).table) == 3
    with pytest.raises(DataFileError, match="has more than the 2 rows the channel table may have"):
        read_record_file(named(three), CHANNEL_COLUMNS, limits=small(max_rows=2))


def test_columns_past_the_limit_are_refused_without_listing_them():
    with pytest.raises(DataFileError) as refused:
        read_record_file(named(csv_bytes()), CHANNEL_COLUMNS, limits=small(max_columns=8))

    assert str(refused.value) == (
        "export.csv has 9 columns, more than the 8 the channel table may have; "
        "export only the columns the planner reads."
    )


def test_a_read_past_its_time_budget_is_refused_naming_the_budget():
    with pytest.raises(DataFileError) as refused:
        read_record_file(named(csv_bytes()), CHANNEL_COLUMNS, limits=small(seconds=0))

    assert str(refused.value).startswith("export.csv took longer than the 0 seconds a read may take here")


def workbook_with(parts: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        pytest.param({"xl/worksheets/sheet1.xml": b"<row/>" * (4 * MB)}, "unpacks to 24 MB, more than the 20 MB",
                     id="unpacked"),
        pytest.param({f"xl/part{i}.xml": b"<x/>" for i in range(501)}, "holds 501 parts, more than the 500",
                     id="parts"),
        pytest.param({"xl/worksheets/sheet1.xml": b"\x00" * (2 * MB)}, "far tighter than a real sheet",
                     id="ratio"),
    ],
)  # fmt: skip
def test_a_workbook_is_refused_from_its_zip_directory_before_it_is_opened(parts, says, monkeypatch):
    import openpyxl

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened a workbook the zip directory refuses")

    monkeypatch.setattr(openpyxl, "load_workbook", never)

    with pytest.raises(DataFileError) as refused:
        read_channel_file(named(workbook_with(parts), "q3.xlsx"))

    assert says in str(refused.value) and refused.value.problem == "too_large"
    assert str(refused.value).endswith("save the sheet as CSV and upload that.")


def test_a_real_workbook_under_every_cap_still_reads(tmp_path):
    import pandas as pd

    path = tmp_path / "channels.xlsx"
    pd.DataFrame([r[:1] + [float(v) for v in r[1:]] for r in ROWS], columns=HEADER).to_excel(path, index=False)

    assert read_channel_file(path).table["spend"].tolist() == [1000.0, 5000.0, 3000.0]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param(" " * (PLAN_FILE_MAX_MB * MB + 1), "is 5.0 MB, more than the 5 MB a plan file may be",
                     id="size"),
        pytest.param("[" * 33 + "]" * 33, "nests its data more than 32 levels deep", id="depth"),
        pytest.param("[" * 100_000 + "]" * 100_000, "nests its data more than 32 levels deep", id="recursion"),
        pytest.param('{"schema_version": ' + "1" * 21 + "}", "a number 21 digits long", id="digits"),
        pytest.param('{"schema_version": ' + "9" * 5000 + "}", "a number 5,000 digits long", id="python-limit"),
    ],
)  # fmt: skip
def test_a_plan_file_past_its_limits_is_refused_in_one_sentence(text, says):
    with pytest.raises(PlanFileError) as refused:
        plan_from_json(text)

    assert says in str(refused.value) and "\n" not in str(refused.value) and len(str(refused.value)) < 300


def test_a_plan_as_deep_as_the_limit_and_numbers_of_twenty_digits_are_not_refused_for_it():
    with pytest.raises(PlanFileError, match="not a marketing plan"):
        plan_from_json("[" * 32 + "]" * 32)
    with pytest.raises(PlanFileError, match="newer version"):
        plan_from_json('{"schema_version": ' + "1" * 20 + "}")
