"""API keys of the source systems (12345 hotline, 好差评 rating system) that post complaints to
the center's API (/api/v1/). Issued and revoked by the management section only (投诉处置规定
三(一)1: it registers and coordinates complaints); a key is shown once and stored as the SHA-256
of a random 256-bit token (a high-entropy token needs no slow hash), compared in constant time.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import datetime
from enum import StrEnum

from pydantic import NaiveDatetime
from sqlalchemy import JSON, Column
from sqlmodel import Field, Session, SQLModel, select

from models.core.clock import local_now
from models.core.errors import InvalidInput, NotFound
from models.core.org import Staff
from models.core.workitems import check_management


class SourceSystem(StrEnum):
    """投诉处置规定 二: the channels that are already electronic."""

    hotline = "12345"  # 12345市民服务热线转办工单
    rating = "rating"  # 政务服务“好差评”系统
    attendance = "attendance"  # 中心考勤管理系统 (考勤办法 二(一)2: 人脸识别或指纹), pushing clock records


SYSTEM_LABELS = {SourceSystem.hotline: "12345热线", SourceSystem.rating: "好差评系统",
                 SourceSystem.attendance: "考勤系统"}


class Scope(StrEnum):
    hotline_orders = "hotline-orders"  # POST /api/v1/hotline-orders
    ratings = "ratings"  # POST /api/v1/ratings
    complaints_read = "complaints:read"  # GET /api/v1/complaints/{ref}
    clock_records = "clock-records"  # POST /api/v1/clock-records


SCOPE_LABELS = {Scope.hotline_orders: "报送12345工单", Scope.ratings: "报送好差评评价",
                Scope.complaints_read: "查询办理结果", Scope.clock_records: "报送考勤记录"}
DEFAULT_SCOPES = {SourceSystem.hotline: [Scope.hotline_orders, Scope.complaints_read],
                  SourceSystem.rating: [Scope.ratings, Scope.complaints_read],
                  SourceSystem.attendance: [Scope.clock_records]}
TOKEN_PREFIX = "ck_"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")


class ApiKey(SQLModel, table=True):
    __tablename__ = "api_key"
    name: str = Field(primary_key=True, max_length=40)  # the actor of every call made with it
    system: SourceSystem
    scopes: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    token_hash: str = Field(unique=True, max_length=64)  # sha256 hex of the token
    hint: str = Field(max_length=12)  # the token's first characters, to recognise it in a list
    created_by: str = Field(max_length=40)
    created_at: NaiveDatetime
    revoked_by: str | None = Field(default=None, max_length=40)
    revoked_at: NaiveDatetime | None = None


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _free_name(session: Session, system: SourceSystem) -> str:
    taken = set(session.exec(select(ApiKey.name)).all())
    base = system.value
    return next(n for n in [base, *(f"{base}-{i}" for i in range(2, 1000))] if n not in taken)


def issue_key(*, session: Session, system: SourceSystem | str, actor: str, name: str | None = None,
              scopes: list[str] | None = None, at: datetime | None = None) -> tuple[ApiKey, str]:
    """A new key for `system` (default name: the system, then -2, -3 … while one is taken).
    Returns the row and the token — the only time the token exists outside the caller."""
    check_management(session=session, actor_id=actor, action="签发接口密钥")
    try:
        system = SourceSystem(system)
    except ValueError:
        raise InvalidInput(field="system", message=f"来源系统应为 {' 或 '.join(s.value for s in SourceSystem)}") from None
    if scopes:
        _check_scopes(scopes)
    chosen = [Scope(s) for s in dict.fromkeys(scopes)] if scopes else DEFAULT_SCOPES[system]
    if name is not None:
        if not _NAME.fullmatch(name):
            raise InvalidInput(field="name", message="名称只能用字母、数字、-、_、.，最长40个字符")
        if session.get(ApiKey, name) is not None:
            raise InvalidInput(field="name", message=f"名称 {name} 已被使用（已撤销的密钥也保留名称，供审计）")
        if session.get(Staff, name) is not None:
            raise InvalidInput(field="name", message=f"名称 {name} 与工号重复：审计记录中无法区分")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(name=name or _free_name(session, system), system=system, scopes=[s.value for s in chosen],
                 token_hash=token_digest(token), hint=token[:10], created_by=actor, created_at=at or local_now())
    session.add(key)
    session.flush()
    return key, token


def _check_scopes(scopes: list[str]) -> None:
    unknown = [s for s in scopes if s not in {x.value for x in Scope}]
    if unknown:
        raise InvalidInput(field="scope", message=f"未知的权限 {'、'.join(unknown)}；可用：{'、'.join(s.value for s in Scope)}")


def revoke_key(*, session: Session, name: str, actor: str, at: datetime | None = None) -> ApiKey:
    check_management(session=session, actor_id=actor, action="撤销接口密钥")
    key = session.get(ApiKey, name)
    if key is None:
        raise NotFound(field="密钥名称", value=name)
    if key.revoked_at is not None:
        raise InvalidInput(field="name", message=f"密钥 {name} 已于 {key.revoked_at:%Y-%m-%d %H:%M} 撤销")
    key.revoked_by, key.revoked_at = actor, at or local_now()
    return key


def list_keys(*, session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(ApiKey.created_at, ApiKey.name)).all())


def key_for_token(*, session: Session, token: str) -> ApiKey | None:
    """The active key this token belongs to, or None (unknown, malformed or revoked)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    digest = token_digest(token)
    key = session.exec(select(ApiKey).where(ApiKey.token_hash == digest)).first()
    if key is None or not hmac.compare_digest(key.token_hash, digest) or key.revoked_at is not None:
        return None
    return key
