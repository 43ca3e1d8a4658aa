"""What the source systems post in the tests, and how they authenticate."""
from __future__ import annotations

from models.api.keys import issue_key
from models.core.db import session_scope

CITIZEN, CONTACT = "欧阳晓梅", "13700009876"
# Friday 2026-11-20 after office hours; the order's own deadline is a date (→ 17:00 that day).
ORDER = {"ticket_no": "12345-2026-110001", "received_at": "2026-11-20T18:30:00+08:00", "deadline": "2026-11-27",
         "window_id": "W01", "staff_id": "S0102", "category": 3,
         "content": "市民反映在社保窗口办理失业登记时工作人员态度生硬。", "citizen_name": CITIZEN,
         "citizen_contact": CONTACT}
BAD_RATING = {"rating_id": "HCP-2026-11-0001", "stars": 1, "rated_at": "2026-11-20T18:10:00+08:00",
              "window_id": "W01", "staff_id": "S0103", "comment": "等了很久，态度冷淡", "contact": "13700005555"}
GOOD_RATING = {"rating_id": "HCP-2026-11-0002", "stars": 5, "rated_at": "2026-11-20T10:00:00+08:00",
               "window_id": "W01", "staff_id": "S0103", "comment": "办事很快"}


def issue(system: str, actor: str = "G001", **kwargs) -> str:
    with session_scope() as session:
        return issue_key(session=session, system=system, actor=actor, **kwargs)[1]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
