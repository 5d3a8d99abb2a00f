"""Command line: `python -m planner deck PLAN_FILE -o OUT.pptx` builds the plan's deck without a browser."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from planner.export import ReviewData, build_deck
from planner.images import INSTALL_HINT
from planner.io import DataFileError, read_channel_table
from planner.plan import Plan
from planner.review import channel_summary, months_covered
from planner.validation import explain

BAD_INPUT = 2


class PlanFileError(ValueError):
    """A plan file that cannot be read; the message says which file, what is wrong and what to do."""


def read_plan_file(path: str | Path) -> Plan:
    """The plan saved in a JSON file, validated; any problem is one `PlanFileError` sentence."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise PlanFileError(f"{path}: no such file; give the path of a plan saved as JSON.") from None
    except IsADirectoryError:
        raise PlanFileError(f"{path} is a folder; give the path of a plan saved as JSON.") from None
    except UnicodeDecodeError:
        raise PlanFileError(f"{path} is not a text file; give a plan saved as JSON from the app.") from None
    except OSError as exc:
        raise PlanFileError(
            f"{path} cannot be read ({exc.strerror}); check the path and its permissions."
        ) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(
            f"{path} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            "export the plan again from the app."
        ) from None
    try:
        return Plan.model_validate_json(text)
    except ValidationError as exc:
        raise PlanFileError(
            f"{path}: {explain(exc)} Fix the value in the file, or export the plan again."
        ) from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m planner", description="Marketing planner tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    deck = commands.add_parser("deck", help="build the plan's PowerPoint deck")
    deck.add_argument("plan_file", metavar="PLAN_FILE", help="a plan saved as JSON")
    deck.add_argument("-o", "--output", required=True, metavar="OUT.pptx", help="where to write the deck")
    deck.add_argument(
        "--review",
        metavar="CHANNELS",
        help="last year's channel table (CSV or Excel) for the review slides, instead of the one the plan holds",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        plan = read_plan_file(args.plan_file)
        review = None
        if args.review:
            table = read_channel_table(args.review)
            review = ReviewData(channel_summary(table), months_covered(table), Path(args.review).name)
    except (PlanFileError, DataFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
    except OSError as exc:
        print(
            f"error: {args.review}: {exc.strerror}; give last year's channel table (CSV or Excel).",
            file=sys.stderr,
        )
        return BAD_INPUT
    missing: list[str] = []
    deck = build_deck(plan, review, missing_pictures=missing)
    output = Path(args.output)
    try:
        output.write_bytes(deck)
    except OSError as exc:
        print(f"error: cannot write {output} ({exc.strerror}); choose another path.", file=sys.stderr)
        return BAD_INPUT
    if missing:
        print(f"warning: {len(missing)} chart(s) left as a note. {INSTALL_HINT}", file=sys.stderr)
    print(f"Wrote {output} ({len(deck) // 1024} KB).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
