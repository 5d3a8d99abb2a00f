"""A plan's history: notes in the reader's words, which saves are one entry, which versions are kept."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from planner.change_notes import DESCRIBED, NO_CHANGE, NOTE_LENGTH, as_entry, change_note, plan_changes
from planner.conversion import convert_currency
from planner.history import BURST_WINDOW, same_burst, versions_to_keep
from planner.plan import Plan, StageRow, edit_stages, example_plan, replace, set_fiscal_year, stage_rows
from tests.planner.plans import full_plan

PLAN = example_plan()


def goals(**changes):
    return replace(PLAN, goals=replace(PLAN.goals, **changes))


@pytest.mark.parametrize(
    ("after", "note"),
    [
        pytest.param(goals(revenue_target=13_000_000), "Revenue goal $10.0M → $13.0M", id="revenue-goal"),
        pytest.param(
            replace(PLAN, funnel=PLAN.funnel.with_rate(2, 0.25)),
            "MQLs → SQLs rate 20% → 25%",
            id="stage-rate",
        ),
        pytest.param(
            goals(revenue_target=10_040_000),
            "Revenue goal $10.00M → $10.04M",
            id="a-small-change-still-shows",
        ),
        pytest.param(goals(referral_share=0.1), "Referral share of new customers 0% → 10%", id="share"),
        pytest.param(
            goals(target_mode="growth", baseline_revenue=8_000_000),
            "Goal as new revenue amount → growth over last year's new revenue; "
            "Last year's new revenue not set → $8.0M",
            id="growth-goal",
        ),
        pytest.param(
            replace(PLAN, name="Board version"),
            "Plan name “Worked example: inbound plan” → “Board version”",
            id="rename",
        ),
        pytest.param(
            set_fiscal_year(PLAN, 2028), "Fiscal year 2027 → 2028", id="roadmap-dates-follow-the-year"
        ),
        pytest.param(
            set_fiscal_year(PLAN, start_month=4), "Fiscal year starts in January → April", id="start-month"
        ),
        pytest.param(
            replace(PLAN, roadmap=replace(PLAN.roadmap, annual_budget=120_000)),
            "Annual marketing budget $100K → $120K",
            id="roadmap-budget",
        ),
        pytest.param(
            replace(PLAN, funnel=replace(PLAN.funnel, rate_uncertainty=0.2)),
            "Rate uncertainty ±0% → ±20%",
            id="uncertainty",
        ),
        pytest.param(
            replace(
                PLAN, funnel=edit_stages(PLAN.funnel, [*stage_rows(PLAN.funnel), StageRow(name="Renewals")])
            ),
            "Stage added: “Renewals”",
            id="stage-added",
        ),
        pytest.param(PLAN, NO_CHANGE, id="same-plan"),
    ],
)
def test_a_note_says_each_change_with_the_values_as_the_app_shows_them(after, note):
    assert change_note(PLAN, after) == note


def test_a_note_names_three_changes_then_counts_the_rest():
    after = replace(
        goals(revenue_target=12_000_000, avg_deal_size=1_200_000, referral_share=0.05, growth_rate=0.2),
        name="Bigger",
    )

    assert change_note(PLAN, after) == (
        "Plan name “Worked example: inbound plan” → “Bigger”; Revenue goal $10.0M → $12.0M; "
        "Growth over last year 10% → 20%; and 2 more"
    )


def test_a_converted_plan_shows_each_amount_in_its_own_currency():
    converted = convert_currency(PLAN, "EUR", 0.9, datetime(2027, 1, 5, tzinfo=UTC))

    said = [change.said for change in plan_changes(PLAN, converted)]

    assert said[:2] == ["Currency USD → EUR", "Revenue goal $10.0M → €9.0M"]
    assert "Annual marketing budget $100K → €90.0K" in said


def test_long_names_keep_the_note_within_what_the_database_holds():
    long = "A" * 80
    after = replace(full_plan(), name=long, currency="GBP", fiscal_year=2030)

    note = change_note(replace(full_plan(), name="B" * 80), after)

    assert len(note) <= NOTE_LENGTH
    assert note.startswith("Plan name “BBB") and "…”" in note


def test_every_field_of_a_plan_has_words_for_its_change():
    assert list(DESCRIBED) == list(Plan.model_fields), "a new plan field needs a line in planner.change_notes"


def test_old_notes_read_as_entries():
    assert as_entry("restored version 3") == "Restored version 3"
    assert as_entry("") == ""


T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("earlier_author", "author", "gap", "joins"),
    [
        pytest.param(
            "bob@example.com", "bob@example.com", timedelta(seconds=59), True, id="same-person-quickly"
        ),
        pytest.param(None, None, timedelta(seconds=1), True, id="the-one-user-without-sign-in"),
        pytest.param("bob@example.com", "bob@example.com", BURST_WINDOW, False, id="a-whole-window-later"),
        pytest.param("bob@example.com", "alice@example.com", timedelta(seconds=1), False, id="someone-else"),
        pytest.param(
            "bob@example.com", "bob@example.com", timedelta(seconds=-5), False, id="a-clock-gone-back"
        ),
    ],
)
def test_a_save_joins_the_last_entry_only_by_the_same_person_within_the_window(
    earlier_author, author, gap, joins
):
    assert same_burst(earlier_author, T0, author, T0 + gap) is joins


NOW = datetime(2027, 3, 20, 12, 0, tzinfo=UTC)


def test_the_last_week_is_kept_whole_and_before_it_the_last_of_each_day():
    saved = {
        1: datetime(2027, 3, 1, 9, 0, tzinfo=UTC),
        2: datetime(2027, 3, 1, 17, 0, tzinfo=UTC),
        3: datetime(2027, 3, 2, 23, 59, tzinfo=UTC),
        4: datetime(2027, 3, 13, 11, 0, tzinfo=UTC),  # a week and an hour ago
        5: datetime(2027, 3, 13, 13, 0, tzinfo=UTC),  # a week less an hour ago
        6: datetime(2027, 3, 19, 8, 0, tzinfo=UTC),
        7: datetime(2027, 3, 20, 11, 59, tzinfo=UTC),
    }

    assert versions_to_keep(saved, NOW) == {2, 3, 5, 6, 7}


def test_pinned_versions_are_kept_however_old():
    saved = {1: datetime(2026, 1, 1, 9, tzinfo=UTC), 2: datetime(2026, 1, 1, 10, tzinfo=UTC)}

    assert versions_to_keep(saved, NOW) == {2}
    assert versions_to_keep(saved, NOW, pinned={1}) == {1, 2}


def test_days_are_counted_in_utc():
    new_york = ZoneInfo("America/New_York")
    # Both on 1 March in New York; in UTC the first is 1 March, 23:00, the second 2 March, 00:00.
    saved = {1: datetime(2027, 3, 1, 18, 0, tzinfo=new_york), 2: datetime(2027, 3, 1, 19, 0, tzinfo=new_york)}

    assert versions_to_keep(saved, NOW) == {1, 2}
