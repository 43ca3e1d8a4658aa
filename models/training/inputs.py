"""A training session as its organiser arranges it, and the roll call's decision form (学习培训制度
二, 三.1)."""
from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field as PydanticField, field_validator
from sqlmodel import Session, select

from models.core.cases import WorkItem
from models.core.clock import local_now
from models.core.errors import raise_all
from models.core.forms import DecisionForm
from models.core.org import Role
from models.training.rules import Category, roll_call_errors
from models.training.tables import TrainingAttendee, TrainingSession
from models.rules.text_fields import MultiLine, OneLine


class TrainingInput(BaseModel):
    """一次学习培训：主题、类别、时间、组织科室和应参加人员。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    topic: OneLine = PydanticField(title="主题", min_length=1, max_length=200)
    category: Category = PydanticField(title="类别", description="politics 政治理论；regulations 法规制度；"
                                                                 "etiquette 服务礼仪；skills 业务技能")
    starts_at: datetime = PydanticField(title="开始时间", description="如 2026-10-15 14:00")
    ends_at: datetime = PydanticField(title="结束时间", description="如 2026-10-15 16:00")
    organiser: Role = PydanticField(default=Role.management, title="组织科室",
                                    description="management 窗口管理科；it_section 信息技术科 等中心科室")
    place: OneLine = PydanticField(default="", title="地点", max_length=100)
    staff: list[OneLine] = PydanticField(default_factory=list, title="参加人员工号")
    windows: list[OneLine] = PydanticField(default_factory=list, title="参加窗口", description="窗口全体在岗人员")
    everyone: bool = PydanticField(default=False, title="全体窗口工作人员")


class RollCallForm(DecisionForm):
    """点名结果：出席人员；事先请假的已登记，其余应到人员按无故缺席。"""

    present: str = PydanticField(default="", max_length=2000, title="出席人员工号",
                                 description="逗号分隔，如 S0201,S0202；事先请假的已登记，其余按无故缺席")
    comment: MultiLine = PydanticField(default="", max_length=2000, title="备注")

    @field_validator("present")
    @classmethod
    def _staff_ids(cls, value: str) -> str:
        return ",".join(dict.fromkeys(s for s in re.split(r"[,，、\s]+", value) if s))


def present_ids(decision: dict) -> list[str]:
    return [s for s in decision["present"].split(",") if s]


def check_roll_call(*, session: Session, item: WorkItem, decision: dict) -> None:
    expected = list(session.exec(select(TrainingAttendee.staff_id).where(TrainingAttendee.case_ref == item.case_ref)
                                 .order_by(TrainingAttendee.staff_id)).all())
    training = session.get(TrainingSession, item.case_ref)
    raise_all(roll_call_errors(expected=expected, present=present_ids(decision),
                               called_at=item.decided_at or local_now(), starts_at=training.starts_at))


# Its work items' decision forms, and the checks of a decision that need the case (models/procedures.py).
FORMS = {"training_roll_call": RollCallForm}
GUARDS = {"training_roll_call": check_roll_call}
