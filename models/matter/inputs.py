"""What a department files for a matter (政务服务事项): the request and its service guide (办事指南).

The same pydantic model is read from the department's YAML/JSON file and shown as the Prefect
run form (Chinese titles, ASCII class names). The guide's public fields all have defaults: a gap
is not a parse error but something the completeness rule lists, all at once (一次性告知制度 2).
"""
from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from models.core.errors import InvalidInput, validated
from models.core.loading import read_text
from models.rules.text_fields import MultiLine, OneLine


class MatterKind(StrEnum):
    immediate = "immediate"  # 即办件 (限时办结制度 3)
    promised = "promised"  # 承诺件 (限时办结制度 4)


class MatterStatus(StrEnum):
    proposed = "proposed"  # 拟进驻: an onboarding request is under way
    active = "active"  # 在办
    changing = "changing"  # 在办，变更/取消/退出申请审批中
    cancelled = "cancelled"  # 已取消
    exited = "exited"  # 已退出
    rejected = "rejected"  # 进驻申请未获批准


class MatterRequestKind(StrEnum):
    onboard = "onboard"  # 进驻
    change = "change"  # 变更
    cancel = "cancel"  # 取消
    exit = "exit"  # 退出


class Original(StrEnum):
    original = "original"  # 原件
    copy = "copy"  # 复印件
    both = "both"  # 原件及复印件


KIND_LABELS = {MatterKind.immediate: "即办件", MatterKind.promised: "承诺件"}
STATUS_LABELS = {MatterStatus.proposed: "拟进驻", MatterStatus.active: "在办",
                 MatterStatus.changing: "在办（申请审批中）", MatterStatus.cancelled: "已取消",
                 MatterStatus.exited: "已退出", MatterStatus.rejected: "未获批准"}
REQUEST_LABELS = {MatterRequestKind.onboard: "进驻", MatterRequestKind.change: "变更", MatterRequestKind.cancel: "取消",
                  MatterRequestKind.exit: "退出"}
ORIGINAL_LABELS = {Original.original: "原件", Original.copy: "复印件", Original.both: "原件及复印件"}
# 事项进驻、退出、调整规定 5: 授权服务窗口依法开展业务咨询、受理申请、协调办理、制证、送达等事项.
SCOPES = ("咨询", "受理", "协调办理", "制证", "送达")


def _from_label(labels: dict, value):
    """Accept the Chinese label (承诺件, 原件 …) as well as the value."""
    if isinstance(value, str):
        return {label: key for key, label in labels.items()}.get(value.strip(), value)
    return value


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Material(_Input):
    """申报材料: name, 规格/样式, copies, original or copy (一次性告知制度 1: 所需的全面材料)."""

    name: OneLine = Field(default="", max_length=100, title="材料名称")
    form: OneLine = Field(default="", max_length=200, title="规格/样式", description="如：A4纸，须加盖公章")
    copies: int = Field(default=1, ge=1, le=99, title="份数")
    original: Original = Field(default=Original.copy, title="原件/复印件",
                               description="原件、复印件或原件及复印件")

    @field_validator("original", mode="before")
    @classmethod
    def _original_label(cls, value):
        return _from_label(ORIGINAL_LABELS, value)

    @property
    def original_label(self) -> str:
        return ORIGINAL_LABELS[self.original]


class TimeLimit(_Input):
    """办理时限, in working days: statutory (法定) and promised (承诺)."""

    statutory_days: int | None = Field(default=None, ge=0, le=365, title="法定时限（工作日）")
    promised_days: int | None = Field(default=None, ge=0, le=365, title="承诺时限（工作日）",
                                      description="即办件填 0 或不填")


class Fees(_Input):
    """收费标准 and its basis (窗口服务信息公开制度 一.1: 收费项目及标准、收费依据)."""

    charged: bool = Field(default=False, title="是否收费")
    standard: OneLine = Field(default="", max_length=500, title="收费项目及标准", description="不收费时可不填")
    basis: MultiLine = Field(default="", max_length=500, title="收费依据")


class Branch(_Input):
    """自设窗口，挂分中心牌子 (事项进驻、退出、调整规定 1): where a matter that cannot move in is handled."""

    name: OneLine = Field(min_length=1, max_length=100, title="自设窗口（分中心）名称")
    address: OneLine = Field(min_length=1, max_length=200, title="地址")


class Guide(_Input):
    """办事指南: the eight public fields (事项进驻、退出、调整规定 4) and the window's approval authority."""

    subject: OneLine = Field(default="", max_length=200, title="办理主体")
    basis: MultiLine = Field(default="", max_length=2000, title="办理依据")
    conditions: MultiLine = Field(default="", max_length=2000, title="办理条件")
    materials: list[Material] = Field(default_factory=list, title="申报材料")
    steps: MultiLine = Field(default="", max_length=2000, title="办理程序")
    time_limit: TimeLimit | None = Field(default=None, title="办理时限")
    fees: Fees | None = Field(default=None, title="收费标准")
    supervision: MultiLine = Field(default="", max_length=500, title="监督渠道", description="如监督电话、投诉窗口")
    approval_authority: MultiLine = Field(default="", max_length=500, title="窗口审批权限")


class MatterRequestForm(_Input):
    """A department's request to onboard, change, cancel or exit a matter (事项进驻、退出、调整规定 3)."""

    request: MatterRequestKind = Field(title="申请类型", description="onboard 进驻、change 变更、cancel 取消、exit 退出")
    code: OneLine = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9_.-]+$", title="事项编码",
                          description="只能包含字母、数字和 - _ .")
    department: OneLine = Field(min_length=1, max_length=40, title="申请部门编号")
    reason: MultiLine = Field(default="", max_length=1000, title="申请理由")
    name: OneLine = Field(default="", max_length=100, title="事项名称", description="取消、退出时可不填")
    window: OneLine | None = Field(default=None, max_length=40, title="进驻窗口编号")
    branch: Branch | None = Field(default=None, title="自设窗口（分中心）",
                                  description="不能进驻中心的事项在此填写，不填进驻窗口")
    kind: MatterKind = Field(default=MatterKind.promised, title="办件类型", description="即办件或承诺件")
    scope: list[OneLine] = Field(default_factory=list, title="窗口授权范围",
                             description="咨询、受理、协调办理、制证、送达")
    guide: Guide = Field(default_factory=Guide, title="办事指南")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_label(cls, value):
        return _from_label(KIND_LABELS, value)

    @field_validator("request", mode="before")
    @classmethod
    def _request_label(cls, value):
        return _from_label(REQUEST_LABELS, value)

    @property
    def carries_guide(self) -> bool:
        return self.request in (MatterRequestKind.onboard, MatterRequestKind.change)


def parse_request(data: object) -> MatterRequestForm:
    """Every structural problem of the file at once, in Chinese, naming each field by its key in the
    file and its title (the one converter, models.core.errors.validated)."""
    return validated(MatterRequestForm, data)


def read_request(path: Path) -> MatterRequestForm:
    """A request from a YAML or JSON file (see examples/matters/)."""
    text = read_text(path, "申请文件")
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(text)
        elif suffix in (".yaml", ".yml"):
            data = yaml.safe_load(text)
        else:
            raise InvalidInput(field="申请文件", message="只接受 .yaml、.yml 或 .json 文件")
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        raise InvalidInput(field="申请文件", message=f"格式错误：{error}") from None
    if not isinstance(data, dict):
        raise InvalidInput(field="申请文件", message="顶层应为映射（request、code、department、guide …）")
    return parse_request(data)
