"""Staff return (退回) to the home department: its pure checks, with the clauses they apply.

窗口工作人员进出管理制度 三: 窗口工作人员有下列情形之一的，将被退回 (1 纪律, 2 服务, 3 违纪违规、投诉查证属实);
中心发出《窗口工作人员退回函》通知派驻部门，派驻部门拟定新派驻工作人员报中心，同时对退回人员作问责处理.
窗口投诉(差评)处置规定 三(三)2: 被投诉三次以上并经查属实的 … 退回原部门. 服务承诺制度 7: 取消评优资格.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation


class ReturnGround(StrEnum):
    discipline = "discipline"  # 进出管理制度 三.1
    service = "service"  # 三.2
    misconduct = "misconduct"  # 三.3 涉嫌违纪违规行为，造成不良影响
    complaints = "complaints"  # 三.3; 投诉处置规定 三(三)2


GROUND_LABELS = {
    ReturnGround.discipline: "不能自觉地遵守中心工作纪律，不服从中心管理要求（进出管理制度 三.1）",
    ReturnGround.service: "服务态度差，服务质量低，不能胜任窗口工作（进出管理制度 三.2）",
    ReturnGround.misconduct: "涉嫌违纪违规行为，造成不良影响（进出管理制度 三.3）",
    ReturnGround.complaints: "被投诉经查证属实（进出管理制度 三.3；投诉处置规定 三(三)2）",
}
EVIDENCE_LABELS = {"complaint": "投诉", "patrol": "巡查记录", "leave": "考勤（请假）记录", "note": "情况说明",
                   "document": "证据材料"}


@dataclass(frozen=True)
class Subject:
    """The person a return is proposed for, as the checks need them."""

    id: str
    found: bool
    on_post: bool = False
    window_person: bool = False  # a window head or staff member (not a section, not an intern)
    open_return: str | None = None  # the ref of a return case already under way


def open_problems(subject: Subject, grounds: list[ReturnGround], linked: dict[str, tuple[str, str | None, bool]],
                  notes: str, attachments: int = 0) -> list[CenterError]:
    """Every reason a return cannot be opened. `linked`: ref → (case kind, subject staff, substantiated);
    a ref not found is absent from it; `attachments`: evidence files handed in.
    进出管理制度 三: a ground of the clause, and evidence for it."""
    problems: list[CenterError] = []
    if not subject.found:
        problems.append(InvalidInput(field="staff_id", message=f"找不到工作人员 {subject.id}"))
    elif not (subject.on_post and subject.window_person):
        problems.append(InvalidInput(field="staff_id", message=f"{subject.id} 不是在岗的窗口工作人员，不能退回"))
    elif subject.open_return:
        problems.append(PolicyViolation(rule="staff_return.one_at_a_time", field="staff_id",
                                        message=f"{subject.id} 已有退回案件 {subject.open_return} 正在办理"))
    if not grounds:
        problems.append(InvalidInput(field="grounds", message="至少选择一项退回情形（进出管理制度 三.1–3）"))
    if not linked and not notes.strip() and not attachments:
        problems.append(InvalidInput(field="evidence", message="请附证据：关联的投诉、巡查、考勤记录、情况说明或证据材料"))
    for ref, (kind, staff_id, _) in linked.items():
        if kind == "missing":
            problems.append(InvalidInput(field="cases", message=f"找不到关联案件 {ref}"))
        elif staff_id not in (None, subject.id) or (kind == "complaint" and staff_id != subject.id):
            problems.append(InvalidInput(field="cases", message=f"关联案件 {ref} 不涉及 {subject.id}"))
    verified = [ref for ref, (kind, staff_id, found) in linked.items()
                if kind == "complaint" and staff_id == subject.id and found]
    if ReturnGround.complaints in grounds and not verified:
        problems.append(InvalidInput(field="cases", message="以“投诉经查证属实”为由退回，须关联至少一件经查属实的投诉（进出管理制度 三.3）"))
    return problems


def check_effective(effective: date, decided_on: date) -> None:
    if effective < decided_on:
        raise InvalidInput(field="effective_date", message=f"退回生效日期 {effective} 不能早于决定之日 {decided_on}")


def nomination_problems(*, staff_id: str, id_in_use: bool, intern: bool, arrival: date, nominated_on: date,
                        required_qualification: str, qualification: str) -> list[CenterError]:
    """The department's replacement (进出管理制度 三: 拟定新派驻工作人员报中心): a new staff number, not an
    intern (二.3), holding the window's required qualification (一.4), arriving from the nomination on."""
    problems: list[CenterError] = []
    if id_in_use:
        problems.append(InvalidInput(field="staff_id", message=f"工号 {staff_id} 已被使用"))
    if intern:
        problems.append(InvalidInput(field="intern", message="新派驻人员应为正式工作人员，不能以实习生替代（进出管理制度 二.3）"))
    if arrival < nominated_on:
        problems.append(InvalidInput(field="arrival_date", message=f"到岗日期 {arrival} 不能早于拟定之日 {nominated_on}"))
    if required_qualification and required_qualification not in qualification:
        problems.append(PolicyViolation(rule="rotation.qualification", field="qualification",
                                        message=f"该窗口进驻人员须具备「{required_qualification}」（进出管理制度 一.4）"))
    return problems


def handover_target(b_post_id: str | None, b_on_post: bool, staff_id: str) -> str | None:
    """Who takes over the returned person's open work items: their B post if still on post (AB岗工作制度),
    else None — the window head (by role, so a head appointed later finds them too)."""
    return b_post_id if b_post_id and b_on_post and b_post_id != staff_id else None


def letter_number(year: int, sequence: int) -> str:
    return f"青行服退〔{year}〕{sequence}号"
