"""A list a page at a time: the rows of one page, and how many there are in all (counted by SQL),
so a page's size never depends on what the store holds."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page:
    """`number` counts from 1; `items` holds at most `size` rows."""
    items: list[Any]
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_prev(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def page_of(session: Session, statement: Any, *, number: int, size: int) -> Page:
    """One page of an ordered SELECT; a number past the last page shows the last page."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    total = session.exec(select(func.count()).select_from(statement.order_by(None).subquery())).one()
    number = max(1, min(number, max(1, -(-total // size))))
    items = list(session.exec(statement.offset((number - 1) * size).limit(size)).all()) if total else []
    return Page(items=items, total=total, number=number, size=size)
