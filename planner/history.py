"""A plan's history policy: which saves are one entry (a burst), and which old versions are kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta

# Saves by one person each less than this after the one before are one history entry (a burst).
BURST_WINDOW = timedelta(seconds=60)
# Every version this recent is kept; of older ones, the last saved on each day (in UTC).
KEEP_EVERY_VERSION_FOR = timedelta(days=7)
HISTORY_RULE = (
    f"Changes one person makes less than {int(BURST_WINDOW.total_seconds())} seconds apart are one entry, "
    "its note from before the first to after the last, so version numbers skip. Every entry of the last "
    f"{KEEP_EVERY_VERSION_FOR.days} days is kept; before that, the last of each day (UTC)."
)


def same_burst(earlier_author: str | None, earlier_at: datetime, author: str | None, at: datetime) -> bool:
    """Whether a save at `at` by `author` joins the history entry last saved at `earlier_at`.

    The same person (None is the single user of a server without sign-in), less than
    `BURST_WINDOW` after that entry's last save; a clock that went back starts a new entry.
    """
    return earlier_author == author and timedelta(0) <= at - earlier_at < BURST_WINDOW


def versions_to_keep(saved_at: Mapping[int, datetime], now: datetime, pinned: Iterable[int] = ()) -> set[int]:
    """Which versions (by number, with when each was saved) the history keeps at `now`.

    Every version saved in the last `KEEP_EVERY_VERSION_FOR`; of older ones, the last saved on each
    day (UTC); and always the `pinned` ones (the plan's current version, meeting snapshots').
    """
    keep = {version for version in pinned if version in saved_at}
    last_of_day: dict[object, tuple[datetime, int]] = {}
    for version, moment in saved_at.items():
        moment = moment.astimezone(UTC)
        if now - moment < KEEP_EVERY_VERSION_FOR:
            keep.add(version)
        day = moment.date()
        if day not in last_of_day or (moment, version) > last_of_day[day]:
            last_of_day[day] = (moment, version)
    return keep | {version for _, version in last_of_day.values()}
