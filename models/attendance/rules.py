"""Attendance rules (考勤办法 二(一)): reading the attendance system's export, the day's hours, and the
exceptions of one person on one working day. Pure: the rows, the punches, the hours and the excuses
are passed in.

二(一)1: 上午8:30—12:00; 下午1:00—5:00 (夏令时 1:30—5:00); 11:30—12:00 延时服务.
二(一)2: 每天考勤两次，上午8:30前签到，下午5:00后签退.
二(一)3: 上午晚签到、未签到或下午早签退、未签退的工作人员均需提供相关证明.
二(一)4: 中午实行延时服务的窗口工作人员可按延时时间提前下班.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput


class Kind(StrEnum):
    """二(一)3: the four exceptions."""

    late = "late"  # 晚签到: first punch after the clock-in time
    no_in = "no_in"  # 未签到
    early = "early"  # 早签退: last punch before the clock-out time
    no_out = "no_out"  # 未签退


KIND_LABELS = {Kind.late: "迟到", Kind.no_in: "未签到", Kind.early: "早退", Kind.no_out: "未签退"}
IRREGULAR = "attendance.irregular"  # 未正常考勤 (考勤办法 二(三)1), a key of Policy.deduction_points


# ---------------------------------------------------------------- the export: 工号, 日期, 时间 (or 签到, 签退)

STAFF, DAY, TIME, CLOCK_IN, CLOCK_OUT = "工号", "日期", "时间", "签到", "签退"
SHAPES = ((STAFF, DAY, TIME), (STAFF, DAY, CLOCK_IN, CLOCK_OUT))
_DAY = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_TIME = re.compile(r"(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?")


@dataclass(frozen=True)
class Punch:
    staff_id: str
    at: datetime
    line: int  # the row of the file (the header is row 1)


def file_shape(header: list[str]) -> tuple[str, ...] | None:
    """Which of the two shapes the header names (extra columns are ignored), or None."""
    names = {str(h).strip() for h in header if h is not None}
    for shape in reversed(SHAPES):  # the 签到/签退 shape first: it also has no 时间 column
        if set(shape) <= names:
            return shape
    return None


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _DAY.fullmatch(str(value or "").strip())
    if not match:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _time(value) -> time | None:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    match = _TIME.fullmatch(str(value or "").strip())
    if not match:
        return None
    hour, minute, second = (int(g or 0) for g in match.groups())
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def read_rows(rows: list[dict], *, known_staff: set[str]) -> tuple[list[Punch], list[CenterError]]:
    """The punches of the export's rows ({column: cell}, row 2 onwards), and every bad row named by its
    row number: an unknown 工号, a date or time that is not one. A file with any problem is refused
    whole (the caller writes nothing). In the 签到/签退 shape an empty cell is a missing punch."""
    punches: list[Punch] = []
    problems: list[CenterError] = []
    for line, row in enumerate(rows, start=2):
        cells = {str(k).strip(): v for k, v in row.items() if k is not None}
        if all(v is None or str(v).strip() == "" for v in cells.values()):
            continue  # a blank line
        staff_id = str(cells.get(STAFF) or "").strip()
        if not staff_id:
            problems.append(InvalidInput(field=f"第{line}行", message="工号为空（考勤办法 二(一)2：考勤记录应注明工号）"))
        elif staff_id not in known_staff:
            problems.append(InvalidInput(field=f"第{line}行", message=f"工号 {staff_id} 不是中心登记的工作人员"))
        day = _day(cells.get(DAY))
        if day is None:
            problems.append(InvalidInput(field=f"第{line}行", message=f"日期「{cells.get(DAY) or ''}」无效，应为 YYYY-MM-DD"))
        columns = (TIME,) if TIME in cells and CLOCK_IN not in cells else (CLOCK_IN, CLOCK_OUT)
        times = []
        for column in columns:
            raw = cells.get(column)
            if (raw is None or str(raw).strip() == "") and column != TIME:
                continue  # no clock-in (or out) that day: the exception the computation finds
            moment = _time(raw)
            if moment is None:
                problems.append(InvalidInput(field=f"第{line}行", message=f"{column}「{raw or ''}」无效，应为 HH:MM 或 HH:MM:SS"))
            else:
                times.append(moment)
        if staff_id in known_staff and day is not None:
            punches.extend(Punch(staff_id, datetime.combine(day, t), line) for t in times)
    return punches, problems


# ---------------------------------------------------------------- the hours of a day

@dataclass(frozen=True)
class Hours:
    """二(一)1–2 and 4 as the policy sets them (models.core.settings.Policy)."""

    clock_in: time  # 上午8:30前签到
    clock_out: time  # 下午5:00后签退
    morning_close: time  # 12:00
    afternoon_open: time  # 1:00 (非夏令时)
    summer_afternoon_open: time  # 1:30 (夏令时)
    summer_start: tuple[int, int]
    summer_end: tuple[int, int]
    lunch_start: time  # 11:30
    lunch_end: time  # 12:00

    @classmethod
    def of(cls, policy) -> Hours:
        return cls(policy.office_open, policy.office_close, policy.morning_close, policy.afternoon_open,
                   policy.summer_afternoon_open, tuple(policy.summer_start), tuple(policy.summer_end),
                   policy.lunch_service_start, policy.lunch_service_end)

    def is_summer(self, day: date) -> bool:
        return self.summer_start <= (day.month, day.day) <= self.summer_end

    def afternoon(self, day: date) -> time:
        """二(一)1: 下午 from 1:00, or 1:30 in 夏令时."""
        return self.summer_afternoon_open if self.is_summer(day) else self.afternoon_open

    def lunch_span(self) -> timedelta:
        return _at(date.min, self.lunch_end) - _at(date.min, self.lunch_start)


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment)


@dataclass(frozen=True)
class Excuses:
    """Why a person is not due at the window for half a day (an approved leave, a training or meeting,
    a 调休 day off, a secondment), None when they are due; and whether they serve the lunch hour."""

    morning: str | None = None
    afternoon: str | None = None
    lunch_server: bool = False


@dataclass(frozen=True)
class Finding:
    kind: Kind
    due: datetime  # the clock-in (or out) time that applied
    punch: datetime | None  # the punch it is about, None when missing

    def label(self) -> str:
        return KIND_LABELS[self.kind]


def due_times(day: date, hours: Hours, excuses: Excuses) -> tuple[datetime, datetime] | None:
    """When the person had to clock in and out on `day`; None when excused the whole day.
    A morning excused: in by the afternoon's opening (1:00, 夏令时 1:30). An afternoon excused: out from
    12:00. A lunch server (二(一)4): out from 5:00 less the lunch service (11:30—12:00: 4:30)."""
    if excuses.morning and excuses.afternoon:
        return None
    clock_in = _at(day, hours.afternoon(day) if excuses.morning else hours.clock_in)
    if excuses.afternoon:
        clock_out = _at(day, hours.morning_close)
    else:
        clock_out = _at(day, hours.clock_out) - (hours.lunch_span() if excuses.lunch_server else timedelta())
    return clock_in, clock_out


def day_findings(day: date, punches: list[datetime], hours: Hours, excuses: Excuses) -> list[Finding]:
    """二(一)2–3 for one person on one working day: 迟到 (the first punch after the clock-in time — 08:30:00
    is on time, 08:30:01 late), 未签到, 早退 (the last punch before the clock-out time — 17:00:00 is on
    time, 16:59:59 early), 未签退. With one punch alone it is the clock-in when before the middle of the
    day's hours, else the clock-out. A half day excused moves the times (`due_times`); a whole day
    excused has no findings. Returned in the day's order."""
    due = due_times(day, hours, excuses)
    if due is None:
        return []
    clock_in, clock_out = due
    stamps = sorted(p for p in punches if p.date() == day)
    if len(stamps) >= 2:
        first, last = stamps[0], stamps[-1]
    elif stamps:
        middle = clock_in + (clock_out - clock_in) / 2
        first, last = (stamps[0], None) if stamps[0] < middle else (None, stamps[0])
    else:
        first = last = None
    findings = []
    if first is None:
        findings.append(Finding(Kind.no_in, clock_in, None))
    elif first > clock_in:
        findings.append(Finding(Kind.late, clock_in, first))
    if last is None:
        findings.append(Finding(Kind.no_out, clock_out, None))
    elif last < clock_out:
        findings.append(Finding(Kind.early, clock_out, last))
    return findings


def explain_errors(*, explanation: str) -> list[CenterError]:
    """二(一)3: 需提供相关证明 — an explanation is required (the proof is attached beside it)."""
    if not explanation.strip():
        return [InvalidInput(field="explanation", message="请说明情况（考勤办法 二(一)3：需提供相关证明）", label="情况说明")]
    return []
