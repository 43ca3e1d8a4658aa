"""The patrol register (巡查记录): each patrol is a case of kind "patrol" (so its deductions name
their source case), with the windows visited and the findings; the months summarised.

窗口巡查制度 一–五; who records: 窗口管理科 (一: 负责…日常监督检查).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field as PydanticField, NaiveDatetime
from sqlalchemy import JSON, Column, func
from sqlmodel import Field, Session, SQLModel, select

from models.core.calendar import load_calendar
from models.leave.store import leave_absences, lieu_absences
from models.core.org import Staff, Window
from models.rules.patrol import STANDARD_ITEMS, CheckItem, Finding, PatrolKind, away_at, patrol_errors
from models.rules.patrol_summary import (FindingRow, MonthSummary, WindowSummary, last_working_day, month_bounds,
                                         month_of, short_days, summarise)
from models.core.errors import raise_all
from models.core.settings import Policy


class FindingInput(BaseModel):
    """巡查发现的一个问题。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: str = PydanticField(title="窗口编号", description="如 W01", min_length=1, max_length=40)
    staff_id: str | None = PydanticField(default=None, title="所涉工作人员工号",
                                         description="问题涉及个人时填写；评价器、吸烟问题必填", max_length=40)
    item: CheckItem = PydanticField(title="检查项目", description="着装、服务规范礼仪、环境卫生、评价器、禁烟、其他")
    description: str = PydanticField(title="发现的问题", min_length=1, max_length=500)
    deduct: bool = PydanticField(default=False, title="扣分", description="按扣分标准扣分（吸烟一律扣分）")

    def finding(self) -> Finding:
        return Finding(self.window_id, self.staff_id or None, self.item, self.description, self.deduct)


class PatrolInput(BaseModel):
    """一次巡查：时间、方式、巡查的窗口和发现的问题。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    at: datetime | None = PydanticField(default=None, title="巡查时间", description="如 2026-10-12 09:40；默认现在")
    kind: PatrolKind = PydanticField(title="巡查方式", description="walkthrough 现场巡查；camera 监控抽查")
    windows: list[str] = PydanticField(title="巡查的窗口", description="窗口编号")
    items: list[CheckItem] = PydanticField(default_factory=lambda: list(STANDARD_ITEMS), title="检查项目",
                                           description="在每个巡查的窗口检查的项目；默认着装、服务规范礼仪、"
                                                       "环境卫生、评价器、禁烟全部检查")
    findings: list[FindingInput] = PydanticField(default_factory=list, title="发现的问题")
    note: str = PydanticField(default="", title="备注", max_length=500)


class Patrol(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    at: NaiveDatetime = Field(index=True)
    day: date = Field(index=True)
    kind: PatrolKind
    patroller_id: str = Field(max_length=40)
    windows: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # checked at each window
    note: str = Field(default="", max_length=500)


class PatrolFinding(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    at: NaiveDatetime = Field(index=True)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, index=True, max_length=40)
    item: CheckItem
    description: str = Field(max_length=500)
    points: float = 0.0  # every deduction it caused (the person's and the window's share)


class PatrolMonthSummary(SQLModel, table=True):
    """A month summarised and fed back to the windows (巡查制度 四), once."""

    month: str = Field(primary_key=True, max_length=7)  # 2026-10
    findings: int
    summarised_by: str = Field(max_length=40)
    summarised_at: NaiveDatetime


def check_patrol(*, session: Session, patrol: PatrolInput, now: datetime) -> list[Finding]:
    findings = [f.finding() for f in patrol.findings]
    staff_ids = {f.staff_id for f in findings if f.staff_id}
    window_of = {s.id: s.window_id for s in session.exec(select(Staff).where(Staff.id.in_(staff_ids))).all()}
    known = set(session.exec(select(Window.id).where(Window.id.in_(patrol.windows))).all())
    device = {f.staff_id for f in findings if f.staff_id and f.item == CheckItem.rating_device}
    day = patrol.at.date()
    absences = (leave_absences(session=session, staff_ids=device, start=day, end=day)
                + lieu_absences(session=session, staff_ids=device, start=day, end=day)) if device else []
    raise_all(patrol_errors(at=patrol.at, now=now, windows=patrol.windows, items=patrol.items, findings=findings,
                            known_windows=known, window_of=window_of, away=away_at(absences, patrol.at)))
    return findings


def patrol_counts(*, session: Session, start: date, end: date) -> dict[date, int]:
    """Patrols per day in [start, end)."""
    rows = session.exec(select(Patrol.day, func.count()).where(Patrol.day >= start, Patrol.day < end)
                        .group_by(Patrol.day)).all()
    return {day: count for day, count in rows}


def first_patrol_day(*, session: Session) -> date | None:
    return session.exec(select(func.min(Patrol.day))).one()


def summarised_months(*, session: Session) -> set[str]:
    return set(session.exec(select(PatrolMonthSummary.month)).all())


def first_month(*, session: Session) -> str | None:
    day = first_patrol_day(session=session)
    return month_of(day) if day else None


def month_patrols(*, session: Session, month: str) -> list[Patrol]:
    start, end = month_bounds(month)
    return list(session.exec(select(Patrol).where(Patrol.day >= start, Patrol.day < end)
                             .order_by(Patrol.at)).all())


def window_summaries(*, session: Session, month: str, patrols: list[Patrol]) -> list[WindowSummary]:
    """Every window with its visits and findings of the month (windows never visited included)."""
    start, end = month_bounds(month)
    summaries = {w.id: WindowSummary(w.id, w.name, sum(w.id in p.windows for p in patrols))
                 for w in session.exec(select(Window).order_by(Window.id)).all()}
    rows = session.exec(select(PatrolFinding, Staff).outerjoin(Staff, Staff.id == PatrolFinding.staff_id)
                        .where(PatrolFinding.at >= datetime.combine(start, datetime.min.time()),
                               PatrolFinding.at < datetime.combine(end, datetime.min.time()))
                        .order_by(PatrolFinding.at, PatrolFinding.id)).all()
    for finding, staff in rows:
        summaries[finding.window_id].findings.append(FindingRow(
            at=finding.at, case_ref=finding.case_ref, window_id=finding.window_id,
            staff_name=staff.name if staff else "", item=finding.item, description=finding.description,
            points=finding.points))
    return list(summaries.values())


def month_summary(*, session: Session, month: str, as_of: datetime, policy: Policy) -> tuple[MonthSummary, bool]:
    """巡查制度 二, 四: the month as it stands at `as_of` (working days short of patrols counted up to
    then), and whether it has ended (the close of office on its last working day)."""
    start, end = month_bounds(month)
    calendar = load_calendar(session=session)
    final = as_of >= datetime.combine(last_working_day(month, calendar), policy.office_close)
    first = max(start, first_patrol_day(session=session) or end)  # the register's first day
    last = min(end - timedelta(days=1), as_of.date())
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    patrols = month_patrols(session=session, month=month)
    short = short_days([d for d in days if calendar.is_working_day(d)],
                       patrol_counts(session=session, start=start, end=end), policy.patrols_per_day)
    return summarise(month=month, kinds=[p.kind for p in patrols], short=short,
                     windows=window_summaries(session=session, month=month, patrols=patrols)), final


def register_rows(*, session: Session, start: date, end: date) -> list[tuple[Patrol, list[tuple[PatrolFinding, str]]]]:
    """The patrol register (巡查记录) of [start, end): each patrol with its findings and the names of
    the people concerned ("" for a finding about the window)."""
    patrols = session.exec(select(Patrol).where(Patrol.day >= start, Patrol.day < end).order_by(Patrol.at)).all()
    rows = session.exec(select(PatrolFinding, Staff).outerjoin(Staff, Staff.id == PatrolFinding.staff_id)
                        .where(PatrolFinding.case_ref.in_([p.case_ref for p in patrols]))
                        .order_by(PatrolFinding.id)).all()
    return [(p, [(f, s.name if s else "") for f, s in rows if f.case_ref == p.case_ref]) for p in patrols]
