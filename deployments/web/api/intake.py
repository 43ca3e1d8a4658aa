"""Shared by the two POST endpoints: receive in one transaction, then advance a new complaint
(hand it to the window) with the case reference and the key's name as the flow's only parameters
— the citizen's name and contact never become Prefect run parameters."""
from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi.responses import JSONResponse

from deployments.web.api.errors import refusal
from models.complaint.store import get_complaint
from models.core.db import session_scope
from models.core.errors import CenterError
from models.complaint.machine import COMPLAINT

log = logging.getLogger("center.api")


def advance(ref: str, actor: str) -> None:
    from flows.complaint import complaint_handling

    try:
        complaint_handling(case_ref=ref, actor=actor)
    except Exception as error:  # received and recorded: the window's step waits for the next advance
        log.warning("接口登记的投诉 %s 未能交窗口核实：%s", ref, type(error).__name__)


def answer(receive: Callable, names: dict[str, str], actor: str, what: str) -> JSONResponse:
    try:
        receipt = receive()
    except CenterError as error:
        log.info("接口请求被拒绝（%s）：%s", actor, type(error).__name__)
        return refusal(error, names)
    if receipt.created and receipt.ref:
        advance(receipt.ref, actor)
    body = {"ref": receipt.ref, "created": receipt.created, "complaint": receipt.ref is not None,
            "status": None, "status_label": None, "due_at": None}
    if receipt.ref:
        with session_scope() as session:
            case, _ = get_complaint(session=session, ref=receipt.ref)
        body.update(status=case.status, status_label=COMPLAINT.status_label(case.status),
                    due_at=case.due_at.isoformat() if case.due_at else None)
        body["message"] = f"{what}已登记为投诉 {receipt.ref}" if receipt.created else f"{what}此前已报送，案件 {receipt.ref}"
    else:
        body["message"] = "评价已记录，计入好差评统计（3–5星不按投诉处理）" if receipt.created else "评价此前已报送"
    return JSONResponse(body, status_code=201 if receipt.created else 200)
