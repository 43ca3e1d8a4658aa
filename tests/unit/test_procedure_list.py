"""The one list of procedures (models/procedures.py) is complete and right: every piece a procedure
declares exists and is of its kind, and nothing the system uses lies outside the list — a
procedure's machine, form, flow or table that the list forgot fails here, not in production."""
from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from sqlmodel import SQLModel

import flows
import models
from flows.core.plain_calls import CenterFlow
from flows.core.steps import NOT_STEPS, step_modules
from models.core.forms import FORMS, DecisionForm
from models.core.procedures import Procedure, Steps
from models.procedures import (PROCEDURES, SHARED_TABLES, decision_forms, decision_guards, recomputers, resolve,
                               sweep_rules)

ROOT = Path(__file__).resolve().parents[2]
SPECS = [spec for spec in PROCEDURES if spec.kind != "sample"]  # tests/support/sample_procedure.py


def _modules(package) -> list:
    return [import_module(m.name) for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.kind)
def test_every_piece_a_procedure_declares_exists(spec):
    machine = resolve(spec.machine)
    assert isinstance(machine, Procedure) and machine.kind == spec.kind
    forms = resolve(spec.forms) if spec.forms else {}
    assert all(isinstance(f, type) and issubclass(f, DecisionForm) for f in forms.values())
    if spec.guards:
        assert set(resolve(spec.guards)) <= set(forms), "a guard for a form the procedure does not have"
    if spec.sweep_rules:
        assert resolve(spec.sweep_rules) and all(callable(rule) for rule in resolve(spec.sweep_rules))
    for piece in (spec.recompute, spec.citizens, spec.absences, spec.verdicts, spec.substantiated, spec.guide):
        assert piece is None or callable(resolve(piece))
    if spec.advance:
        assert isinstance(resolve(spec.advance), CenterFlow)
    if spec.steps:
        steps = resolve(spec.steps)
        assert isinstance(steps, Steps) and set(steps.effects) <= {e for _, e in machine.transitions}
    for piece in ("details", "actions", "status", "concerned"):
        if getattr(spec.web, piece):
            assert callable(resolve(getattr(spec.web, piece)))
    for path, label in spec.web.step_pages.values():
        assert path.startswith("/cases/") or path.startswith("/trainings/"), path
        assert label


@pytest.mark.parametrize("spec", [s for s in SPECS if s.steps], ids=lambda s: s.kind)
def test_a_kinds_steps_are_STEPS_of_its_slices_tasks_module(spec):
    """One rule (docs/architecture.md): `tasks/<slice>.py:STEPS`; in a package, `tasks/<slice>/steps.py:STEPS`
    for the slice's own kind and `tasks/<slice>/<module>.py:STEPS` for each other kind of the family."""
    slice_ = spec.machine.split(".")[1]  # models.<slice>.machine:…
    module, _, attribute = spec.steps.partition(":")
    assert attribute == "STEPS", spec.steps
    if (ROOT / "tasks" / f"{slice_}.py").exists():
        assert module == f"tasks.{slice_}", spec.steps
    elif spec.kind == slice_:
        assert module == f"tasks.{slice_}.steps", spec.steps
    else:
        assert re.fullmatch(rf"tasks\.{slice_}\.[a-z_]+", module) and module != f"tasks.{slice_}.steps", spec.steps


def test_kinds_are_listed_once():
    kinds = [spec.kind for spec in SPECS]
    assert len(kinds) == len(set(kinds))


def test_every_machine_in_the_models_is_listed():
    declared = {value.kind for module in _modules(models) for value in vars(module).values()
                if isinstance(value, Procedure)}
    assert declared == {spec.kind for spec in SPECS}


def test_every_decision_form_in_the_models_is_reachable():
    defined = {value for module in _modules(models) for value in vars(module).values()
               if isinstance(value, type) and issubclass(value, DecisionForm) and value is not DecisionForm
               and value.__module__ == module.__name__}
    reachable = {*FORMS.values(), *decision_forms().values()}
    # A form may be a base of others (ApproveForm) without being offered itself.
    assert defined - reachable == set()


def test_every_form_a_work_item_names_is_known():
    named = {m for path in [*ROOT.glob("models/**/*.py"), *ROOT.glob("tasks/**/*.py"), *ROOT.glob("flows/**/*.py")]
             for m in re.findall(r'\bform="([a-z_]+)"', path.read_text())}
    assert named and named <= {*FORMS, *decision_forms()}
    assert set(decision_guards()) <= set(decision_forms())


def test_the_sweep_and_the_calendar_import_ask_every_procedure():
    declared = {rule for spec in SPECS if spec.sweep_rules for rule in resolve(spec.sweep_rules)}
    assert set(sweep_rules()) == declared and len(sweep_rules()) == len(declared)
    assert {resolve(spec.recompute) for spec in SPECS if spec.recompute} == set(recomputers())


def test_every_clerk_flow_module_is_a_step_module():
    with_flows = {module.__name__ for module in _modules(flows)
                  if any(isinstance(v, CenterFlow) for v in vars(module).values())}
    assert with_flows - NOT_STEPS - {"flows.core.decide"} <= set(step_modules())


def test_the_declared_tables_are_every_table():
    """In a fresh process, the declared table modules give the metadata every model module gives."""
    code = ("from sqlmodel import SQLModel; from models.procedures import import_tables; import_tables(); "
            "print(' '.join(sorted(SQLModel.metadata.tables)))")
    declared = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    _modules(models)
    assert declared.stdout.split() == sorted(SQLModel.metadata.tables)
    assert all(import_module(m) for m in SHARED_TABLES)


def test_a_kind_is_found_in_a_fresh_process_without_anything_imported_before():
    code = ("from models.procedures import get_procedure; import sys; "
            "print(get_procedure('staff_return').label, 'models.matter.machine' in sys.modules, "
            "'sqlmodel' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["窗口工作人员退回", "False", "False"]


def test_no_registry_is_filled_by_an_import():
    """The registries are the list: no module registers itself into another's table on import."""
    sources = [*ROOT.glob("models/**/*.py"), *ROOT.glob("flows/**/*.py"), *ROOT.glob("deployments/web/**/*.py")]
    pattern = re.compile(r"^(register\w*\(|[A-Z_]+\[[^\]]+\] = |@(advancer|sweep_rule|recomputed_on_import)\b)", re.M)
    offenders = [str(p.relative_to(ROOT)) for p in sources if pattern.search(p.read_text())]
    assert offenders == []


def test_every_hand_off_asked_for_is_taken_by_one_procedure():
    """A slice's tasks hand another procedure its event by name (tasks/core/hand_offs.py): each name asked
    for is declared by exactly one procedure, as a function that exists, and none is declared for nothing."""
    from tasks.core.hand_offs import taker_of

    asked = {name for p in ROOT.glob("tasks/**/*.py")
             for name in re.findall(r"""hand_off\(\s*["'](\w+)["']""", p.read_text(encoding="utf-8"))}
    declared = [name for spec in PROCEDURES for name in spec.hand_offs]
    assert asked == set(declared) and len(declared) == len(set(declared))
    assert {"return_for_complaints", "nominate_window_head", "replace_last_ranked_heads"} <= asked
    assert all(callable(resolve(taker_of(name))) for name in asked)
