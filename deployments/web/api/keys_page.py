"""接口密钥 (窗口管理科 only): the source systems' API keys — issued (the key shown once, on the
answer page itself, never in the session cookie), listed, revoked; the same rules as
`center api-keys` (models.api.keys)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, management_only
from deployments.web.core.errors import errors_by_field
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.nav import NavEntry
from models.core.org import Role
from models.api.keys import SCOPE_LABELS, SYSTEM_LABELS, issue_key, list_keys, revoke_key
from models.core.db import session_scope
from models.core.errors import CenterError

router = APIRouter()
PATH = "/admin/api-keys"
# Its own refusal, naming this page (issue 28 defect 12: it named 管理总览, whose check it borrowed).
require_management = management_only("管理接口密钥", "只有窗口管理科可以签发、查看和吊销接口密钥")


def _view() -> dict:
    with session_scope() as session:
        keys = list_keys(session=session)
    return {"keys": [{"name": k.name, "system": SYSTEM_LABELS[k.system], "hint": k.hint,
                      "scopes": "、".join(SCOPE_LABELS.get(s, s) for s in k.scopes), "created": k.created_at,
                      "created_by": k.created_by, "revoked": k.revoked_at, "revoked_by": k.revoked_by} for k in keys],
            "systems": [(s.value, label) for s, label in SYSTEM_LABELS.items()],
            "scope_options": [(s.value, label) for s, label in SCOPE_LABELS.items()]}


def _page(request: Request, *, status_code: int = 200, **context):
    return page(request, "api_keys.html", title="接口密钥", status_code=status_code,
                **{"values": {}, "errors": {}, "issued": None, **context, **_view()})


@router.get(PATH)
def show_keys(request: Request, viewer: Viewer = Depends(require_management)):
    return _page(request)


def _issue(values: dict, scopes: list[str], actor: str) -> tuple[str, str]:
    with session_scope() as session:
        key, token = issue_key(session=session, system=values.get("system", ""), actor=actor,
                               name=values.get("name") or None, scopes=scopes or None)
        return key.name, token


@router.post(PATH)
async def post_key(request: Request, viewer: Viewer = Depends(require_management)):
    form = await request.form()
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
    scopes = [s for s in form.getlist("scope") if isinstance(s, str)]
    try:
        name, token = await run_in_threadpool(_issue, values, scopes, viewer.id)
    except CenterError as error:
        return _page(request, status_code=400, values=values,
                     errors=errors_by_field(error, {"system": "system", "name": "name", "scope": "scope"}))
    return _page(request, issued={"name": name, "token": token})


@router.post(PATH + "/{name}/revoke")
def post_revoke(name: str, request: Request, viewer: Viewer = Depends(require_management)):
    with session_scope() as session:
        revoke_key(session=session, name=name, actor=viewer.id)
    flash(request, f"已撤销密钥 {name}：此后用它的请求一律拒绝")
    return redirect(PATH)


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("接口密钥", "/admin/api-keys", "管理", frozenset({Role.management})),)
