"""新建: the new-case forms this viewer may fill in (each procedure's form module says who may)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.pages import page

router = APIRouter()


@dataclass(frozen=True)
class Offer:
    """A new-case form on /new, declared beside its page (`OFFERS`): shown to whom `may` allows."""

    path: str
    label: str
    help: str
    may: Callable[[Viewer], bool]


def offers(viewer: Viewer) -> list[tuple[str, str, str]]:
    from deployments.web.core.slices import declared

    return [(offer.path, offer.label, offer.help) for offer in declared("OFFERS") if offer.may(viewer)]


@router.get("/new")
def new_case(request: Request, viewer: Viewer = Depends(require_viewer)):
    return page(request, "new.html", title="新建", offers=offers(viewer))
