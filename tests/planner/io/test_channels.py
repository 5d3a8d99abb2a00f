"""The channel table: optional stages, stages out of order, and the warnings the review shows."""

import numpy as np

from planner.io import read_channel_file, read_channel_table
from tests.planner.io.exports import ROWS, SAMPLES, csv_bytes, named


def test_optional_stages_missing_are_nan_not_zero():
    header = ["Channel", "Spend", "Leads", "Customers", "Revenue"]
    table = read_channel_table(named(csv_bytes([["Email", "10", "5", "1", "100"]], header=header)))

    assert np.isnan(table["mqls"].iloc[0])
    assert np.isnan(table["sessions"].iloc[0])


def test_a_later_stage_larger_than_the_one_above_is_a_warning_naming_the_row():
    rows = [ROWS[0], ["Webinars", "10", "100", "50", "20", "30", "2", "1", "100"]]
    read = read_channel_file(named(csv_bytes(rows)))

    warning = next(w for w in read.warnings if "More SQLs than MQLs" in w)
    assert "row 3 (Webinars)" in warning


def test_the_sample_reads_as_the_readme_shows_it():
    read = read_channel_file(SAMPLES / "channels_2025.csv")

    assert read.file_name == "channels_2025.csv" and read.warnings == ()
    assert read.table.equals(read_channel_table(SAMPLES / "channels_2025.csv"))
    assert read.table["month"].nunique() == 12 and read.found["customers"] == "Deals won"
