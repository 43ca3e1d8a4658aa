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
class Deployment:
    """A flow served as a Prefect deployment (deployments/schedules.py); `crons` in Asia/Shanghai."""

    flow: str  # "module:flow"
    name: str
    crons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Surfaces:
    """Where a slice meets the clerk and the operator, each layer deriving its own list from these:
    `center`'s sub-commands (deployments/cli/app.py), the desk's routers (deployments/web/core/app.py),
    whose modules' `NAV` entries and `OFFERS` make the menu and /new (deployments/web/core/nav.py, new.py),
    and the deployments and schedules (deployments/schedules.py)."""

    cli: dict[str, str] = field(default_factory=dict)  # `center` group name -> "module:typer app"
    pages: tuple[str, ...] = ()  # desk modules, each with a `router`
    deployments: tuple[Deployment, ...] = ()


@dataclass(frozen=True)
class ProcedureSpec:
    kind: str
    machine: str  # its states and transitions (models.core.procedures.Procedure)
    tables: tuple[str, ...] = ()  # modules declaring its own tables
    forms: str | None = None  # {form name: DecisionForm} of its work items
    guards: str | None = None  # {form name: guard(*, session, item, decision)} needing the case
    choices: str | None = None  # {form name: {field: choices(*, session, item) -> [(value, label)]}}
    sweep_rules: str | None = None  # [rule(session, as_of, calendar, policy) -> [Notice]]
    recompute: str | None = None  # (*, session, calendar, actor) -> changed, on a calendar import
    steps: str | None = None  # its Steps (models.core.procedures): what the generic step task runs
    advance: str | None = None  # the flow that advances a case until a person must act
    citizens: str | None = None  # (*, session, refs) -> [(name, contact)] of the citizens in these cases
    absences: str | None = None  # (*, session, staff_ids, start, end) -> [Absence]: away from the window
    away: str | None = None  # (*, session, staff_ids, at) -> {staff id: (label, case ref)}: away at a moment (AB岗 1)
    verdicts: str | None = None  # (*, session, refs) -> {ref: (staff id, substantiated)} of the complaints among refs
    substantiated: str | None = None  # (*, session, staff_id, since) -> [ref]: substantiated complaints, oldest first
    lunch_service: str | None = None  # (*, session, staff_ids, day) -> set of staff ids serving the lunch hour that day (考勤办法 二(一)4)
    guide: str | None = None  # (*, session, code) -> a matter's current guide, what a case is received against
    # What another slice's event asks of this procedure, by name -> "module:function" run in the asker's
    # transaction (tasks/core/hand_offs.py): one procedure opens or changes another's case without importing it.
    hand_offs: dict[str, str] = field(default_factory=dict)
    web: Web = Web()
    surfaces: Surfaces = Surfaces()


# 窗口负责人岗位职责 7 and 进出管理制度: a head who leaves (a return) or ranks last (the annual assessment)
# is replaced through the rotation family's head nomination.
ROTATION_HAND_OFFS = {
    "rotation": {"nominate_window_head": "tasks.rotation.documents:open_head_nomination",
                 "appoint_nominated_head": "tasks.rotation.documents:apply_head_nomination"},
    "head_replacement": {"record_head_ranking": "models.rotation.store:record_head_ranking",
                         "replace_last_ranked_heads": "tasks.rotation.head_replacement:open_replacements"},
}

PROCEDURES: list[ProcedureSpec] = [
    ProcedureSpec(
        kind="leave", machine="models.leave.machine:LEAVE",
        tables=("models.leave.tables",),
        forms="models.leave.inputs:FORMS", guards="models.leave.inputs:GUARDS",
        sweep_rules="models.leave.deadlines:SWEEP_RULES",
        recompute="models.leave.deadlines:recompute_filing_deadlines",
        steps="tasks.leave.steps:STEPS", advance="flows.leave:advance_leave",
        absences="models.leave.store:absences", away="models.leave.store:away_at_moment",
        # A person left the window (退回, 调离, 借调): the leaves naming them as substitute get another
        # (AB岗工作制度 2); (*, session, staff_id, case_ref, actor, at) -> [refs changed].
        hand_offs={"substitute_left": "tasks.leave.substitutes:replace_leaving_substitute"},
        web=Web(details="deployments.web.core.case_details:leave_details",
                actions="deployments.web.leave.steps:leave_actions",
                status="deployments.web.core.case_details:leave_status",
                step_pages={"materials": ("/cases/{ref}/proofs", "补交证明")}),
        surfaces=Surfaces(
            cli={"leave": "deployments.cli.leave.commands:app"},
            pages=("deployments.web.leave.forms", "deployments.web.leave.steps", "deployments.web.leave.saturday"),
            deployments=(Deployment("flows.leave:apply_for_leave", "leave-apply"),
                         Deployment("flows.leave:attach_leave_proofs", "leave-attach"),
                         Deployment("flows.leave:withdraw_leave_request", "leave-withdraw"),
                         Deployment("flows.leave:advance_leave", "leave-advance"),
                         Deployment("flows.leave:record_saturday_cover", "leave-saturday-cover")))),
    ProcedureSpec(
        kind="complaint", machine="models.complaint.machine:COMPLAINT",
        tables=("models.complaint.tables",),
        forms="models.complaint.inputs:FORMS",
        sweep_rules="models.complaint.deadlines:SWEEP_RULES", citizens="models.complaint.store:citizens_in",
        verdicts="models.complaint.store:verdicts_in", substantiated="models.complaint.store:substantiated_against",
        steps="tasks.complaint.steps:STEPS",  # its effects queue notices and render (tasks layer)
        advance="flows.complaint:complaint_handling",
        web=Web(details="deployments.web.core.case_details:complaint_details",
                actions="deployments.web.complaint:complaint_actions"),
        surfaces=Surfaces(
            cli={"complaint": "deployments.cli.complaint.commands:app",
                 "complaints": "deployments.cli.complaint.commands:stats_app"},
            pages=("deployments.web.complaint",),
            deployments=(Deployment("flows.complaint:receive_complaint", "complaint-intake"),
                         Deployment("flows.complaint:extend_complaint_flow", "complaint-extension"),
                         Deployment("flows.complaint:complaint_handling", "complaint-advance"),
                         # 09:00 on the 1st of each month: last month's 好差评 summary (in January, last year's too).
                         Deployment("flows.complaint:complaint_monthly_stats", "complaint-monthly-stats",
                                    ("0 9 1 * *",))))),
    *(ProcedureSpec(
        kind=kind, machine=f"models.rotation.machine:{machine}", tables=("models.rotation.tables",),
        forms="models.rotation.inputs:FORMS", guards="models.rotation.inputs:GUARDS",
        choices="models.rotation.inputs:CHOICES", sweep_rules="models.rotation.deadlines:SWEEP_RULES", steps=steps,
        advance=advance, web=Web(details=details), hand_offs=ROTATION_HAND_OFFS.get(kind, {}), surfaces=surfaces,
        away="models.rotation.store:seconded_away" if kind == "secondment" else None)
      # Their steps' effects render and queue notices, so they are declared in the tasks.
      for kind, machine, steps, advance, details, surfaces in [
          ("rotation", "ROTATION", "tasks.rotation.steps:STEPS", "flows.rotation:advance_rotation",
           "deployments.web.rotation.case:rotation_details", Surfaces(
               cli={"rotation": "deployments.cli.rotation:app"},
               pages=("deployments.web.rotation.forms", "deployments.web.rotation.pages"),
               deployments=(Deployment("flows.rotation:staff_rotation", "rotation-propose"),
                            Deployment("flows.rotation:advance_rotation", "rotation-advance"),
                            # 07:30 every day (days off too: a rotation may take effect on any date): rotations
                            # reaching their effective date change the roster once; secondments start and end.
                            Deployment("flows.rotation:roster_day", "roster-day", ("30 7 * * *",))))),
          ("secondment", "SECONDMENT", "tasks.rotation.secondment:STEPS", "flows.rotation:advance_secondment",
           "deployments.web.rotation.pages:secondment_details", Surfaces(deployments=(
               Deployment("flows.rotation:request_secondment", "secondment-request"),
               Deployment("flows.rotation:advance_secondment", "secondment-advance")))),
          ("intern", "INTERN", "tasks.rotation.intern:STEPS", "flows.rotation:advance_intern",
           "deployments.web.rotation.pages:intern_details", Surfaces(deployments=(
               Deployment("flows.rotation:request_intern", "intern-request"),
               Deployment("flows.rotation:advance_intern", "intern-advance")))),
          ("head_replacement", "HEAD_REPLACEMENT", "tasks.rotation.head_replacement:STEPS",
           "flows.rotation:advance_head_replacement", "deployments.web.rotation.case:head_replacement_details",
           Surfaces(deployments=(
               Deployment("flows.rotation:import_head_rankings", "assessment-import"),
               Deployment("flows.rotation:advance_head_replacement", "head-replacement-advance"))))]),
    ProcedureSpec(
        kind="staff_return", machine="models.staff_return.machine:STAFF_RETURN",
        tables=("models.staff_return.tables",),
        forms="models.staff_return.inputs:FORMS", guards="models.staff_return.inputs:GUARDS",
        steps="tasks.staff_return.steps:STEPS", advance="flows.staff_return:advance_staff_return",
        # 投诉处置规定 三(三)2: the third substantiated complaint in a posting opens the return.
        hand_offs={"return_for_complaints": "tasks.staff_return.entry:open_return_for_complaints"},
        web=Web(details="deployments.web.staff_return:return_details"),
        surfaces=Surfaces(
            cli={"return": "deployments.cli.staff_return:app"}, pages=("deployments.web.staff_return",),
            deployments=(Deployment("flows.staff_return:open_staff_return_flow", "return-open"),
                         Deployment("flows.staff_return:advance_staff_return", "return-advance"),
                         # 07:35 every day: returns reaching their effective date, replacements their arrival date.
                         Deployment("flows.staff_return:staff_return_day", "return-day", ("35 7 * * *",))))),
    ProcedureSpec(
        kind="matter", machine="models.matter.machine:PROCEDURE",
        tables=("models.matter.tables",), steps="tasks.matter.steps:STEPS", advance="flows.matter:advance_matter",
        guide="models.matter.guides:current_guide",
        web=Web(details="deployments.web.matter.case:matter_details",
                actions="deployments.web.matter.forms:resubmit_action",
                step_pages={"resubmit": ("/cases/{ref}/resubmission", "修改后重新提交")}),
        surfaces=Surfaces(
            cli={"matters": "deployments.cli.matter:app"},
            pages=("deployments.web.matter.forms", "deployments.web.matter.pages"),
            deployments=(Deployment("flows.matter:matter_onboarding", "matter-request"),
                         Deployment("flows.matter:advance_matter", "matter-advance"),
                         Deployment("flows.matter:publish_matter_guides", "matter-publish")))),
    ProcedureSpec(
        kind="matter_review", machine="models.matter.machine:REVIEW_PROCEDURE",
        steps="tasks.matter.review:STEPS", advance="flows.matter:advance_matter_review",
        web=Web(details="deployments.web.matter.case:review_details"),
        surfaces=Surfaces(deployments=(
            # The first ten days of each quarter at 09:00: the first run on a working day opens the
            # quarter's review, the later ones find it opened (事项进驻、退出、调整规定 2: 定期梳理).
            Deployment("flows.matter:matter_list_review", "matter-list-review", ("0 9 1-10 1,4,7,10 *",)),
            Deployment("flows.matter:advance_matter_review", "matter-review-advance")))),
    ProcedureSpec(
        kind="service", machine="models.service_case.machine:SERVICE_CASE",
        tables=("models.service_case.tables",),
        sweep_rules="models.service_case.deadlines:SWEEP_RULES", citizens="models.service_case.store:citizens_in",
        steps="tasks.service_case:STEPS",
        advance="flows.service_case:advance_service_case",
        web=Web(details="deployments.web.service_case.forms:service_details",
                actions="deployments.web.service_case.forms:service_actions",
                step_pages={"complete": ("/cases/{ref}/service/complete", "办结")}),
        surfaces=Surfaces(
            cli={"service": "deployments.cli.service_case:app"},
            pages=("deployments.web.service_case.forms", "deployments.web.service_case.steps"),
            deployments=(Deployment("flows.service_case:open_service_case_flow", "service-open"),
                         Deployment("flows.service_case:check_materials_flow", "service-check"),
                         Deployment("flows.service_case:complete_service_case_flow", "service-complete"),
                         Deployment("flows.service_case:extend_service_case_flow", "service-extend"),
                         Deployment("flows.service_case:advance_service_case", "service-advance")))),
    ProcedureSpec(
        kind="patrol", machine="models.patrol.machine:PATROL",
        tables=("models.patrol.tables",), sweep_rules="models.patrol.deadlines:SWEEP_RULES",
        web=Web(details="deployments.web.patrol.pages:patrol_details",
                concerned="deployments.web.patrol.pages:patrol_concerns"),
        surfaces=Surfaces(
            cli={"patrol": "deployments.cli.patrol:app"},
            pages=("deployments.web.patrol.pages", "deployments.web.patrol.register"),
            deployments=(Deployment("flows.patrol:record_patrol_flow", "patrol-record"),
                         # 17:30 every day: on a month's last working day (from the calendar) the month's
                         # patrols are summarised and fed back to the windows (巡查制度 四); a missed day is
                         # caught up the next.
                         Deployment("flows.patrol:monthly_patrol_summary", "patrol-month", ("30 17 * * *",))))),
    ProcedureSpec(
        kind="training", machine="models.training.machine:TRAINING",
        tables=("models.training.tables",),
        forms="models.training.inputs:FORMS", guards="models.training.inputs:GUARDS",
        steps="tasks.training:STEPS", advance="flows.training:advance_training",
        away="models.training.store:training_away",
        web=Web(details="deployments.web.training.pages:training_details",
                actions="deployments.web.training.pages:training_actions",
                concerned="deployments.web.training.pages:training_concerns",
                step_pages={"roll_call": ("/trainings/{ref}/roll-call", "点名")}),
        surfaces=Surfaces(
            cli={"training": "deployments.cli.training:app"},
            pages=("deployments.web.training.pages", "deployments.web.training.steps"),
            deployments=(Deployment("flows.training:arrange_training", "training-arrange"),
                         Deployment("flows.training:advance_training", "training-advance")))),
    ProcedureSpec(
        kind="it_access", machine="models.it_access.machine:IT_ACCESS",
        tables=("models.it_access.tables",),
        forms="models.it_access.inputs:FORMS", guards="models.it_access.inputs:GUARDS",
        steps="tasks.it_access.steps:STEPS", advance="flows.it_access:advance_it_request",
        web=Web(details="deployments.web.it_access:request_details"),
        surfaces=Surfaces(
            cli={"it": "deployments.cli.it_access:app"}, pages=("deployments.web.it_access",),
            deployments=(Deployment("flows.it_access:submit_it_request", "it-request"),
                         Deployment("flows.it_access:advance_it_request", "it-advance")))),
    ProcedureSpec(
        kind="it_violation", machine="models.it_access.machine:IT_VIOLATION",
        tables=("models.it_access.tables",), steps="tasks.it_access.violation:STEPS",
        advance="flows.it_access:advance_it_violation",
        web=Web(details="deployments.web.it_access:violation_details"),
        surfaces=Surfaces(deployments=(Deployment("flows.it_access:record_it_violation", "it-violation"),
                                       Deployment("flows.it_access:advance_it_violation", "it-violation-advance")))),
    ProcedureSpec(
        kind="lunch_roster", machine="models.lunch_roster.machine:LUNCH_ROSTER",
        tables=("models.lunch_roster.tables",), sweep_rules="models.lunch_roster.store:SWEEP_RULES",
        steps="tasks.lunch_roster:STEPS", advance="flows.lunch_roster:advance_lunch_roster",
        lunch_service="models.lunch_roster.store:serving_on",
        web=Web(details="deployments.web.lunch_roster:roster_details",
                actions="deployments.web.lunch_roster:roster_actions"),
        surfaces=Surfaces(
            cli={"lunch-roster": "deployments.cli.lunch_roster:app"}, pages=("deployments.web.lunch_roster",),
            deployments=(Deployment("flows.lunch_roster:file_lunch_roster", "lunch-roster-file"),
                         Deployment("flows.lunch_roster:advance_lunch_roster", "lunch-roster-advance")))),
    ProcedureSpec(
        # 考勤办法 二(一)1–3, 6 and 二(三)1: clock records in, exceptions computed, explained, registered, reviewed.
        kind="attendance", machine="models.attendance.machine:ATTENDANCE",
        tables=("models.attendance.tables",), forms="models.attendance.inputs:FORMS",
        sweep_rules="models.attendance.deadlines:SWEEP_RULES",
        steps="tasks.attendance:STEPS", advance="flows.attendance:advance_attendance",
        web=Web(details="deployments.web.attendance:exception_details",
                step_pages={"explain": ("/cases/{ref}/attendance/explain", "说明情况并上传证明")}),
        surfaces=Surfaces(
            cli={"attendance": "deployments.cli.attendance:app"}, pages=("deployments.web.attendance",),
            deployments=(Deployment("flows.attendance:import_clock_records_flow", "attendance-import"),
                         Deployment("flows.attendance:receive_clock_records", "attendance-receive"),
                         Deployment("flows.attendance:compute_exceptions_flow", "attendance-compute"),
                         Deployment("flows.attendance:explain_attendance", "attendance-explain"),
                         Deployment("flows.attendance:advance_attendance", "attendance-advance")))),
]

# The slices that open no case of their own: the same surfaces, declared once here.
CASELESS_SLICES: dict[str, Surfaces] = {
    "annual_assessment": Surfaces(
        cli={"assessment": "deployments.cli.annual_assessment.commands:app"},  # with `center assessment year`
        pages=("deployments.web.annual_assessment",),
        deployments=(Deployment("flows.annual_assessment:annual_assessment", "annual-assessment"),)),
    "api": Surfaces(cli={"api-keys": "deployments.cli.api:app"}, pages=("deployments.web.api.keys_page",)),
}

# Tables that belong to no one procedure: the foundations, the ledger, the API and the desk.
SHARED_TABLES = (
    "models.core.calendar", "models.core.cases", "models.core.documents", "models.core.org",
    "models.core.outbox", "models.core.sms_ledger", "models.core.ledger", "models.core.users",
    "models.api.keys", "models.api.tables", "models.core.step_requests", "models.core.run_inputs",
    "models.core.sweep_reports", "models.core.posting_requirements",
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


def all_surfaces() -> list[Surfaces]:
    """Every slice's surfaces, in the list's order, the caseless slices last."""
    return [*(spec.surfaces for spec in PROCEDURES), *CASELESS_SLICES.values()]


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


def decision_choices() -> dict:
    """{form name: {field: choices(*, session, item)}}: the fields picked from a list the case decides."""
    return _merged("choices")


def sweep_rules() -> list:
    """Every procedure's own sweep rules, each once (a family of procedures may share them)."""
    return [rule for rules in _pieces("sweep_rules") for rule in rules]


def recomputers() -> list:
    return _pieces("recompute")


def citizens_in(*, session, refs: set[str]) -> list[tuple[str, str]]:
    """(name, contact) of the citizens — complainants, applicants — in the cases `refs`, from every
    procedure that has them: one procedure's reports never read another's tables."""
    return [row for rows in _pieces("citizens") for row in rows(session=session, refs=refs)]


def current_guide(*, session, code: str):
    """The matter `code`'s current guide (models.matter.guides.CurrentGuide: its name, window, kind,
    promised days and materials, 一次性告知制度 1), from the procedure that publishes guides, for the
    one that receives cases against it (the service case); a matter not in service is refused."""
    [read] = _pieces("guide")
    return read(session=session, code=code)


def absences(*, session, staff_ids: set[str], start, end) -> list:
    """Who of `staff_ids` is away from the window between `start` and `end` (models.rules.absences.Absence),
    from every procedure that takes people away (leave, compensating days off)."""
    return [absence for rows in _pieces("absences")
            for absence in rows(session=session, staff_ids=staff_ids, start=start, end=end)]


def complaint_verdicts(*, session, refs: set[str]) -> dict[str, tuple[str | None, bool]]:
    """ref → (staff id, substantiated) of the complaints among `refs`, from the procedure that keeps them."""
    return {ref: verdict for read in _pieces("verdicts") for ref, verdict in read(session=session, refs=refs).items()}


def substantiated_complaints(*, session, staff_id: str, since) -> list[str]:
    """The substantiated complaints against `staff_id` received since `since` (投诉处置规定 三(三)2)."""
    return [ref for read in _pieces("substantiated") for ref in read(session=session, staff_id=staff_id, since=since)]


def away_at_moment(*, session, staff_ids: set[str], at) -> dict[str, tuple[str, str | None]]:
    """Who of `staff_ids` is away at `at` — on an approved leave, at a training, on a secondment — with
    why and the case it comes from, from every procedure that takes people away (AB岗工作制度 1)."""
    return {staff_id: why for rows in _pieces("away")
            for staff_id, why in rows(session=session, staff_ids=staff_ids, at=at).items()}


def lunch_service(*, session, staff_ids: set[str], day) -> set[str]:
    """Who of `staff_ids` serves the lunch hour (11:30–12:00) on `day` by their window's 延时服务人员安排表,
    so may clock out early by as long (考勤办法 二(一)4)."""
    return {staff_id for rows in _pieces("lunch_service") for staff_id in rows(session=session, staff_ids=staff_ids, day=day)}


def import_tables() -> None:
    """Import every table module, so the metadata is complete (migrations, tests, `center init`)."""
    for module in sorted({*SHARED_TABLES, *(m for spec in PROCEDURES for m in spec.tables)}):
        import_module(module)
