"""The generic transition mechanism: each procedure declares its `(status, event) -> status`
(its machine, listed in models/procedures.py)."""
from __future__ import annotations

from dataclasses import dataclass, field

from models.core.errors import InvalidTransition


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
    # The initial status waits for a person who has no work item (the applicant at the counter):
    # the sweep does not take such a case for one whose opening was interrupted (models.core.stranded).
    idle_initial: bool = False

    def next_status(self, status: str, event: str) -> str:
        try:
            return self.transitions[(status, event)]
        except KeyError:
            raise InvalidTransition(
                self.label, self.status_labels.get(status, status), self.event_labels.get(event, event)
            ) from None

    def status_label(self, status: str) -> str:
        return self.status_labels.get(status, status)
