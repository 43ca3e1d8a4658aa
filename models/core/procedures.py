"""The generic transition mechanism: each procedure declares its `(status, event) -> status`
(its machine, listed in models/procedures.py)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from models.core.errors import InvalidTransition

# The event of a submitter's withdrawal (撤回): a procedure allows it from the statuses its machine
# declares `(status, WITHDRAW)` for, always to a final status (models/rules/withdrawal.py).
WITHDRAW = "withdraw"

# 退回修改 (issue 29 item 3): a decider sends the case back for correction — to its submitter, or to the
# decider of the step before — with a required reason (models/rules/send_back.py). The case keeps its
# status: the step that sent it back is opened again once the correction is resubmitted.
SEND_BACK, RESUBMIT = "send_back", "resubmit"
SUBMITTER, PREVIOUS = "submitter", "previous"


@dataclass(frozen=True)
class SendBack:
    """A step whose decider may send the case back: `step` (the work item's step) decided while the case
    is in `status`; to the case's submitter (SUBMITTER), or to whoever decided `previous` (PREVIOUS).
    `back_to`: the status drawn as where the path goes back (default: the initial, the submission);
    `amend`: the submission's free text the submitter may correct, "module:Table.column" (keyed by the
    case reference), prefilled on the resubmission form."""

    step: str
    status: str
    to: str = SUBMITTER
    previous: str | None = None
    back_to: str | None = None
    amend: str | None = None


@dataclass(frozen=True)
class Procedure:
    kind: str  # e.g. "leave"
    label: str  # e.g. "请假申请"
    ref_prefix: str  # e.g. "QJ"
    initial: str
    transitions: dict[tuple[str, str], str]
    status_labels: dict[str, str] = field(default_factory=dict)
    event_labels: dict[str, str] = field(default_factory=dict)
    final: frozenset[str] = frozenset()
    # Statuses in which a case waits without a work item: for a person at the counter (the applicant),
    # or for a date a scheduled flow watches. The repair advances such a case when its next event is
    # due, and never lists it as 无人可办 (tasks/core/repair.py).
    idle: frozenset[str] = frozenset()
    # The steps whose decider may send the case back for correction (退回修改), and to whom.
    send_back: tuple[SendBack, ...] = ()

    def next_status(self, status: str, event: str) -> str:
        try:
            return self.transitions[(status, event)]
        except KeyError:
            raise InvalidTransition(
                kind_label=self.label, status_label=self.status_labels.get(status, status), event_label=self.event_labels.get(event, event)
            ) from None

    def status_label(self, status: str) -> str:
        return self.status_labels.get(status, status)

    def withdrawable(self, status: str) -> bool:
        return (status, WITHDRAW) in self.transitions

    def send_back_of(self, step: str) -> SendBack | None:
        """The declaration allowing the decider of `step` to send the case back, if any."""
        return next((s for s in self.send_back if s.step == step), None)

    def send_back_paths(self) -> list[tuple[str, str]]:
        """(from status, back to status) of every declared send-back: what the diagram draws."""
        return [(s.status, s.back_to or self.initial) for s in self.send_back]


@dataclass(frozen=True)
class Steps:
    """How the one generic step (tasks/core/advance.py) drives a procedure: read the facts from the store,
    choose the event with the machine's pure `next_event`, apply that event's effects. Declared
    beside the effects — the procedure's store.py, or its tasks module when they render documents
    or queue messages — and named in its ProcedureSpec (models/procedures.py)."""

    facts: Callable[..., Any]  # (*, session, case, now) -> what next_event needs
    next_event: Callable[[Any], str | None]  # pure: the event to apply now, None while a person must act
    # event -> effect(*, session, case, facts, event, previous, actor, now): work items, notices,
    # documents; it may return how its event is kept in the history (Recorded)
    effects: Mapping[str, Callable[..., Recorded | None]] = field(default_factory=dict)


@dataclass(frozen=True)
class Recorded:
    """How an event is kept in the case's history when not as the advancing actor's, at the step's
    moment: the person who decided, at the decision's time, with what they decided; an event that
    keeps the status (a date reached, posts recorded) is an action, not a status change."""

    actor: str | None = None
    at: datetime | None = None
    details: dict | None = None
    status_change: bool = True
