"""`make demo`, the web desk: demo passwords for a window head and the management section, the
command that starts the desk on the demo's case store (the cases the demo has just run), and, at
the very end, the pages to open."""
from __future__ import annotations

from rich.console import Console

DEMO_PASSWORD = "demo-desk-2026"  # only in the demo's own case store under var/demo
DEMO_LOGINS = {"S0101": "张伟，社保综合窗口负责人", "G001": "孙丽华，窗口管理科"}


def describe(console: Console) -> None:
    from models.core.db import session_scope
    from models.core.settings import get_settings
    from models.core.users import set_password

    with session_scope() as session:
        for staff_id in DEMO_LOGINS:
            set_password(session=session, staff_id=staff_id, password=DEMO_PASSWORD, actor="G001")
    data = get_settings().data_dir
    console.print("窗口工作台（网页）：在另一个终端运行")
    console.print(f"  CENTER_DATA_DIR={data} .venv/bin/center web", markup=False)
    console.print("  然后用浏览器打开 http://127.0.0.1:8000/（办公网内访问加 --host 0.0.0.0）")
    for staff_id, who in DEMO_LOGINS.items():
        console.print(f"  登录：工号 {staff_id}（{who}），演示密码 {DEMO_PASSWORD}")


def print_pages(console: Console) -> None:
    """The last thing `make demo` prints: which pages of the desk to open, and what each shows."""
    console.print("窗口工作台可以打开的页面（先运行上面的 center web，再用演示账号登录）：")
    for path, what in pages_to_open():
        console.print(f"  · {what}", markup=False)
        console.print(f"    http://127.0.0.1:8000{path}", markup=False, soft_wrap=True)


def pages_to_open() -> list[tuple[str, str]]:
    """The desk's pages worth opening after the demo, at the months the demo's cases fall in."""
    from sqlmodel import func, select

    from models.core.cases import Case
    from models.core.clock import local_now
    from models.complaint.tables import Complaint
    from models.core.db import session_scope
    from models.service_case.machine import SERVICE_CASE

    with session_scope() as session:
        complained = session.exec(select(func.max(Complaint.received_at))).one() or local_now()
        served = session.exec(select(func.max(Case.opened_at)).where(Case.kind == SERVICE_CASE.kind)).one() \
            or local_now()
        complaint = session.exec(select(Case.ref).join(Complaint, Complaint.case_ref == Case.ref)
                                 .order_by(Case.ref)).first()
    pages = [("/", "我的待办（S0101）：待签字、待核实的事项，逾期的在前"),
             ("/overview", "管理总览（G001）：各程序在办和逾期，发送失败的通知"),
             (f"/stats/complaints?year={complained.year}", "投诉（好差评）统计：图表和表格，可下载 CSV"),
             (f"/stats/service?month={served:%Y-%m}", "窗口办件统计：各窗口每月按时办结率"),
             (f"/stats/training?year={served.year}", "学习培训出勤：出席、请假、无故缺席"),
             ("/stats/overdue", "逾期待办：各程序待办和逾期项数"),
             ("/attendance?month=2026-10", "考勤异常：10月的迟到、未签到、早退、未签退及办理状态"),
             ("/stats/attendance?month=2026-10", "考勤统计：各窗口考勤异常、认可、未正常考勤（扣分）"),
             ("/calendar", "工作日历：放假和调休上班日")]
    if complaint:
        pages.append((f"/cases/{complaint}", "一件投诉的案件页：状态、历史、文书、通知"))
    return pages
