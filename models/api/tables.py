"""What the source systems post to the API, as received: 12345 work orders (转办工单) and 好差评
ratings, each keyed by its own number (the idempotency key), and the log of API calls.

投诉处置规定 二 (channels), 三(二)2 (12345 orders keep their deadline), 三(二)3 (1–2 star ratings),
三(一)2 (the complaint window's monthly and annual 好差评 statistics: every rating is counted).
A rating's contact is kept only in the complaint it opens (1–2 stars); a 3–5 star rater's contact
is not kept at all (nothing is answered to them).
"""
from __future__ import annotations

from pydantic import NaiveDatetime
from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from models.complaint.tables import Complaint

# One complaint per (channel, ticket) and per (channel, rating id), whoever registers it: the
# database refuses the second even when two requests race (partial unique indexes, both stores).
Index("uq_complaint_channel_ticket", Complaint.__table__.c.channel, Complaint.__table__.c.ticket_no, unique=True,
      sqlite_where=text("ticket_no IS NOT NULL"), postgresql_where=text("ticket_no IS NOT NULL"))
Index("uq_complaint_channel_rating", Complaint.__table__.c.channel, Complaint.__table__.c.rating_id, unique=True,
      sqlite_where=text("rating_id IS NOT NULL"), postgresql_where=text("rating_id IS NOT NULL"))


class HotlineOrder(SQLModel, table=True):
    """A 12345 work order received through the API; its complaint holds the order's content."""

    __tablename__ = "hotline_order"
    ticket_no: str = Field(primary_key=True, max_length=60)
    case_ref: str = Field(foreign_key="case.ref", unique=True, max_length=40)
    matter_code: str | None = Field(default=None, max_length=40)
    received_by: str = Field(max_length=40)  # the API key's name
    posted_at: NaiveDatetime


class SourceRating(SQLModel, table=True):
    """A 好差评 rating received through the API, whatever its stars (the statistics count them all)."""

    __tablename__ = "source_rating"
    rating_id: str = Field(primary_key=True, max_length=60)
    stars: int = Field(index=True)
    rated_at: NaiveDatetime = Field(index=True)
    matter_code: str | None = Field(default=None, max_length=40)
    window_id: str = Field(index=True, max_length=40)
    staff_id: str | None = Field(default=None, max_length=40)
    comment: str = Field(default="", max_length=2000)
    case_ref: str | None = Field(default=None, foreign_key="case.ref", unique=True, max_length=40)
    received_by: str = Field(max_length=40)
    posted_at: NaiveDatetime


class ApiCall(SQLModel, table=True):
    """Every API call answered with success, by key (the actor); refusals write nothing."""

    __tablename__ = "api_call"
    id: int | None = Field(default=None, primary_key=True)
    key_name: str = Field(index=True, max_length=40)
    method: str = Field(max_length=8)
    path: str = Field(max_length=200)
    status: int
    case_ref: str | None = Field(default=None, index=True, max_length=40)
    at: NaiveDatetime
