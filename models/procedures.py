"""The one list of the center's procedures: every piece of each, declared in one place.

A piece is named "module:attribute" and imported only when asked for, so naming a case's status
imports that procedure's machine alone (`center case show` stays fast) and nothing is registered
by the side effect of an import. Each layer resolves its own pieces: the models the machine,
tables, forms and deadlines; flows the advance flow (flows/core/registry.py); the web desk the case
page's pieces (deployments/web/core/case_details.py, access.py). tests/unit/test_procedure_list.py
checks that every piece a procedure declares exists and that nothing outside this list is used.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module


@dataclass(frozen=True)
class Web:
    """What the desk's case page shows of a procedure beyond the generic (deployments/web)."""

    details: str | None = None  # (session, case, viewer) -> [(label, value)]
    actions: str | None = None  # (session, case, viewer) -> [(link, label)]: things besides deciding
    status: str | None = None  # (session, case) -> the status as the desk reads it, in context
    concerned: str | None = None  # (session, case) -> (windows, staff ids) the case concerns
    step_pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # step -> (path, label)


@dataclass(frozen=True)
class ProcedureSpec:
    kind: str
    machine: str  # its states and transitions (models.core.procedures.Procedure)
    tables: tuple[str, ...] = ()  # modules declaring its own tables
    forms: str | None = None  # {form name: DecisionForm} of its work items
    guards: str | None = None  # {form name: guard(*, session, item, decision)} needing the case
    sweep_rules: str | None = None  # [rule(session, as_of, calendar, policy) -> [Notice]]
    recompute: str | None = None  # (*, session, calendar, actor) -> changed, on a calendar import
    steps: str | None = None  # its Steps (models.core.procedures): what the generic step task runs
    advance: str | None = None  # the flow that advances a case until a person must act
    web: Web = Web()


PROCEDURES: list[ProcedureSpec] = [
    ProcedureSpec(
        kind="leave", machine="models.leave.machine:LEAVE",
        tables=("models.leave.tables",),
        forms="models.leave.inputs:FORMS", guards="models.leave.inputs:GUARDS",
        sweep_rules="models.leave.deadlines:SWEEP_RULES",
        recompute="models.leave.deadlines:recompute_filing_deadlines",
        steps="tasks.leave.steps:STEPS", advance="flows.leave:advance_leave",
        web=Web(details="deployments.web.core.case_details:leave_details",
                actions="deployments.web.leave.steps:leave_actions",
                status="deployments.web.core.case_details:leave_status",
                step_pages={"materials": ("/cases/{ref}/proofs", "补交证明")})),
    ProcedureSpec(
        kind="complaint", machine="models.complaint.machine:COMPLAINT",
        tables=("models.complaint.tables",),
        forms="models.complaint.inputs:FORMS",
        sweep_rules="models.complaint.deadlines:SWEEP_RULES",
        steps="tasks.complaint.steps:STEPS",  # its effects queue notices and render (tasks layer)
        advance="flows.complaint:complaint_handling",
        web=Web(details="deployments.web.core.case_details:complaint_details",
                actions="deployments.web.complaint:complaint_actions")),
    *(ProcedureSpec(
        kind=kind, machine=f"models.rotation.machine:{machine}", tables=("models.rotation.tables",),
        forms="models.rotation.inputs:FORMS", guards="models.rotation.inputs:GUARDS",
        sweep_rules="models.rotation.deadlines:SWEEP_RULES", steps=steps, advance=advance, web=Web(details=details))
      # Their steps' effects render and queue notices, so they are declared in the tasks.
      for kind, machine, steps, advance, details in [
          ("rotation", "ROTATION", "tasks.rotation.steps:ROTATION_STEPS", "flows.rotation:advance_rotation",
           "deployments.web.rotation.case:rotation_details"),
          ("secondment", "SECONDMENT", "tasks.rotation.staffing:SECONDMENT_STEPS", "flows.staffing:advance_secondment",
           "deployments.web.rotation.pages:secondment_details"),
          ("intern", "INTERN", "tasks.rotation.staffing:INTERN_STEPS", "flows.staffing:advance_intern",
           "deployments.web.rotation.pages:intern_details"),
          ("head_replacement", "HEAD_REPLACEMENT", "tasks.rotation.head_replacement:HEAD_REPLACEMENT_STEPS",
           "flows.staffing:advance_head_replacement",
           "deployments.web.rotation.case:head_replacement_details")]),
    ProcedureSpec(
        kind="staff_return", machine="models.staff_return.machine:STAFF_RETURN",
        tables=("models.staff_return.tables",),
        forms="models.staff_return.inputs:FORMS", guards="models.staff_return.inputs:GUARDS",
        steps="tasks.staff_return.steps:STEPS", advance="flows.staff_return:advance_staff_return",
        web=Web(details="deployments.web.staff_return:return_details")),
    ProcedureSpec(
        kind="matter", machine="models.matter.machine:PROCEDURE",
        tables=("models.matter.tables",), steps="tasks.matter.steps:STEPS", advance="flows.matter:advance_matter",
        web=Web(details="deployments.web.matter.case:matter_details")),
    ProcedureSpec(
        kind="matter_review", machine="models.matter.machine:REVIEW_PROCEDURE",
        steps="tasks.matter.review:REVIEW_STEPS", advance="flows.matter_review:advance_matter_review"),
    ProcedureSpec(
        kind="service", machine="models.service_case.machine:SERVICE_CASE",
        tables=("models.service_case.tables",),
        sweep_rules="models.service_case.deadlines:SWEEP_RULES",
        steps="models.service_case.store:STEPS",
        advance="flows.service_case:advance_service_case",
        web=Web(details="deployments.web.service_case.forms:service_details",
                actions="deployments.web.service_case.forms:service_actions",
                step_pages={"complete": ("/cases/{ref}/service/complete", "办结")})),
    ProcedureSpec(
        kind="patrol", machine="models.patrol.machine:PATROL",
        tables=("models.patrol.tables",), sweep_rules="models.patrol.deadlines:SWEEP_RULES",
        web=Web(details="deployments.web.patrol.pages:patrol_details",
                concerned="deployments.web.patrol.pages:patrol_concerns")),
    ProcedureSpec(
        kind="training", machine="models.training.machine:TRAINING",
        tables=("models.training.tables",),
        forms="models.training.inputs:FORMS", guards="models.training.inputs:GUARDS",
        steps="tasks.training:STEPS", advance="flows.oversight:advance_training",
        web=Web(details="deployments.web.training.pages:training_details",
                actions="deployments.web.training.pages:training_actions",
                concerned="deployments.web.training.pages:training_concerns",
                step_pages={"roll_call": ("/trainings/{ref}/roll-call", "点名")})),
    ProcedureSpec(
        kind="it_access", machine="models.it_access.machine:IT_ACCESS",
        tables=("models.it_access.tables",),
        forms="models.it_access.inputs:FORMS", guards="models.it_access.inputs:GUARDS",
        steps="tasks.it_access:REQUEST_STEPS", advance="flows.oversight:advance_it_request",
        web=Web(details="deployments.web.it_access:request_details")),
    ProcedureSpec(
        kind="it_violation", machine="models.it_access.machine:IT_VIOLATION",
        tables=("models.it_access.tables",), steps="tasks.it_access:VIOLATION_STEPS",
        advance="flows.oversight:advance_it_violation",
        web=Web(details="deployments.web.it_access:violation_details")),
]

# Tables that belong to no one procedure: the foundations, the ledger, the API and the desk.
SHARED_TABLES = (
    "models.core.calendar", "models.core.cases", "models.core.documents", "models.core.org",
    "models.core.outbox", "models.core.sms_ledger", "models.core.ledger", "models.core.users",
    "models.api.keys", "models.api.tables", "models.core.step_requests", "models.core.run_inputs",
)


def resolve(piece: str):
    """The object a piece names ("module:attribute")."""
    module, _, attribute = piece.partition(":")
    return getattr(import_module(module), attribute)


def spec_of(kind: str) -> ProcedureSpec:
    for spec in PROCEDURES:
        if spec.kind == kind:
            return spec
    raise KeyError(kind)


def get_procedure(kind: str):
    """The machine of `kind` (imports that procedure's machine module only)."""
    return resolve(spec_of(kind).machine)


def all_procedures() -> list:
    return [resolve(spec.machine) for spec in PROCEDURES]


def _pieces(attribute: str) -> list:
    """What the procedures name for `attribute`, each once, in the list's order (a family of
    procedures may share a piece)."""
    return [resolve(piece) for piece in dict.fromkeys(getattr(spec, attribute) for spec in PROCEDURES)
            if piece is not None]


def _merged(attribute: str) -> dict:
    return {name: value for piece in _pieces(attribute) for name, value in piece.items()}


def decision_forms() -> dict:
    """{form name: model} of every procedure's work items, besides the generic ones."""
    return _merged("forms")


def decision_guards() -> dict:
    return _merged("guards")


def sweep_rules() -> list:
    """Every procedure's own sweep rules, each once (a family of procedures may share them)."""
    return [rule for rules in _pieces("sweep_rules") for rule in rules]


def recomputers() -> list:
    return _pieces("recompute")


def import_tables() -> None:
    """Import every table module, so the metadata is complete (migrations, tests, `center init`)."""
    for module in sorted({*SHARED_TABLES, *(m for spec in PROCEDURES for m in spec.tables)}):
        import_module(module)
