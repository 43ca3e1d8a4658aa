"""Keeping a flow run's free-text inputs in the case store (models/core/run_inputs.py), one transaction:
what `flows.core.plain_calls.CenterFlow` does before Prefect records a run's parameters."""
from __future__ import annotations

from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from models.core.clock import local_now
from models.core.db import session_scope
from models.core.run_inputs import forget_run_input, keep_run_input
from models.rules.run_parameters import split_parameters


def parameters_for_prefect(flow: str, parameters: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """The parameters a run may show (references only) — the rest is stored first, and the run shows the
    stored row's reference under `inputs` instead — and that reference if the row is new."""
    kept, free = split_parameters(parameters)
    if not free:
        return kept, None
    try:
        with session_scope() as session:
            ref, created = keep_run_input(session=session, flow=flow, parameters=free, now=local_now())
    except SQLAlchemyError:  # the case store unreachable (the failure alert's own run): withheld, never leaked
        return {**kept, "inputs": "withheld"}, None
    return {**kept, "inputs": ref}, ref if created else None


def forget_run_inputs(refs: list[str]) -> None:
    """Remove the inputs a refused run stored: a refusal leaves the case store as it was."""
    if refs:
        with session_scope() as session:
            for ref in refs:
                forget_run_input(session=session, ref=ref)
