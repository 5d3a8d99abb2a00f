"""Hand-computed channel rows the review tests share."""

import pandas as pd

from planner.review import REQUIRED


def table(rows) -> pd.DataFrame:
    columns = list(REQUIRED)
    return pd.DataFrame(rows, columns=columns).astype({c: float for c in columns[1:]})


# Hand-computed: A spends 1,000 for 100 leads, 20 MQLs, 10 SQLs, 2 customers and 5,000 revenue.
A = ["A", 1000, 10000, 100, 20, 10, 4, 2, 5000]
B = ["B", 3000, 5000, 50, 10, 5, 2, 1, 1500]
FREE = ["Referrals", 0, 100, 10, 5, 4, 3, 2, 8000]
