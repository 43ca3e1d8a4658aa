"""撤回: when the submitter may take back a submission. The regulations name no withdrawal; the rule is the
issue's (#29 item 4), as the leave procedure already kept it: only the one who opened the case, only while
nobody has decided any of its steps, only while it is open, and only for a procedure whose machine has a
`withdraw` transition from the case's status (models/core/procedures.py Procedure.withdrawable). Pure."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    reason: str
    not_yours: bool  # the person may never withdraw this case (403), rather than no longer (409)


def withdrawal_refusal(*, actor_id: str, opened_by: str, withdrawable: bool, final: bool,
                       decided: int) -> Refusal | None:
    """Why `actor_id` may not withdraw the case now, or None when they may."""
    if actor_id != opened_by:
        return Refusal("只有提交人本人可以撤回", not_yours=True)
    if final:
        return Refusal("案件已办结，不能撤回", not_yours=False)
    if decided:
        return Refusal("已有办理决定，不能撤回", not_yours=False)
    if not withdrawable:
        return Refusal("此类案件在当前状态下不能撤回", not_yours=False)
    return None
