"""POST /api/v1/ratings — a 好差评 rating: 1–2 stars open a complaint on the `rating` channel
(投诉处置规定 一.1, 三(二)3); 3–5 stars are recorded for the monthly statistics (三(一)2)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from deployments.web.api.auth import Caller, require
from deployments.web.api.intake import answer
from deployments.web.api.schemas import POST_REFUSALS, Receipt
from models.api.inputs import RATING_FIELDS, RatingIn
from models.api.keys import Scope

router = APIRouter(tags=["好差评"])


@router.post("/ratings", response_model=Receipt, status_code=201, responses={200: {"model": Receipt,
             "description": "同一评价此前已报送（内容相同）"}, **POST_REFUSALS},
             summary="报送好差评评价", description="1星、2星登记为差评投诉；3–5星只计入统计。评价编号为幂等键。")
def post_rating(rating: RatingIn, request: Request, caller: Caller = Depends(require(Scope.ratings))):
    from tasks.api.intake import receive_rating

    return answer(lambda: receive_rating(rating=rating, key_name=caller.name, path=request.url.path),
                  RATING_FIELDS, caller.name, "差评")
