"""The rotation demo: a department rotates one of a three-person window — refused for the 30% cap,
approved with an exception, the 调离申请表 and 人员登记表 rendered, the roster changed on the
effective date and the missing B post named by the window head. Runs through the flows."""
from __future__ import annotations

from datetime import date, datetime, time

from rich.console import Console
from sqlmodel import select

from models.core.cases import WorkItem, WorkItemStatus
from models.core.db import session_scope
from models.core.errors import CenterError
from models.core.org import Staff
from models.rotation.inputs import RotationProposalInput

WINDOW, DEPARTMENT_CONTACT, MANAGEMENT, HEAD = "W02", "D-scjgj", "G001", "S0201"


def effective_date_after(as_of: datetime) -> date:
    """The first working day of a quarter's first month, at least the notice period after as_of."""
    from models.core.calendar import load_calendar
    from models.core.settings import get_settings

    policy = get_settings().policy
    with session_scope() as session:
        calendar = load_calendar(session=session)
    earliest = calendar.add_working_days(as_of.date(), policy.rotation_notice_days)
    year, month = earliest.year, earliest.month
    while month not in policy.rotation_months:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    first = max(date(year, month, 1), earliest)
    return first if calendar.is_working_day(first) else calendar.next_working_day(first)


def _open_item(ref: str, step: str) -> int:
    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                      WorkItem.status == WorkItemStatus.open)).first()


def demo(console: Console, as_of: datetime) -> str:
    from flows.core.decide import decide
    from flows.rotation import roster_day, staff_rotation
    from models.procedures import get_procedure
    from models.rotation.store import get_proposal

    effective = effective_date_after(as_of)
    proposal = RotationProposalInput(
        window_id=WINDOW, notice_ref="青市监函〔2026〕8号", notice_received=as_of, effective_date=effective,
        leaving=["S0203"], arriving=[{"staff_id": "S0204", "name": "郑晓", "political_status": "party_member",
                                      "qualification": "企业登记审核资格", "phone": "13700000204"}])
    ref = staff_rotation(proposal=proposal, actor=DEPARTMENT_CONTACT, now=as_of)
    with session_scope() as session:
        failed = [c for c in get_proposal(session=session, case_ref=ref).checks if not c["passed"]]
    console.print(f"区市场监督管理局公函：企业登记窗口（3人）马超调离、郑晓进驻，{effective} 生效 → 案件 {ref}")
    for check in failed:
        console.print(f"  检查未通过：{check['label']}——{check['detail']}（{check['clause']}）")
    try:
        decide(item_id=_open_item(ref, "review"), actor=MANAGEMENT, decision={"approve": True}, at=as_of)
    except CenterError as refused:
        console.print(f"  窗口管理科直接批准被拒绝：{refused}")
    reason = "企业登记业务量增长，派驻部门统一调整，经研究同意例外轮换"
    decide(item_id=_open_item(ref, "review"), actor=MANAGEMENT, at=as_of,
                     decision={"approve": True, "exception": True, "comment": reason})
    console.print(f"  窗口管理科例外批准（理由：{reason}），已生成《窗口工作人员调离申请表》")
    decide(item_id=_open_item(ref, "departure"), actor=MANAGEMENT, decision={}, at=as_of)
    console.print("  中心确认马超调离")
    roster_day(as_of=datetime.combine(effective, time(7, 30)))
    with session_scope() as session:
        arrived = session.get(Staff, "S0204")
    console.print(f"  {effective} 生效：马超调离，{arrived.name}进驻（派驻日期 {arrived.posted_since}，"
                  "《人员登记表》已生成，党组织关系转入已记录）；B岗复核：郑晓尚无B岗，已交窗口负责人")
    status = decide(item_id=_open_item(ref, "b_post"), actor=HEAD, decision={"b_post": "S0202"},
                              at=datetime.combine(effective, time(9)))
    console.print(f"  窗口负责人徐明指定孙悦为郑晓的B岗；案件{get_procedure('rotation').status_label(status)}")
    return ref
