"""Publishing the service guides as a static site in the data folder: an index of the matters in
service by window, one page per matter (事项进驻、退出、调整规定 4: 配备办事指南…并在办公场所公开;
窗口服务信息公开制度 一, 二.3–5: 动态调整、及时更新, on the web and on phones).

The site is rebuilt whole from the list each time, so publishing twice gives the same files and a
matter taken off the list loses its page. Files are replaced atomically (a reader never sees half).
"""
from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import Session

from tasks.core.plain_calls import task

from models.core.db import session_scope
from models.matter.store import check_publisher
from models.matter.guides import CurrentGuide, guides_in_service, page_path, site_dir
from tasks.core.render import render


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text + "\n", encoding="utf-8")
    os.replace(temporary, path)


def by_window(guides: list[CurrentGuide]) -> list[dict]:
    """Center windows in order of their number, then the branch windows (分中心) by name."""
    groups: dict[tuple, dict] = {}
    for g in guides:
        if g.window_id:
            key, title = (0, g.window_id), f"{g.window_id} {g.window_name}（{g.department_name}）"
        else:
            key, title = (1, g.branch.name), f"分中心：{g.branch.name}（{g.department_name}，{g.branch.address}）"
        groups.setdefault(key, {"title": title, "guides": []})["guides"].append(g)
    return [groups[key] for key in sorted(groups)]


def publish_guides(*, session: Session | None = None) -> dict:
    """Render the index and every page; remove the pages of matters no longer in service. `session`:
    the transaction of the step that publishes (the list as it stands in it), else one of its own."""
    if session is None:
        with session_scope() as own:
            guides = guides_in_service(session=own)
    else:
        guides = guides_in_service(session=session)
    updated = max((g.approved_at for g in guides), default=None)
    index = site_dir() / "index.html"
    _write(index, render("site/index.html", groups=by_window(guides), count=len(guides), updated=updated))
    for guide in guides:
        _write(page_path(guide.code), render("documents/guide.html", g=guide, index_href="../index.html"))
    codes = {g.code for g in guides}
    stale = [p for p in (site_dir() / "matters").glob("*.html") if p.stem not in codes]
    for path in stale:
        path.unlink()
    return {"index": str(index), "pages": len(guides), "removed": len(stale)}


publish_guides_task = task(name="发布办事指南", retries=2, retry_delay_seconds=2)(publish_guides)


def check_publisher_of(*, actor: str) -> None:
    with session_scope() as session:
        check_publisher(session=session, actor_id=actor)


check_publisher_of_task = task(name="核对发布权限")(check_publisher_of)
