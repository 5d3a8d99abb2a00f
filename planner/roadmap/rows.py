"""Rows from the roadmap's editable tables as models, and the notes on rows that are not complete yet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import ValidationError

from planner.roadmap.model import Hypothesis, Initiative, Quarter, TableRow
from planner.validation import explain


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def rows_to(model: type[TableRow], rows: Iterable[dict[str, Any]], label: str = "name") -> tuple:
    """Table rows as models; a refused row is one sentence naming its number and its `label` cell."""
    models = []
    for number, row in enumerate(rows, start=1):
        try:
            # Tables may show computed columns (a goal's target); only the model's own fields are read.
            models.append(model.model_validate({k: v for k, v in row.items() if k in model.model_fields}))
        except ValidationError as exc:
            name = _text(row.get(label))
            where = f"row {number}" + (f" ('{_short(name)}')" if name else "")
            raise ValueError(f"{where}: {explain(exc)}") from None
    return tuple(models)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def initiatives_from_rows(rows: Iterable[dict[str, Any]], first: date, last: date) -> tuple[Initiative, ...]:
    """Initiatives from the table; a row without dates runs the whole quarter."""
    filled = [{**row, "start": row.get("start") or first, "due": row.get("due") or last} for row in rows]
    return rows_to(Initiative, filled)


def hypotheses_from_rows(rows: Iterable[dict[str, Any]]) -> tuple[Hypothesis, ...]:
    """Hypotheses from a table whose rates are in percent."""
    as_fractions = [
        {**row, **{k: None if row.get(k) is None else float(row[k]) / 100 for k in ("from_rate", "to_rate")}}
        for row in rows
    ]
    return rows_to(Hypothesis, as_fractions, label="initiative")


def row_notes(quarter: Quarter, first: date, last: date) -> list[str]:
    """Softer problems at the rows: initiatives without a statement, owner or listed focus area, or
    dated outside the quarter."""
    notes = []
    for number, item in enumerate(quarter.initiatives, start=1):
        where = f"Initiatives, row {number}" + (f" ('{item.name}')" if item.name else "")
        if not item.name:
            notes.append(f"{where}: describe the initiative in a sentence or two.")
        if not item.owner:
            notes.append(f"{where}: name an owner who champions it.")
        if item.focus_area and item.focus_area not in quarter.focus_names:
            notes.append(
                f"{where}: its focus area '{item.focus_area}' is not one of this quarter's; add it or pick another."
            )
        if item.start and item.due and (item.start < first or item.due > last):
            notes.append(
                f"{where}: it runs {item.start:%d %b} – {item.due:%d %b %Y}, outside the quarter "
                f"({first:%d %b} – {last:%d %b %Y})."
            )
    return notes


def unlisted_owners(quarter: Quarter) -> list[str]:
    """Owners named on initiatives or goals who have no row, so no duties, in the owners table."""
    listed = {o.name for o in quarter.owners}
    named = [i.owner for i in quarter.initiatives] + [g.owner for g in quarter.goals]
    return [name for name in dict.fromkeys(named) if name and name not in listed]
