"""GET /api/v1/complaints/{ref} — a complaint's status and, once answered, the verdict and the
reply, for the source system that posted it (a key sees only its own system's complaints)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from deployments.web.api.auth import Caller, require
from deployments.web.api.schemas import REFUSALS, ComplaintStatus
from models.api.store import record_call, source_of
from models.api.keys import Scope
from models.core.clock import local_now
from models.complaint.store import get_complaint
from models.core.db import session_scope
from models.api.store import status_view

router = APIRouter(tags=["办理结果"])
NOT_FOUND = {404: {"description": "没有本系统报送的此案件"}}


def _view(ref: str, caller: Caller, path: str) -> dict | None:
    with session_scope() as session:
        source = source_of(session=session, case_ref=ref)
        if source is None or source[0] != caller.system:
            return None
        case, complaint = get_complaint(session=session, ref=ref)
        view = status_view(session=session, case=case, complaint=complaint, source=source)
        record_call(session=session, key_name=caller.name, method="GET", path=path, status=200, case_ref=ref,
                    at=local_now())
        return view


@router.get("/complaints/{ref}", response_model=ComplaintStatus, responses={**REFUSALS, **NOT_FOUND},
            summary="查询投诉办理情况", description="状态；办结（差评为答复审核通过）后附核查结论和答复内容。")
def get_complaint_status(ref: str, request: Request, caller: Caller = Depends(require(Scope.complaints_read))):
    view = _view(ref[:40], caller, request.url.path)
    if view is None:
        return JSONResponse({"detail": f"找不到本系统报送的案件 {ref[:40]}"}, status_code=404)
    return view
