"""How sure the budget is: the budget needed at the fitted exponents and at the low and high ends of their ranges."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from planner.budget.allocate import Allocation, budget_for
from planner.budget.setup import ChannelSetup
from planner.money import format_money_figures


class BudgetRange(BaseModel):
    """The least budget that reaches the customers, at the fitted exponents and at both ends of their range."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    customers: float
    needed: Allocation
    low_end: Allocation
    high_end: Allocation

    @property
    def ends(self) -> tuple[Allocation, Allocation]:
        """The cheaper and the dearer end of the range (low exponents cost more above last year's spend)."""
        return tuple(sorted((self.low_end, self.high_end), key=lambda a: (not a.feasible, a.budget)))

    @staticmethod
    def amount(allocation: Allocation, currency: str = "USD") -> str:
        """The budget to three figures ('$1.52M'), 'over $2.10M' when the channels' maximums fall short."""
        money = format_money_figures(allocation.budget, currency)
        return money if allocation.feasible else f"over {money}"

    def headline(self, currency: str = "USD") -> str:
        """'$1.52M (between $1.31M and $1.83M)'; 'over $2.10M' for an end the channels' maximums cannot reach."""
        cheap, dear = self.ends
        return f"{self.amount(self.needed, currency)} (between {self.amount(cheap, currency)} and {self.amount(dear, currency)})"

    def statement(self, currency: str = "USD") -> str:
        """What the range assumes, in one sentence."""
        return (
            "The range has every channel's exponent at the low, then the high, end of its 80% range at once, "
            "so the truth is likely nearer the middle."
        )


def budget_range(setup: ChannelSetup, customers: float, currency: str = "USD") -> BudgetRange:
    """`budget_for` the customers at the fitted exponents and at the low and high ends of every channel's range.

    Every curve still passes through last year's spend and volume, so a lower exponent buys less above
    last year's spend and more below it. All channels move to the same end together: the widest range
    the stated exponent ranges allow.
    """
    return BudgetRange(
        customers=customers,
        needed=budget_for(setup.curves("fitted"), customers, currency=currency),
        low_end=budget_for(setup.curves("low"), customers, currency=currency),
        high_end=budget_for(setup.curves("high"), customers, currency=currency),
    )
