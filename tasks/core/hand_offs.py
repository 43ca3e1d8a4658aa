"""One procedure's event that opens or changes another's case, handed over by name: the procedure
that takes it declares it (models/procedures.py `ProcedureSpec.hand_offs`), so neither slice imports
the other (pyproject.toml, "Procedures are independent (tasks)")."""
from __future__ import annotations

from models.procedures import PROCEDURES, resolve


def taker_of(name: str) -> str:
    """The "module:function" that the one procedure taking `name` declares."""
    takers = [spec.hand_offs[name] for spec in PROCEDURES if name in spec.hand_offs]
    if len(takers) != 1:
        raise LookupError(f"hand-off {name!r} is taken by {len(takers)} procedures, not one")
    return takers[0]


def hand_off(name: str, **arguments):
    """Run what the taking procedure declares for `name`, in the caller's session and transaction."""
    return resolve(taker_of(name))(**arguments)
