"""Who confirms which part of the matter list in the quarterly review (事项进驻、退出、调整规定 2:
窗口对进驻事项应实行清单式管理，定期进行梳理汇总): every center window, and each department's
branch windows (自设窗口，挂分中心牌子, 规定 1: 由行政服务中心统一管理和指导).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from models.matter.inputs import KIND_LABELS, STATUS_LABELS
from models.matter.store import list_matters
from models.matter.tables import Matter
from models.core.org import Department, Role, Window
from models.core.recipients import Recipient, leader_of, window_head


@dataclass
class ReviewUnit:
    key: str  # W01, or branch-<department> for a department's branch windows
    title: str
    role: Role
    window_id: str | None = None
    department_id: str | None = None
    matters: list[dict] = field(default_factory=list)

    def recipients(self, session: Session) -> list[Recipient]:
        if self.window_id:
            return window_head(session=session, window_id=self.window_id)
        return leader_of(session=session, department_id=self.department_id)


def _row(matter: Matter) -> dict:
    return {"code": matter.code, "name": matter.name, "kind": KIND_LABELS[matter.kind],
            "status": STATUS_LABELS[matter.status], "version": matter.current_version}


def review_units(*, session: Session) -> list[ReviewUnit]:
    """One unit per center window (even one with no matter yet: it confirms an empty list), then
    one per department that has matters at branch windows."""
    units = {w.id: ReviewUnit(key=w.id, title=f"{w.id} {w.name}", role=Role.head, window_id=w.id)
             for w in session.exec(select(Window).order_by(Window.id)).all()}
    for matter in list_matters(session=session, in_service_only=True):
        if matter.window_id:
            units[matter.window_id].matters.append(_row(matter))
            continue
        key = f"branch-{matter.department_id}"
        if key not in units:
            name = session.get(Department, matter.department_id).name
            units[key] = ReviewUnit(key=key, title=f"{name}自设窗口（分中心）", role=Role.department,
                                    department_id=matter.department_id)
        units[key].matters.append(_row(matter))
    return list(units.values())
