"""A rotation (调整/轮换) on its case page, as the management section decides it (进出管理制度 二.2): the
department's notice (公函文号, when it came, the effective date), who leaves and who arrives with every
fact filed for them, and each rule check with its clause and verdict — the checks as the review's
guard judges them now (models.rotation.inputs.review_guard: recheck, so the quarter's count includes
rotations approved since), as recorded once the case is decided."""
from __future__ import annotations

from sqlmodel import Session

from deployments.web.core.auth import Viewer
from deployments.web.core.filled_in import filled_in
from models.core.cases import Case
from models.core.settings import Policy

VERDICT = {True: "通过", False: "未通过"}


def _check_row(check: dict) -> tuple[str, str]:
    """(规定检查：label, verdict — detail（clause）); a flag is shown, never a failure."""
    verdict = "提示" if check.get("flag") else VERDICT[check["passed"]]
    hard = "" if check["passed"] or check.get("overridable", True) else "（必须遵守，不可例外批准）"
    return f"规定检查：{check['label']}", f"{verdict} — {check['detail']}（{check['clause']}）{hard}"


def rotation_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from deployments.web.core.case_details import staff_name
    from models.core.arrivals import ArrivalInput
    from models.rotation.machine import REVIEW
    from models.rotation.store import members, recheck
    from models.rotation.tables import RotationProposal

    proposal = session.get(RotationProposal, case.ref)
    if proposal is None:
        return []
    rows = [("窗口", proposal.window_id), ("公函文号", proposal.notice_ref),
            ("公函收到时间", f"{proposal.notice_received_at:%Y-%m-%d %H:%M}"),
            ("生效日期", str(proposal.effective_date)), ("所属季度", proposal.quarter)]
    leaving = members(session=session, case_ref=case.ref, direction="leave")
    rows.append(("调离人员", "、".join(staff_name(session, m.staff_id) for m in leaving) or "—"))
    arriving = members(session=session, case_ref=case.ref, direction="arrive")
    if not arriving:
        rows.append(("进驻人员", "—"))
    for n, member in enumerate(arriving, 1):
        rows += filled_in(ArrivalInput, member.details, prefix=f"进驻人员 {n} · ")
    if proposal.note:
        rows.append(("说明", proposal.note))
    if case.status == REVIEW:
        checks = [c.as_dict() for c in recheck(session=session, proposal=proposal,
                                                policy=Policy.model_validate(case.policy))]
    else:
        checks = proposal.checks
    rows += [_check_row(check) for check in checks]
    return rows


def head_replacement_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """A window head's replacement (派驻部门窗口负责人岗位职责 7: 年度考核排名连续两年在后三名的，派驻部门
    应予调整): the head, each year's ranking, and the rule it was opened under."""
    from sqlmodel import select

    from deployments.web.core.case_details import staff_name
    from models.rotation.tables import HeadRanking

    policy = Policy.model_validate(case.policy)
    rankings = session.exec(select(HeadRanking).where(HeadRanking.window_id == case.window_id,
                                                      HeadRanking.head_id == case.subject_staff_id)
                            .order_by(HeadRanking.year)).all()
    return ([("窗口", case.window_id or "—"), ("现任窗口负责人", staff_name(session, case.subject_staff_id))]
            + [(f"{r.year}年度考核排名", f"第 {r.rank} 名（共 {r.total} 名）") for r in rankings]
            + [("规定检查：窗口负责人调整（派驻部门窗口负责人岗位职责 7）",
                f"未通过 — 连续 {policy.head_bottom_years} 年排名在后 {policy.head_bottom_places} 名，派驻部门应予调整")])
