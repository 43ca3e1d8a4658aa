"""Who is looking: the signed session cookie names a staff member and their credential's epoch;
a password change (a new epoch) or leaving the window ends the session."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Depends, Request

from deployments.web.core.access import services_read_by
from models.core.db import session_scope
from models.core.errors import PermissionDenied
from models.core.org import CENTER_ROLES, ROLE_LABELS, Role, Staff
from models.rules.permissions import Actor
from models.core.users import session_epoch


class LoginRequired(Exception):
    """No valid session: the desk sends the browser to the log-in page."""


class PasswordChangeRequired(Exception):
    """Signed in with a password the current rule refuses (models.rules.passwords): the desk sends the
    person to 修改密码 until they have changed it."""


# What a person whose password must change may still open: the page to change it.
PASSWORD_PAGE = "/password"


@dataclass(frozen=True)
class Viewer:
    id: str
    name: str
    role: Role
    window_id: str | None
    department_id: str | None
    services: frozenset[str] = frozenset()  # the windows' services whose schedules this person reads

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]

    @property
    def actor(self) -> Actor:
        return Actor(id=self.id, role=self.role, window_id=self.window_id, department_id=self.department_id)

    @property
    def is_management(self) -> bool:
        return self.role == Role.management

    @property
    def is_center(self) -> bool:
        return self.role in CENTER_ROLES


def current_viewer(request: Request) -> Viewer | None:
    if hasattr(request.state, "viewer"):
        return request.state.viewer
    viewer = None
    staff_id = request.session.get("uid")
    if staff_id:
        with session_scope() as session:
            epoch = session_epoch(session=session, staff_id=staff_id)
            staff = session.get(Staff, staff_id)
            if epoch is not None and epoch == request.session.get("ep"):
                viewer = viewer_of(session, staff)
        if viewer is None:
            request.session.clear()
    request.state.viewer = viewer
    return viewer


def viewer_of(session, staff: Staff) -> Viewer:
    """The signed-in person as every page reads them, with the schedules their menu offers."""
    actor = Actor(id=staff.id, role=staff.role, window_id=staff.window_id, department_id=staff.department_id)
    return Viewer(staff.id, staff.name, staff.role, staff.window_id, staff.department_id,
                  services_read_by(session, actor))


def require_viewer(request: Request) -> Viewer:
    viewer = current_viewer(request)
    if viewer is None:
        raise LoginRequired()
    if request.session.get("weak") and request.url.path != PASSWORD_PAGE:
        raise PasswordChangeRequired()
    return viewer


def management_only(action: str, reason: str) -> Callable[..., Viewer]:
    """A dependency: the viewer, if of the management section (窗口管理科); else PermissionDenied
    naming this action and why — each page says what exactly was refused."""
    def check(viewer: Viewer = Depends(require_viewer)) -> Viewer:
        if not viewer.is_management:
            raise PermissionDenied(actor=viewer.id, action=action, reason=reason)
        return viewer

    return check


def start_session(request: Request, *, staff_id: str, epoch: int, weak_password: bool = False) -> None:
    """A fresh session (a new CSRF token too): nothing of the anonymous one carries over. A session
    opened with a weak password (`weak_password`) may only change it (PasswordChangeRequired)."""
    from deployments.web.core.csrf import rotate_token

    request.session.clear()
    request.session.update({"uid": staff_id, "ep": epoch})
    if weak_password:
        request.session["weak"] = True
    rotate_token(request)
