"""The 人员登记表: one person arriving at a window, whichever case brings them (a rotation's arrival, an
intern, a returned person's replacement: tasks/core/posting.py records it). 进出管理制度 一.1, 一.4, 四.1."""
from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from models.core.org import Employment
from models.rules.phones import MobileNumber
from models.rules.text_fields import OneLine


class PoliticalStatus(StrEnum):
    party_member = "party_member"  # 中共党员
    league_member = "league_member"  # 共青团员
    masses = "masses"  # 群众
    other = "other"  # 其他


POLITICAL_LABELS = {PoliticalStatus.party_member: "中共党员", PoliticalStatus.league_member: "共青团员",
                    PoliticalStatus.masses: "群众", PoliticalStatus.other: "其他"}
EMPLOYMENT_LABELS = {Employment.civil_servant: "在编公务员", Employment.institution: "事业单位在职人员",
                     Employment.other: "其他"}


class ArrivalInput(BaseModel):
    """One person arriving at a window: the facts of the 人员登记表."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    staff_id: OneLine = Field(title="工号", description="新进驻人员的工号", min_length=1, max_length=40,
                              pattern=r"^[A-Za-z0-9_.-]+$")
    name: OneLine = Field(title="姓名", min_length=1, max_length=50)
    gender: Literal["", "男", "女"] = Field(default="", title="性别")
    # Not counted in working days: outside the calendar's range (deployments/web/core/dates.py) is no typo.
    birth_date: date | None = Field(default=None, title="出生日期", json_schema_extra={"calendar": False})
    political_status: PoliticalStatus = Field(default=PoliticalStatus.masses, title="政治面貌",
                                              description="党员、团员的组织关系须转入中心（进出管理制度 四.1）")
    education: OneLine = Field(default="", max_length=50, title="学历")
    employment: Employment = Field(default=Employment.civil_servant, title="人员性质",
                                   description="原则上为本部门在编公务员或事业单位在职人员（进出管理制度 一.1）")
    department_id: OneLine = Field(default="", max_length=40, title="派出部门编号", description="空则为窗口所属部门")
    position: OneLine = Field(default="", max_length=50, title="原职务")
    qualification: OneLine = Field(default="", max_length=200, title="资质或资格",
                                   description="行使审批职能须具备的资质（进出管理制度 一.4）")
    phone: MobileNumber = Field(default="", max_length=30, title="手机号码")
    email: OneLine = Field(default="", max_length=120, pattern=r"^([^@\s]+@[^@\s]+)?$", title="电子邮箱")
    intern: bool = Field(default=False, title="实习生", description="实习生须经中心同意，原则上不单独受理业务")

    @property
    def transfers_membership(self) -> bool:
        return self.political_status in (PoliticalStatus.party_member, PoliticalStatus.league_member)
