"""The words the planner uses, as a marketer reads them: one line each, shown from every page."""

from __future__ import annotations

from typing import NamedTuple


class Term(NamedTuple):
    word: str
    meaning: str


GLOSSARY: tuple[Term, ...] = (
    Term("Visit (session)", "One visit to the website, however many pages it views."),
    Term("Lead (contact)", "A visitor who gave their details on a form: a download, a sign-up, a contact request."),
    Term(
        "MQL",
        "Marketing-qualified lead: a lead that fits the ideal customer (industry, size, role) and engages with "
        "content, but is not ready to talk about buying yet.",
    ),
    Term(
        "SQL",
        "Sales-qualified lead: an MQL showing intent to buy (asked for a demo, a consultation, a quote or a "
        "proposal), often set by lead scoring.",
    ),
    Term("Opportunity", "An SQL that sales is working as a possible deal."),
    Term("Customer", "A closed-won deal: a new account that signed in the year."),
    Term("Conversion rate", "A stage's volume over the stage above it: 200 MQLs from 1,000 leads is 20%."),
    Term("CAC", "Customer acquisition cost: what was spent to win new customers, divided by how many were won."),
    Term("Cost per lead (MQL, SQL)", "Spend divided by the leads (MQLs, SQLs) it brought."),
    Term("ROI", "Return on investment: (revenue the channel brought − its spend) ÷ its spend; +100% doubles the money."),
    Term("ROAS", "Return on ad spend: revenue the channel brought ÷ its spend; 3× is $3 back for every $1."),
    Term(
        "pp vs %",
        "Percentage points add to a rate, percent scales it: 20% + 2 pp is 22%, while 20% + 2% (relative) is 20.4%.",
    ),
    Term("Deal size", "The average first-year revenue of a new customer; the goal ÷ the deal size is the customers needed."),
    Term("Upsell and referrals", "Revenue and customers that existing customers bring, so marketing need not source them."),
)
