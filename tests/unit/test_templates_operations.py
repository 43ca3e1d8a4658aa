"""The operators' failure alert renders with a sample context."""
from __future__ import annotations

from datetime import datetime

from tasks.core.render import render_email

SAMPLE = {"flow": "办理待办", "run": "brave-fox", "deployment": "decide-work-item", "tags": ["QJ-2026-000001"],
          "state": "失败", "message": "Flow run encountered an exception: Conflict: 待办 7 已由他人办理",
          "at": datetime(2026, 10, 12, 9, 30), "url": "http://127.0.0.1:4200/runs/flow-run/1234"}


def test_the_alert_names_the_flow_the_run_the_case_and_the_reason():
    subject, body = render_email("operator_alert", **SAMPLE)
    assert subject == "流程运行失败：办理待办"
    assert all(text in body for text in ("brave-fox", "2026-10-12 09:30", "QJ-2026-000001", "已由他人办理",
                                          "http://127.0.0.1:4200/runs/flow-run/1234"))


def test_the_alert_leaves_out_what_is_unknown():
    subject, body = render_email("operator_alert", **{**SAMPLE, "deployment": "", "tags": [], "url": ""})
    assert "部署" not in body and "标签" not in body and "详情" not in body
