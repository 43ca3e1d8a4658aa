"""Attendance's decision forms: the person's explanation (二(一)3), the window head's registration
(二(一)6); the management section's review is the generic 同意 (认可) / 不同意 (不予认可)."""
from __future__ import annotations

from enum import StrEnum

from pydantic import Field as PydanticField

from models.core.forms import DecisionForm
from models.rules.text_fields import MultiLine


class Reason(StrEnum):
    """二(一)6: 请假、会议、培训及其他特殊情况的登记."""

    leave = "leave"
    meeting = "meeting"
    training = "training"
    other = "other"


REASON_LABELS = {Reason.leave: "请假", Reason.meeting: "会议", Reason.training: "培训", Reason.other: "其他特殊情况"}


class ExplainForm(DecisionForm):
    """说明情况（考勤办法 二(一)3：需提供相关证明；证明材料在说明页面上传）。"""

    explanation: MultiLine = PydanticField(min_length=1, max_length=2000, title="情况说明")


class RegisterForm(DecisionForm):
    """窗口负责人登记（考勤办法 二(一)6：请假、会议、培训及其他特殊情况的登记）。"""

    reason: Reason = PydanticField(title="登记类别", description="leave 请假；meeting 会议；training 培训；"
                                                              "other 其他特殊情况")
    comment: MultiLine = PydanticField(default="", max_length=2000, title="登记说明")


FORMS = {"attendance_explain": ExplainForm, "attendance_register": RegisterForm}
