"""The complaint register (投诉登记): one row per complaint case.

投诉处置规定 三(一)1: the management section keeps the register; 三(二)1: name, contact and content recorded.
"""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlmodel import Field, SQLModel

from models.complaint.rules import ComplaintChannel, ComplaintVerdict


class Complaint(SQLModel, table=True):
    case_ref: str = Field(primary_key=True, foreign_key="case.ref", max_length=40)
    channel: ComplaintChannel = Field(index=True)
    received_at: NaiveDatetime = Field(index=True)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, index=True, max_length=40)
    category: int  # 受理范围 item 1–7
    content: str = Field(max_length=2000)
    # Personal data: shown only to whoever may act on the case's open work item.
    complainant_name: str = Field(default="", max_length=50)
    complainant_contact: str = Field(default="", max_length=120)
    rating_id: str | None = Field(default=None, max_length=60)
    stars: int | None = None
    ticket_no: str | None = Field(default=None, max_length=60)
    external_due_at: NaiveDatetime | None = None
    extensions: int = 0
    extension_reason: str = Field(default="", max_length=500)
    investigation_key: str = Field(default="", max_length=160)  # the window's current item
    review_round: int = 1
    findings: str = Field(default="", max_length=2000)
    verdict: ComplaintVerdict | None = Field(default=None, index=True)
    reply: str = Field(default="", max_length=2000)
    answered_at: NaiveDatetime | None = None
    on_time: bool | None = None
