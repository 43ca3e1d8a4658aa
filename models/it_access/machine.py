"""The machines of an IT request (decided by the IT section, 二(一)1, 3; 二(二)1) and of a recorded
violation (its deduction decided by the management section, 二(三)6). Pure."""
from __future__ import annotations

from models.core.procedures import Procedure

SUBMITTED, APPROVED, REFUSED = "submitted", "approved", "refused"
REVIEW, DEDUCTED, DISMISSED = "review", "deducted", "dismissed"

IT_ACCESS = Procedure(
    kind="it_access", label="IT设备接入与权限申请", ref_prefix="IT", initial=SUBMITTED,
    transitions={(SUBMITTED, "approve"): APPROVED, (SUBMITTED, "refuse"): REFUSED},
    status_labels={SUBMITTED: "待信息技术科审批", APPROVED: "已批准并登记备案", REFUSED: "未批准"},
    event_labels={"open": "提交申请", "approve": "批准", "refuse": "不批准", "register_config": "登记备案"},
    final=frozenset({APPROVED, REFUSED}),
)

IT_VIOLATION = Procedure(
    kind="it_violation", label="IT设备违规", ref_prefix="WG", initial=REVIEW,
    transitions={(REVIEW, "confirm"): DEDUCTED, (REVIEW, "dismiss"): DISMISSED},
    status_labels={REVIEW: "待窗口管理科审核扣分", DEDUCTED: "已扣分", DISMISSED: "不予扣分"},
    event_labels={"open": "登记违规", "confirm": "确认扣分", "dismiss": "不予扣分", "deduct": "扣分",
                  "withdraw_eligibility": "取消评优资格"},
    final=frozenset({DEDUCTED, DISMISSED}),
)
