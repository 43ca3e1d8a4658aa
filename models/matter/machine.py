"""Matters (事项): the states and transitions of a change request (事项进驻、退出、调整规定 3) and of the
quarterly review of the list (规定 2). Pure: no session, no clock."""
from __future__ import annotations

from models.core.procedures import Procedure

PROCEDURE = Procedure(
    kind="matter", label="事项申请", ref_prefix="SX", initial="filed",
    transitions={("filed", "incomplete"): "incomplete", ("filed", "submit"): "submitted",
                 ("submitted", "forward"): "forwarded", ("submitted", "return"): "returned",
                 ("forwarded", "approve"): "approved", ("forwarded", "reject"): "rejected",
                 ("approved", "publish"): "published"},
    status_labels={"filed": "已申请", "incomplete": "材料不全，已一次性告知", "submitted": "待区政务服务办转办",
                   "forwarded": "待窗口管理科审批", "returned": "区政务服务办退回", "approved": "已批准，待发布",
                   "rejected": "窗口管理科不予同意", "published": "已更新清单并发布"},
    event_labels={"open": "提出申请", "incomplete": "一次性告知", "submit": "报区政务服务办",
                  "forward": "转窗口管理科", "return": "退回部门", "approve": "批准", "reject": "不予同意",
                  "publish": "更新清单并发布办事指南"},
    final=frozenset({"incomplete", "returned", "rejected", "published"}),
)

REVIEW_PROCEDURE = Procedure(
    kind="matter_review", label="事项清单梳理", ref_prefix="SL", initial="open",
    transitions={("open", "close"): "closed"},
    status_labels={"open": "梳理中", "closed": "各窗口已确认"},
    event_labels={"open": "发起梳理", "close": "全部确认"},
    final=frozenset({"closed"}),
)
