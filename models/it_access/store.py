"""The IT registers in the store: requests and violations by reference, the configurations allowed,
the serious violations deducted in a year (IT设备使用管理规定 二(三)6).
"""
from __future__ import annotations

from datetime import date

from sqlmodel import Session, func, select

from models.core.cases import Case
from models.core.errors import InvalidInput, NotFound
from models.core.org import Window
from models.core.procedures import Recorded
from models.core.workitems import decided_item
from models.it_access.machine import DEDUCTED, Facts
from models.it_access.tables import AllowedConfig, ItRequest, ItViolation


def window_of(*, session: Session, window_id: str) -> Window:
    window = session.get(Window, window_id)
    if window is None:
        raise InvalidInput(field="窗口", message=f"窗口 {window_id} 不存在")
    return window


def get_request(*, session: Session, ref: str) -> tuple[Case, ItRequest]:
    request = session.get(ItRequest, ref)
    if request is None:
        raise NotFound(field="申请编号", value=ref)
    return session.get(Case, ref), request


def get_violation(*, session: Session, ref: str) -> tuple[Case, ItViolation]:
    violation = session.get(ItViolation, ref)
    if violation is None:
        raise NotFound(field="违规编号", value=ref)
    return session.get(Case, ref), violation


def configs_query(window_id: str | None = None):
    """二(一)3 登记备案: the registered configurations (of one window), by window then registration —
    the order of the index on window_id (its rows by id)."""
    query = select(AllowedConfig).order_by(AllowedConfig.window_id, AllowedConfig.id)
    return query.where(AllowedConfig.window_id == window_id) if window_id else query


def allowed_configs(*, session: Session, window_id: str | None = None) -> list[AllowedConfig]:
    return list(session.exec(configs_query(window_id)).all())


def serious_deducted(*, session: Session, window_id: str, staff_id: str | None, year: int) -> int:
    """Serious violations of the same responsible party confirmed (deducted) in the year."""
    query = (select(func.count()).select_from(ItViolation).join(Case, Case.ref == ItViolation.case_ref)
             .where(ItViolation.serious.is_(True), Case.status == DEDUCTED,
                    ItViolation.observed_on >= date(year, 1, 1), ItViolation.observed_on <= date(year, 12, 31)))
    query = query.where(ItViolation.staff_id == staff_id) if staff_id else query.where(
        ItViolation.staff_id.is_(None), ItViolation.window_id == window_id)
    return session.exec(query).one()


def _facts(session: Session, case: Case, step: str) -> Facts:
    item = decided_item(session=session, case_ref=case.ref, step=step)
    return Facts(case.status) if item is None else Facts(case.status, item.decision, item.decided_by, item.decided_at)


def request_facts(*, session: Session, case: Case, now) -> Facts:
    """The IT section's decision (step "decide"), once made."""
    return _facts(session, case, "decide")


def violation_facts(*, session: Session, case: Case, now) -> Facts:
    """The management section's review of the deduction (step "review"), once made."""
    return _facts(session, case, "review")


def by_the_decider(facts: Facts) -> Recorded:
    """A decision's event is the decider's, with their comment."""
    return Recorded(actor=facts.decided_by, details={"comment": facts.decision["comment"]})
