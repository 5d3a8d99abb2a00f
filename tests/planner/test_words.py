"""Singular and plural: one goal, two goals, and fractions of customers."""

import pytest

from planner.words import counted, plural


@pytest.mark.parametrize(
    ("number", "noun", "said"),
    [
        (1, "goal", "1 goal"),
        (0, "goal", "0 goals"),
        (2, "goal", "2 goals"),
        (1, "new customer", "1 new customer"),
        (0.83, "customer", "0.83 customers"),
        (1.5, "customer", "1.50 customers"),
        (1250, "account", "1,250 accounts"),
        (2, "focus area", "2 focus areas"),
        (3, "opportunity", "3 opportunities"),
        (1, "opportunity", "1 opportunity"),
        (4, "SQLs", "4 SQLs"),
    ],
)
def test_a_count_takes_the_singular_only_for_exactly_one(number, noun, said):
    assert counted(number, noun) == said


def test_the_last_word_of_a_phrase_takes_the_plural():
    assert plural("website visit") == "website visits"
    assert plural("company") == "companies"
