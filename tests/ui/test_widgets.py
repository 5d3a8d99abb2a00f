"""Table edits: what `st.data_editor` reports is applied to the table the user saw."""

import pandas as pd

from ui.widgets import apply_editor_changes


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
