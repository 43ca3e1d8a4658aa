"""`make demo`: the oversight registers end to end through their flows on the sample organisation —
patrols and the sweep's flag, the month's summary, a training roll call, an IT request and a
violation, and the annual assessment with the window-head rule."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from rich.console import Console


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _item(case_ref: str) -> int:
    from sqlmodel import select

    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope

    with session_scope() as session:
        return session.exec(select(WorkItem.id).where(WorkItem.case_ref == case_ref,
                                                      WorkItem.status == WorkItemStatus.open)).one()


def _patrols(console: Console, before: date, last: date, next_day: date, month_end: datetime) -> None:
    from flows.patrol import PatrolMonth, monthly_patrol_summary, record_patrol_flow
    from flows.core.sweeps import deadline_sweep
    from models.patrol.inputs import PatrolInput

    dress = {"window_id": "W01", "staff_id": "S0103", "item": "dress", "description": "未佩戴胸牌", "deduct": True}
    smoking = {"window_id": "W02", "staff_id": "S0203", "item": "smoking", "description": "在消防楼梯间吸烟"}
    for at, kind, windows, findings in ((_at(before, 9, 40), "walkthrough", ["W01", "W02", "W03", "W04"], [dress]),
                                        (_at(before, 15, 10), "camera", ["W01", "W02"], []),
                                        (_at(last, 10, 5), "walkthrough", ["W01", "W02", "W03", "W04"], [smoking])):
        ref = record_patrol_flow(patrol=PatrolInput(at=at, kind=kind, windows=windows, findings=findings),
                                 actor="G001", now=at + timedelta(minutes=30))["case_ref"]
        console.print(f"  {at:%m-%d %H:%M} 巡查 {ref}：" + ("；".join(f["description"] for f in findings) or "未发现问题"))
    console.print("  李娜未佩戴胸牌扣 0.5 分（窗口同扣 0.5 分）；马超吸烟扣 2 分并取消当年服务明星评优资格")
    report = deadline_sweep(as_of=_at(next_day, 8, 30))
    console.print(f"  {next_day} 08:30 期限检查：{last} 仅巡查 1 次，少于每天两次，已提醒窗口管理科"
                  f"（{report['by_procedure'].get('patrol:overdue', 0)} 项）")
    [month] = monthly_patrol_summary(period=PatrolMonth(month=f"{last:%Y-%m}"), actor="G001", as_of=month_end)
    console.print(f"  {month_end:%m-%d %H:%M} 月度巡查情况 {month['month']}：巡查 {month['patrols']} 次，问题 "
                  f"{month['findings']} 项，已反馈 {len(month['notified'])} 个窗口的负责人；Prefect 报告已发布")


def _training(console: Console, before: date, last: date) -> None:
    from flows.core.decide import decide
    from flows.training import arrange_training
    from models.training.inputs import TrainingInput
    from tasks.training import excuse_attendee

    ref = arrange_training(request=TrainingInput(
        topic="好差评制度解读", category="regulations", starts_at=_at(last, 14), ends_at=_at(last, 16),
        place="三楼会议室", windows=["W02"], staff=["S0401"]), actor="G001", now=_at(before, 9))["case_ref"]
    console.print(f"  {ref} 法规制度学习培训（{last} 14:00）：企业登记窗口全体及林静，已通知")
    excuse_attendee(case_ref=ref, staff_id="S0202", reason="参加局业务会议", requested_at=_at(last, 9), actor="G001")
    decide(item_id=_item(ref), actor="G001", decision={"present": "S0201"}, at=_at(last, 16, 10))
    console.print("  点名：徐明出席，孙悦事先请假；马超、林静无故缺席，各扣 1 分并通知本人和窗口负责人")


def _it(console: Console, before: date, last: date) -> None:
    from flows.core.decide import decide
    from flows.it_access import record_it_violation, submit_it_request
    from models.it_access.inputs import ItRequestInput, ItViolationInput

    ref = submit_it_request(request=ItRequestInput(window_id="W01", kind="connect", device="社保自助终端 ZZ-03",
                                                   purpose="自助打印参保证明"), actor="S0101", now=_at(before, 10))["case_ref"]
    decide(item_id=_item(ref), actor="I001", at=_at(before, 15), decision={
        "approve": True, "ip_address": "10.20.1.15", "gateway": "10.20.1.1", "netmask": "255.255.255.0"})
    console.print(f"  {ref} 社保综合窗口申请接入电子政务网络：信息技术科批准，登记备案 10.20.1.15/24 网关 10.20.1.1")
    ref = record_it_violation(violation=ItViolationInput(
        window_id="W01", staff_id="S0103", kind="unauthorised_software", serious=True, observed_on=last,
        description="办公电脑安装来历不明的软件"), actor="I001", now=_at(last, 11))["case_ref"]
    decide(item_id=_item(ref), actor="G001", decision={"approve": True}, at=_at(last, 15))
    console.print(f"  {ref} 信息技术科登记李娜安装未经授权软件（情节严重），窗口管理科确认扣 1 分")


def _assessment(console: Console, year: int, data: Path) -> None:
    from sqlmodel import select

    from flows.annual_assessment import AssessmentYear, annual_assessment
    from flows.rotation import import_head_rankings
    from models.rotation.tables import HeadRanking
    from models.rotation.inputs import RankingImportInput
    from models.core.db import session_scope

    with session_scope() as session:
        imported = session.exec(select(HeadRanking).where(HeadRanking.year == year - 1)).first()
    if imported is None:
        path = data / f"rankings-{year - 1}.yaml"
        path.write_text("rankings:\n" + "".join(f"  - {{year: {year - 1}, window: {w}, rank: {r}}}\n" for w, r in
                                                (("W02", 1), ("W03", 2), ("W01", 3), ("W04", 4))), encoding="utf-8")
        import_head_rankings(file=RankingImportInput(path=str(path)), actor="G001", now=datetime(year, 1, 10, 9))
        console.print(f"  导入 {year - 1} 年窗口负责人排名（此前年度无扣分台账）")
    closed = datetime(year + 1, 1, 5, 9)
    report = annual_assessment(request=AssessmentYear(year=year), actor="G001", as_of=closed)
    console.print(f"  {year} 年度考核（{closed:%Y-%m-%d}，年度结束后）：按扣分台账 {report['entries']} 条排名")
    for lost in report["lost"]:
        console.print(f"    取消{lost['award']}资格：{lost['name']}，{lost['reason']}（{lost['case_ref'] or '—'}）")
    for h in report["heads"]:
        console.print(f"    负责人第 {h['rank']}/{h['total']} 名：{h['window']} {h['head']}（扣 {h['points']:g} 分）")
    for ref in report["replacements"]:
        console.print(f"    连续两年最后三名：{ref}，已通知派驻部门重新指派")
    console.print(f"  报告：{report['path']}；Prefect 报告「{year} 年度考核」已发布")


def demo(console: Console, as_of: datetime) -> None:
    """The oversight registers on the sample organisation, on the two working days before `as_of`."""
    from models.core.calendar import load_calendar
    from models.core.db import session_scope
    from models.patrol.rules import last_working_day
    from models.core.settings import get_settings
    from tasks.core.delivery import deliver_due

    as_of = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time(17, 30))
    with session_scope() as session:
        calendar = load_calendar(session=session)
    last = calendar.add_working_days(as_of.date(), -1)
    before = calendar.add_working_days(last, -1)
    month_end = datetime.combine(last_working_day(f"{last:%Y-%m}", calendar), time(17, 30))
    console.print("[bold]窗口巡查[/]（窗口管理科每天两次不定时巡查，月末汇总反馈）")
    _patrols(console, before, last, calendar.add_working_days(last, 1), month_end)
    console.print("[bold]学习培训点名[/]（无故不参加的扣分）")
    _training(console, before, last)
    console.print("[bold]IT设备接入与权限[/]（信息技术科审批并登记备案；违规扣分）")
    _it(console, before, last)
    console.print("[bold]年度考核[/]（扣分台账为唯一依据）")
    _assessment(console, last.year, get_settings().data_dir)
    counts = deliver_due()
    console.print(f"  通知：发送 {counts['sent']} 条")
