"""Undo and Redo: the plan before each change comes back, a burst of one change is one step."""

from datetime import UTC, datetime, timedelta

import pytest

from planner.plan import example_plan, replace
from planner.undo import UNDO_STEPS, UndoHistory, record, redo, redo_help, undo, undo_help

T0 = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
PLAN = example_plan()


def revenue(amount):
    return replace(PLAN, goals=replace(PLAN.goals, revenue_target=amount))


def test_undo_brings_back_the_plan_before_the_change_and_redo_the_change():
    changed = revenue(12_000_000)
    history = record(UndoHistory(), PLAN, changed, T0)

    back = undo(history, changed)
    again = redo(back.history, back.plan)

    assert back.plan == PLAN and not back.history.undo
    assert again.plan == changed and not again.history.redo
    assert undo(again.history, again.plan).plan == PLAN


def test_a_slider_moved_step_by_step_is_one_undo_step():
    history, plan = UndoHistory(), PLAN
    for step in range(5):
        moved = replace(plan, funnel=plan.funnel.with_rate(2, 0.21 + 0.01 * step))
        history, plan = record(history, plan, moved, T0 + timedelta(seconds=2 * step)), moved

    assert len(history.undo) == 1
    assert undo(history, plan).plan == PLAN


@pytest.mark.parametrize(
    ("second_at", "second_change", "steps"),
    [
        pytest.param(T0 + timedelta(seconds=10), lambda p: revenue(13_000_000), 1, id="same-field-quickly"),
        pytest.param(T0 + timedelta(minutes=2), lambda p: revenue(13_000_000), 2, id="same-field-later"),
        pytest.param(
            T0 + timedelta(seconds=10),
            lambda p: replace(p, goals=replace(p.goals, avg_deal_size=2_000_000)),
            2,
            id="another-field-quickly",
        ),
    ],
)
def test_only_the_same_change_within_the_burst_window_joins_the_step(second_at, second_change, steps):
    first = revenue(12_000_000)
    history = record(UndoHistory(), PLAN, first, T0)

    history = record(history, first, second_change(first), second_at)

    assert len(history.undo) == steps


def test_a_new_change_after_an_undo_clears_redo():
    changed = revenue(12_000_000)
    back = undo(record(UndoHistory(), PLAN, changed, T0), changed)

    history = record(back.history, back.plan, revenue(11_000_000), T0 + timedelta(minutes=1))

    assert history.redo == ()
    with pytest.raises(ValueError, match="no undone change"):
        redo(history, revenue(11_000_000))


def test_only_the_last_twenty_changes_can_be_undone():
    history, plan = UndoHistory(), PLAN
    for step in range(UNDO_STEPS + 5):
        changed = revenue(11_000_000 + step * 100_000)
        history, plan = record(history, plan, changed, T0 + timedelta(minutes=step)), changed

    assert len(history.undo) == UNDO_STEPS == 20
    assert history.undo[0] == revenue(11_000_000 + 4 * 100_000), "the oldest five are gone"


def test_nothing_to_undo_is_refused_and_a_non_change_is_not_a_step():
    assert record(UndoHistory(), PLAN, PLAN, T0) == UndoHistory()
    with pytest.raises(ValueError, match="no change to undo"):
        undo(UndoHistory(), PLAN)


def test_the_buttons_help_says_what_they_would_change():
    changed = revenue(12_000_000)
    history = record(UndoHistory(), PLAN, changed, T0)
    back = undo(history, changed)

    assert (
        undo_help(history, changed)
        == "Undo your last change: Revenue goal back to $10.0M. 1 change can be undone."
    )
    assert redo_help(back.history, back.plan) == "Redo the change you undid: Revenue goal $10.0M → $12.0M."
    assert undo_help(UndoHistory(), PLAN).startswith("Nothing to undo yet. Your last 20 changes")
    assert redo_help(history, changed).startswith("Nothing to redo.")


def test_the_undo_help_stays_the_same_while_a_burst_goes_on():
    # The Funnel page redraws only its body while a slider moves; the sidebar's Undo keeps its help.
    first = revenue(12_000_000)
    history = record(UndoHistory(), PLAN, first, T0)
    later = revenue(12_500_000)
    burst = record(history, first, later, T0 + timedelta(seconds=5))

    assert len(burst.undo) == 1
    assert undo_help(burst, later) == undo_help(history, first)
