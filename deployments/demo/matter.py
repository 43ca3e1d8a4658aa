"""The matter demo: the 人社局 files a guide with three gaps (told at once), then the complete guide;
the district office forwards, the management section approves, and the published guide's page is
printed. Runs through the flows."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.console import Console
from sqlmodel import select

from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.matter.tables import MatterRequest
from models.matter.guides import page_path, site_dir
from models.matter.inputs import read_request

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "matters"
CONTACT, DISTRICT_OFFICE, MANAGEMENT = "D-rsj", "Q001", "G001"


def _open_item(ref: str, step: str) -> int | None:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                      WorkItem.status == WorkItemStatus.open)).first()


def demo(console: Console, as_of: datetime) -> str:
    from flows.core.decide import decide
    from flows.matter import matter_onboarding

    gaps = matter_onboarding(request=read_request(EXAMPLES / "with-gaps.yaml"), actor=CONTACT, now=as_of)
    with session_scope() as session:
        told = session.get(MatterRequest, gaps["case_ref"]).gaps
    console.print(f"区人社局申请进驻「就业困难人员认定」→ {gaps['case_ref']}：办事指南有 {len(told)} 处缺漏，"
                  "已一次性书面告知：" + "；".join(told))
    result = matter_onboarding(request=read_request(EXAMPLES / "unemployment-registration.yaml"), actor=CONTACT,
                               now=as_of)
    ref = result["case_ref"]
    console.print(f"区人社局申请进驻「失业登记」（社保综合窗口，承诺3个工作日）→ {ref}：指南完整，报区政务服务办")
    for step, actor, who in (("forward", DISTRICT_OFFICE, "区政务服务办转窗口管理科"), ("review", MANAGEMENT, "窗口管理科批准")):
        item = _open_item(ref, step)
        if item is not None:
            decide(item_id=item, actor=actor, decision={"approve": True}, at=as_of)
            console.print(f"  {who}")
    console.print(f"  事项清单已更新，办事指南已发布：{page_path('QP-RSJ-001')}")
    console.print(f"  公开网站首页（按窗口列出在办事项，手机可读）：{site_dir() / 'index.html'}")
    return ref
