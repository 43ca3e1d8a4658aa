"""The qualification every person posted to a window must hold (进出管理制度 一.4: 进驻人员须具备所办
事项要求的资格), recorded per window by the management section. A window's attribute, read by every
procedure that posts people there (a rotation's arrivals, a returned person's replacement)."""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlmodel import Field, Session, SQLModel

from models.core.clock import local_now
from models.core.errors import NotFound
from models.core.org import Window


class PostingRequirement(SQLModel, table=True):
    """The qualification every person posted to a window must hold (进出管理制度 一.4)."""

    window_id: str = Field(primary_key=True, foreign_key="window.id", max_length=40)
    qualification: str = Field(max_length=200)
    set_by: str = Field(max_length=40)
    set_at: NaiveDatetime


def required_qualification(*, session: Session, window_id: str) -> str:
    """The window's required qualification, "" when none is recorded."""
    requirement = session.get(PostingRequirement, window_id)
    return requirement.qualification if requirement else ""


def set_requirement(*, session: Session, window_id: str, qualification: str, actor: str) -> None:
    if session.get(Window, window_id) is None:
        raise NotFound(field="窗口", value=window_id)
    session.merge(PostingRequirement(window_id=window_id, qualification=qualification,
                                     set_by=actor, set_at=local_now()))
