"""Editable tables in a browser, reached through the copy of each cell that the grid keeps for screen readers."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.app_state import TIMEOUT, script_run, wait_until_drawn

# `st.data_editor` (glide-data-grid) draws its cells on a canvas and keeps inside that canvas an
# accessible table of the rows on screen: a `th[role=columnheader]` per column, a `td#glide-cell-COL-ROW`
# per cell (ROW from 0 below the header; COL counts a row-marker column where rows can be added).
# Focusing such a cell selects it in the grid, which marks it `aria-selected`; Enter opens its editor;
# its text is what the cell shows. So a cell is found by its id and an edit is checked by reading that
# same cell, never by pixel offsets into the canvas.

# Text and numbers open the grid's own input; a date opens the browser's date input.
EDITOR = "textarea.gdg-input:visible, input.gdg-input:visible, input[type=date]:visible"


def editable_table(page: Page, index: int = 0) -> Locator:
    """The `index`-th table on screen; tables in closed tabs or expanders do not count."""
    return page.locator('[data-testid="stDataFrame"]:visible').nth(index)


def grid_cell(table: Locator, row: int, column: str) -> Locator:
    """The cell of `table` in data row `row` (from 0) under the header `column`, by its `glide-cell` id.

    The id stays the same when the app redraws the table after an edit, so the locator finds the
    cell of the new table too.
    """
    header = table.locator('th[role="columnheader"]').filter(has_text=re.compile(rf"^{re.escape(column)}$"))
    position = _attribute(header, "aria-colindex", f"the column header {column!r}")
    cell = table.locator(f'tr[aria-rowindex="{row + 2}"] td[aria-colindex="{position}"]')
    cell_id = _attribute(cell, "id", f"row {row} of the column {column!r}")
    assert cell_id.startswith("glide-cell-"), f"row {row}, column {column!r} is {cell_id!r}, not a glide cell"
    return table.locator(f'[id="{cell_id}"]')


def _attribute(element: Locator, name: str, what: str) -> str:
    try:
        value = element.get_attribute(name, timeout=TIMEOUT)
    except PlaywrightTimeoutError:
        raise AssertionError(
            f"waited {TIMEOUT / 1000:g} s for {what} in the table's accessible copy"
        ) from None
    assert value is not None, f"{what} has no {name}"
    return value


def open_editor(page: Page, cell: Locator, timeout: float = TIMEOUT) -> Locator:
    """Select `cell` in its grid and press Enter, as a keyboard user does; return the editor it opens."""
    wait_until_drawn(page)
    deadline = time.monotonic() + timeout / 1000
    # A grid with no selection yet answers the first focus by selecting its own first cell, so
    # focus is given again until the grid reports this cell selected.
    while True:
        cell.focus(timeout=timeout)
        try:
            expect(cell).to_have_attribute("aria-selected", "true", timeout=1_000)
            break
        except AssertionError:
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout / 1000:g} s for the grid to select {cell}") from None
    page.keyboard.press("Enter")
    editor = page.locator(EDITOR).first
    expect(editor).to_be_visible(timeout=timeout)
    return editor


def type_into_cell(page: Page, table: Locator, row: int, column: str, text: str) -> None:
    """Type `text` over a cell and press Enter; wait for the run that saves it and for the cell to show it."""
    cell = grid_cell(table, row, column)
    editor = open_editor(page, cell)
    editor.fill(text)
    expect(editor).to_have_value(text)
    with script_run(page):
        editor.press("Enter")
    expect(cell).to_have_text(text, timeout=TIMEOUT)
