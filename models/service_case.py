"""Service cases at the window: the case details, the one-time notices and the window check
(首问负责制度, 一次性告知制度, 限时办结制度)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, NaiveDatetime, field_validator
from pydantic import Field as InputField
from sqlalchemy import JSON, Column, UniqueConstraint
from sqlalchemy import Enum as SAEnum
from sqlmodel import Field, Session, SQLModel, func, select

from models.core.cases import Case, get_case
from models.core.errors import NotFound, PermissionDenied
from models.matter.guides import CurrentGuide, current_guide
from models.matter.inputs import Material
from models.core.org import Staff, StaffStatus, Window
from models.core.recipients import window_head
from models.rules.complaint_intake import contact_channel, normalize_contact
from models.rules.service_case import SERVICE_CASE, Channel, window_problem
from models.rules.workdays import WorkdayCalendar
from models.core.settings import Policy
from models.core.sweep import Notice


class ServiceIntake(BaseModel):
    """A request at a window, by phone or online (首问负责制度 一)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    applicant: str = InputField(min_length=1, max_length=100, title="申请人", description="个人姓名或单位名称")
    phone: str = InputField(default="", max_length=20, title="手机号码", description="用于短信告知申请人")
    email: str = InputField(default="", max_length=120, title="电子邮箱", description="用于邮件告知申请人")
    matter_code: str = InputField(min_length=1, max_length=40, title="事项编码", description="事项清单中的编码")
    channel: Channel = InputField(default=Channel.window, title="渠道", description="window 窗口、phone 电话、online 网络")

    @field_validator("phone")
    @classmethod
    def _mobile(cls, value: str) -> str:
        if value and contact_channel(value) != "sms":
            raise ValueError("应为11位手机号码")
        return normalize_contact(value)

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and contact_channel(value) != "email":
            raise ValueError("电子邮箱格式不正确")
        return value


class ServiceExtension(BaseModel):
    """延期办结（限时办结制度 5）：理由、延期的工作日数、申请人的同意。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    case_ref: str = InputField(min_length=1, max_length=40, title="办件编号")
    days: int = InputField(title="延期工作日数", description="自原办结期限起顺延的工作日数")
    reason: str = InputField(default="", max_length=500, title="延期理由", description="将告知申请人")
    consent: bool = InputField(default=False, title="申请人已同意",
                               description="已向申请人说明延期理由和具体时间，并取得其同意")


class ServiceCase(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    applicant: str = Field(max_length=100)
    phone: str = Field(default="", max_length=20)
    email: str = Field(default="", max_length=120)
    # Named: by default the type is called "channel" like the outbox's, and PostgreSQL keeps one type per name.
    channel: Channel = Field(sa_column=Column(SAEnum(Channel, name="servicechannel"), nullable=False))
    owner_id: str = Field(index=True, max_length=40)  # 首问责任人
    matter_code: str = Field(index=True, max_length=40)
    matter_name: str = Field(max_length=200)
    matter_version: int
    matter_kind: str = Field(max_length=20)
    promised_days: int | None = None
    referred_window: str = Field(default="", max_length=100)
    referred_department: str = Field(default="", max_length=100)
    referred_contact: str = Field(default="", max_length=100)
    outstanding: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    accepted_at: NaiveDatetime | None = None
    completed_at: NaiveDatetime | None = None
    extended_days: int = 0


class OneTimeNotice(SQLModel, table=True):
    """一次性告知书: the missing items as listed, numbered per case."""

    __table_args__ = (UniqueConstraint("case_ref", "number", name="uq_notice_number"),)
    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", index=True, max_length=40)
    number: int
    items: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    issued_by: str = Field(max_length=40)
    issued_at: NaiveDatetime
    delivery: str = Field(default="printed", max_length=20)


def get_service_case(*, session: Session, ref: str) -> tuple[Case, ServiceCase]:
    case = get_case(session=session, ref=ref)
    record = session.get(ServiceCase, ref)
    if case.kind != SERVICE_CASE.kind or record is None:
        raise NotFound("窗口办件编号", ref)
    return case, record


def notices_of(*, session: Session, case_ref: str) -> list[OneTimeNotice]:
    return list(session.exec(select(OneTimeNotice).where(OneTimeNotice.case_ref == case_ref)
                             .order_by(OneTimeNotice.number)).all())


def materials_to_check(*, session: Session, record: ServiceCase) -> tuple[CurrentGuide, list[Material]]:
    """一次性告知制度 2: a first visit checks every material of the guide; once a notice was issued,
    a return visit checks only the items still outstanding from it."""
    guide = current_guide(session=session, code=record.matter_code)
    if not notices_of(session=session, case_ref=record.case_ref):
        return guide, list(guide.materials)
    return guide, [m for m in guide.materials if m.name in record.outstanding]


def check_window_staff(*, session: Session, actor_id: str, window_id: str | None, action: str) -> Staff:
    """首问负责制度; 限时办结制度 2: only the staff of the window concerned act on its cases."""
    staff = session.get(Staff, actor_id)
    if staff is None:
        raise NotFound("办理人(--as)", actor_id)
    reason = window_problem(staff.window_id, staff.status == StaffStatus.active, window_id)
    if reason:
        raise PermissionDenied(actor_id, action, reason)
    return staff


def month_facts(*, session: Session, start: datetime, end: datetime) -> tuple[list[dict], int]:
    """The cases opened in [start, end) as dicts for `month_summary`, and the notices issued then."""
    rows = session.exec(select(Case, ServiceCase).join(ServiceCase, ServiceCase.case_ref == Case.ref)
                        .where(Case.opened_at >= start, Case.opened_at < end)).all()
    windows = {w.id: w.name for w in session.exec(select(Window)).all()}
    cases = [{"window": windows.get(case.window_id, case.window_id or ""), "matter": record.matter_name,
              "status": case.status, "due_at": case.due_at, "completed_at": record.completed_at,
              "at_once": record.completed_at is not None and record.completed_at == record.accepted_at}
             for case, record in rows]
    notices = session.exec(select(func.count()).select_from(OneTimeNotice)
                           .where(OneTimeNotice.issued_at >= start, OneTimeNotice.issued_at < end)).one()
    return cases, notices


def service_case_due_soon(session: Session, as_of: datetime, calendar: WorkdayCalendar,
                          policy: Policy) -> list[Notice]:
    """限时办结制度 2: the window head answers for completion on time, so the head is reminded with the
    owner (whom the generic work-item rule reminds); keyed by the due date, so an extended case is
    reminded again before its new date. Escalation stays with the generic rule."""
    horizon = datetime.combine(calendar.add_working_days(as_of.date(), policy.remind_days_before),
                               policy.office_close)
    rows = session.exec(select(Case).where(Case.kind == SERVICE_CASE.kind, Case.status == "accepted",
                                           Case.due_at >= as_of, Case.due_at <= horizon)).all()
    return [Notice(key=f"{case.ref}:due{case.due_at:%Y%m%d%H%M}:remind", procedure=SERVICE_CASE.kind,
                   case_ref=case.ref, level="remind", template="workitem_reminder",
                   recipients=window_head(session=session, window_id=case.window_id),
                   context={"case_ref": case.ref, "case_title": case.title, "step": f"限时办结：{case.title}",
                            "due_at": case.due_at, "provisional": case.due_provisional}, due_at=case.due_at)
            for case in rows]


# What the deadline sweep asks of this procedure (models/procedures.py).
SWEEP_RULES = [service_case_due_soon]
