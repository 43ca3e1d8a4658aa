"""Training sessions and their roll call (学习培训点名). Pure.

窗口工作人员学习培训制度 一: 派驻中心各窗口工作人员; 二: 政治理论、法规制度、服务礼仪、业务技能;
三.1: 学习培训实行点名制，清点记录参加学习培训的人数，缺席人员及原因; 三.2: 因故不能参加学习培训的，
应事先向组织学习培训的科室请假，无故不参加学习的，按规定扣分.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.rules.roles import CENTER_ROLES, ROLE_LABELS, Role


class Category(StrEnum):
    """学习培训制度 二."""

    politics = "politics"
    regulations = "regulations"
    etiquette = "etiquette"
    skills = "skills"


CATEGORY_LABELS = {Category.politics: "政治理论", Category.regulations: "法规制度",
                   Category.etiquette: "服务礼仪", Category.skills: "业务技能"}


class Attendance(StrEnum):
    present = "present"
    excused = "excused"  # 事先向组织科室请假
    absent = "absent"  # 无故不参加 → 扣分


ATTENDANCE_LABELS = {Attendance.present: "出席", Attendance.excused: "请假", Attendance.absent: "无故缺席"}
ABSENT_KIND = "training.absent"  # a key of Policy.deduction_points
# 三.2 组织学习培训的科室: the sections of the center.
ORGANISERS = frozenset(CENTER_ROLES)

def may_organise(role: Role, organiser: Role) -> tuple[bool, str]:
    """The organising section arranges its sessions; the management section may arrange any."""
    if role == organiser or role == Role.management:
        return True, ""
    return False, f"只有{ROLE_LABELS[organiser]}或窗口管理科可以办理"


def session_errors(*, topic: str, starts_at: datetime, ends_at: datetime, organiser: Role,
                   expected: int, now: datetime) -> list[CenterError]:
    problems: list[CenterError] = []
    if starts_at <= now:
        problems.append(InvalidInput(field="开始时间", message=f"{starts_at:%Y-%m-%d %H:%M} 已过：培训应事先安排，"
                                              "以便应参加人员事先请假（学习培训制度 三.2）"))
    if not topic.strip():
        problems.append(InvalidInput(field="主题", message="必填"))
    if ends_at <= starts_at:
        problems.append(InvalidInput(field="结束时间", message=f"应晚于开始时间 {starts_at:%Y-%m-%d %H:%M}"))
    if organiser not in ORGANISERS:
        names = "、".join(ROLE_LABELS[r] for r in sorted(ORGANISERS))
        problems.append(InvalidInput(field="组织科室", message=f"{ROLE_LABELS[organiser]}不是中心科室，应为 {names} 之一"))
    if expected == 0:
        problems.append(InvalidInput(field="参加人员", message="没有应参加的窗口工作人员（--staff、--window 或 --all）"))
    return problems


def excuse_errors(*, requested_at: datetime, starts_at: datetime, expected: bool) -> list[CenterError]:
    """三.2: leave is asked of the organising section before the session (事先)."""
    problems: list[CenterError] = []
    if not expected:
        problems.append(InvalidInput(field="工号", message="不在本次培训的应参加人员名单中"))
    if requested_at >= starts_at:
        problems.append(PolicyViolation(rule="training.excuse_in_advance", field="请假时间",
                                        message=f"应在培训开始（{starts_at:%Y-%m-%d %H:%M}）前向组织科室请假，"
                                        "事后说明的按无故缺席处理（学习培训制度 三.2）"))
    return problems


def roll_call(*, expected: list[str], present: set[str], excused: set[str]) -> dict[str, Attendance]:
    """三.1 点名: present, excused in advance, or absent without reason."""
    return {s: Attendance.present if s in present else Attendance.excused if s in excused else Attendance.absent
            for s in expected}


def roll_call_event(organiser: Role, absent: int) -> str:
    """Only the management section decides deductions: its own roll call deducts at once; another
    section's, with someone absent without reason, goes to the management section to confirm."""
    return "roll_call" if organiser == Role.management or absent == 0 else "roll_call_for_review"


def roll_call_errors(*, expected: list[str], present: list[str], called_at: datetime,
                     starts_at: datetime) -> list[CenterError]:
    """三.1 点名制，清点记录参加学习培训的人数: only the expected are named, and only once the session has
    begun — before it nobody can be present or absent, and an absence would be deducted for a session not held."""
    problems: list[CenterError] = [InvalidInput(field="present", message=f"{s} 不在本次培训的应参加人员名单中")
                                   for s in present if s not in expected]
    if called_at < starts_at:
        problems.append(PolicyViolation(rule="training.roll_call_after_start", field="点名时间",
                                        message=f"培训 {starts_at:%Y-%m-%d %H:%M} 开始后才能点名，现在是 {called_at:%Y-%m-%d %H:%M}"
                                        "（学习培训制度 三.1 清点参加学习培训的人数）"))
    return problems


@dataclass(frozen=True)
class Figures:
    expected: int
    present: int
    excused: int
    absent: int

    @property
    def rate(self) -> float | None:
        return self.present / self.expected if self.expected else None


def figures(rows: list[tuple[str, Attendance]]) -> dict[str, Figures]:
    """学习培训制度 三: attendance per key (a staff member or a window) over the sessions called."""
    return counted_figures([(key, attendance, 1) for key, attendance in rows])


def counted_figures(rows: list[tuple[str, Attendance, int]]) -> dict[str, Figures]:
    """学习培训制度 三: attendance per key from counts per (key, attendance) — a SQL GROUP BY's rows."""
    counts: dict[str, Counter] = {}
    for key, attendance, n in rows:
        counts.setdefault(key, Counter())[attendance] += n
    return {key: Figures(sum(c.values()), c[Attendance.present], c[Attendance.excused], c[Attendance.absent])
            for key, c in sorted(counts.items())}
