"""The conversion-rate slider's track: positions mapped to rates from 0.1% to 100%, each decade as long as the next."""

from __future__ import annotations

import bisect

# Each decade (0.1%–1%, 1%–10%, 10%–100%) takes the same length of track, so a 1.5% visit-to-lead rate sits
# a third of the way along, not in the first 2%. Within a decade the steps are the rates with two significant
# figures (0.75%, 1.5%, 1.6%, 20%, 21%): one arrow key moves a small rate by a small step and every stop
# reads as a round number.
STEPS_PER_DECADE = 90
DECADES = 3
LAST_POSITION = STEPS_PER_DECADE * DECADES
SMALLEST_RATE = 0.001
LARGEST_RATE = 1.0


def _hundredths_of_a_percent(position: int) -> int:
    decade, step = divmod(position, STEPS_PER_DECADE)
    return 10**decade * (10 + step)


# Whole hundredths of a percent divided once, so 1.5% is exactly the float 0.015 a plan file holds.
RATES: tuple[float, ...] = tuple(_hundredths_of_a_percent(p) / 10_000 for p in range(LAST_POSITION + 1))


def rate_at(position: int) -> float:
    """The conversion rate (a fraction) at a slider position from 0 (0.1%) to LAST_POSITION (100%)."""
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= LAST_POSITION:
        raise ValueError(
            f"a rate slider position is a whole number from 0 to {LAST_POSITION}; got {position!r}."
        )
    return RATES[position]


def position_of(rate: float) -> int:
    """The slider position nearest to `rate` (a fraction); rates off the track stop at its ends."""
    if rate != rate:  # NaN has no place on the track; the caller's validation refuses it
        raise ValueError("a conversion rate must be a number to have a place on the slider.")
    rate = min(max(rate, SMALLEST_RATE), LARGEST_RATE)
    above = bisect.bisect_left(RATES, rate)
    if above == 0:
        return 0
    if above > LAST_POSITION:
        return LAST_POSITION
    below = above - 1
    return above if RATES[above] - rate <= rate - RATES[below] else below
