"""The leave procedure's part of `make demo`: a three-day sick leave through both signatures, the
B post told on approval and again the working day before, then registered in attendance."""
from __future__ import annotations

from datetime import date, datetime, time

from rich.console import Console


def _outbox(case_ref: str, template: str) -> list[str]:
    from sqlmodel import select

    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage, OutboxStatus

    with session_scope() as session:
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.case_ref == case_ref,
                                                        OutboxMessage.template == template,
                                                        OutboxMessage.status == OutboxStatus.sent)).all()
    return sorted({f"{m.recipient_label}（{'短信' if m.channel == 'sms' else '邮件'}）" for m in rows})


def _decide(case_ref: str, step: str, actor: str, at: datetime, **decision) -> str:
    """The person decides the open work item of `step` through the generic decide flow."""
    from sqlmodel import select

    from flows.core.decide import decide
    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope
    from models.leave.machine import LEAVE

    with session_scope() as session:
        item_id = session.exec(select(WorkItem.id).where(WorkItem.case_ref == case_ref, WorkItem.step == step,
                                                         WorkItem.status == WorkItemStatus.open)).one()
    return LEAVE.status_label(decide(item_id=item_id, actor=actor, decision=decision, at=at))


def demo(console: Console, as_of: datetime | date) -> None:
    from flows.leave import apply_for_leave
    from flows.core.sweeps import deadline_sweep
    from models.core.calendar import load_calendar
    from models.core.db import session_scope
    from models.leave.tables import LeaveRequest
    from models.leave.inputs import LeaveApplication
    from models.core.settings import get_settings
    from tasks.core.delivery import deliver_due

    now = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time(9, 0))
    with session_scope() as session:
        calendar = load_calendar(session=session)
    start = calendar.add_working_days(now.date(), 2)
    end = calendar.add_working_days(start, 2)
    proof = get_settings().data_dir / "demo-inputs" / "医院诊断证明（复印件）.pdf"
    proof.parent.mkdir(parents=True, exist_ok=True)
    proof.write_bytes("青浦区中心医院 诊断证明：急性支气管炎，建议休息三天。".encode("utf-8"))

    console.print(f"[bold]请假[/]：社保综合窗口李娜（S0103）{now.month}月{now.day}日申请病假 {start}至{end}，附医院证明")
    result = apply_for_leave(application=LeaveApplication(
        staff_id="S0103", kind="sick", start_day=start, end_day=end, reason="急性支气管炎，遵医嘱休息",
        hospital_proofs=[str(proof)], actor="S0103"), now=now)
    ref = result["case_ref"]
    with session_scope() as session:
        days = session.get(LeaveRequest, ref).days
    console.print(f"  {ref}：共{days:g}个工作日（放假日不计），已生成《请假报告单》，B岗刘洋（S0104）替岗，"
                  "送窗口负责人张伟审核签字")
    console.print(f"  张伟审核签字同意 → {_decide(ref, 'head_review', 'S0101', now, approve=True, comment='同意')}")
    console.print(f"  窗口管理科孙丽华审核同意 → {_decide(ref, 'management_review', 'G001', now, approve=True)}")
    deliver_due()
    console.print(f"  替岗通知已送达：{'、'.join(_outbox(ref, 'leave_substitute'))}")
    eve = datetime.combine(calendar.add_working_days(start, -1), time(8, 30))
    deadline_sweep(as_of=eve)
    deliver_due()
    console.print(f"  {eve.month}月{eve.day}日（请假前一个工作日）期限检查：提醒B岗交接 → {'、'.join(_outbox(ref, 'leave_handover'))}")
    console.print(f"  张伟在考勤管理系统登记 → {_decide(ref, 'register', 'S0101', now, comment='已登记')}")
