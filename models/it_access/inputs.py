"""A window's IT request, a violation as recorded, and the IT section's decision form with its check
against the configurations already registered (IT设备使用管理规定 二)."""
from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field as PydanticField
from sqlmodel import Session, select

from models.core.cases import WorkItem
from models.core.errors import PolicyViolation, raise_all
from models.core.forms import ApproveForm
from models.it_access.rules import RequestKind, ViolationKind, config_errors
from models.it_access.store import get_request
from models.it_access.tables import AllowedConfig
from models.rules.text_fields import MultiLine, OneLine


class ItRequestInput(BaseModel):
    """窗口向信息技术科提交的书面申请。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: OneLine = PydanticField(title="窗口编号", min_length=1, max_length=40)
    kind: RequestKind = PydanticField(title="申请事项", description="lan 建立业务局域专网；connect 接入电子政务网络；"
                                                                "change 变更中心部署设备设置")
    device: OneLine = PydanticField(title="设备", description="设备名称或资产编号", min_length=1, max_length=100)
    purpose: MultiLine = PydanticField(title="业务需要", min_length=1, max_length=500)


class ItViolationInput(BaseModel):
    """检查发现的一次IT设备违规。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: OneLine = PydanticField(title="窗口编号", min_length=1, max_length=40)
    staff_id: OneLine | None = PydanticField(default=None, title="责任人工号", description="不填则由窗口承担", max_length=40)
    kind: ViolationKind = PydanticField(title="违规类别")
    serious: bool = PydanticField(default=False, title="情节严重")
    observed_on: date = PydanticField(title="发现日期")
    description: MultiLine = PydanticField(title="情况", min_length=1, max_length=500)


class ItDecisionForm(ApproveForm):
    """信息技术科审批：同意时登记允许的配置（接入、组网必填）。"""

    ip_address: OneLine = PydanticField(default="", title="IP地址", max_length=15)
    gateway: OneLine = PydanticField(default="", title="网关", max_length=15)
    netmask: OneLine = PydanticField(default="", title="子网掩码", max_length=15)


def check_it_decision(*, session: Session, item: WorkItem, decision: dict) -> None:
    """二(一)3: the configuration is valid, and the address is not allowed to another device already."""
    _, request = get_request(session=session, ref=item.case_ref)
    problems = config_errors(kind=request.kind, approve=decision["approve"], ip_address=decision["ip_address"],
                             gateway=decision["gateway"], netmask=decision["netmask"])
    taken = session.exec(select(AllowedConfig).where(AllowedConfig.ip_address == decision["ip_address"])).first() \
        if decision["approve"] and decision["ip_address"] and not problems else None
    if taken is not None:
        problems.append(PolicyViolation(rule="it.ip_in_use", field="ip_address", message=f"{decision['ip_address']} 已登记给"
                                        f"{taken.window_id} 的设备「{taken.device}」（{taken.case_ref}）"))
    raise_all(problems)


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"it_access_decision": ItDecisionForm}
GUARDS = {"it_access_decision": check_it_decision}
