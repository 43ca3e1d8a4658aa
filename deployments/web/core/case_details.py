"""The facts a case page shows besides the generic ones, per procedure: (label, value) pairs.
A complainant's name and contact are shown in full only to whoever handles the case
(models.complaint.store.may_see_personal_data); everyone else sees them masked."""
from __future__ import annotations

from collections.abc import Callable

from sqlmodel import Session

from deployments.web.core.auth import Viewer
from models.core.cases import Case
from models.core.org import Staff
from models.procedures import get_procedure, resolve, spec_of


def staff_name(session: Session, staff_id: str | None) -> str:
    staff = session.get(Staff, staff_id) if staff_id else None
    return f"{staff.name}（{staff.id}）" if staff else (staff_id or "—")


def leave_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.leave.store import leave_view
    from models.leave.tables import LeaveRequest

    leave = session.get(LeaveRequest, case.ref)
    return leave_view(session=session, leave=leave) if leave is not None else []


def complaint_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.complaint.store import complaint_view, may_see_personal_data
    from models.complaint.tables import Complaint

    complaint = session.get(Complaint, case.ref)
    if complaint is None:
        return []
    full = may_see_personal_data(session=session, case_ref=case.ref, actor_id=viewer.id)
    return complaint_view(session=session, case=case, complaint=complaint, full=full)


def free_text_view(session: Session, case: Case, viewer: Viewer) -> Callable[[str], str]:
    """How free text written on a case (a decision's findings, a reply) reads for `viewer`: a complaint's
    through the one masking rule (models.rules.masking.complainant_view, 投诉处置规定 三(一)), any
    other case's as written."""
    from models.complaint.store import may_see_personal_data
    from models.complaint.tables import Complaint
    from models.rules.masking import complainant_view

    complaint = session.get(Complaint, case.ref) if case.kind == "complaint" else None
    if complaint is None:
        return str
    full = may_see_personal_data(session=session, case_ref=case.ref, actor_id=viewer.id)
    return complainant_view(name=complaint.complainant_name, contact=complaint.complainant_contact, full=full).text


def leave_status(session: Session, case: Case) -> str:
    from models.leave.store import leave_status_label

    return leave_status_label(session=session, case=case)


def _web_piece(case: Case, piece: str):
    """A procedure's piece of the case page (models/procedures.py `Web`), or None."""
    name = getattr(spec_of(case.kind).web, piece)
    return resolve(name) if name else None


def status_of(session: Session, case: Case) -> str:
    """How a case's status reads on the desk: the procedure's label, or its own reading in context."""
    provider = _web_piece(case, "status")
    return provider(session, case) if provider else get_procedure(case.kind).status_label(case.status)


def details_of(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    provider = _web_piece(case, "details")
    return provider(session, case, viewer) if provider else []


def actions_of(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """Other things a viewer may do on a case besides deciding its items (e.g. a complaint's extension)."""
    provider = _web_piece(case, "actions")
    return provider(session, case, viewer) if provider else []


def step_page(kind: str, step: str) -> tuple[str, str] | None:
    """A step done on a page of its own, not with the generic decision form: (path, label), e.g. a
    leave's missing proofs are handed in as files (the procedure's attach flow), not just confirmed."""
    return spec_of(kind).web.step_pages.get(step)
