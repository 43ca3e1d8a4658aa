"""The rules of a staff rotation (窗口工作人员进出管理制度 一, 二). Pure: the caller passes the facts,
the working-day calendar and the policy numbers; nothing here reads a clock or a database.

Each check is reported with its clause. The rules the regulations qualify with 原则上 (and the
notice period) are overridable by an explicit exception of the management section; a rule the
regulations state with 必须 is not. Hard errors (unknown window or person, reversed dates, an
empty proposal) are input errors and refuse the proposal outright.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.rules.workdays import WorkdayCalendar

FORMAL_EMPLOYMENT = ("civil_servant", "institution")


@dataclass(frozen=True)
class Check:
    rule: str
    clause: str
    label: str
    passed: bool
    detail: str
    overridable: bool = True
    flag: bool = False  # shown on the case, never blocks (e.g. an intern)

    def as_dict(self) -> dict:
        return asdict(self)

    def violation(self) -> PolicyViolation:
        return PolicyViolation(rule=self.rule, field=self.label, message=f"{self.detail}（{self.clause}）",
                               overridable=self.overridable)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    posted_since: date | None


@dataclass(frozen=True)
class Arrival:
    id: str
    name: str
    employment: str
    department_id: str
    qualification: str = ""
    intern: bool = False


@dataclass(frozen=True)
class Proposal:
    received_at: datetime
    effective: date
    leaving: list[Person]
    arriving: list[Arrival]
    department_id: str
    roster_size: int  # the window's staff (interns not counted)
    left_earlier_in_quarter: int  # leaving in the window's other approved rotations this quarter
    required_qualification: str = ""


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes 1 March."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def notice_check(calendar: WorkdayCalendar, received_at: datetime, effective: date, days: int,
                 office_close: time) -> Check:
    """进出管理制度 二.2: 须提前10个工作日以书面公函形式告知中心 (office-hours convention)."""
    counted_from = calendar.start_day(received_at, office_close)
    latest = calendar.add_working_days(effective, -days)
    ahead = calendar.working_days_between(counted_from, effective)
    note = "（日历暂定）" if calendar.is_provisional(counted_from, effective) else ""
    return Check("rotation.notice_days", "进出管理制度 二.2", f"提前{days}个工作日书面告知",
                 counted_from <= latest,
                 f"公函按 {counted_from} 收到计，距生效日 {effective} 提前 {ahead} 个工作日，"
                 f"应不少于 {days} 个（最迟 {latest} 送达）{note}")


def quarter_month_check(effective: date, months: tuple[int, ...]) -> Check:
    """进出管理制度 二.2: 原则上在当年每季度的第一月集中进行轮换，即一月，四月，七月，十月."""
    allowed = "、".join(f"{m}月" for m in months)
    return Check("rotation.quarter_month", "进出管理制度 二.2", "每季度第一月集中轮换",
                 effective.month in months, f"生效日 {effective} 在 {effective.month} 月，原则上应在 {allowed}")


def cap_check(leaving: int, earlier: int, roster_size: int, percent: int, quarter: str) -> Check:
    """进出管理制度 二.2: 轮换人员的数量原则上不得超过窗口工作人员总数的30% (counted per quarter)."""
    allowed = roster_size * percent // 100
    total = leaving + earlier
    return Check("rotation.cap_percent", "进出管理制度 二.2", f"轮换人数不超过{percent}%",
                 total * 100 <= roster_size * percent,
                 f"窗口共 {roster_size} 人，{quarter} 已批准调离 {earlier} 人，本次调离 {leaving} 人，"
                 f"合计 {total} 人，上限 {percent}% 即 {allowed} 人")


def posting_check(person: Person, effective: date, years: int) -> Check:
    """进出管理制度 二.1: 派驻中心的窗口工作人员须保持相对稳定，原则上不低于二年."""
    label = f"派驻满{years}年"
    if person.posted_since is None:
        return Check("rotation.posting_years", "进出管理制度 二.1", label, False,
                     f"{person.name}（{person.id}）未登记派驻日期")
    due = years_after(person.posted_since, years)
    return Check("rotation.posting_years", "进出管理制度 二.1", label, effective >= due,
                 f"{person.name}（{person.id}）{person.posted_since} 派驻，{due} 满{years}年")


def arrival_checks(arrival: Arrival, department_id: str, required_qualification: str) -> list[Check]:
    """进出管理制度 一.1 (原则上从本部门在编公务员或事业单位在职人员中产生), 一.4 (有资质要求的，
    必须选派具有相关资质的人员并登记备案), 二.3 (实习生须经中心同意，原则上不允许单独受理业务)."""
    who = f"{arrival.name}（{arrival.id}）"
    checks = []
    if arrival.intern:
        checks.append(Check("rotation.intern", "进出管理制度 二.3", "实习生", True,
                            f"{who}为实习生：须经中心同意，原则上不允许单独受理业务", flag=True))
    else:
        formal = arrival.employment in FORMAL_EMPLOYMENT and arrival.department_id == department_id
        checks.append(Check("rotation.arrival_employment", "进出管理制度 一.1", "本部门在编或在职人员", formal,
                            f"{who}{'是' if formal else '应为'}本部门在编公务员或事业单位在职人员"))
    if required_qualification:
        held = required_qualification in arrival.qualification
        checks.append(Check("rotation.arrival_qualification", "进出管理制度 一.4", "资质要求", held,
                            f"{who}{'具有' if held else '须具有'}「{required_qualification}」并登记备案",
                            overridable=False))
    return checks


def evaluate(p: Proposal, calendar: WorkdayCalendar, *, notice_days: int, months: tuple[int, ...],
             percent: int, posting_years: int, office_close: time) -> list[Check]:
    """Every check of a proposal, in the order of the regulations."""
    checks = [notice_check(calendar, p.received_at, p.effective, notice_days, office_close),
              quarter_month_check(p.effective, months),
              cap_check(len(p.leaving), p.left_earlier_in_quarter, p.roster_size, percent,
                        quarter_of(p.effective))]
    checks += [posting_check(person, p.effective, posting_years) for person in p.leaving]
    for arrival in p.arriving:
        checks += arrival_checks(arrival, p.department_id, p.required_qualification)
    return checks


def failing(checks: list[Check]) -> list[Check]:
    return [c for c in checks if not c.passed]


def proposal_errors(*, window_found: bool, window_id: str, leaving: list[str], arriving: list[str],
                    on_window: set[str], known_staff: set[str], received: date, effective: date,
                    today: date) -> list[CenterError]:
    """The hard errors of a proposal, all at once (nothing is opened when there is one)."""
    problems: list[CenterError] = []
    if not window_found:
        problems.append(InvalidInput(field="window_id", message=f"窗口 {window_id} 不存在"))
    if not leaving and not arriving:
        problems.append(InvalidInput(field="leaving/arriving", message="轮换方案为空：至少应有一名调离或进驻人员"))
    for name, ids in (("leaving", leaving), ("arriving", arriving)):
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(InvalidInput(field=name, message=f"人员 {dup} 重复列出"))
    for staff_id in dict.fromkeys(leaving):
        if staff_id in arriving:
            problems.append(InvalidInput(field="leaving/arriving", message=f"人员 {staff_id} 不能同时调离和进驻"))
        elif staff_id not in known_staff:
            problems.append(InvalidInput(field="leaving", message=f"人员 {staff_id} 不存在"))
        elif window_found and staff_id not in on_window:
            problems.append(InvalidInput(field="leaving", message=f"人员 {staff_id} 不是窗口 {window_id} 的在岗人员"))
    for staff_id in dict.fromkeys(arriving):
        if staff_id in known_staff and staff_id not in leaving:
            problems.append(InvalidInput(field="arriving", message=f"工号 {staff_id} 已被使用"))
    if effective < received:
        problems.append(InvalidInput(field="effective_date", message=f"生效日期 {effective} 早于公函收到日期 {received}"))
    if received > today:
        problems.append(InvalidInput(field="notice_received", message=f"公函收到日期 {received} 晚于今天 {today}"))
    return problems
