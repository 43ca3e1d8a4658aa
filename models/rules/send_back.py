"""退回修改: when a decider may send a case back for correction. The regulations' nearest clause is
一次性告知制度 2 (材料不齐全或不符合法定形式 → 一次性书面告知其所需补正的手续和材料；申请人按照书面告知的要求
补正后，经办人员应当按时予以办理): the send-back says why (a required reason, the written notice), the
person corrects and resubmits, and the step is taken up again. Which steps may send back, and to whom,
is declared by each procedure's machine (models/core/procedures.py SendBack; issue #29 item 3). Pure."""
from __future__ import annotations

REASON_MAX = 500


def send_back_refusal(*, declared: bool, item_open: bool, reason: str, target: str | None) -> str | None:
    """Why the open step may not be sent back now (the error names the rule), or None when it may.
    `declared`: the procedure's machine lets this step send back; `target`: the person it goes back to."""
    if not declared:
        return "此步骤不能退回修改：流程未规定此步骤可退回（一次性告知制度 2 仅适用于流程声明的审核步骤）"
    if not item_open:
        return "待办已办理或已取消，不能退回修改"
    if not reason.strip():
        return "退回原因（reason）必填：退回修改须一次性书面告知需补正的内容（一次性告知制度 2）"
    if len(reason) > REASON_MAX:
        return f"退回原因（reason）不能超过 {REASON_MAX} 字"
    if target is None:
        return "找不到可退回的人：上一步尚无办理人"
    return None


def resubmission_key(case_ref: str, sent_back_item_id: int) -> str:
    """The key of the 修改后重新提交 item answering the send-back of item `sent_back_item_id`."""
    return f"{case_ref}:resubmit:{sent_back_item_id}"


def sent_back_item_of(key: str) -> int | None:
    """The item a 修改后重新提交 item (by its key) answers, or None for any other item."""
    head, sep, tail = key.rpartition(":resubmit:")
    return int(tail) if sep and head and tail.isdigit() else None
