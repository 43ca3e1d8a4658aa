"""IT access requests (cases of kind "it_access"), the configurations allowed (登记备案), and the
violations recorded (cases of kind "it_violation"). IT设备使用管理规定 二 (see models/rules/it_access.py).
"""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field as PydanticField, NaiveDatetime
from sqlmodel import Field, Session, SQLModel, func, select

from models.core.cases import Case, WorkItem
from models.core.errors import NotFound, PolicyViolation, raise_all
from models.core.forms import ApproveForm
from models.rules.it_access import RequestKind, ViolationKind, config_errors


class ItRequestInput(BaseModel):
    """窗口向信息技术科提交的书面申请。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: str = PydanticField(title="窗口编号", min_length=1, max_length=40)
    kind: RequestKind = PydanticField(title="申请事项", description="lan 建立业务局域专网；connect 接入电子政务网络；"
                                                                "change 变更中心部署设备设置")
    device: str = PydanticField(title="设备", description="设备名称或资产编号", min_length=1, max_length=100)
    purpose: str = PydanticField(title="业务需要", min_length=1, max_length=500)


class ItViolationInput(BaseModel):
    """检查发现的一次IT设备违规。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: str = PydanticField(title="窗口编号", min_length=1, max_length=40)
    staff_id: str | None = PydanticField(default=None, title="责任人工号", description="不填则由窗口承担", max_length=40)
    kind: ViolationKind = PydanticField(title="违规类别")
    serious: bool = PydanticField(default=False, title="情节严重")
    observed_on: date = PydanticField(title="发现日期")
    description: str = PydanticField(title="情况", min_length=1, max_length=500)


class ItRequest(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(index=True, max_length=40)
    kind: RequestKind
    device: str = Field(max_length=100)
    purpose: str = Field(max_length=500)


class AllowedConfig(SQLModel, table=True):
    """二(一)3 and 二(二)1 登记备案: the configuration a device must keep (不得自行更改)."""

    id: int | None = Field(default=None, primary_key=True)
    case_ref: str = Field(foreign_key="case.ref", unique=True, max_length=40)
    window_id: str = Field(index=True, max_length=40)
    device: str = Field(max_length=100)
    ip_address: str = Field(default="", index=True, max_length=15)
    gateway: str = Field(default="", max_length=15)
    netmask: str = Field(default="", max_length=15)
    note: str = Field(default="", max_length=500)
    registered_by: str = Field(max_length=40)
    registered_at: NaiveDatetime


class ItViolation(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, index=True, max_length=40)
    kind: ViolationKind
    serious: bool = False
    observed_on: date = Field(index=True)
    description: str = Field(max_length=500)


class ItDecisionForm(ApproveForm):
    """信息技术科审批：同意时登记允许的配置（接入、组网必填）。"""

    ip_address: str = PydanticField(default="", title="IP地址", max_length=15)
    gateway: str = PydanticField(default="", title="网关", max_length=15)
    netmask: str = PydanticField(default="", title="子网掩码", max_length=15)


def get_request(*, session: Session, ref: str) -> tuple[Case, ItRequest]:
    request = session.get(ItRequest, ref)
    if request is None:
        raise NotFound("申请编号", ref)
    return session.get(Case, ref), request


def get_violation(*, session: Session, ref: str) -> tuple[Case, ItViolation]:
    violation = session.get(ItViolation, ref)
    if violation is None:
        raise NotFound("违规编号", ref)
    return session.get(Case, ref), violation


def allowed_configs(*, session: Session, window_id: str | None = None) -> list[AllowedConfig]:
    query = select(AllowedConfig).order_by(AllowedConfig.window_id, AllowedConfig.id)
    if window_id:
        query = query.where(AllowedConfig.window_id == window_id)
    return list(session.exec(query).all())


def serious_deducted(*, session: Session, window_id: str, staff_id: str | None, year: int) -> int:
    """Serious violations of the same responsible party confirmed (deducted) in the year."""
    query = (select(func.count()).select_from(ItViolation).join(Case, Case.ref == ItViolation.case_ref)
             .where(ItViolation.serious.is_(True), Case.status == "deducted",
                    ItViolation.observed_on >= date(year, 1, 1), ItViolation.observed_on <= date(year, 12, 31)))
    query = query.where(ItViolation.staff_id == staff_id) if staff_id else query.where(
        ItViolation.staff_id.is_(None), ItViolation.window_id == window_id)
    return session.exec(query).one()


def check_it_decision(*, session: Session, item: WorkItem, decision: dict) -> None:
    """二(一)3: the configuration is valid, and the address is not allowed to another device already."""
    _, request = get_request(session=session, ref=item.case_ref)
    problems = config_errors(kind=request.kind, approve=decision["approve"], ip_address=decision["ip_address"],
                             gateway=decision["gateway"], netmask=decision["netmask"])
    taken = session.exec(select(AllowedConfig).where(AllowedConfig.ip_address == decision["ip_address"])).first() \
        if decision["approve"] and decision["ip_address"] and not problems else None
    if taken is not None:
        problems.append(PolicyViolation("it.ip_in_use", "ip_address", f"{decision['ip_address']} 已登记给"
                                        f"{taken.window_id} 的设备「{taken.device}」（{taken.case_ref}）"))
    raise_all(problems)


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"it_access_decision": ItDecisionForm}
GUARDS = {"it_access_decision": check_it_decision}
