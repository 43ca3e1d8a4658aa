"""The patrol's machine: a patrol is recorded once, with its findings and deductions, and stays
recorded (窗口巡查制度 一: 窗口管理科负责…日常监督检查). Pure."""
from __future__ import annotations

from models.core.procedures import Procedure

RECORDED = "recorded"

PATROL = Procedure(
    kind="patrol", label="窗口巡查", ref_prefix="XC", initial=RECORDED, transitions={},
    status_labels={RECORDED: "已记录"},
    event_labels={"open": "记录巡查", "deduct": "扣分", "withdraw_eligibility": "取消评优资格"},
    final=frozenset({RECORDED}),
)
