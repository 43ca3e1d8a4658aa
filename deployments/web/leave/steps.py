"""A leave applicant's own steps on the desk: handing in proofs (考勤办法 二(二)2(3): 本人补交) and
withdrawing — through the leave procedure's flows (attach_leave_proofs, withdraw_leave_request),
which check who may do it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from deployments.web.core.access import viewable_case
from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.uploads import saved_uploads, uploads_of
from models.core.cases import Case
from models.core.db import session_scope
from models.core.errors import CenterError, PermissionDenied
from models.procedures import get_procedure

router = APIRouter()
ALIASES = {"files": "files", "证明材料": "files", "comment": "comment"}


def leave_actions(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    if viewer.id != case.subject_staff_id or case.status in get_procedure("leave").final:
        return []
    return [(f"/cases/{case.ref}/proofs", "补交证明"), (f"/cases/{case.ref}/withdraw", "撤回申请")]




def _step_page(request: Request, viewer: Viewer, ref: str, name: str, title: str, *, errors: dict,
               values: dict, status_code: int = 200):
    from models.leave.rules import HOSPITAL_PROOF, PROOF_LABELS
    from models.leave.store import get_leave, missing_of

    with session_scope() as session:
        case = viewable_case(session=session, ref=ref, actor=viewer.actor)
        missing = missing_of(session=session, leave=get_leave(session=session, ref=ref)[1])
    # models.leave.rules.proof_kind: when the hospital's proof is all that is missing, what is handed in is it.
    return page(request, name, title=title, status_code=status_code, case=case, errors=errors, values=values,
                missing=missing, hospital_only=missing == [PROOF_LABELS[HOSPITAL_PROOF]])


@router.get("/cases/{ref}/proofs")
def proofs_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _step_page(request, viewer, ref, "leave_proofs.html", "补交证明", errors={}, values={})


def attach(ref: str, files: list[str], hospital: bool, viewer: Viewer) -> dict:
    from flows.leave import attach_leave_proofs
    from models.core.errors import validated
    from models.leave.inputs import LeaveProofs

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
    proofs = validated(LeaveProofs, {"case_ref": ref, "files": files, "hospital": hospital, "actor": viewer.id})
    return attach_leave_proofs(proofs=proofs)


@router.post("/cases/{ref}/proofs")
async def post_proofs(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    hospital = form.get("hospital") == "true"
    try:
        with saved_uploads({"files": uploads_of(form, "files")}) as files:
            result = await run_in_threadpool(attach, ref, files.get("files", []), hospital, viewer)
    except PermissionDenied:
        raise
    except CenterError as error:
        return await run_in_threadpool(_step_page, request, viewer, ref, "leave_proofs.html", "补交证明",
                                       errors=errors_by_field(error, ALIASES), values={"hospital": hospital},
                                       status_code=400)
    missing = "、".join(result["missing"])
    flash(request, f"证明已补交{'；仍缺：' + missing if missing else '，材料已齐全'}")
    return redirect(f"/cases/{ref}")


@router.get("/cases/{ref}/withdraw")
def withdraw_page(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    return _step_page(request, viewer, ref, "leave_withdraw.html", "撤回请假申请", errors={}, values={})


def withdraw(ref: str, comment: str, viewer: Viewer) -> str:
    from flows.leave import withdraw_leave_request
    from models.leave.inputs import LeaveWithdrawal

    with session_scope() as session:
        viewable_case(session=session, ref=ref, actor=viewer.actor)
    status = withdraw_leave_request(withdrawal=LeaveWithdrawal(case_ref=ref, actor=viewer.id, comment=comment))
    return get_procedure("leave").status_label(status)


@router.post("/cases/{ref}/withdraw")
async def post_withdrawal(ref: str, request: Request, viewer: Viewer = Depends(require_viewer)):
    comment = str((await request.form()).get("comment", "")).strip()[:500]
    status = await run_in_threadpool(withdraw, ref, comment, viewer)
    flash(request, f"请假申请已撤回（{status}）")
    return redirect(f"/cases/{ref}")
