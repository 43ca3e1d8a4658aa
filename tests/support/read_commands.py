"""The case the read-only commands are measured and checked on (tests/unit/test_cli_imports.py,
bench/bench_cli.py): a service case of window W01, its head's work item and a queued message."""
from __future__ import annotations

from datetime import datetime


def sample_case() -> str:
    from models.core.cases import open_case
    from models.core.db import session_scope
    from models.core.org import Role
    from models.core.outbox import Channel, enqueue
    from models.core.workitems import open_work_item

    with session_scope() as session:
        case, _ = open_case(session=session, kind="service", actor="S0102", title="失业登记", policy={},
                            window_id="W01", at=datetime(2026, 10, 12, 9))
        open_work_item(session=session, key=f"{case.ref}:review", case_ref=case.ref, step="review",
                       title="负责人审核", role=Role.head, window_id="W01", due_at=datetime(2026, 10, 13, 17))
        enqueue(session=session, key=f"{case.ref}:opened:S0101:sms", channel=Channel.sms, address="13800000000",
                title="", body="新待办：负责人审核", case_ref=case.ref, recipient_label="窗口负责人")
        return case.ref
