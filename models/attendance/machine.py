"""An attendance exception's machine (考勤办法 二(一)3, 6; 二(三)1): the person explains it with proof
within the policy's working days, the window head registers it (二(一)6: within two working days), the
management section reviews it — accepted, or not accepted and counted 未正常考勤; not explained in time,
it is 未正常考勤 too. While it waits for the explanation, a recompute that no longer finds it (a punch
supplied by a later import, a leave or training recorded since) closes it as 已消除, with no deduction.
Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.core.procedures import Procedure

OPENED, EXPLAIN, REGISTER, REVIEW = "opened", "explain", "register", "review"
ACCEPTED, IRREGULAR, CLEARED = "accepted", "irregular", "cleared"
STEP_EXPLAIN, STEP_REGISTER, STEP_REVIEW = "explain", "register", "review"

ATTENDANCE = Procedure(
    kind="attendance", label="考勤异常", ref_prefix="KQ", initial=OPENED,
    transitions={(OPENED, "ask"): EXPLAIN, (EXPLAIN, "explained"): REGISTER, (EXPLAIN, "lapse"): IRREGULAR,
                 (EXPLAIN, "clear"): CLEARED,
                 (REGISTER, "registered"): REVIEW, (REVIEW, "accept"): ACCEPTED, (REVIEW, "refuse"): IRREGULAR},
    status_labels={OPENED: "已生成", EXPLAIN: "待本人说明情况并上传证明", REGISTER: "待窗口负责人登记",
                   REVIEW: "待窗口管理科审核", ACCEPTED: "已认可", IRREGULAR: "未正常考勤（已扣分）",
                   CLEARED: "已消除"},
    event_labels={"open": "考勤异常生成", "ask": "通知本人说明", "explained": "说明情况并上传证明",
                  "lapse": "逾期未说明", "clear": "异常已消除", "registered": "窗口负责人登记", "accept": "认可",
                  "refuse": "不予认可", "deduct": "扣分", "attach": "上传证明",
                  f"decide:{STEP_EXPLAIN}": "说明情况", f"decide:{STEP_REGISTER}": "窗口负责人登记",
                  f"decide:{STEP_REVIEW}": "窗口管理科审核"},
    final=frozenset({ACCEPTED, IRREGULAR, CLEARED}),
)


@dataclass(frozen=True)
class Facts:
    status: str
    explained: bool = False  # the person's explanation is recorded
    overdue: bool = False  # the explanation's deadline has passed without it (二(三)1)
    cleared: str = ""  # why the day, computed again, no longer shows the exception; "" while it stands
    registered: bool = False  # the window head registered it (二(一)6)
    accepted: bool | None = None  # the management section's review, None while undecided
    decided_by: str = ""
    decided_at: datetime | None = None
    comment: str = ""


def next_event(facts: Facts) -> str | None:
    """二(一)3 → 二(一)6 → review; 二(三)1: 未在规定时间内提交相应证明的，一律视作未正常考勤. An exception
    no longer found while the person's explanation is awaited is cleared, even past its deadline: there
    is nothing left to prove."""
    if facts.status == OPENED:
        return "ask"
    if facts.status == EXPLAIN:
        return "explained" if facts.explained else "clear" if facts.cleared else "lapse" if facts.overdue else None
    if facts.status == REGISTER and facts.registered:
        return "registered"
    if facts.status == REVIEW and facts.accepted is not None:
        return "accept" if facts.accepted else "refuse"
    return None
