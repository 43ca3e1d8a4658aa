"""Log-in credentials of the web desk (窗口工作台): one per staff member, set by the management
section (窗口管理科), stored as an argon2 hash — never the password itself.

派驻部门窗口负责人岗位职责 and the sections' duties say who acts for what; the credential only says
who a person is. Every session carries its person's `session_epoch`, checked on each request: logging
out, a password change and the management section's "sign this person out" bump it, which ends every
copy of every older session at once (a copied cookie included).
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel

from models.core.clock import local_now
from models.core.errors import InvalidInput, NotFound
from models.core.org import Staff, StaffStatus
from models.core.workitems import check_management
from models.rules.passwords import password_problems

_hasher = PasswordHasher()


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verifying against this keeps an unknown staff number as slow as a wrong password."""
    return _hasher.hash("not-a-password-of-anyone")


class UserCredential(SQLModel, table=True):
    staff_id: str = Field(primary_key=True, foreign_key="staff.id", max_length=40)
    password_hash: str = Field(max_length=200)
    session_epoch: int = 0
    set_by: str = Field(max_length=40)
    set_at: NaiveDatetime


def set_password(*, session: Session, staff_id: str, password: str, actor: str,
                 at: datetime | None = None) -> UserCredential:
    """Only the management section sets passwords (it keeps the roster, 进出管理制度 二.1); the password
    must pass models.rules.passwords (IT设备使用管理规定 二(二)2)."""
    check_management(session=session, actor_id=actor, action="设置登录密码", reason="只有窗口管理科可以设置密码")
    if session.get(Staff, staff_id) is None:
        raise NotFound(field="工号", value=staff_id)
    problems = password_problems(password, staff_id)
    if problems:
        raise InvalidInput(field="密码", message="；".join(problems), rule="users.password")
    credential = session.get(UserCredential, staff_id)
    hashed = _hasher.hash(password)
    at = at or local_now()
    if credential is None:
        credential = UserCredential(staff_id=staff_id, password_hash=hashed, set_by=actor, set_at=at)
        session.add(credential)
    else:
        credential.password_hash, credential.set_by, credential.set_at = hashed, actor, at
        credential.session_epoch += 1
    session.flush()
    return credential


def change_own_password(*, session: Session, staff_id: str, current: str, new: str,
                        at: datetime | None = None) -> UserCredential:
    """A person changes their own password, proving the current one; every older session ends (a
    copied cookie too). The management section still sets forgotten ones (set_password)."""
    credential = verify_login(session=session, staff_id=staff_id, password=current)
    if credential is None:
        raise InvalidInput(field="当前密码", message="当前密码不正确", rule="users.password")
    problems = password_problems(new, staff_id)
    if problems:
        raise InvalidInput(field="新密码", message="；".join(problems), rule="users.password")
    credential.password_hash, credential.set_by, credential.set_at = _hasher.hash(new), staff_id, at or local_now()
    credential.session_epoch += 1
    session.flush()
    return credential


def end_sessions(*, session: Session, staff_id: str, actor: str) -> bool:
    """End every session of `staff_id` (all browsers, all copies of the cookie). A person ends their own
    (logging out); only the management section ends someone else's (it keeps the roster and the
    desk's accounts, 进出管理制度 二.1). Returns False when the person has no credential (no session)."""
    if actor != staff_id:
        check_management(session=session, actor_id=actor, action="结束他人的登录会话",
                         reason="只有窗口管理科可以结束他人的登录会话")
    if session.get(Staff, staff_id) is None:
        raise NotFound(field="工号", value=staff_id)
    credential = session.get(UserCredential, staff_id)
    if credential is None:
        return False
    credential.session_epoch += 1
    session.flush()
    return True


def verify_login(*, session: Session, staff_id: str, password: str) -> UserCredential | None:
    """The credential when the staff number and password match an active person, else None.
    Costs one argon2 verification whatever the outcome (the parameters stored in the hash)."""
    credential = session.get(UserCredential, staff_id) if staff_id else None
    try:
        _hasher.verify(credential.password_hash if credential else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    staff = session.get(Staff, staff_id) if credential else None
    if staff is None or staff.status != StaffStatus.active:
        return None
    return credential


def session_epoch(*, session: Session, staff_id: str) -> int | None:
    """The current epoch of a person's credential (None: no credential, or not at work)."""
    credential = session.get(UserCredential, staff_id)
    staff = session.get(Staff, staff_id)
    if credential is None or staff is None or staff.status != StaffStatus.active:
        return None
    return credential.session_epoch
