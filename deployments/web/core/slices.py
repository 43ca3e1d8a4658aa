"""The slices' desk modules, as their specs name them (models/procedures.py Surfaces.pages): the routers
the app includes, and the menu entries (`NAV`) and /new forms (`OFFERS`) a module declares beside its pages."""
from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from models.procedures import all_surfaces


@cache
def slice_pages() -> tuple[ModuleType, ...]:
    return tuple(import_module(name) for surfaces in all_surfaces() for name in surfaces.pages)


def declared(attribute: str) -> list:
    """What the slices' desk modules declare as `attribute`, in the specs' order."""
    return [item for module in slice_pages() for item in getattr(module, attribute, ())]
