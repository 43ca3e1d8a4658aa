"""Issue 26, defect 1, for every procedure: walk every status of every machine (models/procedures.py)
and prove that a case in a non-final status with no open work item is never stuck for good — its
pure `next_event` moves it (the repair runs the advance), or re-running the effect of the event that
entered the status reopens its work item (the repair's reopen), or the status waits without a work
item by declaration (`Procedure.idle`: the counter, a date) — and that every such status can be left.

What the machines cannot say is declared below, each with the function that does it: an initial status
no rule leaves on its own is opened together with its first work item (one transaction), and an event
applied outside the generic step enters its status together with its work item. A new status, a new
event or a new procedure that none of these covers fails here."""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import replace

import pytest

from models.core.procedures import Procedure
from models.procedures import PROCEDURES, resolve

ISSUE_26_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

# kind → the opening function that opens the case and its first work item in one transaction.
OPENED_WITH_ITS_ITEM = {
    "rotation": "tasks.rotation.steps:open_rotation", "secondment": "tasks.rotation.secondment:open_secondment",
    "intern": "tasks.rotation.intern:open_intern", "head_replacement": "tasks.rotation.head_replacement:open_replacements",
    "staff_return": "tasks.staff_return.entry:start_return", "training": "tasks.training:open_training",
    "it_access": "tasks.it_access.steps:submit_request", "it_violation": "tasks.it_access.violation:record_violation",
}
# (kind, event) applied outside the generic step → the function that applies it and opens the work
# item of the status it enters, in one transaction.
ENTERED_WITH_ITS_ITEM = {("service", "accept"): "tasks.service_case:_accept"}


def statuses(procedure: Procedure) -> set[str]:
    return {procedure.initial} | {s for s, _ in procedure.transitions} | set(procedure.transitions.values())


def nothing_decided(next_event, status: str):
    """The facts of a case in `status` on which nothing has been decided or recorded yet."""
    facts_type = next(iter(typing.get_type_hints(next_event).values()))
    blank = {f.name: None for f in dataclasses.fields(facts_type)
             if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    return facts_type(**{**blank, "status": status})


def automatic(steps, status: str) -> bool:
    try:
        return steps.next_event(nothing_decided(steps.next_event, status)) is not None
    except TypeError:  # the rule compares a date the blank facts lack: it waits for that date
        return False


def what_moves(kind: str, procedure: Procedure, steps, status: str) -> str | None:
    """How a case of `kind` in `status` with no open work item moves on; None: it is stuck for good."""
    if not any(source == status and target != status for (source, _), target in procedure.transitions.items()):
        return None  # no rule leaves this status
    if steps is None:
        return None
    if status in procedure.idle:
        return "waits without a work item (declared)"
    if automatic(steps, status):
        return "automatic next event"
    entering = {event for (source, event), target in procedure.transitions.items()
                if target == status and source != status}
    if status == procedure.initial:
        return "opened with its item" if kind in OPENED_WITH_ITS_ITEM and not entering else None
    if entering and all(event in steps.effects or (kind, event) in ENTERED_WITH_ITS_ITEM for event in entering):
        return "its item reopened by the entering effect"
    return None


WALK = [(spec, status) for spec in PROCEDURES for status in sorted(statuses(resolve(spec.machine)))
        if status not in resolve(spec.machine).final]


@pytest.mark.parametrize(("spec", "status"), WALK, ids=[f"{spec.kind}:{status}" for spec, status in WALK])
def test_a_case_with_no_open_item_can_always_be_moved_on(spec, status):
    procedure = resolve(spec.machine)
    steps = resolve(spec.steps) if spec.steps else None
    assert (spec.advance is not None, what_moves(spec.kind, procedure, steps, status) is not None) == (True, True)


def test_the_declared_functions_exist():
    for piece in [*OPENED_WITH_ITS_ITEM.values(), *ENTERED_WITH_ITS_ITEM.values()]:
        assert callable(resolve(piece)), piece


def test_a_status_no_rule_can_leave_or_whose_item_nobody_reopens_is_found():
    """The walk's own check: the leave machine with a status no rule leaves, and one entered by an
    event with no effect, are both caught."""
    spec = next(s for s in PROCEDURES if s.kind == "leave")
    leave, steps = resolve(spec.machine), resolve(spec.steps)
    dead_end = replace(leave, transitions={**leave.transitions, ("head_review", "park"): "parked"})
    unopened = replace(leave, transitions={**leave.transitions, ("head_review", "park"): "parked",
                                           ("parked", "approve"): "registration"})
    assert (what_moves("leave", dead_end, steps, "parked"), what_moves("leave", unopened, steps, "parked"),
            what_moves("leave", leave, steps, "head_review")) == (None, None, "its item reopened by the entering effect")
