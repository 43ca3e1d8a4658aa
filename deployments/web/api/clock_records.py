"""POST /api/v1/clock-records — the attendance system pushes its punches (考勤办法 二(一)2: 人脸识别或
指纹): checked whole like an imported file (every bad record named, nothing written if any is bad),
written once (a record sent again changes nothing), then the exceptions of the days that are over computed.
Its own key scope (clock-records), issued for the system `attendance`."""
from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from deployments.web.api.auth import Caller, require
from deployments.web.api.errors import refusal
from deployments.web.api.schemas import REFUSALS
from models.api.keys import Scope
from models.core.errors import CenterError

router = APIRouter(tags=["考勤"])
log = logging.getLogger("center.api")
MAX_RECORDS = 1000  # a day of the center's punches, well within the body limit


class ClockRecordIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    staff_id: str = Field(min_length=1, max_length=40, title="工号")
    at: datetime = Field(title="打卡时间", description="上海时间，如 2026-11-09T08:21:05 或 2026-11-09 08:21:05")


class ClockRecordsIn(BaseModel):
    """一批打卡记录；重复报送的记录不重复登记。"""

    model_config = ConfigDict(extra="forbid")

    records: list[ClockRecordIn] = Field(min_length=1, max_length=MAX_RECORDS, title="打卡记录")


class ClockReceipt(BaseModel):
    added: int = Field(title="新登记的记录数")
    existing: int = Field(title="此前已登记的记录数")
    exceptions: int = Field(title="新生成的考勤异常数", description="已结束的工作日才计算")
    message: str = Field(title="说明")


@router.post("/clock-records", response_model=ClockReceipt, status_code=201,
             responses={200: {"model": ClockReceipt, "description": "记录均已登记过"}, **REFUSALS},
             summary="报送考勤记录", description="考勤系统报送打卡记录（工号、时间）。整批先检查，有误的记录逐条列出、"
                                              "一条不登记；重复报送不重复登记。")
def post_clock_records(body: ClockRecordsIn, caller: Caller = Depends(require(Scope.clock_records))):
    from flows.attendance import receive_clock_records
    from models.core.clock import to_local

    rows = []
    for record in body.records:
        at = to_local(record.at) if record.at.tzinfo else record.at
        rows.append({"工号": record.staff_id, "日期": at.date().isoformat(), "时间": at.strftime("%H:%M:%S")})
    try:
        result = receive_clock_records(rows=rows, key_name=caller.name)
    except CenterError as error:
        log.info("考勤记录被拒绝（%s）：%s", caller.name, type(error).__name__)
        # 第N行 names the record N-1 of the batch (the rows count from 2, after a file's header).
        return refusal(error, {f"第{i + 2}行": f"records.{i}" for i in range(len(rows))})
    body = {"added": result["added"], "existing": result["existing"], "exceptions": len(result["opened"]),
            "message": f"已登记 {result['added']} 条打卡记录（此前已登记 {result['existing']} 条）"}
    return JSONResponse(body, status_code=201 if result["added"] else 200)
