"""Who may be a person's B post: the one rule for naming a B (the roster's changes, the desk's and
the organisation file's edits) and for covering a leave.

窗口工作人员AB岗工作制度 1: 相近岗位(窗口、科室内部)A岗责任人因故不在岗,由B岗责任人顶岗 — the B is
another person of the same window. AB岗 2: 各个岗位都要明确A岗和B岗责任人 — the B is on the window's
roster. AB岗 6: the B 代为行使A角的岗位职责 while the A is away, that is handles the post's business
alone; 进出管理制度 二.3: 窗口业务受理应以正式工作人员为主,原则上不允许实习生单独受理业务 — so an intern
(实习生) is never a B: the B is a window head or a window staff member.

"On post" is the caller's fact: naming a B asks whether the person is on the window's roster (active
or 短期借调, `on_roster`); covering a leave asks whether they are at work (active).

Pure: the people are passed in as plain values.
"""
from __future__ import annotations

from dataclasses import dataclass

from models.rules.roles import Role, StaffStatus

B_ROLES = frozenset({Role.head, Role.staff})  # who may be a B (not an intern, not a center section)
ROSTER = frozenset({StaffStatus.active, StaffStatus.seconded})

# Why a person cannot be the B: the codes callers map to their own field and wording.
SELF, OTHER_WINDOW, INTERN, NOT_WINDOW_STAFF, OFF_POST = "self", "other_window", "intern", "not_window_staff", "off_post"
REASONS = {
    SELF: "不能是本人（AB岗工作制度 1）",
    OTHER_WINDOW: "不是同一窗口的人员（AB岗工作制度 1）",
    INTERN: "是实习生，原则上不允许单独受理业务，不能担任B岗（进出管理制度 二.3；AB岗工作制度 6）",
    NOT_WINDOW_STAFF: "不是窗口工作人员（AB岗工作制度 1）",
    OFF_POST: "不在岗（AB岗工作制度 2）",
}


@dataclass(frozen=True)
class Post:
    """What the rule reads of a person."""

    id: str
    window_id: str | None
    role: Role
    on_post: bool = True


def on_roster(status: StaffStatus | str) -> bool:
    """On the window's roster: at work, or on a short secondment back home (进出管理制度 四.2)."""
    return StaffStatus(status) in ROSTER


def b_post_problems(a: Post, b: Post) -> list[str]:
    """Why `b` cannot be `a`'s B post (codes of REASONS, most telling first); [] when it can."""
    if b.id == a.id:
        return [SELF]
    problems = []
    if a.window_id is None or b.window_id != a.window_id:
        problems.append(OTHER_WINDOW)
    if b.role == Role.intern:
        problems.append(INTERN)
    elif b.role not in B_ROLES:
        problems.append(NOT_WINDOW_STAFF)
    if not b.on_post:
        problems.append(OFF_POST)
    return problems


def may_be_b_post(a: Post, b: Post) -> bool:
    return not b_post_problems(a, b)
