"""Which saved plans a list shows: those whose name holds the search, a page at a time."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Generic, TypeVar

from pydantic import BaseModel

Listed = TypeVar("Listed")

# Enough to see a team's current plans at a glance; a long list is searched, not scrolled.
PAGE_SIZE = 20


class ListPage(BaseModel, Generic[Listed]):
    """One page of a plan list: the plans on it, how many match, and which page of how many it is."""

    shown: list[Listed]
    matches: int
    size: int
    page: int
    pages: int

    def caption(self, total: int, search: str = "") -> str:
        """What the list shows, in words: "Plans 21–40 of 1,000." or "3 of 1,000 plans match “q3”."."""
        if self.matches == total:
            counted = f"{total:,} plan{'' if total == 1 else 's'}"
        else:
            counted = f"{self.matches:,} of {total:,} plans match “{search.strip()}”"
        if self.pages == 1:
            return counted + "."
        first = (self.page - 1) * self.size + 1
        return f"{counted}; showing {first:,}–{first + len(self.shown) - 1:,}."


def list_page(plans: Sequence[Listed], search: str = "", page: int = 1, size: int = PAGE_SIZE) -> ListPage[Listed]:
    """The plans whose name holds `search` (any case, spaces trimmed), page `page` of them (kept in range)."""
    wanted = search.strip().casefold()
    matching = [p for p in plans if wanted in p.name.casefold()] if wanted else list(plans)
    pages = max(1, math.ceil(len(matching) / size))
    page = min(max(1, page), pages)
    return ListPage(
        shown=matching[(page - 1) * size : page * size], matches=len(matching), size=size, page=page, pages=pages
    )
