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
    read_account_activity,
    read_channel_table,
    read_cta_events,
    read_nps_responses,
)
from planner.io.images import INSTALL_HINT, render
from planner.io.plan_file import PlanFileError, read_plan_file
from planner.review import channel_summary, months_covered

BAD_INPUT = 2
# The ABM readers name the page's upload boxes when a file is given as the wrong kind; here, the options.
ABM_OPTIONS = {"account activity": "--abm-accounts", "CTA events": "--abm-cta", "NPS answers": "--abm-nps"}


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


def _abm_data(args: argparse.Namespace) -> AbmData | None:
    """The three ABM files, read as the ABM page reads them; None when none was given."""
    if args.abm_accounts is None:
        if args.abm_cta or args.abm_nps:
            raise DataFileError(
                "--abm-cta and --abm-nps need the account activity file too; add --abm-accounts FILE."
            )
        return None
    return AbmData(
        accounts=read_account_activity(args.abm_accounts),
        cta=read_cta_events(args.abm_cta) if args.abm_cta else None,
        nps=read_nps_responses(args.abm_nps) if args.abm_nps else None,
        source=Path(args.abm_accounts).name,
    )


def _one_line(message: str) -> str:
    """The message on one line of stderr (a parser's own message may carry a newline), options for boxes."""
    for kind, option in ABM_OPTIONS.items():
        message = message.replace(f"upload it in the {kind} box", f"give it with {option}")
    return " ".join(message.split())


def main(
    argv: Sequence[str] | None = None, *, render_picture: PictureRenderer = render, today: date | None = None
) -> int:
    """Run the command in `argv`; the deck's pictures come from `render_picture`, its date is `today` (default: the clock's)."""
    args = _parser().parse_args(argv)
    try:
        plan = read_plan_file(args.plan_file)
        review = None
        if args.review:
            table = read_channel_table(args.review)
            review = ReviewData(channel_summary(table), months_covered(table), Path(args.review).name)
        abm = _abm_data(args)
    except (PlanFileError, DataFileError) as exc:
        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        return BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.filename}: {exc.strerror}; check the path (CSV or Excel files).", file=sys.stderr)
        return BAD_INPUT
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


if __name__ == "__main__":
    sys.exit(main())
