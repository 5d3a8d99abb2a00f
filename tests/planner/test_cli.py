"""`python -m planner deck`: a good plan file gives a deck; a bad one gives one message and exit status 2."""

import io
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pptx import Presentation

from planner import example_plan, write_plan_file
from planner.cli import main
from planner.io import read_crm_export
from planner.io.plan_file import read_plan_file
from planner.plan import set_last_year
from planner.review import last_year_from_crm

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_data" / "channels_2025.csv"
ABM = {
    "--abm-accounts": ROOT / "sample_data" / "abm_accounts_2025.csv",
    "--abm-cta": ROOT / "sample_data" / "abm_cta_events_2025.csv",
    "--abm-nps": ROOT / "sample_data" / "abm_nps_2025.csv",
}


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(example_plan().model_dump_json(indent=2), encoding="utf-8")
    return path


def test_a_saved_plan_reads_back_equal(plan_file):
    assert read_plan_file(plan_file) == example_plan()


def test_deck_command_writes_the_deck(plan_file, tmp_path, capsys, fake_pictures):
    # No browser needed here: the pictures' own tests draw them with Chromium.
    out = tmp_path / "deck.pptx"

    status = main(["deck", str(plan_file), "-o", str(out), "--review", str(SAMPLE)], render_picture=fake_pictures)

    assert status == 0
    deck = Presentation(io.BytesIO(out.read_bytes()))
    assert deck.slides[0].shapes.title.text_frame.text == example_plan().name
    assert any(s.shapes.title.text_frame.text.startswith("Last year:") for s in deck.slides)
    assert f"Wrote {out}" in capsys.readouterr().out


def test_a_plan_holding_last_year_gets_its_review_and_review_overrides_it(tmp_path, fake_pictures):
    crm = ROOT / "sample_data" / "crm_contacts_2025.csv"
    kept = last_year_from_crm(read_crm_export(crm), crm.name, datetime(2026, 11, 24, tzinfo=UTC))
    plan_file = write_plan_file(set_last_year(example_plan(), kept), tmp_path / "plan.json")

    def review_title(*extra: str) -> str:
        out = tmp_path / "deck.pptx"
        assert main(["deck", str(plan_file), "-o", str(out), *extra], render_picture=fake_pictures) == 0
        titles = [s.shapes.title.text_frame.text for s in Presentation(io.BytesIO(out.read_bytes())).slides]
        return next(t for t in titles if t.startswith("Last year:"))

    assert "new customers and $" in review_title(), "the CRM review the plan holds"
    assert "110 new customers from $1.4M" in review_title("--review", str(SAMPLE)), "--review wins"


BAD_FILES = {
    "missing": (None, "No plan file at"),
    "malformed": ('{"name": "Q1 plan",', "is not valid JSON"),
    "not a plan": ('["a", "list"]', "is not a marketing plan"),
    "negative deal size": ('{"schema_version": 2, "goals": {"avg_deal_size": -5}}', "goals.avg_deal_size"),
    "rate above 100%": ('{"schema_version": 2, "funnel": {"rates": [1.5, 0.2, 0.2, 0.4, 0.5]}}', "rates"),
    "unknown field": ('{"schema_version": 2, "sponsor": 5}', "does not know (sponsor)"),
    "newer schema": ('{"schema_version": 99}', "newer"),
    "binary": (b"\x89PNG\r\n\x1a\n\xff\xfe", "is not"),
}


@pytest.mark.parametrize("content, says", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_plan_file_gives_one_line_and_status_2(tmp_path, capsys, content, says):
    path = tmp_path / "plan.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")

    status = main(["deck", str(path), "-o", str(tmp_path / "deck.pptx")])

    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1, err
    assert says in err and "plan.json" in err
    assert not (tmp_path / "deck.pptx").exists()


def test_the_module_runs_from_the_shell_and_exits_2_on_a_bad_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "planner", "deck", str(path), "-o", str(tmp_path / "out.pptx")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip

    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: broken.json: This file is not valid JSON (line 1, column 2")


@pytest.fixture
def no_browser(fake_pictures):
    """Pictures without Chromium, for `main(..., render_picture=no_browser)`."""
    return fake_pictures


def titles_of(path) -> list[str]:
    return [s.shapes.title.text_frame.text for s in Presentation(io.BytesIO(path.read_bytes())).slides]


def test_the_abm_files_add_the_abm_slides(plan_file, tmp_path, no_browser):
    without, with_abm = tmp_path / "plain.pptx", tmp_path / "abm.pptx"
    options = [str(part) for option, path in ABM.items() for part in (option, path)]

    assert main(["deck", str(plan_file), "-o", str(without)], render_picture=no_browser) == 0
    assert main(["deck", str(plan_file), "-o", str(with_abm), *options], render_picture=no_browser) == 0

    titles = titles_of(with_abm)
    assert len(titles) == len(titles_of(without)) + 6
    assert titles[-6].startswith("ABM: 60 accounts") and titles[-1].startswith("Healthiest accounts")


BAD_ABM = {
    "missing file": (["--abm-accounts", "nowhere.csv"], "nowhere.csv: No such file"),
    "wrong kind": (["--abm-accounts", str(ABM["--abm-nps"])], "give it with --abm-nps"),
    "not a table": (["--abm-accounts", str(ROOT / "sample_data" / "example_plan.json")], "example_plan.json"),
    "cta without accounts": (["--abm-cta", str(ABM["--abm-cta"])], "add --abm-accounts FILE"),
    "nps in the cta option": (
        ["--abm-accounts", str(ABM["--abm-accounts"]), "--abm-cta", str(ABM["--abm-nps"])],
        "abm_nps_2025.csv looks like the NPS answers file",
    ),
    "accounts in the nps option": (
        ["--abm-accounts", str(ABM["--abm-accounts"]), "--abm-nps", str(ABM["--abm-accounts"])],
        "not the NPS answers file; give it with --abm-accounts.",
    ),
}


@pytest.mark.parametrize("options, says", BAD_ABM.values(), ids=BAD_ABM.keys())
def test_a_bad_abm_file_gives_one_line_and_status_2(plan_file, tmp_path, capsys, no_browser, options, says):
    out = tmp_path / "deck.pptx"

    status = main(["deck", str(plan_file), "-o", str(out), *options], render_picture=no_browser)

    err = capsys.readouterr().err
    assert status == 2
    assert len(err.strip().splitlines()) == 1, err
    assert says in err
    assert " box" not in err, "the command line names options, not the page's upload boxes"
    assert not out.exists()


def test_a_file_read_with_care_is_noted_on_stderr_and_the_deck_still_built(
    plan_file, tmp_path, capsys, no_browser
):
    channels = tmp_path / "channels.csv"
    channels.write_text(SAMPLE.read_text(encoding="utf-8") + ",,,,,,,,,,\n", encoding="utf-8")

    status = main(
        ["deck", str(plan_file), "-o", str(tmp_path / "deck.pptx"), "--review", str(channels)],
        render_picture=no_browser,
    )

    assert status == 0
    assert "warning: channels.csv: Skipped 1 blank row(s)." in capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("content", "says"),
    [
        pytest.param("[" * 100_000 + "]" * 100_000, "nests its data more than 32 levels deep", id="deep-json"),
        pytest.param('{"schema_version": ' + "9" * 5_000 + "}", "a number 5,000 digits long", id="huge-integer"),
    ],
)
def test_a_hostile_plan_file_exits_2_with_one_line_and_no_traceback_from_the_shell(tmp_path, content, says):
    path = tmp_path / "hostile.json"
    path.write_text(content, encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "planner", "deck", str(path), "-o", str(tmp_path / "out.pptx")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip

    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: hostile.json: This plan file") and says in line


def test_a_bad_cell_in_a_review_file_names_the_file_on_the_command_line(plan_file, tmp_path, capsys):
    channels = tmp_path / "q3.csv"
    channels.write_text("Channel,Spend,Leads,Customers,Revenue\nEmail,lots,1,1,1\n", encoding="utf-8")

    status = main(["deck", str(plan_file), "-o", str(tmp_path / "deck.pptx"), "--review", str(channels)])

    assert status == 2
    assert capsys.readouterr().err.strip() == (
        "error: q3.csv: Row 2, column 'Spend': 'lots' is not a number; fix the cell or map 'Spend' to another column."
    )
