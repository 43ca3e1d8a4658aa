"""`make demo`: attendance end to end through its flows — the sample month's export imported
(examples/attendance-2026-10.csv), the exceptions computed and listed, a re-import changing nothing, one
exception explained with proof, registered by the window head and accepted, one not accepted and
deducted as 未正常考勤 (考勤办法 二(一)2–3, 6; 二(三)1)."""
from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "attendance-2026-10.csv"


def _open_item(case_ref: str, step: str) -> tuple[int, str | None]:
    from sqlmodel import select

    from models.core.cases import WorkItem, WorkItemStatus
    from models.core.db import session_scope

    with session_scope() as session:
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == case_ref, WorkItem.step == step,
                                                   WorkItem.status == WorkItemStatus.open)).one()
        return item.id, item.assignee_staff_id


def _head_of(window_id: str) -> str:
    from models.core.db import session_scope
    from models.core.org import Window

    with session_scope() as session:
        return session.get(Window, window_id).head_id


def _through(console: Console, ref: str, row, moment: datetime, accept: bool) -> str:
    from flows.attendance import explain_attendance
    from flows.core.decide import decide
    from models.attendance.machine import ATTENDANCE

    proof = Path(__file__).with_name("attendance_proof.txt")
    explain_attendance(case_ref=ref, explanation="当天早高峰道路临时管制，已附交警通告" if accept else "忘记打卡",
                       files=[str(proof)] if accept else [], actor=row.staff_id, now=moment)
    head = _head_of(row.window_id)
    decide(item_id=_open_item(ref, "register")[0], actor=head, at=moment + timedelta(hours=1),
           decision={"reason": "other", "comment": "已核实" if accept else "本人未提供证明"})
    status = decide(item_id=_open_item(ref, "review")[0], actor="G001", at=moment + timedelta(hours=2),
                    decision={"approve": True, "comment": "认可"} if accept else
                    {"approve": False, "comment": "未提供相关证明（考勤办法 二(一)3）"})
    return ATTENDANCE.status_label(status)


def _excuses(console: Console) -> None:
    """What the center registered in October before the records came in: a half-day leave, a training,
    a Saturday's compensating day off (考勤办法 二(一)5, 6; 二(二)2(1))."""
    from flows.leave import apply_for_leave, record_saturday_cover
    from flows.training import arrange_training
    from models.leave.inputs import LeaveApplication, SaturdayCoverEntry
    from models.training.inputs import TrainingInput

    proof = str(Path(__file__).with_name("attendance_proof.txt"))
    leave = apply_for_leave(application=LeaveApplication(
        staff_id="S0106", kind="personal", start_day=date(2026, 10, 16), start_half="am", end_day=date(2026, 10, 16),
        end_half="am", reason="办理房产过户", proofs=[proof], substitute_id="S0108", actor="S0106"), now=datetime(2026, 10, 14, 10))
    training = arrange_training(request=TrainingInput(
        topic="社保经办业务培训", category="skills", starts_at=datetime(2026, 10, 20, 14), ends_at=datetime(2026, 10, 20, 17),
        place="区人社局", staff=["S0107"]), actor="G001", now=datetime(2026, 10, 15, 10))
    record_saturday_cover(entry=SaturdayCoverEntry(window_id="W03", staff_id="S0302", saturday=date(2026, 10, 17),
                                                   day_off=date(2026, 10, 21), actor="S0301"))
    console.print(f"  10月已登记：杨磊10月16日上午请假 {leave['case_ref']}；赵敏10月20日下午参加培训 "
                  f"{training['case_ref']}；胡军10月17日（星期六）上班、10月21日调休")


def _month_export() -> Path:
    """The attendance system's export for the whole center: the sample month (examples/), and the punches
    of 郑晓 (S0204), who arrived at W02 by the rotation scenario (the sample names the sample organisation's
    people only) — one file, as the system exports every person on post."""
    import csv

    from models.core.db import session_scope
    from models.core.org import Staff

    with session_scope() as session:
        if session.get(Staff, "S0204") is None:
            return SAMPLE
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    with SAMPLE.open(encoding="utf-8") as f:
        days = sorted({row["日期"] for row in csv.DictReader(f)} - {"2026-10-17"})
    lines += [f"S0204,{day},{moment}" for day in days for moment in ("08:16:00", "17:08:00")]
    target = Path(os.environ.get("CENTER_DATA_DIR", "var")) / "attendance-2026-10.csv"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def demo(console: Console, moment: datetime) -> None:
    from sqlmodel import select

    from flows.attendance import import_clock_records_flow
    from models.attendance.rules import KIND_LABELS
    from models.attendance.store import exception_query
    from models.core.db import session_scope
    from models.core.ledger import LedgerEntry

    _excuses(console)
    export = _month_export()
    result = import_clock_records_flow(path=str(export), actor="G001", now=moment)
    console.print(f"  窗口管理科导入考勤系统导出的 {export.name}：打卡记录 {result['added']} 条，{result['start']} 至 {result['end']}"
                  f"（10月10日为调休上班的星期六），考勤异常 {len(result['opened'])} 项，已短信、邮件通知本人说明")
    again = import_clock_records_flow(path=str(export), actor="G001", now=moment)
    console.print(f"  重复导入：新增 {again['added']} 条、已有 {again['existing']} 条，新增异常 {len(again['opened'])} 项")
    with session_scope() as session:
        rows = session.exec(exception_query(start=datetime(2026, 10, 1).date(), end=datetime(2026, 11, 1).date())).all()
        table = Table("编号", "日期", "人员", "异常", "打卡", title="2026年10月考勤异常")
        for row, case, name in rows:
            table.add_row(case.ref, f"{row.day:%m-%d}", Text(f"{name}（{row.staff_id}）"), KIND_LABELS[row.kind],
                          f"{row.punch_at:%H:%M:%S}" if row.punch_at else "无")
        session.expunge_all()
    console.print(table)
    late = next(((r, c) for r, c, _ in rows if r.kind == "late"), None)
    missing = next(((r, c) for r, c, _ in rows if r.kind in ("no_out", "no_in") and (late is None or r.staff_id != late[0].staff_id)), None)
    if late:
        label = _through(console, late[1].ref, late[0], moment, accept=True)
        console.print(f"  {late[1].ref} {late[0].day:%m-%d}迟到：本人说明并上传证明 → 窗口负责人登记 → 窗口管理科认可：{label}")
    if missing:
        label = _through(console, missing[1].ref, missing[0], moment, accept=False)
        with session_scope() as session:
            entry = session.exec(select(LedgerEntry).where(LedgerEntry.case_ref == missing[1].ref)).one()
            console.print(f"  {missing[1].ref} {missing[0].day:%m-%d}{KIND_LABELS[missing[0].kind]}：未提供证明，"
                          f"窗口管理科不予认可：{label}；扣 {entry.points:g} 分记入扣分台账（考勤办法 二(三)1）")
    console.print("  其余异常待本人说明；逾期未说明的，期限检查按未正常考勤扣分（考勤办法 二(三)1）")
