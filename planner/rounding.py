"""Whole-unit rounding that ignores floating-point noise (8.000000000000002 customers is 8)."""

from __future__ import annotations

import math

# Ten decimals is far below any volume a plan counts and far above float noise.
_NOISE_DECIMALS = 10


def round_up(value: float) -> int:
    """The smallest whole number of units that covers `value`."""
    return math.ceil(round(value, _NOISE_DECIMALS))


def round_down(value: float) -> int:
    """The largest whole number of units that `value` certainly contains."""
    return math.floor(round(value, _NOISE_DECIMALS))
