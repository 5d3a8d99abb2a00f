"""Command line: `python -m planner deck PLAN_FILE -o OUT.pptx` builds the plan's deck without a browser."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from planner.export import AbmData, PictureRenderer, ReviewData, build_deck
from planner.io import (
    DataFileError,
    WrongFileError,
    read_accounts_file,
    read_channel_file,
    read_cta_file,
    read_nps_file,
)
from planner.io.images import INSTALL_HINT, render
from planner.io.plan_file import PlanFileError, read_plan_file
from planner.review import channel_summary, months_covered

BAD_INPUT = 2
# The option that takes each kind of ABM file, to name when a file is given as the wrong kind.
ABM_OPTIONS = {"accounts": "--abm-accounts", "cta": "--abm-cta", "nps": "--abm-nps"}


class MissingOptionError(ValueError):
    """An option that needs another one the command line lacks."""


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
    abm = deck.add_argument_group("ABM KPIs slides (the files the ABM KPIs page reads)")
    abm.add_argument("--abm-accounts", metavar="FILE", help="account activity per month (CSV or Excel)")
    abm.add_argument("--abm-cta", metavar="FILE", help="call-to-action events; needs --abm-accounts")
    abm.add_argument("--abm-nps", metavar="FILE", help="NPS survey answers; needs --abm-accounts")
    return parser


def _abm_data(args: argparse.Namespace, warnings: list[str]) -> AbmData | None:
    """The three ABM files, read as the ABM page reads them; None when none was given."""
    if args.abm_accounts is None:
        if args.abm_cta or args.abm_nps:
            raise MissingOptionError(
                "--abm-cta and --abm-nps need the account activity file too; add --abm-accounts FILE."
            )
        return None
    accounts = read_accounts_file(args.abm_accounts)
    cta = read_cta_file(args.abm_cta) if args.abm_cta else None
    nps = read_nps_file(args.abm_nps) if args.abm_nps else None
    warnings += [
        f"{read.file_name}: {w}" for read in (accounts, cta, nps) if read is not None for w in read.warnings
    ]
    return AbmData(
        accounts=accounts.table,
        cta=None if cta is None else cta.table,
        nps=None if nps is None else nps.table,
        source=accounts.file_name,
    )


def _one_line(error: Exception) -> str:
    """The error as one line of stderr (a parser's own message may carry a newline), naming options, not boxes."""
    if isinstance(error, WrongFileError):
        message = error.sentence(f"give it with {ABM_OPTIONS[error.looks_like]}")
    else:
        message = str(error)
    if isinstance(error, DataFileError) and error.file_name and error.file_name not in message:
        # "Row 3, column 'Spend': …" names no file, and the deck can read four.
        message = f"{error.file_name}: {message}"
    return " ".join(message.split())


def main(
    argv: Sequence[str] | None = None, *, render_picture: PictureRenderer = render, today: date | None = None
) -> int:
    """Run the command in `argv`; the deck's pictures come from `render_picture`, its date is `today` (default: the clock's)."""
    args = _parser().parse_args(argv)
    warnings: list[str] = []
    try:
        plan = read_plan_file(args.plan_file)
        review = None
        if args.review:
            read = read_channel_file(args.review)
            warnings += [f"{read.file_name}: {w}" for w in read.warnings]
            review = ReviewData(channel_summary(read.table), months_covered(read.table), read.file_name)
        abm = _abm_data(args, warnings)
    except (PlanFileError, DataFileError, MissingOptionError) as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.filename}: {exc.strerror}; check the path (CSV or Excel files).", file=sys.stderr)
        return BAD_INPUT
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    missing: list[str] = []
    deck = build_deck(
        plan, review, abm=abm, today=today or date.today(), render_picture=render_picture, missing_pictures=missing
    )
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
