"""Pure rules of matter onboarding, change, cancellation and exit (事项进驻、退出、调整规定 1–5).

No Session, clock or environment here: the facts a rule needs (departments, windows, the matter's
status) are passed in. Gaps in a guide are listed all at once (一次性告知制度 2); bad input
(unknown department, duplicate code, …) is refused with every problem at once.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.matter.inputs import (KIND_LABELS, REQUEST_LABELS, SCOPES, STATUS_LABELS, MatterKind,
                                  MatterRequestForm, MatterStatus, MatterRequestKind)
from models.rules.roles import Role
from models.rules.permissions import Actor

# Matters on the list and served at a window: a pending change does not take a matter off the list.
IN_SERVICE = frozenset({MatterStatus.active, MatterStatus.changing})


@dataclass(frozen=True)
class Gap:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}：{self.message}"


def guide_gaps(form: MatterRequestForm) -> list[Gap]:
    """Every gap of the guide at once.

    事项进驻、退出、调整规定 4: 主动公开办理主体、办理依据、办理条件、申报材料、办理程序、办理时限、
    收费标准和监督渠道; 窗口服务信息公开制度 一.1: 收费依据、窗口审批权限; 一次性告知制度 1: 所需的
    全面材料 (each with its name and 规格/样式, 投诉处置规定 三(三)1.2); 规定 5: 窗口授权范围.
    """
    guide, gaps = form.guide, []
    for field, label in (("subject", "办理主体"), ("basis", "办理依据"), ("conditions", "办理条件")):
        if not getattr(guide, field):
            gaps.append(Gap(label, "未填写"))
    if not guide.materials:
        gaps.append(Gap("申报材料", "未列出任何材料"))
    for number, material in enumerate(guide.materials, start=1):
        where = f"申报材料第{number}项" + (f"（{material.name}）" if material.name else "")
        if not material.name:
            gaps.append(Gap(where, "未写明材料名称"))
        if not material.form:
            gaps.append(Gap(where, "未写明规格/样式"))
    if not guide.steps:
        gaps.append(Gap("办理程序", "未填写"))
    limit = guide.time_limit
    if limit is None or limit.statutory_days is None:
        gaps.append(Gap("办理时限", "未写明法定时限"))
    if form.kind == MatterKind.promised and (limit is None or not limit.promised_days):
        gaps.append(Gap("办理时限", "承诺件未写明承诺时限"))
    if guide.fees is None:
        gaps.append(Gap("收费标准", "未填写（不收费也须写明）"))
    elif guide.fees.charged:
        gaps += [Gap("收费标准", f"收费事项未写明{label}") for value, label in
                 ((guide.fees.standard, "收费项目及标准"), (guide.fees.basis, "收费依据")) if not value]
    if not guide.supervision:
        gaps.append(Gap("监督渠道", "未填写"))
    if not guide.approval_authority:
        gaps.append(Gap("窗口审批权限", "未填写"))
    if not form.scope:
        gaps.append(Gap("窗口授权范围", "未填写（咨询、受理、协调办理、制证、送达）"))
    return gaps


@dataclass(frozen=True)
class RequestFacts:
    """What the store says about a request: known departments, windows and the matter, if any."""

    departments: frozenset[str]
    window_departments: dict[str, str]  # window id → its department
    matter_status: MatterStatus | None = None
    matter_department: str | None = None


# 事项进驻、退出、调整规定 3: which requests a matter in each status may receive.
ONBOARD_ALLOWED_FROM = frozenset({None, MatterStatus.rejected, MatterStatus.exited})


def may_file(actor: Actor, department_id: str) -> tuple[bool, str]:
    """事项进驻、退出、调整规定 3: 各窗口所属部门应向区政务服务办提出申请 — the department files."""
    if not actor.active:
        return False, "该人员不在岗"
    if actor.role != Role.department:
        return False, "事项申请须由窗口所属部门提出"
    if actor.department_id != department_id:
        return False, "只能为本部门的事项提出申请"
    return True, ""


def request_problems(form: MatterRequestForm, facts: RequestFacts) -> list[CenterError]:
    """Bad input, all at once: nothing is written when this is not empty."""
    problems: list[CenterError] = []
    if form.department not in facts.departments:
        problems.append(InvalidInput(field="申请部门编号", message=f"找不到部门 {form.department}"))
    status = facts.matter_status
    if form.request == MatterRequestKind.onboard:
        if status not in ONBOARD_ALLOWED_FROM:
            problems.append(InvalidInput(field="事项编码", message=f"事项编码 {form.code} 已存在（{STATUS_LABELS[status]}），不能重复进驻"))
    elif status is None:
        problems.append(InvalidInput(field="事项编码", message=f"找不到事项 {form.code}"))
    elif status != MatterStatus.active:
        problems.append(PolicyViolation(rule="matter.request_needs_active", field="事项编码",
                                        message=f"只能对在办事项申请{REQUEST_LABELS[form.request]}；"
                                        f"事项 {form.code} 当前为「{STATUS_LABELS[status]}」"))
    if facts.matter_department not in (None, form.department) and form.department in facts.departments:
        problems.append(InvalidInput(field="申请部门编号", message=f"事项 {form.code} 不属于部门 {form.department}"))
    if form.carries_guide:
        problems += _spec_problems(form, facts)
    elif not form.reason:
        problems.append(InvalidInput(field="申请理由", message=f"申请{REQUEST_LABELS[form.request]}事项须写明理由"))
    return problems


def _spec_problems(form: MatterRequestForm, facts: RequestFacts) -> list[CenterError]:
    problems: list[CenterError] = []
    if not form.name:
        problems.append(InvalidInput(field="事项名称", message="必填"))
    if (form.window is None) == (form.branch is None):
        problems.append(InvalidInput(field="进驻窗口编号", message="进驻中心的事项填写进驻窗口；不能进驻的事项填写自设窗口（分中心），二者选一"))
    elif form.window is not None:
        owner = facts.window_departments.get(form.window)
        if owner is None:
            problems.append(InvalidInput(field="进驻窗口编号", message=f"找不到窗口 {form.window}"))
        elif owner != form.department and form.department in facts.departments:
            problems.append(InvalidInput(field="进驻窗口编号", message=f"窗口 {form.window} 不属于部门 {form.department}"))
    unknown = [s for s in form.scope if s not in SCOPES]
    if unknown:
        problems.append(InvalidInput(field="窗口授权范围", message=f"「{'、'.join(unknown)}」无效，应为 {'、'.join(SCOPES)}"))
    problems += time_limit_problems(form)
    return problems


def time_limit_problems(form: MatterRequestForm) -> list[CenterError]:
    """服务承诺制度 3 / 限时办结制度 1, 3: the promise is within the statutory time; 即办件 即时办理."""
    limit = form.guide.time_limit
    if limit is None:
        return []
    if form.kind == MatterKind.immediate and limit.promised_days:
        return [PolicyViolation(rule="matter.immediate_has_no_promise", field="办理时限.承诺时限",
                                message=f"{KIND_LABELS[form.kind]}应即时办理，承诺时限应为 0")]
    if limit.promised_days and limit.statutory_days is not None and limit.promised_days > limit.statutory_days:
        return [PolicyViolation(rule="matter.promised_within_statutory", field="办理时限.承诺时限",
                                message=f"承诺时限（{limit.promised_days}个工作日）不得超过法定时限"
                                f"（{limit.statutory_days}个工作日）")]
    return []


def status_while_pending(kind: MatterRequestKind) -> MatterStatus:
    return MatterStatus.proposed if kind == MatterRequestKind.onboard else MatterStatus.changing


def status_on_approval(kind: MatterRequestKind) -> MatterStatus:
    return {MatterRequestKind.cancel: MatterStatus.cancelled, MatterRequestKind.exit: MatterStatus.exited}.get(
        kind, MatterStatus.active)


def status_on_refusal(kind: MatterRequestKind) -> MatterStatus:
    return MatterStatus.rejected if kind == MatterRequestKind.onboard else MatterStatus.active


def quarter_of(day: date) -> tuple[int, int]:
    """事项进驻、退出、调整规定 2: 定期进行梳理汇总 — one review per quarter."""
    return day.year, (day.month - 1) // 3 + 1
