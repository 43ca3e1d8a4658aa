"""Every clerk step declares its key and whether it may simply run again (issue 27): the step runner
reads the declaration on the step's flow, never its display name — renaming a flow changes neither
what is queued nor how a step whose worker died is treated (flows/core/steps.py, step_session.py)."""
from __future__ import annotations

from importlib import import_module

import pytest

from flows.core.decide import DECIDE, decide_work_item
from flows.core.plain_calls import CenterFlow, RetrySafeWithKey, flow
from flows.core.steps import retry_safe, step_modules, steps
from flows.leave import LEAVE_APPLICATION, apply_for_leave
from models.procedures import PROCEDURES, resolve


def _step_flows() -> list[CenterFlow]:
    return list({id(v): v for module in map(import_module, step_modules()) for v in vars(module).values()
                 if isinstance(v, CenterFlow)}.values())


@pytest.mark.parametrize("declared", _step_flows(), ids=lambda f: f.name)
def test_every_flow_of_a_step_module_declares_its_key_and_its_retry_safety(declared):
    assert declared.step_key, f"{declared.name}: no step key"
    assert declared.retry_safe is True or declared.retry_safe is False \
        or isinstance(declared.retry_safe, RetrySafeWithKey), f"{declared.name}: no retry-safety declaration"
    assert steps()[declared.step_key].run is declared


def test_the_step_keys_are_unique_and_every_step_declares_its_retry_safety():
    keys = [f.step_key for f in _step_flows()]
    assert len(keys) == len(set(keys))
    assert set(steps()) == {*keys, DECIDE}
    assert all(s.retry_safe in (True, False) or isinstance(s.retry_safe, RetrySafeWithKey) for s in steps().values())


def test_a_step_without_a_retry_safety_declaration_is_refused_when_declared():
    with pytest.raises(TypeError, match="retry_safe"):
        flow(name="某步骤", step="某步骤")(lambda: None)


@pytest.mark.parametrize("spec", [s for s in PROCEDURES if s.advance], ids=lambda s: s.kind)
def test_every_advance_may_run_again_whatever_its_name(spec):
    """An advance is idempotent by design: a step that died in it runs again — the complaint's
    `投诉处理` and the training's `学习培训点名` as much as the `推进…` ones."""
    advance = resolve(spec.advance)
    assert advance.retry_safe is True and retry_safe(advance.step_key, {"case_ref": "X", "actor": "system"})


def test_a_decision_runs_again_and_an_open_without_a_key_does_not():
    assert decide_work_item.step_key == DECIDE and retry_safe(DECIDE, {"item_id": 1})
    assert not retry_safe("投诉受理", {"intake": {}, "actor": "S0101"})
    assert not retry_safe("未知步骤", {})


def test_a_leave_application_runs_again_only_with_its_idempotency_key():
    assert apply_for_leave.step_key == LEAVE_APPLICATION
    assert not retry_safe(LEAVE_APPLICATION, {"application": {"staff_id": "S0103"}})
    assert retry_safe(LEAVE_APPLICATION, {"application": {"staff_id": "S0103", "idempotency_key": "web:1"}})


def test_a_queued_application_is_given_a_key_and_one_it_has_is_kept():
    declared = apply_for_leave.retry_safe
    keyed = declared.keyed({"application": {"staff_id": "S0103"}, "now": None})
    assert keyed["application"]["idempotency_key"].startswith("step:") and declared.allows(keyed)
    kept = {"application": {"staff_id": "S0103", "idempotency_key": "web:1"}}
    assert declared.keyed(kept) == kept
