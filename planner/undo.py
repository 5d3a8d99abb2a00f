"""Undo and Redo of a session's last changes to its plan: the plan as it was before each change."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field

from planner.change_notes import change_note, plan_changes
from planner.history import BURST_WINDOW
from planner.plan import Plan

# How many changes can be undone (and redone).
UNDO_STEPS = 20


class UndoHistory(BaseModel):
    """What Undo and Redo bring back, the newest last, and what the newest change was."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    undo: tuple[Plan, ...] = Field((), max_length=UNDO_STEPS, description="The plan before each change.")
    redo: tuple[Plan, ...] = Field((), max_length=UNDO_STEPS, description="The plan before each undo.")
    last_change: frozenset[str] = Field(frozenset(), description="What the newest undo step changed.")
    last_at: datetime | None = Field(None, description="When the newest undo step last changed the plan.")


class Step(BaseModel):
    """An undo or redo: the plan to show and save, and the history after it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: Plan
    history: UndoHistory


def record(history: UndoHistory, before: Plan, after: Plan, at: datetime) -> UndoHistory:
    """The history after a change from `before` to `after` at `at`; a new change clears Redo.

    A burst of the same change (a slider moved step by step, a number typed again) is one step:
    it joins the newest step when it changes the same things, less than `BURST_WINDOW` after it.
    """
    changed = frozenset(change.key for change in plan_changes(before, after))
    if not changed:
        return history
    joins = (
        bool(history.undo)
        and history.last_at is not None
        and timedelta(0) <= at - history.last_at < BURST_WINDOW
        and changed == history.last_change
    )
    undo = history.undo if joins else (*history.undo, before)[-UNDO_STEPS:]
    return UndoHistory(undo=undo, redo=(), last_change=changed, last_at=at)


def undo(history: UndoHistory, current: Plan) -> Step:
    """Back to the plan before the newest change; `current` can then be redone. `ValueError` if none."""
    if not history.undo:
        raise ValueError("There is no change to undo.")
    *rest, previous = history.undo
    redo = (*history.redo, current)[-UNDO_STEPS:]
    return Step(plan=previous, history=UndoHistory(undo=tuple(rest), redo=redo))


def redo(history: UndoHistory, current: Plan) -> Step:
    """Forward to the plan the newest undo left; `current` can then be undone. `ValueError` if none."""
    if not history.redo:
        raise ValueError("There is no undone change to redo.")
    *rest, following = history.redo
    undo = (*history.undo, current)[-UNDO_STEPS:]
    return Step(plan=following, history=UndoHistory(undo=undo, redo=tuple(rest)))


def undo_help(history: UndoHistory, current: Plan) -> str:
    """The Undo button's help: what it changes back, or that there is nothing to undo."""
    if not history.undo:
        return f"Nothing to undo yet. Your last {UNDO_STEPS} changes to this plan can be undone here."
    count = len(history.undo)
    return (
        # Named by where it goes back to, which stays the same while a slider is still moving.
        f"Undo your last change: {change_note(current, history.undo[-1], say=lambda c: c.back)}. "
        f"{count} change{'' if count == 1 else 's'} can be undone."
    )


def redo_help(history: UndoHistory, current: Plan) -> str:
    """The Redo button's help: what it brings back, or that there is nothing to redo."""
    if not history.redo:
        return "Nothing to redo. Redo brings back a change you undid, until you make a new change."
    return f"Redo the change you undid: {change_note(current, history.redo[-1])}."
