"""Complaint and bad-rating handling (投诉/差评): channels, routing, time limits, outcomes.

窗口投诉(差评)处置规定 (all of it); 服务承诺制度 7; 窗口工作人员进出管理制度 三.
Pure: the calendar, the policy and the clock's `now` are parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation, raise_all
from models.rules.roles import Role
from models.core.procedures import Procedure
from models.rules.permissions import Actor
from models.rules.workdays import Deadline, WorkdayCalendar
from models.core.settings import Policy


class ComplaintChannel(StrEnum):
    """投诉（评价）渠道（投诉处置规定 二）。"""

    rating = "rating"  # “好差评”1星、2星评价
    hotline = "hotline"  # 12345转来的投诉
    petition = "petition"  # 上级信访部门转来的投诉
    phone = "phone"  # 电话投诉
    letter_visit = "letter_visit"  # 来信来访投诉
    email = "email"  # 电子邮件投诉
    complaint_window = "complaint_window"  # “好差评”窗口投诉
    on_site = "on_site"  # 现场投诉


CHANNEL_LABELS = {
    ComplaintChannel.rating: "好差评差评", ComplaintChannel.hotline: "12345转办", ComplaintChannel.petition: "信访转办",
    ComplaintChannel.phone: "电话投诉", ComplaintChannel.letter_visit: "来信来访", ComplaintChannel.email: "电子邮件",
    ComplaintChannel.complaint_window: "投诉窗口", ComplaintChannel.on_site: "现场投诉",
}
CHANNEL_HELP = "；".join(f"{channel.value} {label}" for channel, label in CHANNEL_LABELS.items())
# 三(二)2: transferred cases keep the deadline they arrive with.
EXTERNAL = frozenset({ComplaintChannel.hotline, ComplaintChannel.petition})
# 三(二)1: general complaints — name, contact and content recorded; 3 (at most 10) working days.
GENERAL = frozenset({ComplaintChannel.phone, ComplaintChannel.letter_visit, ComplaintChannel.email,
                     ComplaintChannel.complaint_window, ComplaintChannel.on_site})


class ComplaintVerdict(StrEnum):
    substantiated = "substantiated"  # 查证属实
    partly = "partly"  # 部分属实
    unsubstantiated = "unsubstantiated"  # 不属实


VERDICT_LABELS = {ComplaintVerdict.substantiated: "属实", ComplaintVerdict.partly: "部分属实",
                  ComplaintVerdict.unsubstantiated: "不属实"}

# 投诉处置规定 一: the seven items of the scope (受理范围).
CATEGORY_LABELS = {
    1: "好差评1星、2星评价", 2: "未一次性告知所需材料", 3: "服务态度不佳", 4: "缺岗串岗或做与工作无关的事",
    5: "违反廉洁自律要求", 6: "工作失误致延期或不良影响", 7: "其他违纪违规行为",
}

COMPLAINT = Procedure(
    kind="complaint", label="投诉(差评)", ref_prefix="TS", initial="received",
    transitions={
        ("received", "assign"): "investigating",
        ("investigating", "extend"): "investigating",
        ("investigating", "answer"): "closed",  # general and transferred: the window's reply
        ("investigating", "submit_reply"): "reviewing",  # ratings: reviewed before posting
        ("reviewing", "approve_reply"): "posting",
        ("reviewing", "reject_reply"): "investigating",
        ("posting", "post"): "closed",
    },
    status_labels={"received": "已登记", "investigating": "窗口核实中", "reviewing": "答复审核中",
                   "posting": "待发布答复", "closed": "已办结"},
    event_labels={"open": "登记", "assign": "交窗口核实", "extend": "延期并说明", "answer": "答复办结",
                  "submit_reply": "提交答复", "approve_reply": "审核通过", "reject_reply": "审核退回",
                  "post": "发布答复", "deduct": "扣分", "withdraw_eligibility": "取消评优资格",
                  "decide:investigate": "窗口核实答复", "decide:review": "审核答复", "decide:post": "确认已发布",
                  "cancel:investigate": "按新期限重新交办",
                  "document": "登记表存档"},
    final=frozenset({"closed"}),
)


def handling_role(channel: ComplaintChannel) -> Role:
    """三(一)1: the management section coordinates and registers; 三(一)2: ratings go to the
    complaint window, which contacts the window and compiles the 好差评 statistics."""
    return Role.complaint_window if channel == ComplaintChannel.rating else Role.management


def may_register(actor: Actor) -> tuple[bool, str]:
    """三(一): complaints are registered by the management section or the complaint window."""
    if actor.active and actor.role in (Role.management, Role.complaint_window):
        return True, ""
    return False, "只有窗口管理科或投诉窗口可以登记投诉"


def may_extend(actor: Actor, window_id: str | None) -> tuple[bool, str]:
    """三(二)1: the window concerned explains the extension; the management section coordinates."""
    if actor.active and (actor.role == Role.management
                         or (actor.role == Role.head and actor.window_id == window_id)):
        return True, ""
    return False, "只有被投诉窗口的负责人或窗口管理科可以延期"


def complaint_deadline(*, channel: ComplaintChannel, received_at: datetime, external_due_at: datetime | None,
                       calendar: WorkdayCalendar, policy: Policy) -> tuple[Deadline, int | None]:
    """The case's due date and its number of working days (None for an external date).

    三(二)1: general complaints within 3 working days; 三(二)2: 12345 and higher-level transfers
    keep the deadline they arrive with (a date alone ends at the close of office hours);
    三(二)3: 1–2 star ratings follow the 12345 hotline's limit (Policy.rating_days)."""
    if channel in EXTERNAL:
        due = external_due_at
        if due.time() == time(0, 0):
            due = datetime.combine(due.date(), policy.office_close)
        return Deadline(due, False), None
    days = policy.rating_days if channel == ComplaintChannel.rating else policy.complaint_days
    return calendar.deadline(received_at, days, policy.office_close), days


def extension_deadline(*, channel: ComplaintChannel, received_at: datetime, current_due: datetime,
                       extensions: int, reason: str, until: date | None, now: datetime,
                       calendar: WorkdayCalendar, policy: Policy) -> tuple[Deadline, int]:
    """三(二)1: 情况复杂不能按期办结的，窗口要向投诉人做出说明，但最长应在10个工作日内办结.

    Only general complaints; once; with the explanation; before the current due date; never
    beyond `complaint_max_days` working days after receipt. Returns the new deadline and its days."""
    problems: list[CenterError] = []
    close, most = policy.office_close, policy.complaint_max_days
    if channel not in GENERAL:
        problems.append(PolicyViolation("complaint.extension_channel", "案件编号",
                                        "转办件和好差评差评按转来或12345的时限办理，不能延期（投诉处置规定 三(二)2、3）"))
    if not (reason or "").strip():
        problems.append(InvalidInput("reason", "延期必须写明向投诉人做出的说明（投诉处置规定 三(二)1）"))
    if extensions >= policy.complaint_extensions:
        problems.append(PolicyViolation("complaint.extension_once", "案件编号", "该投诉已延期过，不能再次延期"))
    if now > current_due:
        problems.append(PolicyViolation("complaint.extension_before_due", "案件编号",
                                        f"原期限 {current_due:%Y-%m-%d %H:%M} 已过：须在期限届满前向投诉人说明并延期"))
    limit = calendar.deadline(received_at, most, close)
    target, days = limit, most
    if until is not None:
        days = calendar.working_days_between(calendar.start_day(received_at, close), until)
        target = calendar.deadline(received_at, days, close)
        if not calendar.is_working_day(until):
            problems.append(InvalidInput("until", f"{until} 不是工作日"))
        elif target.at > limit.at:
            problems.append(PolicyViolation("complaint.extension_max", "until",
                                            f"最长应在收到后{most}个工作日内办结，即 {limit.at:%Y-%m-%d %H:%M} 前"))
        elif target.at <= current_due:
            problems.append(InvalidInput("until", f"延至日期应晚于原期限 {current_due:%Y-%m-%d %H:%M}"))
    raise_all(problems)
    return target, days


@dataclass(frozen=True)
class Deduction:
    subject_kind: str  # "staff" or "window" (models.core.ledger.SubjectKind)
    subject_id: str
    kind: str  # a key of Policy.deduction_points


def deductions(verdict: ComplaintVerdict, *, staff_id: str | None, window_id: str) -> list[Deduction]:
    """三(三)1: 查证属实或部分属实的给予扣分 — the staff member and the window concerned."""
    if verdict == ComplaintVerdict.unsubstantiated:
        return []
    staff_kind = "complaint.substantiated" if verdict == ComplaintVerdict.substantiated else "complaint.partly"
    found = [Deduction("staff", staff_id, staff_kind)] if staff_id else []
    return [*found, Deduction("window", window_id, "complaint.window")]


def return_is_due(substantiated: int, policy: Policy) -> bool:
    """三(三)2 and 进出管理制度 三.3: 被投诉三次以上并经查属实的, 退回原部门 (三次以上 includes 3)."""
    return substantiated >= policy.complaints_for_return
