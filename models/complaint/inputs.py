"""What people fill in for a complaint: the intake, the extension and the window's findings.

Pydantic models with Chinese titles (ASCII class names), used by the command line, the Prefect
run forms and `center decide`. Field names are the ones the error messages name; they are
validated by the one converter (models.core.errors.validated).
"""
from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from models.core.clock import to_local
from models.core.forms import DecisionForm
from models.complaint.rules import CHANNEL_HELP, VERDICT_LABELS, ComplaintChannel, ComplaintVerdict
from models.rules.text_fields import MultiLine, OneLine


class ComplaintIntake(BaseModel):
    """登记一件投诉（差评）：渠道、时间、被投诉窗口和人员、投诉人和内容。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    channel: ComplaintChannel = Field(title="投诉渠道", description=CHANNEL_HELP)
    received_at: datetime | None = Field(default=None, title="收到时间",
                                         description="默认现在；下班后或非工作日收到的，从下一个工作日起算")
    window_id: OneLine = Field(title="被投诉窗口", description="窗口编号，如 W01", min_length=1, max_length=40)
    staff_id: OneLine | None = Field(default=None, title="被投诉工作人员", description="工号；好差评差评必填",
                                     max_length=40)
    category: int | None = Field(default=None, title="投诉类别",
                                 description="受理范围第2–7项：2未一次性告知 3态度 4缺岗串岗 5廉洁 6失误延期 7其他")
    content: MultiLine = Field(title="投诉内容", min_length=1, max_length=2000)
    complainant_name: OneLine = Field(default="", title="投诉人姓名", description="一般投诉必填", max_length=50)
    complainant_contact: OneLine = Field(default="", title="投诉人联系方式", description="手机号码或电子邮箱；一般投诉必填",
                                         max_length=120)
    rating_id: OneLine | None = Field(default=None, title="好差评评价编号", max_length=60)
    stars: int | None = Field(default=None, title="评价星级", description="只有1星、2星按投诉处理")
    ticket_no: OneLine | None = Field(default=None, title="转办单号", description="12345工单号或信访件编号", max_length=60)
    external_due_at: datetime | None = Field(default=None, title="转办期限",
                                             description="转办单规定的办理期限（只填日期则为当天17:00）")

    @field_validator("received_at", "external_due_at")
    @classmethod
    def _local(cls, value: datetime | None) -> datetime | None:
        return to_local(value) if value else value


class ExtensionRequest(BaseModel):
    """情况复杂不能按期办结：向投诉人说明并延期（一次，最长收到后10个工作日）。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    case_ref: OneLine = Field(title="案件编号", min_length=1, max_length=40)
    reason: MultiLine = Field(default="", title="向投诉人的说明", description="延期原因，将发送给投诉人", max_length=500)
    until: date | None = Field(default=None, title="延至日期", description="不填则为收到后第10个工作日")


class InvestigationForm(DecisionForm):
    """窗口调查核实：核实情况、结论、答复内容。"""

    findings: MultiLine = Field(title="核实情况", min_length=1, max_length=2000)
    verdict: ComplaintVerdict = Field(title="核查结论")
    reply: MultiLine = Field(title="答复内容", min_length=1, max_length=2000)

    @field_validator("verdict", mode="before")
    @classmethod
    def _verdict(cls, value):
        by_label = {label: verdict.value for verdict, label in VERDICT_LABELS.items()}
        value = by_label.get(value, value) if isinstance(value, str) else value  # a list or mapping: refused below
        if not isinstance(value, str) or value not in {v.value for v in ComplaintVerdict}:
            raise ValueError("核查结论应为 substantiated（属实）、partly（部分属实）或 unsubstantiated（不属实）")
        return value


# Its work items' decision forms (models/procedures.py); no decision needs a check against the case.
FORMS = {"complaint_investigation": InvestigationForm}
