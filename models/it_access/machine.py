"""The machines of an IT request (decided by the IT section, 二(一)1, 3; 二(二)1) and of a recorded
violation (its deduction decided by the management section, 二(三)6). Pure."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.core.procedures import Procedure, SendBack

SUBMITTED, APPROVED, REFUSED, WITHDRAWN = "submitted", "approved", "refused", "withdrawn"
REVIEW, DEDUCTED, DISMISSED = "review", "deducted", "dismissed"

IT_ACCESS = Procedure(
    kind="it_access", label="IT设备接入与权限申请", ref_prefix="IT", initial=SUBMITTED,
    transitions={(SUBMITTED, "approve"): APPROVED, (SUBMITTED, "refuse"): REFUSED,
                 (SUBMITTED, "withdraw"): WITHDRAWN},  # the applicant, before the IT section decides
    status_labels={SUBMITTED: "待信息技术科审批", APPROVED: "已批准并登记备案", REFUSED: "未批准", WITHDRAWN: "已撤回"},
    event_labels={"open": "提交申请", "approve": "批准", "refuse": "不批准", "register_config": "登记备案",
                  "withdraw": "撤回"},
    final=frozenset({APPROVED, REFUSED, WITHDRAWN}),
    # 退回修改: the IT section sends the request back to the applicant, who corrects its purpose.
    send_back=(SendBack(step="decide", status=SUBMITTED, amend="models.it_access.tables:ItRequest.purpose"),),
)

IT_VIOLATION = Procedure(
    kind="it_violation", label="IT设备违规", ref_prefix="WG", initial=REVIEW,
    transitions={(REVIEW, "confirm"): DEDUCTED, (REVIEW, "dismiss"): DISMISSED},
    status_labels={REVIEW: "待窗口管理科审核扣分", DEDUCTED: "已扣分", DISMISSED: "不予扣分"},
    event_labels={"open": "登记违规", "confirm": "确认扣分", "dismiss": "不予扣分", "deduct": "扣分",
                  "withdraw_eligibility": "取消评优资格"},
    final=frozenset({DEDUCTED, DISMISSED}),
)


@dataclass(frozen=True)
class Facts:
    """What a step reads of a request or a violation: its status and the decision of its one person's
    step (the IT section's 审批, the management section's 审核) — None until it is made."""

    status: str
    decision: dict | None = None
    decided_by: str = ""
    decided_at: datetime | None = None


def next_request_event(facts: Facts) -> str | None:
    """二(一)1, 3; 二(二)1: the IT section's decision approves or refuses the request."""
    if facts.status != SUBMITTED or facts.decision is None:
        return None
    return "approve" if facts.decision["approve"] else "refuse"


def next_violation_event(facts: Facts) -> str | None:
    """二(三)6: the management section confirms the deduction, or dismisses it."""
    if facts.status != REVIEW or facts.decision is None:
        return None
    return "confirm" if facts.decision["approve"] else "dismiss"
