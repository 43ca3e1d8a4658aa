"""POST /api/v1/hotline-orders — a 12345 work order (转办工单) becomes a complaint on the
`hotline` channel with the order's own deadline (投诉处置规定 三(二)2)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from deployments.web.api.auth import Caller, require
from deployments.web.api.intake import answer
from deployments.web.api.schemas import POST_REFUSALS, Receipt
from models.api.inputs import HOTLINE_FIELDS, HotlineOrderIn
from models.api.keys import Scope

router = APIRouter(tags=["12345热线"])


@router.post("/hotline-orders", response_model=Receipt, status_code=201, responses={200: {"model": Receipt,
             "description": "同一工单此前已报送（内容相同），返回同一案件编号"}, **POST_REFUSALS},
             summary="报送12345转办工单", description="登记为12345转办投诉，期限按工单规定；工单号为幂等键。")
def post_hotline_order(order: HotlineOrderIn, request: Request, caller: Caller = Depends(require(Scope.hotline_orders))):
    from tasks.api.intake import receive_hotline_order

    return answer(lambda: receive_hotline_order(order=order, key_name=caller.name, path=request.url.path),
                  HOTLINE_FIELDS, caller.name, "工单")
