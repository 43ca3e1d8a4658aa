"""Attendance (考勤办法 二(一)) as flows: the clock records imported (a file, or pushed by the attendance
system through the API) and the exceptions computed, each new exception's case advanced to the person's
explanation, and each exception a recompute no longer finds closed as 已消除; an explanation handed in;
the advance of one exception. Running them again changes nothing."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from prefect import tags

from flows.core.plain_calls import flow
from models.core.clock import local_now, to_local
from tasks.attendance import (compute_exceptions_task, explain_exception_task, import_clock_file_task,
                              import_clock_records_task)
from tasks.core.advance import advance_case


def _moment(now: datetime | None) -> datetime:
    return to_local(now) if now else local_now()


def _advance_all(refs: list[str], actor: str, now: datetime) -> None:
    for ref in refs:
        with tags(ref):
            advance_case(case_ref=ref, actor=actor, now=now)


@flow(name="导入考勤记录", step="导入考勤记录", retry_safe=True)  # a re-import changes nothing
def import_clock_records_flow(path: str, actor: str, now: datetime | None = None) -> dict:
    """窗口管理科导入考勤系统导出的记录（CSV 或 Excel），计算考勤异常并通知本人说明。"""
    moment = _moment(now)
    result = import_clock_file_task(path=Path(path), actor=actor, now=moment)
    _advance_all(result["opened"] + result["cleared"], actor, moment)
    return result


@flow(name="接收考勤记录", step="接收考勤记录", retry_safe=True)
def receive_clock_records(rows: list[dict], key_name: str, now: datetime | None = None) -> dict:
    """考勤系统通过接口报送的打卡记录（每行 工号、日期、时间）。"""
    moment = _moment(now)
    result = import_clock_records_task(rows=rows, source=f"接口 {key_name}", actor=key_name, now=moment,
                                       check_actor=False)
    _advance_all(result["opened"] + result["cleared"], key_name, moment)
    return result


@flow(name="计算考勤异常", step="计算考勤异常", retry_safe=True)
def compute_exceptions_flow(start: date, end: date, actor: str, now: datetime | None = None) -> list[str]:
    moment = _moment(now)
    refs, cleared = compute_exceptions_task(start=start, end=end, actor=actor, now=moment)
    _advance_all(refs + cleared, actor, moment)
    return refs


@flow(name="说明考勤异常", step="说明考勤异常", retry_safe=False)
def explain_attendance(case_ref: str, explanation: str, files: list[str], actor: str,
                       now: datetime | None = None) -> str:
    """本人说明情况并上传证明（考勤办法 二(一)3），随后交窗口负责人登记。"""
    moment = _moment(now)
    with tags(case_ref):
        explain_exception_task(case_ref=case_ref, explanation=explanation, files=files, actor=actor, now=moment)
        return advance_case(case_ref=case_ref, actor=actor, now=moment)


@flow(name="考勤异常推进", flow_run_name="考勤异常推进 {case_ref}", step="考勤异常推进", retry_safe=True)
def advance_attendance(case_ref: str, actor: str) -> str:
    with tags(case_ref):
        return advance_case(case_ref=case_ref, actor=actor)
