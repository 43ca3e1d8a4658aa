"""`make demo`, staff return (退回): a third substantiated complaint about one person opens a return
case; the management section confirms it and the 窗口工作人员退回函 is e-mailed to the home department.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Console

COMPLAINT = {"channel": "phone", "window_id": "W01", "staff_id": "S0105", "category": 3,
             "complainant_name": "刘先生", "complainant_contact": "13912340001"}
FOUND = {"verdict": "substantiated", "findings": "调取录像，情况属实", "reply": "已批评教育并整改，感谢监督。"}


def demo(console: Console, as_of: datetime) -> None:
    from flows.complaint import receive_complaint
    from flows.core.decide import decide
    from models.core.cases import Case, WorkItem, WorkItemStatus
    from models.complaint.inputs import ComplaintIntake
    from models.core.db import session_scope
    from models.staff_return.store import get_return
    from sqlmodel import select
    from tasks.core.delivery import deliver_due

    def open_item(ref: str, step: str):
        with session_scope() as session:
            return session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == step,
                                                       WorkItem.status == WorkItemStatus.open)).first()

    console.print("[bold]人员退回（进出管理制度 三；投诉处置规定 三(三)2）[/]")
    for n in range(3):
        received = as_of - timedelta(days=10 - n)
        intake = ComplaintIntake(**COMPLAINT, received_at=received, content=f"第{n + 1}次：办理时态度生硬，推诿")
        ref = receive_complaint(intake=intake, actor="G001", now=received)["case_ref"]
        item = open_item(ref, "investigate")
        if item is not None:
            decide(item_id=item.id, actor="S0101", decision=FOUND, at=received + timedelta(hours=4))
        console.print(f"  投诉 {ref}：陈静（S0105）经查属实")
    with session_scope() as session:
        ret = session.exec(select(Case).where(Case.kind == "staff_return", Case.subject_staff_id == "S0105")).first()
    if ret is None:
        console.print("  （陈静已有退回案件，跳过）")
        return
    console.print(f"  第三次经查属实 → 系统自动提出退回 {ret.ref}，待窗口管理科决定")
    item = open_item(ret.ref, "decide")
    if item is not None:
        decide(item_id=item.id, actor="G001", at=as_of,
                         decision={"confirm": True, "reason": "被投诉三次经查属实，决定退回"})
    with session_scope() as session:
        case, record = get_return(session=session, ref=ret.ref)
    console.print(f"  窗口管理科孙丽华决定退回：退回函 {record.letter_no}，{record.effective_date} 起陈静退回区人社局；"
                  "其待办转B岗杨磊，取消当年评优资格，窗口负责人须为杨磊重新指定B岗")
    sent = deliver_due()
    console.print(f"  通知发送 {sent['sent']} 条：退回函邮件和短信发给区人社局王建国，部门须在10个工作日内拟定新人员"
                  "（投诉人不会收到任何人事处理信息）")
