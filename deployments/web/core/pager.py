"""The page asked for in a list's address (?page=N&size=K), checked: a whole number from 1, the size
capped (models/core/paging.py MAX_PAGE_SIZE); and the addresses of the pages next to it, the list's
filters kept."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request

from models.core.errors import InvalidInput
from models.core.paging import MAX_PAGE_SIZE, Page

MAX_PAGE_NUMBER = 100_000


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int


def _whole(request: Request, name: str, label: str, default: int, highest: int) -> int:
    raw = request.query_params.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise InvalidInput(field=name, message=f"应为 1 到 {highest} 之间的整数", label=label)
    return int(raw)


def page_request(request: Request, *, size: int, prefix: str = "") -> PageRequest:
    """`prefix` tells two lists of one page apart (e.g. "failed_" → ?failed_page=2)."""
    return PageRequest(number=_whole(request, f"{prefix}page", "页码", 1, MAX_PAGE_NUMBER),
                       size=_whole(request, f"{prefix}size", "每页条数", size, MAX_PAGE_SIZE))


def pager(request: Request, shown: Page, *, prefix: str = "") -> dict:
    """What the template macro (templates/core/_pager.page.html) shows: the page, and the links."""
    def link(number: int) -> str:
        kept = {k: v for k, v in request.query_params.items() if k != f"{prefix}page"}
        return f"{request.url.path}?{urlencode({**kept, f'{prefix}page': number})}"
    return {"number": shown.number, "pages": shown.pages, "total": shown.total,
            "prev": link(shown.number - 1) if shown.has_prev else "",
            "next": link(shown.number + 1) if shown.has_next else ""}
