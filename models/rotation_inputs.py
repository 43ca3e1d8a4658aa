"""What a department's written notice (公函) of a rotation says, and the other staffing requests:
the parameters of the flows (Chinese titles for the Prefect run form) and of the CLI.

进出管理制度 二.1 (《青浦区行政服务中心人员登记表》), 二.2 (公函), 二.3 (实习生), 四.1 (党、团组织关系
须转入中心), 四.2 (短期借调).
"""
from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from models.core.clock import to_local
from models.core.errors import InvalidInput, ValidationFailed, reason_of
from models.core.org import Employment

_ID = dict(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$")


class PoliticalStatus(StrEnum):
    party_member = "party_member"  # 中共党员
    league_member = "league_member"  # 共青团员
    masses = "masses"  # 群众
    other = "other"  # 其他


POLITICAL_LABELS = {PoliticalStatus.party_member: "中共党员", PoliticalStatus.league_member: "共青团员",
                    PoliticalStatus.masses: "群众", PoliticalStatus.other: "其他"}
EMPLOYMENT_LABELS = {Employment.civil_servant: "在编公务员", Employment.institution: "事业单位在职人员",
                     Employment.other: "其他"}


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ArrivalInput(_Input):
    """One person arriving at a window: the facts of the 人员登记表."""

    staff_id: str = Field(title="工号", description="新进驻人员的工号", **_ID)
    name: str = Field(title="姓名", min_length=1, max_length=50)
    gender: Literal["", "男", "女"] = Field(default="", title="性别")
    birth_date: date | None = Field(default=None, title="出生日期")
    political_status: PoliticalStatus = Field(default=PoliticalStatus.masses, title="政治面貌",
                                              description="党员、团员的组织关系须转入中心（进出管理制度 四.1）")
    education: str = Field(default="", max_length=50, title="学历")
    employment: Employment = Field(default=Employment.civil_servant, title="人员性质",
                                   description="原则上为本部门在编公务员或事业单位在职人员（进出管理制度 一.1）")
    department_id: str = Field(default="", max_length=40, title="派出部门编号", description="空则为窗口所属部门")
    position: str = Field(default="", max_length=50, title="原职务")
    qualification: str = Field(default="", max_length=200, title="资质或资格",
                               description="行使审批职能须具备的资质（进出管理制度 一.4）")
    phone: str = Field(default="", max_length=30, pattern=r"^(1\d{10})?$", title="手机号码")
    email: str = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$", title="电子邮箱")
    intern: bool = Field(default=False, title="实习生", description="实习生须经中心同意，原则上不单独受理业务")

    @property
    def transfers_membership(self) -> bool:
        return self.political_status in (PoliticalStatus.party_member, PoliticalStatus.league_member)


class RotationProposalInput(_Input):
    """A department's written notice proposing a rotation for one window."""

    window_id: str = Field(title="窗口编号", **_ID)
    notice_ref: str = Field(title="公函文号", min_length=1, max_length=100)
    notice_received: datetime = Field(title="公函收到时间", description="中心收到书面公函的时间")
    effective_date: date = Field(title="生效日期", description="人员变动生效之日")
    leaving: list[str] = Field(default_factory=list, title="调离人员工号")
    arriving: list[ArrivalInput] = Field(default_factory=list, title="进驻人员")
    note: str = Field(default="", max_length=500, title="说明")

    @field_validator("notice_received")
    @classmethod
    def _local_time(cls, value: datetime) -> datetime:
        return to_local(value)  # the store keeps naive Asia/Shanghai times


class SecondmentInput(_Input):
    """A request to second a window's staff member back to the home department for a short time."""

    staff_id: str = Field(title="借调人员工号", **_ID)
    start: date = Field(title="借调开始日期")
    end: date = Field(title="借调结束日期", description="此日之后返岗")
    reason: str = Field(title="借调事由", min_length=1, max_length=500)


class InternInput(_Input):
    """A department's intern placed at a window (reported by the window head)."""

    window_id: str = Field(title="窗口编号", **_ID)
    person: ArrivalInput = Field(title="实习生")
    start: date = Field(title="实习开始日期")
    end: date = Field(title="实习结束日期")
    reason: str = Field(default="", max_length=500, title="说明")


def case_key(submission: RotationProposalInput | SecondmentInput | InternInput) -> str:
    """The identity of the case a submission opens (its idempotency key): the same department
    notice, the same person's secondment from a date, the same intern — submitted again, the same case."""
    if isinstance(submission, RotationProposalInput):
        return f"rotation:{submission.window_id}:{submission.notice_ref}"
    if isinstance(submission, SecondmentInput):
        return f"secondment:{submission.staff_id}:{submission.start.isoformat()}"
    return f"intern:{submission.person.staff_id}"


def parse_input(model: type[_Input], data: dict) -> _Input:
    """Validate, or raise every problem at once in Chinese, naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [InvalidInput(".".join(map(str, e["loc"])) or "?",
                                 "必填" if e["type"] == "missing" else f"格式无效（{reason_of(e)}）")
                    for e in error.errors()]
        raise (ValidationFailed(problems) if len(problems) > 1 else problems[0]) from None
