"""Complaint and bad-rating handling (投诉/差评): channels, routing, time limits, outcomes, and the
checks of a complaint as it is filed.

窗口投诉(差评)处置规定 (all of it); 服务承诺制度 7; 窗口工作人员进出管理制度 三.
Pure: the calendar, the policy and the clock's `now` are parameters.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput, PolicyViolation, raise_all
from models.rules.roles import Role
from models.rules.permissions import Actor
from models.rules.phones import contact_channel, normalize_contact
from models.rules.submission import SubmissionKey, normalise, submission_key
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
        return Deadline(external_deadline(external_due_at, policy.office_close), False), None
    days = policy.rating_days if channel == ComplaintChannel.rating else policy.complaint_days
    return calendar.deadline(received_at, days, policy.office_close), days


def external_deadline(due: datetime, office_close: time) -> datetime:
    """三(二)2: a transfer's deadline as given; a date alone (midnight) ends at the close of office hours,
    so `2026-12-10` and `2026-12-10T17:00` are the same deadline."""
    return datetime.combine(due.date(), office_close) if due.time() == time(0, 0) else due


def extension_blockers(*, channel: ComplaintChannel, current_due: datetime, extensions: int, now: datetime,
                       policy: Policy) -> list[CenterError]:
    """三(二)1–3: what refuses any extension of this complaint now, whatever its form says — a transferred
    complaint or a bad rating (三(二)2、3), one already extended, a due date passed. None: 延期 may be offered."""
    problems: list[CenterError] = []
    if channel not in GENERAL:
        problems.append(PolicyViolation(rule="complaint.extension_channel", field="案件编号",
                                        message="转办件和好差评差评按转来或12345的时限办理，不能延期（投诉处置规定 三(二)2、3）"))
    if extensions >= policy.complaint_extensions:
        problems.append(PolicyViolation(rule="complaint.extension_once", field="案件编号", message="该投诉已延期过，不能再次延期"))
    if now > current_due:
        problems.append(PolicyViolation(rule="complaint.extension_before_due", field="案件编号",
                                        message=f"原期限 {current_due:%Y-%m-%d %H:%M} 已过：须在期限届满前向投诉人说明并延期"))
    return problems


def extension_deadline(*, channel: ComplaintChannel, received_at: datetime, current_due: datetime,
                       extensions: int, reason: str, until: date | None, now: datetime,
                       calendar: WorkdayCalendar, policy: Policy) -> tuple[Deadline, int]:
    """三(二)1: 情况复杂不能按期办结的，窗口要向投诉人做出说明，但最长应在10个工作日内办结.

    Only general complaints; once; with the explanation; before the current due date; never
    beyond `complaint_max_days` working days after receipt. Returns the new deadline and its days."""
    close, most = policy.office_close, policy.complaint_max_days
    problems = extension_blockers(channel=channel, current_due=current_due, extensions=extensions, now=now,
                                  policy=policy)
    if not (reason or "").strip():
        problems.append(InvalidInput(field="reason", message="延期必须写明向投诉人做出的说明（投诉处置规定 三(二)1）"))
    limit = calendar.deadline(received_at, most, close)
    target, days = limit, most
    if until is not None:
        days = calendar.working_days_between(calendar.start_day(received_at, close), until)
        target = calendar.deadline(received_at, days, close)
        if not calendar.is_working_day(until):
            problems.append(InvalidInput(field="until", message=f"{until} 不是工作日"))
        elif target.at > limit.at:
            problems.append(PolicyViolation(rule="complaint.extension_max", field="until",
                                            message=f"最长应在收到后{most}个工作日内办结，即 {limit.at:%Y-%m-%d %H:%M} 前"))
        elif target.at <= current_due:
            problems.append(InvalidInput(field="until", message=f"延至日期应晚于原期限 {current_due:%Y-%m-%d %H:%M}"))
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


# Checking a complaint as it is filed (投诉处置规定 一, 二, 三(二)1): the channel's own facts, the people
# concerned, the complainant's name and contact; every problem reported at once.

def intake_problems(intake, *, window_known: bool, staff_known: bool, staff_window_id: str | None,
                    now: datetime) -> list[CenterError]:
    """Everything wrong with a complaint as filed (一次性告知: all problems at once)."""
    problems: list[CenterError] = []
    if intake.received_at > now:
        problems.append(InvalidInput(field="received_at", message=f"收到时间 {intake.received_at:%Y-%m-%d %H:%M} 晚于现在"))
    if not window_known:
        problems.append(InvalidInput(field="window_id", message=f"找不到窗口 {intake.window_id}"))
    if intake.staff_id and not staff_known:
        problems.append(InvalidInput(field="staff_id", message=f"找不到工作人员 {intake.staff_id}"))
    elif intake.staff_id and window_known and staff_window_id != intake.window_id:
        problems.append(InvalidInput(field="staff_id", message=f"工作人员 {intake.staff_id} 不在窗口 {intake.window_id}"))
    if intake.channel == ComplaintChannel.rating:
        problems += _rating_problems(intake)
    elif intake.category not in CATEGORY_LABELS or intake.category == 1:
        problems.append(InvalidInput(field="category", message="投诉类别应为受理范围第2–7项（第1项为好差评差评）"))
    if intake.channel in EXTERNAL:
        if not intake.ticket_no:
            problems.append(InvalidInput(field="ticket_no", message="12345或信访转办件须填写转办单号"))
        if intake.external_due_at is None:
            problems.append(InvalidInput(field="external_due_at", message="转办件须填写转来时规定的办理期限（投诉处置规定 三(二)2）"))
        elif intake.external_due_at <= intake.received_at:
            problems.append(InvalidInput(field="external_due_at", message="转办期限应晚于收到时间"))
    if intake.channel in GENERAL:
        problems += _contact_problems(intake)
    return problems


def _rating_problems(intake) -> list[CenterError]:
    """一.1: only 1- and 2-star ratings are complaints; the rating and the rated person are known."""
    problems: list[CenterError] = []
    if intake.stars is None:
        problems.append(InvalidInput(field="stars", message="好差评差评须填写星级"))
    elif intake.stars >= 3:
        problems.append(PolicyViolation(rule="complaint.rating_stars", field="stars",
                                        message=f"{intake.stars}星评价不是差评：只有1星、2星评价按投诉处理（投诉处置规定 一.1）"))
    elif intake.stars < 1:
        problems.append(InvalidInput(field="stars", message="星级应为1–5"))
    if not intake.rating_id:
        problems.append(InvalidInput(field="rating_id", message="好差评差评须填写评价编号"))
    if not intake.staff_id:
        problems.append(InvalidInput(field="staff_id", message="好差评差评须填写被评价的工作人员"))
    return problems


def _contact_problems(intake) -> list[CenterError]:
    """三(二)1: 应当记录投诉人姓名、联系方式、投诉内容 — the reply and any explanation go there."""
    problems: list[CenterError] = []
    if not intake.complainant_name:
        problems.append(PolicyViolation(rule="complaint.record_name", field="complainant_name",
                                        message="一般投诉应当记录投诉人姓名（投诉处置规定 三(二)1）"))
    if not intake.complainant_contact:
        problems.append(PolicyViolation(rule="complaint.record_contact", field="complainant_contact",
                                        message="一般投诉须记录联系方式，用于答复投诉人（投诉处置规定 三(二)1）"))
    elif contact_channel(intake.complainant_contact) is None:
        problems.append(InvalidInput(field="complainant_contact", message="联系方式应为手机号码或电子邮箱，用于答复和延期说明"))
    return problems


def intake_key(intake, *, actor: str = "", received_given: bool = True) -> SubmissionKey:
    """What makes two complaints different (issue 19, defect 2): the same channel, window, staff
    member and category, the same complainant and words — or the same external ticket for the same
    window and person; a rating is one complaint whatever else is typed (its id is the 好差评 system's).

    With its received time given, a complaint is identified for ever; without it (the clerk typed
    "now"), the submission and its clerk identify a re-run of the same command within a bounded time
    (models.rules.submission), never the wall-clock minute."""
    if intake.channel == ComplaintChannel.rating:
        return SubmissionKey(f"complaint:rating:{normalise(intake.rating_id)}"[:120], lasting=True)
    who = {"channel": intake.channel, "window": intake.window_id, "staff": intake.staff_id or ""}
    if intake.channel in EXTERNAL:
        return submission_key("complaint", {**who, "ticket": intake.ticket_no}, lasting=True)
    fields = {**who, "category": intake.category, "name": intake.complainant_name,
              "contact": normalize_contact(intake.complainant_contact), "content": intake.content}
    if received_given:
        return submission_key("complaint", {**fields, "received": intake.received_at}, lasting=True)
    return submission_key("complaint", {**fields, "actor": actor})


def case_title(channel: ComplaintChannel, window_name: str, staff_name: str | None) -> str:
    """No personal data of the complainant: titles travel in reminders and logs."""
    return f"{CHANNEL_LABELS[channel]}：{window_name}" + (f" {staff_name}" if staff_name else "")
