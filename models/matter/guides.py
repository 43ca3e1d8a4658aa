"""Reading the service guides (办事指南): the current version of a matter in service, for the windows
(限时办结制度 1, 一次性告知制度 1: what to ask for, how long it takes) and for the public site
(事项进驻、退出、调整规定 4); every version kept.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import BaseModel
from sqlmodel import Session, select

from models.core.errors import PolicyViolation
from models.matter.inputs import (KIND_LABELS, STATUS_LABELS, Branch, Guide, Material, MatterKind, MatterRequestForm,
                                  MatterStatus)
from models.matter.rules import IN_SERVICE
from models.matter.store import get_matter, list_matters
from models.matter.tables import Matter, MatterGuideVersion
from models.core.org import Department, Window
from models.core.settings import get_settings


class CurrentGuide(BaseModel):
    """A matter in service with its current guide: what a window needs to receive a case."""

    code: str
    name: str
    status: MatterStatus
    version: int
    department_id: str
    department_name: str
    window_id: str | None
    window_name: str
    branch: Branch | None
    kind: MatterKind
    statutory_days: int | None
    promised_days: int | None  # 0 or None for 即办件
    scope: list[str]
    guide: Guide
    approved_at: datetime

    @property
    def materials(self) -> list[Material]:
        return self.guide.materials

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


def site_dir() -> Path:
    """The public site (办事指南) in the data folder: index.html and matters/<code>.html."""
    return get_settings().data_dir / "public"


def page_path(code: str) -> Path:
    return site_dir() / "matters" / f"{code}.html"


def guide_versions(*, session: Session, code: str) -> list[MatterGuideVersion]:
    return list(session.exec(select(MatterGuideVersion).where(MatterGuideVersion.matter_code == code)
                             .order_by(MatterGuideVersion.version)).all())


def guide_of(*, session: Session, matter: Matter) -> CurrentGuide:
    row = session.exec(select(MatterGuideVersion).where(
        MatterGuideVersion.matter_code == matter.code, MatterGuideVersion.version == matter.current_version)).one()
    form = MatterRequestForm.model_validate(row.spec)
    window = session.get(Window, matter.window_id) if matter.window_id else None
    return CurrentGuide(
        code=matter.code, name=matter.name, status=matter.status, version=row.version,
        department_id=matter.department_id, department_name=session.get(Department, matter.department_id).name,
        window_id=matter.window_id, window_name=window.name if window else "", branch=form.branch,
        kind=matter.kind, statutory_days=matter.statutory_days, promised_days=matter.promised_days,
        scope=form.scope, guide=form.guide, approved_at=row.approved_at)


def current_guide(*, session: Session, code: str) -> CurrentGuide:
    """The matter's current guide, for a matter in service (在办). A proposed, cancelled or exited
    matter is refused: 首问负责制度 二.3 — tell the person where to go instead."""
    matter = get_matter(session=session, code=code)
    if matter.status not in IN_SERVICE:
        raise PolicyViolation(rule="matter.not_in_service", field="事项编码",
                              message=f"事项 {code}（{matter.name}）{STATUS_LABELS[matter.status]}，不在中心办理")
    return guide_of(session=session, matter=matter)


def guides_in_service(*, session: Session) -> list[CurrentGuide]:
    return [guide_of(session=session, matter=m) for m in list_matters(session=session, in_service_only=True)]
