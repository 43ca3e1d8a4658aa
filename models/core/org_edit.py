"""Editing the organisation on the web desk: a person's contacts (phone, e-mail) and B post, by the
management section only, each change audited with its actor.

进出管理制度 二.1: the management section keeps the roster (人员登记表, with the contacts the
notifications use); AB岗工作制度 2: every post has an A and a B, and the B is another person on post
at the same window (the rule itself is models.core.roster.check_b_post). Moving people between windows is
not an edit: it stays with the rotation procedure (进出管理制度 二).

The changes are audited under ORG_AUDIT_REF (AuditEvent.case_ref is not a foreign key): one stream
of organisation changes, each naming the person changed in its details.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, select

from models.core.cases import AuditEvent, audit
from models.core.errors import InvalidInput, NotFound, ValidationFailed, raise_all, validated
from models.core.org import ORG_AUDIT_REF, Department, Staff
from models.core.roster import check_b_post
from models.core.workitems import check_management
from models.rules.phones import MOBILE_RULE, PHONE_RULE, MobileNumber, PhoneNumber
from models.rules.text_fields import OneLine

ORG_ACTION_LABELS = {"org:contact": "修改联系方式", "org:b_post": "指定B岗", "org:b_post_cleared": "取消B岗",
                     "org:department_contact": "修改部门领导及联系方式", "org:import": "导入组织架构"}


EMAIL_FORMAT = "应为有效的电子邮箱地址（如 name@example.gov.cn），或留空"


class ContactInput(BaseModel):
    """A person's contacts, as the roster keeps them (the same formats as the 人员登记表 import)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    phone: MobileNumber = Field(default="", max_length=30, title="手机号码", description=f"{MOBILE_RULE}，或留空")
    email: str = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$", title="电子邮箱",
                       description=EMAIL_FORMAT)


class DepartmentContactInput(BaseModel):
    """A department's leader and contacts: the 退回函 and escalations go to them (进出管理制度 三)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    leader: OneLine = Field(default="", max_length=50, title="部门领导")
    phone: PhoneNumber = Field(default="", max_length=30, title="电话", description=f"{PHONE_RULE}，或留空")
    email: str = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$", title="电子邮箱",
                       description=EMAIL_FORMAT)


def parse_contact(*, phone: str, email: str) -> ContactInput:
    return validated(ContactInput, {"phone": phone, "email": email}, rule="org.contact")


def _person(session: Session, staff_id: str) -> Staff:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound(field="工号", value=staff_id)
    return staff


def update_contact(*, session: Session, staff_id: str, phone: str, email: str, actor: str) -> bool:
    """Set a person's phone and e-mail (the management section only). False when nothing changed."""
    check_management(session=session, actor_id=actor, action="修改人员联系方式")
    contact = parse_contact(phone=phone, email=email)
    staff = _person(session, staff_id)
    before = {"phone": staff.phone, "email": staff.email}
    after = contact.model_dump()
    if before == after:
        return False
    staff.phone, staff.email = contact.phone, contact.email
    audit(session=session, case_ref=ORG_AUDIT_REF, actor=actor, action="org:contact",
          details={"staff": staff_id, "before": before, "after": after})
    return True


def set_b_post(*, session: Session, staff_id: str, b_post_id: str | None, actor: str) -> bool:
    """Name a person's B post, or clear it with None (the management section only; AB岗工作制度 2 via
    models.core.roster.check_b_post). False when nothing changed."""
    check_management(session=session, actor_id=actor, action="指定B岗")
    staff = _person(session, staff_id)
    if b_post_id:
        check_b_post(session=session, staff_id=staff_id, b_post_id=b_post_id)
    new = b_post_id or None
    if staff.b_post_id == new:
        return False
    before, staff.b_post_id = staff.b_post_id, new
    audit(session=session, case_ref=ORG_AUDIT_REF, actor=actor, action="org:b_post" if new else "org:b_post_cleared",
          details={"staff": staff_id, "before": before, "after": new})
    return True


def edit_person(*, session: Session, staff_id: str, phone: str, email: str, b_post_id: str | None,
                actor: str) -> list[str]:
    """The desk's one form for a person: contacts and B post, every problem at once, all or nothing.
    Returns the labels of what changed."""
    check_management(session=session, actor_id=actor, action="修改人员信息")
    _person(session, staff_id)
    problems = []
    for check in (lambda: parse_contact(phone=phone, email=email),
                  lambda: b_post_id and check_b_post(session=session, staff_id=staff_id, b_post_id=b_post_id)):
        try:
            check()
        except ValidationFailed as error:
            problems += error.problems
        except InvalidInput as error:
            problems.append(error)
    raise_all(problems)
    changed = []
    if update_contact(session=session, staff_id=staff_id, phone=phone, email=email, actor=actor):
        changed.append("联系方式")
    if set_b_post(session=session, staff_id=staff_id, b_post_id=b_post_id, actor=actor):
        changed.append("B岗")
    return changed


def update_department_contact(*, session: Session, department_id: str, leader: str, phone: str, email: str,
                              actor: str) -> bool:
    """Set a department's leader, phone and e-mail (the management section only). False when unchanged."""
    check_management(session=session, actor_id=actor, action="修改部门联系方式")
    contact = validated(DepartmentContactInput, {"leader": leader, "phone": phone, "email": email},
                        rule="org.department_contact")
    department = session.get(Department, department_id)
    if department is None:
        raise NotFound(field="部门", value=department_id)
    before = {"leader": department.leader, "phone": department.phone, "email": department.email}
    after = contact.model_dump()
    if before == after:
        return False
    department.leader, department.phone, department.email = contact.leader, contact.phone, contact.email
    audit(session=session, case_ref=ORG_AUDIT_REF, actor=actor, action="org:department_contact",
          details={"department": department_id, "before": before, "after": after})
    return True


def org_changes(*, session: Session, staff_id: str | None = None, department_id: str | None = None,
                limit: int = 50) -> list[AuditEvent]:
    """The latest organisation changes (newest first), optionally of one person or one department."""
    events = session.exec(select(AuditEvent).where(AuditEvent.case_ref == ORG_AUDIT_REF)
                          .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())).all()
    return [e for e in events if (staff_id is None or e.details.get("staff") == staff_id)
            and (department_id is None or e.details.get("department") == department_id)][:limit]
