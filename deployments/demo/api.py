"""`make demo`, the source systems' API: a demo key per system, the desk (with the API mounted)
served by uvicorn on 127.0.0.1, one 12345 order and two ratings (1 star, 5 stars) posted over
HTTP as the source systems would, the order retried, the complaints answered, and the results
arriving at a local HTTP sink standing in for the source systems."""
from __future__ import annotations

import json
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime

from rich.console import Console

ORDER = {"ticket_no": "12345-20261120-0088", "received_at": "2026-11-20T18:30:00+08:00", "deadline": "2026-11-27",
         "window_id": "W02", "staff_id": "S0202", "category": 3,
         "content": "市民反映在企业登记窗口办理变更登记时，工作人员不耐烦。", "citizen_name": "刘晓东",
         "citizen_contact": "13612345678"}
RATINGS = [{"rating_id": "HCP-20261120-0001", "stars": 1, "rated_at": "2026-11-20T10:20:00+08:00", "window_id": "W02",
            "staff_id": "S0203", "comment": "材料一次没讲清楚，跑了两趟", "contact": "13787654321"},
           {"rating_id": "HCP-20261120-0002", "stars": 5, "rated_at": "2026-11-20T11:00:00+08:00", "window_id": "W02",
            "staff_id": "S0202", "comment": "办得很快"}]
FOUND = {"verdict": "partly", "findings": "调取录音：语气欠耐心。", "reply": "经核实部分属实，已对工作人员批评教育，感谢您的监督。"}


@contextmanager
def _serving():
    """The desk's application (the API under /api/v1/) on a free port of 127.0.0.1."""
    import uvicorn

    from deployments.demo.servers import _free_port
    from deployments.web.core.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def _keys() -> dict[str, str]:
    from models.api.keys import issue_key
    from models.core.db import session_scope

    with session_scope() as session:
        return {system: issue_key(session=session, system=system, actor="G001", name=f"demo-{system}")[1]
                for system in ("12345", "rating")}


def _decide(ref: str, step: str, actor: str, decision: dict, at: datetime) -> None:
    from sqlmodel import select

    from flows.core.decide import decide
    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope

    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()
    decide(item_id=item.id, actor=actor, decision=decision, at=at)


def demo(console: Console, as_of: datetime) -> None:
    import httpx

    from deployments.demo.servers import ResultSink
    from tasks.core.delivery import deliver_due

    keys = _keys()
    console.print("  窗口管理科签发演示密钥：demo-12345（12345热线）、demo-rating（好差评系统），只显示一次、库中存摘要")
    with ResultSink() as sink, _serving() as base, httpx.Client(timeout=120) as http:
        os.environ.update(sink.environment())
        hotline = {"Authorization": f"Bearer {keys['12345']}"}
        rating = {"Authorization": f"Bearer {keys['rating']}"}
        first = http.post(f"{base}/hotline-orders", json=ORDER, headers=hotline)
        again = http.post(f"{base}/hotline-orders", json=ORDER, headers=hotline)
        order = first.json()
        console.print(f"  POST {base}/hotline-orders → {first.status_code}：{order['ref']}，"
                      f"期限 {order['due_at']}（工单自带期限，11月20日18:30收到也不顺延）", markup=False)
        console.print(f"  12345系统重发同一工单 → {again.status_code}，同一案件 {again.json()['ref']}", markup=False)
        changed = http.post(f"{base}/hotline-orders", json={**ORDER, "deadline": "2026-11-30"}, headers=hotline)
        console.print(f"  同一工单号内容不同 → {changed.status_code}：{changed.json()['detail']}", markup=False)
        bad, good = (http.post(f"{base}/ratings", json=r, headers=rating) for r in RATINGS)
        console.print(f"  POST {base}/ratings 1星 → {bad.status_code}：差评投诉 {bad.json()['ref']}，期限 {bad.json()['due_at']}",
                      markup=False)
        console.print(f"  POST {base}/ratings 5星 → {good.status_code}：{good.json()['message']}", markup=False)
        _decide(order["ref"], "investigate", "S0201", FOUND, datetime(2026, 11, 24, 15, 0))
        _decide(bad.json()["ref"], "investigate", "S0201", FOUND, datetime(2026, 11, 24, 16, 0))
        _decide(bad.json()["ref"], "review", "G001", {"approve": True}, datetime(2026, 11, 25, 9, 0))
        console.print("  窗口负责人徐明答复12345工单和差评；差评答复经窗口管理科审核通过")
        sent = deliver_due()
        status = http.get(f"{base}/complaints/{order['ref']}", headers=hotline).json()
    for name in sink.environment():
        os.environ.pop(name, None)
    console.print(f"  通知发送 {sent['sent']} 条；来源系统收到办理结果 {len(sink.received)} 条：")
    for path, envelope in sink.received:
        result = json.loads(envelope["message"])
        number = result.get("ticket_no") or result.get("rating_id")
        console.print(f"    {path}：{number} {result['ref']} {result['answer']['verdict_label']}，"
                      f"“{result['answer']['reply']}”", markup=False)
    console.print(f"  GET /api/v1/complaints/{order['ref']} → {status['status_label']}，"
                  f"{status['answer']['verdict_label']}（接口文档：/api/v1/docs）", markup=False)
