"""A clerk's step that is kept but not finished now (issue 26 item 1): neither a refusal
(CenterError: nothing written, the clerk corrects the input) nor a failure (something is lost).
The desk shows its notice on the case page, the CLI prints it and exits 0 (docs/operations.md §7)."""
from __future__ import annotations


class StepPending(Exception):
    """`notice` is what the clerk reads; `case_ref` the case it concerns, when it is known."""

    def __init__(self, notice: str, case_ref: str | None = None):
        super().__init__(notice)
        self.notice, self.case_ref = notice, case_ref

    @classmethod
    def advance_deferred(cls, case_ref: str, recorded: str = "决定已记录") -> StepPending:
        """The decision is committed; the case's advance could not run now (the Prefect API away, a
        worker timeout…). The deadline sweep moves every such case on: a recorded decision always
        leads to its next step (README, Reliability)."""
        return cls(f"{recorded}。案件 {case_ref} 暂时无法推进，系统将自动推进（最迟在下一次期限巡查时）。", case_ref)

    @classmethod
    def queued(cls, request_id: int, case_ref: str | None = None) -> StepPending:
        """No step worker finished the step within CENTER_STEP_TIMEOUT_SECONDS: it stays queued and a
        worker applies it later."""
        about = f"（案件 {case_ref}）" if case_ref else ""
        return cls(f"已排队，由办理进程完成{about}：办理请求 {request_id} 尚未办完，稍后请刷新查看。", case_ref)


ENGINE_AWAY = ("流程引擎暂时无法连接，本次提交未能办理完成，请稍后重试；"
               "已经登记的内容系统会自动继续推进（最迟在下一次期限巡查时），请在「我的待办」或案件查询中核对。")


def engine_unreachable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from, is the Prefect API out of reach (a refused or
    timed-out connection): the clerk is told so in Chinese, never shown a bare 500."""
    import httpx

    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, httpx.TransportError):
            return True
        error = error.__cause__ or error.__context__
    return False
