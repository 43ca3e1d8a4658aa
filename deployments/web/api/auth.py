"""Who is calling: `Authorization: Bearer <key>` — an active API key with the endpoint's scope.
The desk's session cookie is never looked at here. No key, an unknown or revoked key → 401; a key
without the scope → 403; in both cases nothing is written."""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from models.api.keys import SCOPE_LABELS, Scope, key_for_token
from models.core.db import session_scope

bearer = HTTPBearer(auto_error=False, scheme_name="接口密钥",
                    description="由窗口管理科签发（center api-keys issue 12345 --as G001），请求头 Authorization: Bearer <密钥>")


@dataclass(frozen=True)
class Caller:
    name: str  # the key's name: the actor of everything the call does
    system: str  # "12345" or "rating"
    scopes: frozenset[str]


def _caller(credentials: HTTPAuthorizationCredentials | None) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(401, "缺少接口密钥：请在请求头 Authorization: Bearer <密钥> 中提供",
                            headers={"WWW-Authenticate": "Bearer"})
    with session_scope() as session:
        key = key_for_token(session=session, token=credentials.credentials)
        caller = Caller(key.name, key.system.value, frozenset(key.scopes)) if key else None
    if caller is None:
        raise HTTPException(401, "接口密钥无效或已撤销", headers={"WWW-Authenticate": "Bearer"})
    return caller


def require(scope: Scope):
    """A dependency: the caller, if its key carries `scope`."""
    def dependency(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
        caller = _caller(credentials)
        if scope.value not in caller.scopes:
            raise HTTPException(403, f"密钥 {caller.name} 无「{SCOPE_LABELS[scope]}」权限（{scope.value}）")
        return caller
    return dependency
