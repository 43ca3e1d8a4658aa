"""退回修改's pure rule (models/rules/send_back.py) and its declaration (models/core/procedures.py SendBack):
every refusal names its rule; every declared send-back is of a step some status waits on and goes back to a
state of its machine, to the submitter or to a step decided before."""
from __future__ import annotations

import pytest

from models.core.procedures import PREVIOUS, SUBMITTER
from models.procedures import all_procedures
from models.rules.send_back import resubmission_key, send_back_refusal, sent_back_item_of

ISSUE_29_DEFECTS = (3,)
OK = dict(declared=True, item_open=True, reason="请补充事由", target="S0103")


def test_a_declared_open_step_with_a_reason_and_someone_to_go_back_to_may_be_sent_back():
    assert send_back_refusal(**OK) is None


@pytest.mark.parametrize("change, words", [
    ({"declared": False}, "流程未规定此步骤可退回"),
    ({"item_open": False}, "待办已办理或已取消"),
    ({"reason": ""}, "退回原因（reason）必填"),
    ({"reason": " \n "}, "一次性告知制度 2"),
    ({"reason": "理" * 501}, "不能超过 500 字"),
    ({"target": None}, "上一步尚无办理人"),
])
def test_each_refusal_names_its_rule(change, words):
    assert words in send_back_refusal(**{**OK, **change})


def test_the_first_failing_rule_is_named_first():
    assert "流程未规定" in send_back_refusal(declared=False, item_open=False, reason="", target=None)


def test_a_resubmission_names_the_item_it_answers_and_no_other_item_does():
    assert sent_back_item_of(resubmission_key("QJ-2026-000001", 42)) == 42
    for other in ("QJ-2026-000001:head_review", "QJ-2026-000001:bpost:S0101", ":resubmit:7", "X:resubmit:"):
        assert sent_back_item_of(other) is None


SEND_BACKS = [(p, s) for p in all_procedures() for s in p.send_back]


@pytest.mark.parametrize("procedure, declared", SEND_BACKS, ids=[f"{p.kind}-{s.step}" for p, s in SEND_BACKS])
def test_every_declared_send_back_leaves_an_open_state_back_to_one_of_its_machine(procedure, declared):
    states = {procedure.initial, *(s for s, _ in procedure.transitions), *procedure.transitions.values()}
    assert declared.status in states and declared.status not in procedure.final
    assert (declared.back_to or procedure.initial) in states
    assert declared.to in (SUBMITTER, PREVIOUS)
    assert (declared.to == PREVIOUS) == (declared.previous is not None)
    if declared.amend:
        module, _, attribute = declared.amend.partition(":")
        table, _, column = attribute.partition(".")
        assert column in getattr(__import__(module, fromlist=[table]), table).model_fields
    assert procedure.send_back_of(declared.step) is declared
