"""Which flow advances a case of each procedure (each procedure module registers itself)."""
from __future__ import annotations

from collections.abc import Callable

ADVANCERS: dict[str, Callable[..., str]] = {}


def advancer(kind: str):
    def register(flow_fn):
        ADVANCERS[kind] = flow_fn
        return flow_fn

    return register


def advance_flow(kind: str) -> Callable[..., str]:
    import flows.catalog  # noqa: F401

    return ADVANCERS[kind]


def advancer_kinds() -> list[str]:
    """Every procedure with an advance flow."""
    import flows.catalog  # noqa: F401

    return sorted(ADVANCERS)
