"""Hand-made account activity and NPS answers for the ABM tests."""

import pandas as pd

from planner.columns import ACCOUNT_NUMBERS


def activity(*rows: dict) -> pd.DataFrame:
    """Account rows with every activity column; unspecified counts are 0 and nobody is a customer."""
    base = {c: 0.0 for c in ACCOUNT_NUMBERS} | {"tier": "Tier 1", "owner": "Ana", "customer_at_start": 0.0}
    frame = pd.DataFrame(
        [base | {"customer_at_end": row.get("customer_at_start", 0.0)} | row for row in rows]
    )
    return frame


def answers(*rows: tuple[str, str, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["account", "date", "score"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )
