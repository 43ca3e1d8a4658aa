"""The one list of the procedures' transition tables: which module declares each kind. Naming a
case's statuses (`models.core.procedures.get_procedure`) imports only the module of that case's kind —
no table and no other procedure — so `center case show` answers quickly
(tests/unit/test_cli_imports.py); `all_procedures` imports them all."""
from __future__ import annotations

DECLARED_IN = {
    "complaint": "models.rules.complaint",
    "leave": "models.rules.leave_steps",
    "rotation": "models.rules.rotation_procedures",
    "secondment": "models.rules.rotation_procedures",
    "intern": "models.rules.rotation_procedures",
    "head_replacement": "models.rules.rotation_procedures",
    "staff_return": "models.rules.staff_return",
    "matter": "models.rules.matter",
    "matter_review": "models.rules.matter",
    "service": "models.rules.service_case",
    "patrol": "models.rules.patrol",
    "training": "models.rules.training",
    "it_access": "models.rules.it_access",
    "it_violation": "models.rules.it_access",
}
