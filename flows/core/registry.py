"""Which flow advances a case of each procedure: the `advance` piece of its declaration
(models/procedures.py), imported when asked for."""
from __future__ import annotations

from collections.abc import Callable

from models.procedures import PROCEDURES, resolve, spec_of


def advance_flow(kind: str) -> Callable[..., str]:
    return resolve(spec_of(kind).advance)


def advancer_kinds() -> list[str]:
    """Every procedure with an advance flow."""
    return sorted(spec.kind for spec in PROCEDURES if spec.advance)
