"""A case's history in words, the same on the desk's case page and in `center case show`: each audit action
by its Chinese label, each detail an event keeps by the Chinese name of its key, the work items' and the
messages' statuses and channels. What the foundations write on any case is named here; a procedure's own
events by its machine (`event_labels`), a decision's fields by its form's titles (models/procedures.py)."""
from __future__ import annotations

from functools import cache

from models.core.handover import HANDOVER_STEP
from models.core.procedures import RESUBMIT, SEND_BACK
from models.core.stranded import REPAIR, REPAIR_LABEL
from models.core.workitems import STOOD_IN_FOR

ITEM_STATUS = {"open": "待办", "done": "已办", "cancelled": "已取消"}
MESSAGE_STATUS = {"pending": "待发送", "sending": "发送中", "sent": "已发送", "failed": "发送失败"}
CHANNELS = {"sms": "短信", "email": "邮件", "role": "科室"}
# What the foundations write on any case (models/core, tasks/core): the roster, the ledger, the outbox.
GENERIC_ACTIONS = {"open": "受理", "document": "生成文书", "attach": "附材料", "reassign": "转交待办",
                   "recompute_deadline": "重算期限", REPAIR: REPAIR_LABEL, "depart": "调离", "post": "进驻登记",
                   "membership_transfer": "党团组织关系转入", "b_post": "指定B岗", "b_post_recheck": "B岗复核",
                   "appoint_head": "指派窗口负责人", "deduct": "扣分", "withdraw_eligibility": "取消评优资格",
                   "outbox_resend": "重发通知", "urge": "催办",
                   SEND_BACK: "退回修改", RESUBMIT: "修改后重新提交", HANDOVER_STEP: "代行情况"}
# The keys of the details the events keep (audit(…, details=…), Recorded(details=…)), a decision's own
# fields aside (named by its form).
DETAIL_LABELS = {
    "comment": "意见", "reason": "理由", "title": "标题", "name": "名称", "kind": "类别", "status": "状态",
    "approve": "是否同意", "exception": "例外批准", "verdict": "核查结论", "on_time": "按期办结",
    "work_item": "待办编号", "work_items": "转交的待办", "from": "原", "to": "转至", "by_case": "依据案件",
    "staff": "人员", "window": "窗口", "department": "部门", "head": "窗口负责人", "former": "原窗口负责人",
    "posted_since": "进驻日期", "b_post": "B岗", "without_b": "未设B岗", "before": "修改前", "after": "修改后",
    "document": "文书编号", "sha256": "文件校验码", "message": "通知编号", "ledger": "台账编号",
    "subject": "对象", "points": "分值", "year": "年度", "failing": "未通过的规定",
    "ip_address": "IP地址", "gateway": "网关", "netmask": "子网掩码",
    "owner": "首问责任人", "channel": "渠道", "matter": "事项", "have": "已核验材料", "missing": "缺少材料",
    "notice": "告知书序号", "items": "待补正材料", "at_once": "当场办结", "requested_at": "请假时间",
    "gaps": "指南缺项", "measures": "问责处理情况", "grounds": "退回情形", "cases": "关联案件",
    "trigger": "起因", "arrival_date": "到岗日期", "remedy": "处理方式", STOOD_IN_FOR: "代行对象",
    "deadline": "期限", "due_at": "期限", "back_at": "返岗时间", "provisional": "暂定", "effective": "生效日期",
    "letter_no": "退回函文号", "decided": "决定", "by": "办理人", "consent": "申请人同意",
    "applicant_told": "已告知申请人", "contact": "联系方式", "note": "备注", "day": "日期", "days": "天数",
    "step": "步骤", "case_ref": "案件编号", "table": "类别", "id": "编号", "field": "字段", "old": "原值",
    "new": "新值", "resubmission": "重新提交待办", SEND_BACK: "退回修改", "reopened": "重新办理的待办",
    "released_key": "已解除重复提交限制", "earlier": "被替代的安排表",
}


def action_label(procedure, action: str, step_titles: dict[str, str] | None = None) -> str:
    """An audit event in words: the procedure's event label, a step named by its work item's title, or
    what the foundations write."""
    if action in procedure.event_labels:
        return procedure.event_labels[action]
    kind, _, step = action.partition(":")
    if kind in ("cancel", "decide"):
        verb = "取消待办" if kind == "cancel" else "办理"
        return f"{verb}：{(step_titles or {})[step]}" if step in (step_titles or {}) else verb
    return GENERIC_ACTIONS.get(action, action)


@cache
def _form_titles() -> dict[str, str]:
    """{field: title} of every decision form's fields (a decision's details are its fields)."""
    from models.core.forms import FORMS
    from models.procedures import decision_forms

    return {name: info.title for form in (*FORMS.values(), *decision_forms().values())
            for name, info in form.model_fields.items() if info.title}


def detail_label(key: str) -> str:
    """A detail's key in words: the foundations' name for it, else a decision form's title; a key the
    training's roll call writes is already its label (出席, 请假, 缺席)."""
    return DETAIL_LABELS.get(key) or _form_titles().get(key) or key


def _value(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(map(_value, value)) or "—"
    if isinstance(value, dict):
        return "，".join(f"{detail_label(str(k))} {_value(v)}" for k, v in value.items()) or "—"
    return "—" if value is None or value == "" else str(value)


def details_line(details: dict | None) -> str:
    """An event's details as 名称：值；… by their Chinese names."""
    return "；".join(f"{detail_label(str(k))}：{_value(v)}" for k, v in (details or {}).items())
