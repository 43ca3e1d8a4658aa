"""What the API answers (pydantic, Chinese titles for the OpenAPI document)."""
from __future__ import annotations

from pydantic import BaseModel, Field


class Receipt(BaseModel):
    """报送结果：新登记返回 201，同一内容重复报送返回 200 和同一案件编号。"""

    ref: str | None = Field(title="案件编号", description="投诉案件编号，用于查询办理结果；3–5星评价不立案，为空")
    created: bool = Field(title="本次新登记", description="false 表示此前已报送过（重复报送）")
    complaint: bool = Field(title="已立案", description="是否按投诉处理")
    status: str | None = Field(default=None, title="状态代码")
    status_label: str | None = Field(default=None, title="状态")
    due_at: str | None = Field(default=None, title="办理期限", description="上海时间 ISO 8601")
    message: str = Field(title="说明")


class Answer(BaseModel):
    verdict: str = Field(title="核查结论代码", description="substantiated / partly / unsubstantiated")
    verdict_label: str = Field(title="核查结论", description="属实 / 部分属实 / 不属实")
    reply: str = Field(title="答复内容")
    answered_at: str = Field(title="答复时间")


class ComplaintStatus(BaseModel):
    """投诉办理情况；办结（差评为答复审核通过）后附核查结论和答复内容。"""

    ref: str = Field(title="案件编号")
    ticket_no: str | None = Field(default=None, title="工单号")
    rating_id: str | None = Field(default=None, title="评价编号")
    status: str = Field(title="状态代码")
    status_label: str = Field(title="状态")
    due_at: str | None = Field(default=None, title="办理期限")
    answer: Answer | None = Field(default=None, title="办理结果", description="尚未答复时为空")


class Refusal(BaseModel):
    detail: str = Field(title="说明")
    errors: list[dict] = Field(default_factory=list, title="逐项错误", description="field 字段、rule 规则、message 说明")


class ConflictBody(BaseModel):
    detail: str = Field(title="说明")
    fields: list[str] = Field(title="与首次报送不同的字段")


REFUSALS = {401: {"model": Refusal, "description": "缺少密钥、密钥无效或已撤销"},
            403: {"model": Refusal, "description": "密钥无此权限"},
            413: {"model": Refusal, "description": "请求体过大"},
            422: {"model": Refusal, "description": "内容有误：逐项列出字段和规则，未作任何登记"}}
POST_REFUSALS = {**REFUSALS, 409: {"model": ConflictBody, "description": "同一编号已报送过不同内容"}}
