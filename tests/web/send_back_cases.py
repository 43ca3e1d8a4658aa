"""The cases of every procedure whose machine declares 退回修改, each brought to the step that may send it
back: (reference, step, who decides it, who it goes back to, the submission's column it corrects)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable


@dataclass(frozen=True)
class Scenario:
    kind: str
    open: Callable[[], str]  # the case, waiting at `step`
    step: str
    decider: str
    target: str
    amend: tuple[type, str] | None = None  # (table, column) the resubmission corrects


def _leave() -> str:
    from support.leaves import apply

    return apply("S0103", kind="personal", reason="家中有事")


def _leave_management() -> str:
    from support.leaves import apply, decide

    ref = apply("S0103", kind="personal", reason="家中有事")
    decide(ref, "head_review", "S0101", approve=True)
    return ref


def _rotation() -> str:
    from support.rotations import propose

    return propose(leaving=["S0104"], note="按计划轮换")


def _secondment() -> str:
    from models.rotation.inputs import SecondmentInput
    from tasks.rotation.secondment import open_secondment

    return open_secondment(request=SecondmentInput(staff_id="S0105", start=date(2026, 11, 9), end=date(2026, 11, 13),
                                                   reason="参加局专项检查"), actor="S0101", now=datetime(2026, 11, 2, 9))


def _intern() -> str:
    from models.rotation.inputs import InternInput
    from tasks.rotation.intern import open_intern

    request = InternInput(window_id="W01", person={"staff_id": "X0101", "name": "林小雨", "employment": "other"},
                          start=date(2026, 11, 16), end=date(2027, 1, 15), reason="高校实习")
    return open_intern(request=request, actor="S0101", now=datetime(2026, 11, 2, 9))


def _it() -> str:
    from models.it_access.inputs import ItRequestInput
    from tasks.it_access.steps import submit_request

    return submit_request(request=ItRequestInput(window_id="W01", kind="connect", device="社保自助终端 ZZ-03",
                                                 purpose="自助打印"), actor="S0101", now=datetime(2026, 10, 9, 9))[0]


def _matter() -> str:
    from support.matters import file_and_screen, sample

    return file_and_screen(sample())[0]


def _matter_review() -> str:
    from support.matters import decide

    ref = _matter()
    decide(ref, "forward", "Q001")
    return ref


def _complaint() -> str:
    from support.complaint_cases import FOUND, RATING, advance, decide, register

    ref = register(RATING, actor="T001")
    advance(ref)
    decide(ref, "investigate", "S0101", FOUND, datetime(2026, 10, 9, 10))
    return ref


def _staff_return() -> str:
    from support.staff_returns import open_manual

    return open_manual()


def scenarios() -> list[Scenario]:
    from models.it_access.tables import ItRequest
    from models.leave.tables import LeaveRequest
    from models.rotation.tables import InternPlacement, RotationProposal, Secondment

    return [Scenario("leave", _leave, "head_review", "S0101", "S0103", (LeaveRequest, "reason")),
            Scenario("leave", _leave_management, "management_review", "G001", "S0103", (LeaveRequest, "reason")),
            Scenario("rotation", _rotation, "review", "G001", "D-rsj", (RotationProposal, "note")),
            Scenario("secondment", _secondment, "review", "G001", "S0101", (Secondment, "reason")),
            Scenario("intern", _intern, "review", "G001", "S0101", (InternPlacement, "reason")),
            Scenario("it_access", _it, "decide", "I001", "S0101", (ItRequest, "purpose")),
            Scenario("matter", _matter, "forward", "Q001", "D-rsj"),
            Scenario("matter", _matter_review, "review", "G001", "D-rsj"),
            Scenario("complaint", _complaint, "review", "G001", "S0101"),
            Scenario("staff_return", _staff_return, "decide", "G002", "G001")]
