"""Attendance in the store: the export read (CSV or Excel, either shape) and checked whole, the punches
written once, the people on post on a day with their excuses, the day's findings, an exception's facts
and its view (考勤办法 二(一)2–3, 6)."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlmodel import Session, select

from models import procedures
from models.attendance.machine import (CLEARED, EXPLAIN, REGISTER, REVIEW, STEP_EXPLAIN, STEP_REGISTER, STEP_REVIEW,
                                       Facts)
from models.attendance.rules import (KIND_LABELS, Excuses, Finding, Hours, Punch, day_findings, file_shape,
                                     read_rows)
from models.attendance.tables import AttendanceException, ClockRecord
from models.core.cases import Case
from models.core.errors import InvalidInput, NotFound, raise_all
from models.core.org import Role, Staff, StaffStatus
from models.core.settings import get_settings
from models.core.workitems import decided_item, open_item

FILE_FIELD = "考勤文件"
SUFFIXES = (".csv", ".xlsx")
ON_POST_ROLES = (Role.head, Role.staff)  # 考勤办法: 窗口工作人员 (interns are not on the roster)
ON_POST_STATUSES = (StaffStatus.active, StaffStatus.seconded)


# ---------------------------------------------------------------- the export

def file_rows(path: Path) -> list[dict]:
    """The export's rows as {column: cell}: a CSV (UTF-8, with or without BOM, or GBK as Excel saves it)
    or an Excel workbook's first sheet. The header must name one of the two shapes."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InvalidInput(field=FILE_FIELD, message="请上传 CSV 或 Excel 文件（.csv、.xlsx）")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        except Exception:  # not a workbook: named, not a stack trace
            raise InvalidInput(field=FILE_FIELD, message=f"{path.name} 不是有效的 Excel 文件") from None
        lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gbk"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise InvalidInput(field=FILE_FIELD, message=f"{path.name} 不是 UTF-8 或 GBK 编码的 CSV 文件")
        lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise InvalidInput(field=FILE_FIELD, message="文件为空")
    header = [str(h).strip() if h is not None else "" for h in lines[0]]
    if file_shape(header) is None:
        raise InvalidInput(field=FILE_FIELD, message="表头应为「工号,日期,时间」或「工号,日期,签到,签退」"
                                       f"（实为「{','.join(header)}」）")
    return [dict(zip(header, line)) for line in lines[1:]]


def known_staff(session: Session) -> set[str]:
    return set(session.exec(select(Staff.id)).all())


def checked_punches(*, session: Session, rows: list[dict]) -> list[Punch]:
    """The punches of the rows, or every bad row named at once (nothing is written)."""
    punches, problems = read_rows(rows, known_staff=known_staff(session))
    raise_all(problems)
    return punches


def record_punches(*, session: Session, punches: list[Punch], source: str, actor: str,
                   at: datetime) -> tuple[int, int]:
    """Write the punches not recorded yet (a re-import of an overlapping file changes nothing).
    Returns (added, already recorded)."""
    wanted = {(p.staff_id, p.at) for p in punches}
    if not wanted:
        return 0, 0
    low, high = min(a for _, a in wanted), max(a for _, a in wanted)
    existing = set(session.exec(select(ClockRecord.staff_id, ClockRecord.at).where(
        ClockRecord.staff_id.in_({s for s, _ in wanted}), ClockRecord.at >= low, ClockRecord.at <= high)).all())
    new = sorted(wanted - existing)
    session.add_all([ClockRecord(staff_id=s, at=a, source=source[:200], imported_by=actor, imported_at=at)
                     for s, a in new])
    session.flush()
    return len(new), len(wanted) - len(new)


def punches_of(*, session: Session, staff_ids: set[str], day: date) -> dict[str, list[datetime]]:
    start = datetime.combine(day, time())
    rows = session.exec(select(ClockRecord.staff_id, ClockRecord.at).where(
        ClockRecord.staff_id.in_(staff_ids), ClockRecord.at >= start, ClockRecord.at < start + timedelta(days=1))
        .order_by(ClockRecord.at)).all()
    found: dict[str, list[datetime]] = {}
    for staff_id, at in rows:
        found.setdefault(staff_id, []).append(at)
    return found


# ---------------------------------------------------------------- who is due, and why not

def on_post(*, session: Session, day: date) -> list[Staff]:
    """The window staff on post on `day` (the roster: heads and staff, active or seconded, posted by then)."""
    people = session.exec(select(Staff).where(Staff.role.in_(ON_POST_ROLES), Staff.status.in_(ON_POST_STATUSES))
                          .order_by(Staff.id)).all()
    return [s for s in people if s.posted_since is None or s.posted_since <= day]


def excuses_of(*, session: Session, staff_ids: set[str], day: date, hours: Hours) -> dict[str, Excuses]:
    """Why each person is not due for half a day, from every procedure that takes people away: an approved
    leave (half days), a training or meeting, a secondment (away at the clock-in time, or at the last second
    before the clock-out) and a 调休 day off (二(一)5: 视作正常出勤); and the lunch roster (二(一)4)."""
    morning = procedures.away_at_moment(session=session, staff_ids=staff_ids, at=datetime.combine(day, hours.clock_in))
    afternoon = procedures.away_at_moment(session=session, staff_ids=staff_ids,
                                          at=datetime.combine(day, hours.clock_out) - timedelta(seconds=1))
    days_off = {a.staff_id: a.label for a in procedures.absences(session=session, staff_ids=staff_ids, start=day, end=day)
                if not a.is_leave and a.staff_id in staff_ids and a.span.start <= day <= a.span.end}
    lunch = procedures.lunch_service(session=session, staff_ids=staff_ids, day=day)
    return {s: Excuses(morning=morning[s][0] if s in morning else days_off.get(s),
                       afternoon=afternoon[s][0] if s in afternoon else days_off.get(s),
                       lunch_server=s in lunch) for s in staff_ids}


def checks_of(day: date, hours: Hours, excuses: Excuses) -> list[list[str]]:
    """The excuse checks as the decider reads them."""
    return [["日期", f"{day:%Y-%m-%d}（{'夏令时' if hours.is_summer(day) else '非夏令时'}）"],
            ["上午", excuses.morning or "应在岗（无请假、培训、会议、调休、借调）"],
            ["下午", excuses.afternoon or "应在岗（无请假、培训、会议、调休、借调）"],
            ["延时服务（安排表）", "是：可提前下班" if excuses.lunch_server else "否"]]


def day_exceptions(*, session: Session, day: date, hours: Hours) -> list[tuple[Staff, Finding, list]]:
    """Every finding of `day` for the people on post (the caller checks it is a working day), with
    the checks made: (person, finding, checks)."""
    people = on_post(session=session, day=day)
    ids = {s.id for s in people}
    punches = punches_of(session=session, staff_ids=ids, day=day)
    excuses = excuses_of(session=session, staff_ids=ids, day=day, hours=hours)
    return [(staff, finding, checks_of(day, hours, excuses[staff.id]))
            for staff in people for finding in day_findings(day, punches.get(staff.id, []), hours, excuses[staff.id])]


# ---------------------------------------------------------------- an exception no longer found

PUNCH_SUPPLIED = "补录打卡记录，异常已消除"
EXCUSED_SINCE = "重新计算（请假、培训、会议等已登记），异常已消除"


def cleared_reason(*, session: Session, case: Case, row: AttendanceException) -> str:
    """Why the day, computed again with today's punches and excuses and the current hours (as a recompute
    does), no longer shows the exception — a punch imported after the case opened, or else an excuse
    recorded since; "" while the exception stands."""
    hours = Hours.of(get_settings().policy)
    punches = punches_of(session=session, staff_ids={row.staff_id}, day=row.day).get(row.staff_id, [])
    excuses = excuses_of(session=session, staff_ids={row.staff_id}, day=row.day, hours=hours)[row.staff_id]
    if any(f.kind == row.kind for f in day_findings(row.day, punches, hours, excuses)):
        return ""
    start = datetime.combine(row.day, time())
    later = session.exec(select(ClockRecord.id).where(
        ClockRecord.staff_id == row.staff_id, ClockRecord.at >= start, ClockRecord.at < start + timedelta(days=1),
        ClockRecord.imported_at > case.opened_at).limit(1)).first()
    return PUNCH_SUPPLIED if later is not None else EXCUSED_SINCE


def cleared_refs(*, session: Session, start: date, end: date) -> list[str]:
    """The exceptions of days in [start, end] still waiting for the person's explanation that a recompute
    no longer finds: their cases, advanced, are closed as 已消除."""
    rows = session.exec(select(Case, AttendanceException)
                        .join(AttendanceException, AttendanceException.case_ref == Case.ref)
                        .where(Case.status == EXPLAIN, AttendanceException.day >= start, AttendanceException.day <= end)
                        .order_by(Case.ref)).all()
    return [case.ref for case, row in rows
            if decided_item(session=session, case_ref=case.ref, step=STEP_EXPLAIN) is None
            and cleared_reason(session=session, case=case, row=row)]


# ---------------------------------------------------------------- one exception

def get_exception(*, session: Session, ref: str) -> tuple[Case, AttendanceException]:
    row = session.get(AttendanceException, ref)
    if row is None:
        raise NotFound(field="考勤异常编号", value=ref)
    return session.get(Case, ref), row


def facts_of(*, session: Session, case: Case, now: datetime) -> Facts:
    facts = Facts(case.status)
    if case.status == EXPLAIN:
        explained = decided_item(session=session, case_ref=case.ref, step=STEP_EXPLAIN) is not None
        item = open_item(session=session, case_ref=case.ref, step=STEP_EXPLAIN)
        overdue = item is not None and item.due_at is not None and now > item.due_at
        cleared = "" if explained else cleared_reason(session=session, case=case,
                                                      row=session.get(AttendanceException, case.ref))
        return Facts(case.status, explained=explained, overdue=overdue and not explained, cleared=cleared)
    if case.status == REGISTER:
        return Facts(case.status, registered=decided_item(session=session, case_ref=case.ref,
                                                          step=STEP_REGISTER) is not None)
    if case.status == REVIEW:
        item = decided_item(session=session, case_ref=case.ref, step=STEP_REVIEW)
        if item is not None:
            return Facts(case.status, accepted=item.decision["approve"], decided_by=item.decided_by or "",
                         decided_at=item.decided_at, comment=item.decision.get("comment", ""))
    return facts


def exception_view(*, session: Session, case: Case) -> list[tuple[str, str]]:
    """The exception as the decider reads it: the day's punches, what was computed, the checks made,
    and the explanation and registration so far (the case page and `center attendance show`)."""
    row = session.get(AttendanceException, case.ref)
    if row is None:
        return []
    staff = session.get(Staff, row.staff_id)
    punches = punches_of(session=session, staff_ids={row.staff_id}, day=row.day).get(row.staff_id, [])
    view = [("工作人员", f"{staff.name if staff else ''}（{row.staff_id}）"),
            ("考勤异常", f"{row.day:%Y-%m-%d} {KIND_LABELS[row.kind]}"),
            ("应" + ("签到" if row.kind in ("late", "no_in") else "签退"), f"{row.due_at:%H:%M:%S}"),
            ("当日打卡记录", "、".join(f"{p:%H:%M:%S}" for p in punches) or "无"),
            *((f"核对：{label}", value) for label, value in row.checks)]
    explained = decided_item(session=session, case_ref=case.ref, step=STEP_EXPLAIN)
    if explained is not None:
        view.append(("情况说明", explained.decision.get("explanation", "")))
    registered = decided_item(session=session, case_ref=case.ref, step=STEP_REGISTER)
    if registered is not None:
        from models.attendance.inputs import REASON_LABELS, Reason

        view.append(("窗口负责人登记", f"{REASON_LABELS[Reason(registered.decision['reason'])]} "
                                     f"{registered.decision.get('comment', '')}".strip()))
    return view


def month_bounds(month: str) -> tuple[date, date]:
    """'2026-11' → (first day, first day of the next month)."""
    try:
        first = date.fromisoformat(f"{month.strip()}-01")
    except ValueError:
        raise InvalidInput(field="month", message=f"「{month}」不是有效月份，应为 YYYY-MM", label="月份") from None
    return first, (first + timedelta(days=32)).replace(day=1)


def exception_query(*, start: date, end: date, window_id: str | None = None, staff_id: str | None = None):
    """The exceptions of days in [start, end) as (exception, case, name), by day and person: a statement to
    page (models.core.paging.page_of) or read whole."""
    query = (select(AttendanceException, Case, Staff.name).join(Case, Case.ref == AttendanceException.case_ref)
             .join(Staff, Staff.id == AttendanceException.staff_id, isouter=True)
             .where(AttendanceException.day >= start, AttendanceException.day < end))
    if window_id:
        query = query.where(AttendanceException.window_id == window_id)
    if staff_id:
        query = query.where(AttendanceException.staff_id == staff_id)
    return query.order_by(AttendanceException.day, AttendanceException.staff_id, AttendanceException.kind)


def month_figures(*, session: Session, start: date, end: date, by: str,
                  windows: set[str] | None = None) -> dict[str, tuple[int, int, int, int]]:
    """考勤办法 二(三)1–2 per person (`by="staff"`) or window (`by="window"`) over days in [start, end):
    key → (exceptions, accepted after review, 未正常考勤 deducted, still open) — one SQL aggregate. An exception
    cleared (已消除) is none."""
    from sqlalchemy import case as when, func

    from models.attendance.machine import ACCEPTED, IRREGULAR

    column = AttendanceException.staff_id if by == "staff" else AttendanceException.window_id
    query = (select(column, func.count(),
                    func.sum(when((Case.status == ACCEPTED, 1), else_=0)),
                    func.sum(when((Case.status == IRREGULAR, 1), else_=0)))
             .join(Case, Case.ref == AttendanceException.case_ref)
             .where(AttendanceException.day >= start, AttendanceException.day < end, Case.status != CLEARED)
             .group_by(column).order_by(column))
    if windows is not None:
        query = query.where(AttendanceException.window_id.in_(windows))
    return {key or "—": (total, int(accepted or 0), int(irregular or 0), total - int(accepted or 0) - int(irregular or 0))
            for key, total, accepted, irregular in session.exec(query).all()}
