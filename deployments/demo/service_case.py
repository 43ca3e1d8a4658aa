"""`make demo`, service cases at the window (首问负责, 一次性告知, 限时办结): run after the matter demo
(QP-RSJ-001 失业登记 in service at 社保综合窗口). A citizen comes with two materials missing and gets one
written notice listing both; back the next day with them, the case is accepted with its due date, then
extended with their consent (told by SMS); a question at the 企业登记窗口 about the same matter is
referred to the right window.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from rich.console import Console

CODE = "QP-RSJ-001"
ID, FORM, PROOF = "居民身份证", "失业登记申请表", "解除或终止劳动合同证明"


def demo(console: Console, as_of: datetime) -> None:
    from flows.service_case import check_materials_flow, extend_service_case_flow, open_service_case_flow
    from models.core.db import session_scope
    from models.core.errors import CenterError
    from models.matter.guides import current_guide
    from models.service_case.inputs import ServiceExtension, ServiceIntake
    from models.service_case.store import get_service_case
    from tasks.core.delivery import deliver_due

    console.print("[bold]窗口办件（首问负责、一次性告知、限时办结）[/]")
    try:
        with session_scope() as session:
            current_guide(session=session, code=CODE)
    except CenterError:
        console.print(f"  （事项 {CODE} 未在办，跳过）")
        return
    intake = ServiceIntake(applicant="李明", phone="13912340099", matter_code=CODE)
    ref = open_service_case_flow(intake=intake, actor="S0102", now=as_of)
    console.print(f"  {ref}：李明到社保综合窗口办理失业登记，首问责任人王芳（S0102）")
    check_materials_flow(case_ref=ref, have=[ID], missing=[FORM, PROOF], actor="S0102", now=as_of, sent=True)
    console.print(f"  缺少{FORM}、{PROOF} → 一份一次性告知书列明全部两项（规格、份数、原件/复印件），存档并短信告知")
    back = as_of + timedelta(days=1)
    check_materials_flow(case_ref=ref, have=[FORM, PROOF], missing=[], actor="S0103", now=back)
    with session_scope() as session:
        case, _ = get_service_case(session=session, ref=ref)
    console.print(f"  次日补正，只核验告知书所列两项 → 受理（承诺件），办结期限 {case.due_at:%Y-%m-%d %H:%M}")
    request = ServiceExtension(case_ref=ref, days=2, reason="需向原单位核实劳动合同解除情况", consent=True)
    due = extend_service_case_flow(request=request, actor="S0102", now=back)
    console.print(f"  需向原单位核实 → 经李明同意延期 2 个工作日至 {due:%Y-%m-%d %H:%M}，理由和新期限短信告知申请人")
    other = open_service_case_flow(intake=intake.model_copy(update={"applicant": "某某公司"}), actor="S0202", now=as_of)
    with session_scope() as session:
        _, record = get_service_case(session=session, ref=other)
    console.print(f"  {other}：企业登记窗口孙悦被问及失业登记 → 转办{record.referred_department}{record.referred_window}，"
                  f"联系电话 {record.referred_contact}")
    sent = deliver_due()
    console.print(f"  通知发送 {sent['sent']} 条；到期前一个工作日提醒首问责任人，逾期报窗口负责人和窗口管理科")
