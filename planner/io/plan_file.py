"""Plans as JSON files: write, read, refuse a bad file in one sentence, and upgrade older schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from planner.io.downloads import file_slug
from planner.io.errors import shown
from planner.io.limits import MB, PLAN_FILE_MAX_DEPTH, PLAN_FILE_MAX_DIGITS, PLAN_FILE_MAX_MB, megabytes
from planner.plan import EXAMPLE_NAME, SCHEMA_VERSION, Plan
from planner.validation import explain

PlanDict = dict[str, Any]
CHOOSE_A_PLAN = "choose a JSON file exported from the planner's Plans page"


class PlanFileError(ValueError):
    """A plan file that cannot be opened; the message is the one sentence to show the user."""


def _too_big(size: int) -> PlanFileError:
    return PlanFileError(
        f"This plan file is {megabytes(size)}, more than the {PLAN_FILE_MAX_MB} MB a plan file may be; "
        f"{CHOOSE_A_PLAN}."
    )


def _integer(digits: str) -> int:
    # Python refuses to read integers past 4,300 digits with a ValueError of its own; no plan
    # number needs more than the 14 digits of ten trillion.
    if len(digits.lstrip("-")) > PLAN_FILE_MAX_DIGITS:
        raise PlanFileError(
            f"This plan file has a number {len(digits.lstrip('-')):,} digits long, longer than any number in "
            f"a plan; {CHOOSE_A_PLAN}."
        )
    return int(digits)


def _not_a_number(word: str) -> float:
    raise PlanFileError(f"This plan file holds {word}, which is not a number a plan can hold; {CHOOSE_A_PLAN}.")


def _refusal(data: Any) -> str | None:
    """What no plan holds, if parsed JSON has it: nesting past any plan's depth, or a NUL character.

    Walked with a list, not recursion, so a hostile depth cannot exhaust Python's stack.
    """
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            # A NUL in a name or a note: the plan store cannot keep it, and screens cut text at it.
            return "holds a NUL character (a zero byte) in a text"
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        if depth > PLAN_FILE_MAX_DEPTH:
            return f"nests its data more than {PLAN_FILE_MAX_DEPTH} levels deep, deeper than any plan"
        stack.extend((child, depth + 1) for child in (*children, *(value if isinstance(value, dict) else ())))
    return None


def _v1_to_v2(data: PlanDict) -> PlanDict:
    # Schema 2 adds parts of the plan (roadmap, ABM settings) that all have defaults, so a
    # schema-1 plan gains them empty; only the version number changes here.
    return {**data, "schema_version": 2}


# The worked example's name before schema 3, which stated a goal the plan may no longer have.
OLD_EXAMPLE_NAME = "Worked example: $10M inbound goal"


def _v2_to_v3(data: PlanDict) -> PlanDict:
    # Schema 3 keeps last year's channel table and CRM export side by side, where schema 2 held one.
    # A growth goal now grows last year's *new* revenue (base × (1 + growth)); schema 2 took a share
    # of total revenue (base × growth), so such a plan keeps its goal as an amount, and the old base,
    # which meant total revenue, is not carried into a field that now means new revenue.
    data = dict(data)
    last = data.get("last_year")
    data["last_year"] = {last["kind"]: last} if isinstance(last, dict) and last.get("kind") in ("channels", "crm") else {}
    goals = dict(data.get("goals") or {})
    base = goals.pop("baseline_revenue", None)
    if goals.get("target_mode") == "growth" and isinstance(base, int | float):
        goals["revenue_target"] = base * goals.get("growth_rate", 0.10)
        goals["target_mode"] = "amount"
    data["goals"] = goals
    if data.get("name") == OLD_EXAMPLE_NAME:
        data["name"] = EXAMPLE_NAME
    return {**data, "schema_version": 3}


def _v3_to_v4(data: PlanDict) -> PlanDict:
    # Schema 4 keeps each channel's months of spend and first-stage volume (for the budget's response
    # curves) and the channel budget. A schema-3 plan kept only each channel's totals, so its months
    # are "not kept" (the budget falls back to the usual exponent until the table is loaded again);
    # it has no channel budget yet, which the plan's default says. A "budget" a schema-3 file holds
    # was never written by the app, so it is left for validation to refuse.
    data = dict(data)
    last = dict(data.get("last_year") or {})
    if isinstance(last.get("channels"), dict):
        last["channels"] = {**last["channels"], "monthly": None}
    data["last_year"] = last
    return {**data, "schema_version": 4}


# Each entry upgrades a plan dict by one schema version: MIGRATIONS[n] turns version n into n + 1.
MIGRATIONS: dict[int, Callable[[PlanDict], PlanDict]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}


def migrate(data: PlanDict) -> PlanDict:
    """A plan dict of any known schema version upgraded, step by step, to `SCHEMA_VERSION`."""
    version = data["schema_version"]
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        if data["schema_version"] != version + 1:
            raise RuntimeError(f"migration from schema {version} must produce schema {version + 1}.")
        version += 1
    return data


def plan_to_json(plan: Plan) -> str:
    """The plan as indented JSON, the format of exported files and of the store."""
    return plan.model_dump_json(indent=2) + "\n"


def plan_from_dict(data: Any) -> Plan:
    """A validated plan from parsed JSON of any schema version up to this app's; `PlanFileError` if not."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PlanFileError(
            "This file is not a marketing plan (it has no schema_version); "
            "choose a JSON file exported from the planner's Plans page."
        )
    if version > SCHEMA_VERSION:
        raise PlanFileError(
            f"This plan was saved by a newer version of the planner (schema {version}; this app reads "
            f"up to {SCHEMA_VERSION}); update the planner to open it."
        )
    try:
        return Plan.model_validate(migrate(data))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first["type"] == "extra_forbidden":
            field = shown(".".join(str(part) for part in first["loc"]))
            raise PlanFileError(
                f"This plan file has a field the planner does not know ({field}); "
                "choose a JSON file exported from the planner's Plans page."
            ) from None
        raise PlanFileError(f"This plan file has a value out of range, {explain(exc)}") from None


def plan_from_json(text: str | bytes) -> Plan:
    """A validated plan from the text of a plan file; `PlanFileError` with one sentence if it is not one."""
    if len(text) > PLAN_FILE_MAX_MB * MB:
        raise _too_big(len(text))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanFileError(
                "This file is not a plan file: it is not UTF-8 text; choose a JSON file exported from the planner."
            ) from None
    if not text.strip():
        raise PlanFileError("This plan file is empty; choose a JSON file exported from the planner.")
    try:
        data = json.loads(text, parse_int=_integer, parse_constant=_not_a_number)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            f"This file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg.lower()}); "
            "choose a JSON file exported from the planner."
        ) from None
    except RecursionError:
        raise PlanFileError(
            f"This plan file nests its data more than {PLAN_FILE_MAX_DEPTH} levels deep, deeper than any plan; "
            f"{CHOOSE_A_PLAN}."
        ) from None
    if refusal := _refusal(data):
        raise PlanFileError(f"This plan file {refusal}; {CHOOSE_A_PLAN}.")
    return plan_from_dict(data)


def read_plan_file(path: str | Path) -> Plan:
    """The plan in a JSON file on disk; `PlanFileError` (one sentence) if it is missing or not a plan."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > PLAN_FILE_MAX_MB * MB:
            raise _too_big(path.stat().st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise PlanFileError(f"No plan file at {path}; check the path.") from None
    except IsADirectoryError:
        raise PlanFileError(f"{path} is a folder; give the path of a plan's JSON file.") from None
    except OSError as exc:
        raise PlanFileError(f"Cannot read {path}: {exc.strerror}.") from None
    except PlanFileError as exc:
        raise PlanFileError(f"{shown(path.name, 60)}: {exc}") from None
    try:
        return plan_from_json(data)
    except PlanFileError as exc:
        raise PlanFileError(f"{shown(path.name, 60)}: {exc}") from None


def write_plan_file(plan: Plan, path: str | Path) -> Path:
    """Write the plan as a JSON file (the format `read_plan_file` and the Plans page import)."""
    path = Path(path)
    path.write_text(plan_to_json(plan), encoding="utf-8")
    return path


def plan_file_name(plan: Plan) -> str:
    """A file name for the plan's export: its name in lowercase words joined by hyphens."""
    return f"{file_slug(plan.name)}.json"
