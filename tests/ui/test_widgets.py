"""Table edits: what `st.data_editor` reports is applied to the table the user saw."""

from datetime import date

import pandas as pd

from ui.widgets import Draft, apply_editor_changes, rebase


def test_edits_deletions_and_additions_are_applied_in_order():
    table = pd.DataFrame(
        {"Stage": ["Visits", "Leads", "MQLs"], "source": [0, 1, 2], "Today": [100.0, 5.0, None]}
    )
    changes = {
        "edited_rows": {0: {"Stage": "Sessions"}, 2: {"Today": 1.5}},
        "deleted_rows": [1],
        "added_rows": [{"Stage": "SQLs"}],
    }

    edited = apply_editor_changes(table, changes)

    assert edited["Stage"].tolist() == ["Sessions", "MQLs", "SQLs"]
    assert edited["source"].tolist() == [0, 2, None]
    assert edited["Today"].tolist() == [100.0, 1.5, None]


def test_no_changes_give_back_the_same_rows_with_empty_cells_as_none():
    table = pd.DataFrame({"Weight": [1.0, float("nan")]})

    edited = apply_editor_changes(table, {"edited_rows": {}, "added_rows": [], "deleted_rows": []})

    assert edited["Weight"].tolist() == [1.0, None]


def test_a_typed_date_comes_back_as_a_date_so_the_column_keeps_its_date_picker():
    table = pd.DataFrame({"Initiative": ["Webinar"], "due": [date(2027, 3, 1)]})

    edited = apply_editor_changes(table, {"edited_rows": {0: {"due": "2026-12-15"}}}, date_columns=["due"])

    assert edited["due"].tolist() == [date(2026, 12, 15)]


def test_a_refused_edit_keeps_the_typing_over_what_the_plan_changed_since():
    base = pd.DataFrame(
        {"name": ["A", "B"], "start": [date(2027, 1, 1), date(2027, 2, 1)], "budget": [1.0, 2.0]}
    )
    typed = base.copy()
    typed.loc[1, "budget"] = -5.0
    moved = base.copy()
    moved["start"] = [date(2028, 1, 1), date(2028, 2, 1)]  # a new fiscal year moved the dates

    shown = rebase(Draft(base=base, typed=typed), moved)

    assert shown["budget"].tolist() == [1.0, -5.0], "the user's typing stays"
    assert shown["start"].tolist() == [date(2028, 1, 1), date(2028, 2, 1)], "the plan's move stays"


def test_a_refused_edit_that_added_a_row_is_shown_as_typed():
    base = pd.DataFrame({"name": ["A"], "budget": [1.0]})
    typed = pd.DataFrame({"name": ["A", "B"], "budget": [1.0, -1.0]})

    assert rebase(Draft(base=base, typed=typed), base).equals(typed)
