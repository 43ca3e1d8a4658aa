"""The one list of procedures (models/rules/procedures.py DECLARED_IN) is complete and right: every
procedure the system registers is listed, under the module that declares it, so naming a case's
status never depends on what happened to be imported before."""
from __future__ import annotations

import subprocess
import sys
from importlib import import_module

from models.core.procedures import Procedure, all_procedures
from models.rules.procedures import DECLARED_IN


def test_every_listed_kind_is_declared_by_its_module():
    for kind, module in DECLARED_IN.items():
        declared = {p.kind for p in vars(import_module(module)).values() if isinstance(p, Procedure)}
        assert kind in declared, f"{module} does not declare {kind}"


def test_every_procedure_of_the_system_is_listed():
    import models.catalog  # noqa: F401  (every table and rule module, as the running system has them)

    kinds = {p.kind for p in all_procedures()} - {"sample"}  # tests/support/sample_procedure.py
    assert kinds == set(DECLARED_IN)


def test_a_kind_is_found_in_a_fresh_process_without_anything_imported_before():
    code = ("from models.core.procedures import get_procedure; import sys; "
            "print(get_procedure('staff_return').label, 'models.rules.matter' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["窗口工作人员退回", "False"]
