"""Checking a complaint as it is filed (投诉处置规定 一, 二, 三(二)1): the channel's own facts,
the people concerned, the complainant's name and contact. Pure; every problem reported at once.
"""
from __future__ import annotations

import re
from datetime import datetime

from models.core.errors import CenterError, InvalidInput, PolicyViolation
from models.rules.submission import SubmissionKey, normalise, submission_key
from models.rules.complaint import CATEGORY_LABELS, CHANNEL_LABELS, EXTERNAL, GENERAL, ComplaintChannel

_MOBILE = re.compile(r"1[3-9]\d{9}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normalize_contact(contact: str) -> str:
    """'139-1234 5678' → '13912345678'; an e-mail address stays as it is."""
    value = (contact or "").strip()
    digits = re.sub(r"[\s\-]", "", value)
    return digits if _MOBILE.fullmatch(digits) else value


def contact_channel(contact: str) -> str | None:
    """'sms' for a mainland mobile number, 'email' for an address, None otherwise."""
    value = normalize_contact(contact)
    if _MOBILE.fullmatch(value):
        return "sms"
    return "email" if _EMAIL.fullmatch(value) else None


def intake_problems(intake, *, window_known: bool, staff_known: bool, staff_window_id: str | None,
                    now: datetime) -> list[CenterError]:
    """Everything wrong with a complaint as filed (一次性告知: all problems at once)."""
    problems: list[CenterError] = []
    if intake.received_at > now:
        problems.append(InvalidInput("received_at", f"收到时间 {intake.received_at:%Y-%m-%d %H:%M} 晚于现在"))
    if not window_known:
        problems.append(InvalidInput("window_id", f"找不到窗口 {intake.window_id}"))
    if intake.staff_id and not staff_known:
        problems.append(InvalidInput("staff_id", f"找不到工作人员 {intake.staff_id}"))
    elif intake.staff_id and window_known and staff_window_id != intake.window_id:
        problems.append(InvalidInput("staff_id", f"工作人员 {intake.staff_id} 不在窗口 {intake.window_id}"))
    if intake.channel == ComplaintChannel.rating:
        problems += _rating_problems(intake)
    elif intake.category not in CATEGORY_LABELS or intake.category == 1:
        problems.append(InvalidInput("category", "投诉类别应为受理范围第2–7项（第1项为好差评差评）"))
    if intake.channel in EXTERNAL:
        if not intake.ticket_no:
            problems.append(InvalidInput("ticket_no", "12345或信访转办件须填写转办单号"))
        if intake.external_due_at is None:
            problems.append(InvalidInput("external_due_at", "转办件须填写转来时规定的办理期限（投诉处置规定 三(二)2）"))
        elif intake.external_due_at <= intake.received_at:
            problems.append(InvalidInput("external_due_at", "转办期限应晚于收到时间"))
    if intake.channel in GENERAL:
        problems += _contact_problems(intake)
    return problems


def _rating_problems(intake) -> list[CenterError]:
    """一.1: only 1- and 2-star ratings are complaints; the rating and the rated person are known."""
    problems: list[CenterError] = []
    if intake.stars is None:
        problems.append(InvalidInput("stars", "好差评差评须填写星级"))
    elif intake.stars >= 3:
        problems.append(PolicyViolation("complaint.rating_stars", "stars",
                                        f"{intake.stars}星评价不是差评：只有1星、2星评价按投诉处理（投诉处置规定 一.1）"))
    elif intake.stars < 1:
        problems.append(InvalidInput("stars", "星级应为1–5"))
    if not intake.rating_id:
        problems.append(InvalidInput("rating_id", "好差评差评须填写评价编号"))
    if not intake.staff_id:
        problems.append(InvalidInput("staff_id", "好差评差评须填写被评价的工作人员"))
    return problems


def _contact_problems(intake) -> list[CenterError]:
    """三(二)1: 应当记录投诉人姓名、联系方式、投诉内容 — the reply and any explanation go there."""
    problems: list[CenterError] = []
    if not intake.complainant_name:
        problems.append(PolicyViolation("complaint.record_name", "complainant_name",
                                        "一般投诉应当记录投诉人姓名（投诉处置规定 三(二)1）"))
    if not intake.complainant_contact:
        problems.append(PolicyViolation("complaint.record_contact", "complainant_contact",
                                        "一般投诉须记录联系方式，用于答复投诉人（投诉处置规定 三(二)1）"))
    elif contact_channel(intake.complainant_contact) is None:
        problems.append(InvalidInput("complainant_contact", "联系方式应为手机号码或电子邮箱，用于答复和延期说明"))
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
