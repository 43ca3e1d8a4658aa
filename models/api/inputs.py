"""The bodies the source systems post (pydantic, Chinese titles for the API's OpenAPI document),
and how each becomes a complaint intake (models.complaint.inputs.ComplaintIntake): the complaint is
registered by the same rules as a clerk's (tasks.complaint.entry.record_intake).

投诉处置规定 二 (channels), 三(二)1 (name, contact, content recorded), 三(二)2 (12345: its own
deadline), 三(二)3 (1–2 star ratings are complaints; 3–5 stars only counted).
"""
from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from models.core.clock import to_local
from models.core.errors import NUL_REFUSED
from models.complaint.rules import ComplaintChannel
from models.rules.submission import normalise
from models.rules.text_fields import MultiLine, OneLine
from models.rules.workdays import in_calendar_range, out_of_range_message

# The API's field names for the intake's (errors name the field the caller sent).
HOTLINE_FIELDS = {"external_due_at": "deadline", "complainant_name": "citizen_name",
                  "complainant_contact": "citizen_contact"}
RATING_FIELDS = {"received_at": "rated_at", "content": "comment", "complainant_contact": "contact"}
BAD_STARS = 2  # 投诉处置规定 一.1: 1星、2星评价 are complaints


def checked_value(value):
    """A posted value as the desk would take it: text without NUL (never stored, on either store), a
    time within the working-day calendar's range (投诉处置规定 三(二)1–3: the time limits count working
    days, which the calendar counts only in FIRST_YEAR–LAST_YEAR: 1999 or 9999 is a typo, refused as
    the desk's forms refuse it, deployments/web/core/dates.py)."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError(NUL_REFUSED)
    if isinstance(value, datetime):
        if not in_calendar_range(value.date()):
            raise ValueError(out_of_range_message(value.date()))
        return to_local(value)
    return value


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="after")
    @classmethod
    def _checked(cls, value):
        return checked_value(value)


class HotlineOrderIn(_Body):
    """12345热线转办工单：工单号为幂等键，同一工单重复报送返回同一案件编号。"""

    ticket_no: OneLine = Field(title="工单号", description="12345工单编号；重复报送以此识别", min_length=1, max_length=60)
    received_at: datetime = Field(title="转办时间", description="中心收到转办的时间（ISO 8601，如 2026-11-20T10:00:00+08:00）")
    deadline: datetime = Field(title="办理期限", description="工单规定的办理期限；只给日期则为当天17:00（投诉处置规定 三(二)2）")
    window_id: OneLine | None = Field(default=None, title="被投诉窗口", description="窗口编号，如 W01；与事项编码至少填一项",
                                      max_length=40)
    matter_code: OneLine | None = Field(default=None, title="事项编码", description="如 QP-RSJ-001；窗口由事项确定",
                                        max_length=40)
    staff_id: OneLine | None = Field(default=None, title="被投诉工作人员", description="工号（工单点名时填写）", max_length=40)
    category: int = Field(title="投诉类别", description="受理范围第2–7项：2未一次性告知 3态度 4缺岗串岗 5廉洁 6失误延期 7其他")
    content: MultiLine = Field(title="工单内容", min_length=1, max_length=2000)
    citizen_name: OneLine = Field(default="", title="市民姓名", max_length=50)
    citizen_contact: OneLine = Field(default="", title="市民联系方式", description="只给办理人看；不出现在给工作人员的短信和日志中",
                                     max_length=120)

    @field_validator("ticket_no", mode="after")
    @classmethod
    def _same_ticket(cls, value: str) -> str:
        """As the case key compares it (NFKC, spaces collapsed): `Ｔ－１００` is `T-100`."""
        return normalise(value)

    def intake(self, window_id: str) -> dict:
        return {"channel": ComplaintChannel.hotline, "received_at": self.received_at, "window_id": window_id,
                "staff_id": self.staff_id, "category": self.category, "content": self.content,
                "complainant_name": self.citizen_name, "complainant_contact": self.citizen_contact,
                "ticket_no": self.ticket_no, "external_due_at": self.deadline}


class RatingIn(_Body):
    """好差评评价：评价编号为幂等键。1星、2星按投诉处理；3–5星只计入月度统计。"""

    rating_id: OneLine = Field(title="评价编号", description="好差评系统的评价编号；重复报送以此识别", min_length=1, max_length=60)
    stars: int = Field(title="星级", description="1–5；1星、2星为差评，按投诉处理（投诉处置规定 一.1）", ge=1, le=5)
    rated_at: datetime = Field(title="评价时间", description="差评自此起算办理时限；下班后或非工作日的从下一个工作日起算")
    window_id: OneLine | None = Field(default=None, title="被评价窗口", description="窗口编号；与事项编码至少填一项", max_length=40)
    matter_code: OneLine | None = Field(default=None, title="事项编码", description="窗口由事项确定", max_length=40)
    staff_id: OneLine | None = Field(default=None, title="被评价工作人员", description="工号；差评必填", max_length=40)
    comment: MultiLine = Field(default="", title="评价内容", description="差评须写明原因", max_length=2000)
    contact: OneLine = Field(default="", title="评价人联系方式", description="评价人留下时填写；只给办理人看", max_length=120)

    @field_validator("rating_id", mode="after")
    @classmethod
    def _same_rating(cls, value: str) -> str:
        """As the case key compares it (NFKC, spaces collapsed): `Ｒ－１` is `R-1`."""
        return normalise(value)

    @property
    def is_bad(self) -> bool:
        return self.stars <= BAD_STARS

    def intake(self, window_id: str) -> dict:
        return {"channel": ComplaintChannel.rating, "received_at": self.rated_at, "window_id": window_id,
                "staff_id": self.staff_id, "content": self.comment, "complainant_contact": self.contact,
                "rating_id": self.rating_id, "stars": self.stars}
