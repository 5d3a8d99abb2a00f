"""The hostile corpus through every reader, the plan-file reader and the deck command: only refusals, each one sentence.

Small files are committed in tests/data/hostile/ (its README says what each holds); the big ones
are written by tests/data/hostile/make_big.py into a temporary folder once per run, and each is
read within a time and memory budget.
"""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path

import pytest

from planner.cli import main
from planner.io import (
    AmbiguousColumnsError,
    DataFileError,
    read_accounts_file,
    read_channel_file,
    read_crm_file,
    read_cta_file,
    read_nps_file,
)
from planner.io.plan_file import PlanFileError, read_plan_file

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
EXAMPLE_PLAN = Path(__file__).resolve().parents[2] / "sample_data" / "example_plan.json"
DATA_FILES = sorted(p.name for p in HOSTILE.iterdir() if p.suffix in (".csv", ".xlsx", ".xls"))
PLAN_FILES = sorted(p.name for p in HOSTILE.glob("*.json"))
READERS = {
    "channels": read_channel_file,
    "crm": read_crm_file,
    "accounts": read_accounts_file,
    "cta": read_cta_file,
    "nps": read_nps_file,
}


def one_sentence(message: str) -> bool:
    """One line, at most 300 characters, one full stop at its end and none between sentences."""
    return (
        "\n" not in message
        and len(message) <= 300
        and message.endswith((".", ")"))
        and not re.search(r"[.!?] [A-Z]", message)
    )


def read_or_refusal(reader, path: Path):
    """What a reader gives for a file: the read, or its own refusal; anything else fails the test."""
    try:
        return reader(path)
    except (DataFileError, PlanFileError) as refusal:
        assert one_sentence(str(refusal)), str(refusal)
        return refusal


@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize("name", DATA_FILES)
def test_every_reader_reads_a_hostile_file_or_refuses_it_in_one_sentence(name, kind):
    result = read_or_refusal(READERS[kind], HOSTILE / name)

    if isinstance(result, DataFileError) and result.problem not in (None, "unknown_column"):
        assert result.file_name == name, "the refusal's facts name the file"
    if not isinstance(result, Exception):
        assert all(one_sentence(w) for w in result.warnings), result.warnings


# What the channel table's reader says about the files that test one thing each: a read (with a
# warning where one is due) or the refusal's words.
CHANNEL_READS = {
    "trailing_commas.csv": (3, None),
    "trailing_commas_everywhere.csv": (3, None),
    "ragged_short_row.csv": (3, "Empty cells were read as 0"),
    "exact_duplicate_rows.csv": (3, "2 row(s) repeat an earlier row exactly (row 4 repeats row 2) and were counted once"),
    "utf16_without_bom.csv": (3, None),
    "stages_out_of_order.csv": (2, "More MQLs than Leads in row 3 (Blog / SEO 2025-01)"),
}
CHANNEL_REFUSALS = {
    "ragged_long_row.csv": "ragged_long_row.csv has 12 cells in row 3 where the header has 10",
    "unterminated_quote.csv": "has a quotation mark in row 3 that is never closed",
    "nul_byte.csv": "has a NUL character (a zero byte) in row 3",
    "picture_named.csv": "does not look like a CSV or Excel table",
    "pdf_named.csv": "does not look like a CSV or Excel table",
    "broken.xlsx": "could not be opened as an Excel file",
    "old_excel.xls": "old-style Excel file",
    "synonym_headers.csv": "has 2 columns that could be 'Spend' ('Cost' and 'Spend')",
    "repeated_header.csv": "has more than one column named 'Spend'",
    "huge_number.csv": "Row 3, column 'Spend': '1e300' is more than 10,000,000,000,000 (ten trillion)",
    "huge_integer_cell.csv": "Row 3, column 'Spend': '9999",
    "year_2999.csv": "Row 3, column 'Month': '2999-01' is not a month from 1990 to 2100",
    "year_1900.csv": "'1900-01' is not a month from 1990 to 2100",
    "header_only.csv": "has a header row but no data rows",
    "empty.csv": "is empty",
}


@pytest.mark.parametrize(("name", "rows_and_warning"), CHANNEL_READS.items(), ids=CHANNEL_READS)
def test_files_a_spreadsheet_opens_are_read_and_what_was_read_with_care_is_said(name, rows_and_warning):
    rows, warning = rows_and_warning
    read = read_channel_file(HOSTILE / name)

    assert len(read.table) == rows
    if warning:
        assert any(warning in w for w in read.warnings), read.warnings


@pytest.mark.parametrize(("name", "says"), CHANNEL_REFUSALS.items(), ids=CHANNEL_REFUSALS)
def test_a_broken_file_is_refused_saying_where(name, says):
    with pytest.raises(DataFileError) as refused:
        read_channel_file(HOSTILE / name)

    assert says in str(refused.value)


def test_two_columns_that_mean_one_ask_which_and_the_answer_reads_the_file():
    with pytest.raises(AmbiguousColumnsError) as asked:
        read_channel_file(HOSTILE / "synonym_headers.csv")

    assert asked.value.candidates == {"spend": ["Cost", "Spend"]}
    assert read_channel_file(HOSTILE / "synonym_headers.csv", {"spend": "Cost"}).table["spend"].tolist() == [100]


def test_abm_and_crm_files_meet_the_same_rules():
    assert len(read_accounts_file(HOSTILE / "accounts_trailing_commas.csv").table) == 2
    cta = read_cta_file(HOSTILE / "cta_exact_duplicate_rows.csv")
    assert len(cta.table) == 2 and "1 row(s) repeat an earlier row exactly" in cta.warnings[0]
    crm = read_crm_file(HOSTILE / "crm_huge_amount.csv")
    assert crm.table["amount"].isna().iloc[1], "an amount past ten trillion is left empty and counted"
    for name, says in {
        "nps_huge_score.csv": "'1e300' is more than 10,000,000,000,000",
        "nps_year_2999.csv": "'2999-03-02' is not a date from 1990 to 2100",
        "cta_synonym_headers.csv": "2 columns that could be 'Clicks' ('Clicks' and 'CTA clicks')",
        "crm_ragged_long_row.csv": "has 8 cells in row 3 where the header has 6",
        "crm_unterminated_quote.csv": "quotation mark in row 3 that is never closed",
        "crm_synonym_headers.csv": "('Original Source' and 'Lead Source')",
    }.items():
        reader = {"nps": read_nps_file, "cta": read_cta_file, "crm": read_crm_file}[name.split("_")[0]]
        with pytest.raises(DataFileError, match=re.escape(says)):
            reader(HOSTILE / name)


PLAN_REFUSALS = {
    "plan_huge_integer.json": "a number 5,000 digits long",
    "plan_nan.json": "holds NaN",
    "plan_infinity.json": "holds Infinity",
    "plan_tiny_deal_size.json": "goals.avg_deal_size: enter a number from 1 to 10,000,000,000,000 (ten trillion), not 1e-300",
    "plan_huge_goal.json": "goals.revenue_target: enter a number from 1 to 10,000,000,000,000",
    "plan_overflowing_float.json": "goals.revenue_target: enter an amount in figures, for example 10,000,000",
    "plan_year_2999.json": "fiscal_year: enter a year of 2100 or less, for example 2027",
    "plan_rate_zero.json": "conversion rate 2 must be above 0% and at most 100%, not 0%",
    "plan_rate_tiny.json": "the plan needs inf website visits a year",
    "plan_tiny_rates_everywhere.json": "the plan needs 1e+26 website visits a year",
    "plan_huge_volume.json": "funnel.forward_top: enter a number from 0 to 10,000,000,000,000",
    "plan_huge_cost_per_unit.json": "funnel.cost_per_unit",
    "plan_nul_in_name.json": "holds a NUL character",
    "plan_long_name.json": "name: string should have at most 80 characters",
    "plan_long_unknown_field.json": "a field the planner does not know",
    "plan_bad_utf8.json": "not UTF-8",
    "plan_not_json.json": "not valid JSON",
    "plan_a_list.json": "not a marketing plan",
    "plan_boolean_version.json": "not a marketing plan",
    "plan_empty.json": "is empty",
    "plan_newer_schema.json": "newer version",
    "plan_negative_budget.json": "roadmap.annual_budget",
    "plan_text_for_number.json": "goals.avg_deal_size: enter an amount in figures, for example 25,000",
}
PLANS_READ = ("plan_huge_budget.json", "plan_markup_name.json", "plan_markup_everywhere.json")


def test_every_hostile_plan_file_is_listed_here():
    assert set(PLAN_FILES) == {*PLAN_REFUSALS, *PLANS_READ}


@pytest.mark.parametrize(("name", "says"), PLAN_REFUSALS.items(), ids=PLAN_REFUSALS)
def test_a_hostile_plan_file_is_refused_in_one_sentence(name, says):
    refused = read_or_refusal(read_plan_file, HOSTILE / name)

    assert isinstance(refused, PlanFileError) and says in str(refused)
    assert str(refused).startswith(f"{name}: ")


def deck(argv: list[str], tmp_path: Path, capsys, pictures) -> tuple[int, list[str]]:
    status = main(["deck", *argv, "-o", str(tmp_path / "deck.pptx")], render_picture=pictures)
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    return status, errors


@pytest.mark.parametrize("name", PLAN_FILES)
def test_the_deck_command_builds_or_says_one_line_for_every_hostile_plan_file(name, tmp_path, capsys, fake_pictures):
    status, errors = deck([str(HOSTILE / name)], tmp_path, capsys, fake_pictures)

    if name in PLANS_READ:
        assert (status, errors) == (0, []) and (tmp_path / "deck.pptx").exists()
    else:
        assert status == 2 and len(errors) == 1 and one_sentence(errors[0].removeprefix("error: "))


# Files that read: the deck is built from them; a refused one gives exit status 2 and one line.
@pytest.mark.parametrize("name", DATA_FILES)
def test_the_deck_command_builds_or_says_one_line_for_every_hostile_channel_table(
    name, tmp_path, capsys, fake_pictures
):
    status, errors = deck([str(EXAMPLE_PLAN), "--review", str(HOSTILE / name)], tmp_path, capsys, fake_pictures)

    assert status in (0, 2)
    if status == 2:
        assert len(errors) == 1 and name in errors[0] and one_sentence(errors[0].removeprefix("error: "))


@pytest.mark.parametrize("option", ["--abm-accounts", "--abm-cta", "--abm-nps"])
def test_the_deck_command_says_one_line_for_a_hostile_abm_file(option, tmp_path, capsys, fake_pictures):
    files = {"--abm-accounts": "accounts_huge_number.csv", "--abm-cta": "cta_synonym_headers.csv",
             "--abm-nps": "nps_year_2999.csv"}  # fmt: skip
    accounts = [] if option == "--abm-accounts" else ["--abm-accounts", str(HOSTILE / "accounts_trailing_commas.csv")]
    argv = [str(EXAMPLE_PLAN), *accounts, option, str(HOSTILE / files[option])]

    status, errors = deck(argv, tmp_path, capsys, fake_pictures)

    assert status == 2 and len(errors) == 1 and files[option] in errors[0]


# ---- big files: each within its time and memory budget -------------------------------------------


def _peak_mib():
    """The process's peak resident memory since the last reset, in MiB (Linux's VmHWM)."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def _measured(read):
    """(result or refusal, seconds, peak MiB above the memory in use when the read began)."""
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current resident size
    before = _peak_mib()
    start = time.perf_counter()
    try:
        result = read()
    except (DataFileError, PlanFileError) as refusal:
        result = refusal
    return result, time.perf_counter() - start, _peak_mib() - before


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("make_big", HOSTILE / "make_big.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script.write_big_files(tmp_path_factory.mktemp("hostile"))


# name → (reader, seconds, MiB, words of the refusal; None where the file reads). The budgets are a
# few times what a quiet machine takes, so a loaded one passes and a regression to row-by-row
# reading (minutes, gigabytes) does not.
BIG = {
    "over_size_channels.csv": (read_channel_file, 1, 20, "is 51 MB, more than the 50 MB the channel table may be"),
    "million_rows_channels.csv": (read_channel_file, 10, 400, "more than the 1,000,000 rows the channel table"),
    "ten_thousand_columns.csv": (read_channel_file, 2, 50, "has 10,000 columns, more than the 1,000"),
    "megabyte_header.csv": (read_channel_file, 2, 50, "has a column heading over 131,072 characters long"),
    "zip_bomb.xlsx": (read_channel_file, 1, 20, "unpacks to 40 MB, more than the 20 MB"),
    "ratio_bomb.xlsx": (read_channel_file, 1, 20, "far tighter than a real sheet (at most 100 to 1)"),
    "many_parts.xlsx": (read_channel_file, 1, 20, "holds 605 parts, more than the 500"),
    "padded_rows.xlsx": (read_channel_file, 10, 200, "more than the 1,000,000 cells"),
    "far_cell.xlsx": (read_channel_file, 15, 200, "has 16,384 columns, more than the 1,000"),
    "big_valid_channels.csv": (read_channel_file, 15, 500, None),
    "deep_plan.json": (read_plan_file, 2, 50, "nests its data more than 32 levels deep"),
    "huge_integer_plan.json": (read_plan_file, 1, 20, "a number 5,000 digits long"),
    "over_size_plan.json": (read_plan_file, 1, 20, "is 6.0 MB, more than the 5 MB a plan file may be"),
}


def test_every_big_file_has_a_budget(big_files):
    assert set(big_files) == set(BIG)


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="peak memory is measured with Linux's /proc")
@pytest.mark.parametrize("name", BIG)
def test_a_big_file_is_read_or_refused_within_its_time_and_memory(name, big_files):
    reader, seconds, mib, says = BIG[name]

    result, took, used = _measured(lambda: reader(big_files[name]))

    if says is None:
        assert not isinstance(result, Exception), str(result)
    else:
        assert isinstance(result, DataFileError | PlanFileError) and says in str(result), str(result)
        assert one_sentence(str(result)), str(result)
    assert took < seconds, f"{name} took {took:.1f} s"
    assert used < mib, f"{name} used {used:.0f} MiB"


def test_a_big_file_refused_in_the_deck_command_is_one_line(big_files, tmp_path, capsys, fake_pictures):
    for name, option in (("zip_bomb.xlsx", "--review"), ("ten_thousand_columns.csv", "--abm-accounts")):
        status, errors = deck([str(EXAMPLE_PLAN), option, str(big_files[name])], tmp_path, capsys, fake_pictures)

        assert status == 2 and len(errors) == 1 and one_sentence(errors[0].removeprefix("error: "))
    status, errors = deck([str(big_files["deep_plan.json"])], tmp_path, capsys, fake_pictures)
    assert status == 2 and "nests its data more than 32 levels deep" in errors[0]
