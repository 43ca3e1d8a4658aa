"""`make demo`, complaints: a phone complaint received the day before National Day, extended with
an explanation to the complainant, answered in time — end to end through the flows.

The scenario keeps its own dates (National Day 2026: the holiday and the make-up Saturday are
the point); `as_of` dates the statistics shown at the end.
"""
from __future__ import annotations

from datetime import datetime

from rich.console import Console

RECEIVED = datetime(2026, 9, 30, 10, 0)
INTAKE = {"channel": "phone", "received_at": RECEIVED, "window_id": "W01", "staff_id": "S0102", "category": 3,
          "content": "在社保综合窗口办理退休手续时，工作人员态度生硬，多次催促。", "complainant_name": "张建华",
          "complainant_contact": "13912340000"}
EXPLANATION = "需调取窗口监控录像并听取双方陈述，国庆假期后核实，将于10月20日前答复您。"
FINDINGS = {"verdict": "partly", "findings": "调取录像：工作人员语气较急，未有刁难行为。",
            "reply": "经核实，工作人员语气欠妥，已批评教育并整改。感谢您的监督。"}


def demo(console: Console, as_of: datetime) -> None:
    from flows.complaint import extend_complaint_flow, receive_complaint
    from flows.core.decide import decide
    from models.core.cases import WorkItem, WorkItemStatus
    from models.complaint.store import get_complaint, period_summary
    from models.complaint.inputs import ComplaintIntake, ExtensionRequest
    from models.core.db import session_scope
    from models.core.ledger import entries
    from models.complaint.stats import rate_text
    from models.rules.masking import mask_name, mask_phone
    from sqlmodel import select
    from tasks.core.delivery import deliver_due

    def state():
        with session_scope() as session:
            case, complaint = get_complaint(session=session, ref=ref)
            item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref, WorkItem.step == "investigate",
                                                       WorkItem.status == WorkItemStatus.open)).first()
        return case, complaint, item

    console.print("[bold]投诉处理（窗口投诉(差评)处置规定）[/]")
    ref = receive_complaint(intake=ComplaintIntake(**INTAKE), actor="G001", now=RECEIVED)["case_ref"]
    case, complaint, item = state()
    console.print(f"  9月30日10:00 窗口管理科登记电话投诉 {ref}：投诉人 {mask_name(complaint.complainant_name)}"
                  f"（{mask_phone(complaint.complainant_contact)}），被投诉 社保综合窗口 王芳")
    console.print(f"  3个工作日内办结：期限 {case.due_at:%Y-%m-%d %H:%M}（国庆放假不计，10月10日调休上班）")
    if complaint.extensions == 0 and item is not None:
        due = extend_complaint_flow(request=ExtensionRequest(case_ref=ref, reason=EXPLANATION), actor="S0101",
                                    now=datetime(2026, 10, 9, 9, 0))
        console.print(f"  10月9日 窗口负责人张伟说明情况复杂并延期：新期限 {due}（收到后第10个工作日），说明已发给投诉人")
    case, complaint, item = state()
    if item is not None:
        decide(item_id=item.id, actor="S0101", decision=FINDINGS, at=datetime(2026, 10, 16, 15, 0))
    case, complaint, _ = state()
    with session_scope() as session:
        points = "、".join(f"{e.subject_id} 扣{e.points:g}分" for e in entries(session=session, case_ref=ref))
        stats, _ = period_summary(session=session, month="2026-09", year=None, as_of=as_of)
    console.print(f"  10月16日15:00 窗口答复：经查部分属实，{'按期' if complaint.on_time else '超期'}办结；"
                  f"{points}，取消2026年度评优资格")
    sent = deliver_due()
    console.print(f"  通知发送 {sent['sent']} 条（投诉人收到延期说明和答复短信；发给工作人员的短信中投诉人信息已遮蔽）")
    console.print(f"  2026年9月投诉统计：共 {stats.total} 件，按期办结率 {rate_text(stats)}"
                  f"（center complaints stats --month 2026-09）")
