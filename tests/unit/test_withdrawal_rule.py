"""The pure rule of 撤回 (models/rules/withdrawal.py): the submitter only, nothing decided, the case open,
its machine allowing it."""
from __future__ import annotations

from models.rules.withdrawal import withdrawal_refusal

ISSUE_29_DEFECTS = (4,)
OPEN = dict(actor_id="S0102", opened_by="S0102", withdrawable=True, final=False, decided=0)


def test_the_submitter_may_withdraw_an_undecided_open_case():
    assert withdrawal_refusal(**OPEN) is None


def test_each_refusal_names_its_reason():
    assert withdrawal_refusal(**{**OPEN, "actor_id": "S0101"}).not_yours
    assert withdrawal_refusal(**{**OPEN, "final": True}).reason == "案件已办结，不能撤回"
    assert withdrawal_refusal(**{**OPEN, "decided": 1}).reason == "已有办理决定，不能撤回"
    assert withdrawal_refusal(**{**OPEN, "withdrawable": False}).reason == "此类案件在当前状态下不能撤回"
    assert not withdrawal_refusal(**{**OPEN, "decided": 1}).not_yours
