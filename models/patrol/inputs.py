"""The patrol record as the patroller gives it (窗口巡查制度 三: the items checked; the findings)."""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field as PydanticField

from models.patrol.rules import STANDARD_ITEMS, CheckItem, Finding, PatrolKind
from models.rules.text_fields import MultiLine, OneLine


class FindingInput(BaseModel):
    """巡查发现的一个问题。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    window_id: OneLine = PydanticField(title="窗口编号", description="如 W01", min_length=1, max_length=40)
    staff_id: OneLine | None = PydanticField(default=None, title="所涉工作人员工号",
                                             description="问题涉及个人时填写；评价器、吸烟问题必填", max_length=40)
    item: CheckItem = PydanticField(title="检查项目", description="着装、服务规范礼仪、环境卫生、评价器、禁烟、其他")
    description: MultiLine = PydanticField(title="发现的问题", min_length=1, max_length=500)
    deduct: bool = PydanticField(default=False, title="扣分", description="按扣分标准扣分（吸烟一律扣分）")

    def finding(self) -> Finding:
        return Finding(self.window_id, self.staff_id or None, self.item, self.description, self.deduct)


class PatrolInput(BaseModel):
    """一次巡查：时间、方式、巡查的窗口和发现的问题。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    at: datetime | None = PydanticField(default=None, title="巡查时间", description="如 2026-10-12 09:40；默认现在")
    kind: PatrolKind = PydanticField(title="巡查方式", description="walkthrough 现场巡查；camera 监控抽查")
    windows: list[OneLine] = PydanticField(title="巡查的窗口", description="窗口编号")
    items: list[CheckItem] = PydanticField(default_factory=lambda: list(STANDARD_ITEMS), title="检查项目",
                                           description="在每个巡查的窗口检查的项目；默认着装、服务规范礼仪、"
                                                       "环境卫生、评价器、禁烟全部检查")
    findings: list[FindingInput] = PydanticField(default_factory=list, title="发现的问题")
    note: MultiLine = PydanticField(default="", title="备注", max_length=500)
