"""Which of a flow run's parameters Prefect may keep (issue 26 item 9; architecture: "How a step runs").

What a clerk types — a reason, a comment, a complaint's content, a complainant's name and number —
stays in the case store (投诉处置规定 三(一): the complainant's details serve the handling of the
complaint only; Prefect's run parameters are read by every operator). A run keeps only references:
case references, staff numbers, ids, times, flags and counts; everything else is kept in the case
store, and the run gets the reference of that row instead."""
from __future__ import annotations

import re
from typing import Any

# A case reference (TS-2026-0001), a staff number (S0101, D-rsj), a matter code (QP-RSJ-001), an ISO
# time (2026-10-12T09:00:00+08:00): ASCII letters, digits and - _ . : + only.
_REFERENCE = re.compile(r"[A-Za-z0-9_.:+\-]{0,64}")


def is_reference(value: Any) -> bool:
    """A parameter value that names something without saying anything: None, a flag, a number, or a
    short ASCII identifier or time."""
    if value is None or isinstance(value, (bool, int, float)):
        return True
    return isinstance(value, str) and bool(_REFERENCE.fullmatch(value))


def split_parameters(parameters: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the parameters Prefect may keep, those to keep in the case store instead)."""
    kept = {k: v for k, v in parameters.items() if is_reference(v)}
    return kept, {k: v for k, v in parameters.items() if k not in kept}
