"""A matter request (事项进驻、退出、调整规定 3) on its case page, as the district office and the management
section decide it: every field the department filed, the service guide in full (规定 4: the published
content), the guide's completeness check with its gaps (一次性告知制度 2), and for a 变更 what changes —
each changed field marked with the guide in force beside it."""
from __future__ import annotations

from sqlmodel import Session, select

from deployments.web.core.auth import Viewer
from deployments.web.core.filled_in import EMPTY, filled_in
from models.core.cases import Case

CHANGED, ADDED, REMOVED = "【变更】", "【新增】", "【删除】"


def changes(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The new rows, each changed one marked with the value in force beside it (现行：…), then the
    rows the change removes."""
    before, after = dict(old), dict(new)
    rows = []
    for label, value in new:
        if label not in before:
            rows.append((label, f"{ADDED}{value}"))
        elif before[label] != value:
            rows.append((label, f"{CHANGED}{value}（现行：{before[label]}）"))
        else:
            rows.append((label, value))
    return rows + [(label, f"{REMOVED}（现行：{value}）") for label, value in old
                   if label not in after and value != EMPTY]


def _guide_in_force(session: Session, case: Case, code: str) -> dict | None:
    """The guide a change replaces: the version before the one this case approved, or the current one."""
    from models.matter.tables import Matter, MatterGuideVersion

    versions = session.exec(select(MatterGuideVersion).where(MatterGuideVersion.matter_code == code)
                            .order_by(MatterGuideVersion.version)).all()
    mine = next((v.version for v in versions if v.case_ref == case.ref), None)
    if mine is None:
        matter = session.get(Matter, code)
        mine = (matter.current_version or 0) + 1 if matter else 1
    earlier = [v for v in versions if v.version < mine]
    return earlier[-1].spec if earlier else None


def matter_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    from models.matter.inputs import MatterRequestForm, MatterRequestKind
    from models.matter.tables import MatterRequest

    request = session.get(MatterRequest, case.ref)
    if request is None:
        return []
    rows = filled_in(MatterRequestForm, request.form)
    if request.request == MatterRequestKind.change:
        in_force = _guide_in_force(session, case, request.matter_code)
        if in_force is not None:
            rows = changes(filled_in(MatterRequestForm, in_force), rows)
    check = "；".join(request.gaps) if request.gaps else "通过 — 各项内容已写明"
    verdict = "未通过 — " if request.gaps else ""
    return rows + [("规定检查：办事指南完整（事项进驻、退出、调整规定 4；一次性告知制度 2）", f"{verdict}{check}")]


def review_details(session: Session, case: Case, viewer: Viewer) -> list[tuple[str, str]]:
    """The quarterly review of the matter list (事项进驻、退出、调整规定 2: 清单式管理，定期梳理汇总): each
    window's (and each department's branch windows') list of matters in service, as its head confirms it."""
    from models.matter.review import review_units

    def entry(row: dict) -> str:
        return f"{row['code']} {row['name']}（{row['kind']}，{row['status']}，第{row['version']}版）"

    return [(f"事项清单：{unit.title}", "；".join(entry(row) for row in unit.matters) or "（无进驻事项）")
            for unit in review_units(session=session)]
