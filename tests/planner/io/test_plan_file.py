"""Plan files: a round trip keeps every part, each bad file kind gets one sentence, old schemas migrate."""

import importlib.util
import json
from pathlib import Path

import pytest

from planner.io.plan_file import (
    MIGRATIONS,
    PlanFileError,
    migrate,
    plan_file_name,
    plan_from_json,
    plan_to_json,
    read_plan_file,
    write_plan_file,
)
from planner.plan import SCHEMA_VERSION, Plan, example_plan
from tests.planner.plans import full_plan

V1_FILE = Path(__file__).resolve().parents[2] / "data" / "plan_v1.json"
V2_FILE = V1_FILE.with_name("plan_v2.json")
V3_FILE = V1_FILE.with_name("plan_v3.json")


def test_the_test_plan_sets_every_part_of_the_plan():
    plan, default = full_plan(), Plan()
    untouched = [
        f for f in Plan.model_fields if f != "schema_version" and getattr(plan, f) == getattr(default, f)
    ]

    assert not untouched, f"give full_plan() a non-default {untouched} so the round trips cover it"


def test_json_round_trip_keeps_every_part_of_the_plan(tmp_path):
    plan = full_plan()

    assert plan_from_json(plan_to_json(plan)) == plan
    assert read_plan_file(write_plan_file(plan, tmp_path / "plan.json")) == plan


def one_line(message: str) -> bool:
    return "\n" not in message and message.count(". ") == 0 and message.endswith((".", ")"))


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ('{"schema_version": 2, "name": "x"', "not valid JSON (line 1"),
        ("", "empty"),
        (b"\xff\xfe\x00n\x00o", "not UTF-8"),
        ("[1, 2, 3]", "not a marketing plan"),
        ('{"channel": "Email", "spend": 100}', "not a marketing plan"),
        ('{"schema_version": "two"}', "not a marketing plan"),
        (json.dumps({**example_plan().model_dump(mode="json"), "schema_version": 99}), "newer version"),
    ],
    ids=["malformed", "empty", "binary", "a-list", "another-json", "odd-version", "newer-schema"],
)
def test_a_bad_file_is_refused_in_one_sentence(content, says):
    with pytest.raises(PlanFileError) as refused:
        plan_from_json(content)

    assert says in str(refused.value)
    assert one_line(str(refused.value)), str(refused.value)


@pytest.mark.parametrize(
    ("part", "field", "value"),
    [
        ("funnel", "rates", [0.015, 1.5, 0.2, 0.4, 0.5]),
        ("goals", "avg_deal_size", -3),
        (None, "fiscal_year_start_month", 13),
        (None, "currency", "XYZ"),
    ],
    ids=["rate-above-100", "negative-deal", "month-13", "unknown-currency"],
)
def test_an_out_of_range_value_is_refused_naming_the_field(part, field, value):
    data = example_plan().model_dump(mode="json")
    (data[part] if part else data)[field] = value

    with pytest.raises(PlanFileError, match="out of range") as refused:
        plan_from_json(json.dumps(data))

    assert (f"{part}.{field}" if part else field) in str(refused.value)


def test_an_unknown_field_is_named():
    data = {**example_plan().model_dump(mode="json"), "budget_owner": "Ann"}

    with pytest.raises(PlanFileError, match=r"does not know \(budget_owner\)"):
        plan_from_json(json.dumps(data))


def test_a_schema_1_file_opens_with_everything_it_held():
    raw = json.loads(V1_FILE.read_text())
    assert raw["schema_version"] == 1

    plan = read_plan_file(V1_FILE)

    assert plan.schema_version == SCHEMA_VERSION
    assert plan.name == raw["name"] and plan.currency == "EUR"
    assert plan.goals.avg_deal_size == raw["goals"]["avg_deal_size"]
    assert plan.funnel.rates == tuple(raw["funnel"]["rates"])
    # Everything schema 1 had comes through unchanged; only the version and new parts differ, and the
    # growth base, which meant total revenue before schema 3 and now means last year's new revenue.
    upgraded = plan.model_dump(mode="json")
    assert plan.goals.baseline_revenue is None and raw["goals"]["baseline_revenue"] == 100_000_000
    del raw["goals"]["baseline_revenue"]
    assert kept_as_it_was(raw, upgraded)


def kept_as_it_was(old, new) -> bool:
    """Whether every value of `old` is in `new` unchanged (`new` may hold parts `old` did not have)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(
            key == "schema_version" or (key in new and kept_as_it_was(value, new[key])) for key, value in old.items()
        )
    return old == new


def test_a_schema_2_file_opens_with_both_sources_its_goal_and_its_budget():
    raw = json.loads(V2_FILE.read_text())
    assert raw["schema_version"] == 2 and raw["goals"]["target_mode"] == "growth"

    plan = read_plan_file(V2_FILE)

    # A schema-2 growth goal was a share of total revenue ($100M × 12%); it stays $12M, as an amount.
    assert plan.goals.target_mode == "amount" and plan.goals.revenue_goal() == pytest.approx(12_000_000)
    assert plan.goals.baseline_revenue is None
    assert plan.last_year.channels.source == "channels_2025.csv" and plan.last_year.crm is None
    assert plan.last_year.channels.model_dump(mode="json") == {**raw["last_year"], "cohort": None, "monthly": None}
    assert plan.abm_files is None and plan.currency_change is None, "what was never loaded says so"
    assert plan.roadmap.annual_budget == raw["roadmap"]["annual_budget"] == 100_000
    assert plan.name == raw["name"]
    assert kept_as_it_was(
        {k: v for k, v in raw.items() if k not in ("goals", "last_year")}, plan.model_dump(mode="json")
    )


def test_a_schema_3_file_opens_with_everything_it_held_and_no_channel_budget_yet():
    raw = json.loads(V3_FILE.read_text())
    assert raw["schema_version"] == 3 and "budget" not in raw

    plan = read_plan_file(V3_FILE)

    assert plan.schema_version == SCHEMA_VERSION
    # Schema 3 kept each channel's totals only: its months are "not kept", and no channel budget was chosen.
    assert plan.last_year.channels.monthly is None
    assert plan.budget.total is None and plan.budget.applied is None and plan.budget.channels == ()
    assert plan.roadmap.annual_budget == raw["roadmap"]["annual_budget"] == 1_700_000
    assert kept_as_it_was(raw, plan.model_dump(mode="json"))


def test_every_older_schema_has_a_migration_step():
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))
    assert migrate({"schema_version": 1})["schema_version"] == SCHEMA_VERSION


def test_a_missing_file_names_the_path(tmp_path):
    with pytest.raises(PlanFileError, match=r"No plan file at .*nope\.json"):
        read_plan_file(tmp_path / "nope.json")


def test_a_bad_file_on_disk_names_the_file(tmp_path):
    path = tmp_path / "q3.json"
    path.write_text("{")

    with pytest.raises(PlanFileError, match=r"^q3.json: This file is not valid JSON"):
        read_plan_file(path)


def test_export_file_name_follows_the_plan_name():
    assert plan_file_name(example_plan()) == "worked-example-inbound-plan.json"


def test_committed_example_plan_file_is_what_its_script_writes_and_opens():
    root = Path(__file__).resolve().parents[3]
    spec = importlib.util.spec_from_file_location(
        "make_example_plan", root / "sample_data" / "make_example_plan.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    committed = (root / "sample_data" / "example_plan.json").read_text()

    assert committed == script.example_plan_json(), "rerun sample_data/make_example_plan.py"
    assert read_plan_file(root / "sample_data" / "example_plan.json") == example_plan()
