"""GET /api/v1/complaints/{ref} — a complaint's status and, once answered, the verdict and the
reply, for the source system that posted it (a key sees only its own system's complaints)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from deployments.web.api.auth import Caller, require
from deployments.web.api.errors import refusal
from deployments.web.api.schemas import REFUSALS, ComplaintStatus
from deployments.web.core.guard import ID_LENGTH, path_problem
from models.api.store import record_call, source_of
from models.api.keys import Scope
from models.core.clock import local_now
from models.complaint.store import get_complaint
from models.core.db import session_scope
from models.api.store import poster_system, status_view
from models.core.errors import InvalidInput

router = APIRouter(tags=["办理结果"])
NOT_FOUND = {404: {"description": "没有本系统报送的此案件"}}


def _view(ref: str, caller: Caller, path: str) -> dict | None:
    with session_scope() as session:
        source = source_of(session=session, case_ref=ref)
        if source is None or poster_system(session=session, case_ref=ref) != caller.system:
            return None
        case, complaint = get_complaint(session=session, ref=ref)
        view = status_view(session=session, case=case, complaint=complaint, source=source)
        record_call(session=session, key_name=caller.name, method="GET", path=path, status=200, case_ref=ref,
                    at=local_now())
        return view


@router.get("/complaints/{ref}", response_model=ComplaintStatus, responses={**REFUSALS, **NOT_FOUND},
            summary="查询投诉办理情况", description="状态；办结（差评为答复审核通过）后附核查结论和答复内容。")
def get_complaint_status(ref: str, request: Request, caller: Caller = Depends(require(Scope.complaints_read))):
    problem = path_problem("ref", ref)  # before any database sees it
    if isinstance(problem, InvalidInput):
        return refusal(problem)
    view = None if problem is not None else _view(ref, caller, request.url.path)
    if view is None:
        return JSONResponse({"detail": f"找不到本系统报送的案件 {ref[:ID_LENGTH]}"}, status_code=404)
    return view
