"""What people fill in for a service case: the intake (首问负责制度 一) and the extension (限时办结制度 5).

Pydantic models with Chinese titles, validated by the one converter (models.core.errors.validated).
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic import Field as InputField

from models.service_case.rules import Channel
from models.rules.phones import MobileNumber, contact_channel
from models.rules.text_fields import MultiLine, OneLine


class ServiceIntake(BaseModel):
    """A request at a window, by phone or online (首问负责制度 一)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    applicant: OneLine = InputField(min_length=1, max_length=100, title="申请人", description="个人姓名或单位名称")
    phone: MobileNumber = InputField(default="", max_length=30, title="手机号码", description="用于短信告知申请人")
    email: OneLine = InputField(default="", max_length=120, title="电子邮箱", description="用于邮件告知申请人")
    matter_code: OneLine = InputField(min_length=1, max_length=40, title="事项编码", description="事项清单中的编码")
    channel: Channel = InputField(default=Channel.window, title="渠道", description="window 窗口、phone 电话、online 网络")

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and contact_channel(value) != "email":
            raise ValueError("电子邮箱格式不正确")
        return value


class ServiceExtension(BaseModel):
    """延期办结（限时办结制度 5）：理由、延期的工作日数、申请人的同意。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    case_ref: OneLine = InputField(min_length=1, max_length=40, title="办件编号")
    days: int = InputField(title="延期工作日数", description="自原办结期限起顺延的工作日数")
    reason: MultiLine = InputField(default="", max_length=500, title="延期理由", description="将告知申请人")
    consent: bool = InputField(default=False, title="申请人已同意",
                               description="已向申请人说明延期理由和具体时间，并取得其同意")
