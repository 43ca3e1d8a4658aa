"""Every procedure's transition table, registered without the procedures' tables: what naming a
case's statuses needs (`models.procedures.get_procedure`), so that `center case show` does not load
every table (tests/unit/test_cli_imports.py)."""
from models.rules import complaint, it_access, leave_steps, matter, patrol, rotation_procedures  # noqa: F401
from models.rules import service_case, staff_return, training  # noqa: F401
