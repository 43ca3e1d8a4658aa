"""POST /api/v1/ratings: 1–2 stars open a complaint on the `rating` channel with the 12345 limit
counted in working days (投诉处置规定 三(二)3; after 17:00 or on a day off from the next working
day); 3–5 stars are only counted in the monthly statistics (一.1, 三(一)2)."""
from __future__ import annotations

from datetime import datetime

from sqlmodel import func, select

from api.payloads import BAD_RATING, GOOD_RATING, bearer
from models.api.tables import SourceRating
from models.core.cases import Case, WorkItem
from models.complaint.tables import Complaint
from models.core.db import session_scope
from support.cli import run_cli
from support.snapshot import snapshot

RATINGS = "/api/v1/ratings"


def _post(api, keys, body):
    return api.post(RATINGS, json=body, headers=bearer(keys["rating"]))


def _due(ref: str) -> datetime:
    with session_scope() as session:
        return session.get(Case, ref).due_at


def test_a_one_star_rating_opens_a_rating_complaint_for_the_complaint_window(api, keys):
    response = _post(api, keys, BAD_RATING)
    assert response.status_code == 201, response.text
    ref = response.json()["ref"]
    with session_scope() as session:
        complaint = session.get(Complaint, ref)
        item = session.exec(select(WorkItem).where(WorkItem.case_ref == ref)).one()
    assert (complaint.channel, complaint.rating_id, complaint.stars, complaint.staff_id) == (
        "rating", BAD_RATING["rating_id"], 1, "S0103")
    assert item.step == "investigate" and item.assignee_window_id == "W01"


def test_a_bad_rating_after_17_00_counts_from_the_next_working_day(api, keys):
    in_hours = _post(api, keys, {**BAD_RATING, "rating_id": "R-1", "rated_at": "2026-11-20T10:00:00+08:00"})
    evening = _post(api, keys, {**BAD_RATING, "rating_id": "R-2"})  # Friday 18:10
    # rating_days = 5: from Friday 20th → Friday 27th; from Monday 23rd → Monday 30th.
    assert _due(in_hours.json()["ref"]) == datetime(2026, 11, 27, 17, 0)
    assert _due(evening.json()["ref"]) == datetime(2026, 11, 30, 17, 0)


def test_a_bad_rating_on_a_day_off_counts_from_the_next_working_day(api, keys):
    # National Day 2026: 3 October is a holiday; 8 October the first working day; 10 October a make-up Saturday.
    response = _post(api, keys, {**BAD_RATING, "stars": 2, "rated_at": "2026-10-03T11:00:00+08:00"})
    assert _due(response.json()["ref"]) == datetime(2026, 10, 14, 17, 0)


def test_a_five_star_rating_opens_nothing_and_is_counted_in_the_monthly_statistics(api, keys, capsys):
    response = _post(api, keys, GOOD_RATING)
    assert response.status_code == 201 and response.json()["ref"] is None and response.json()["complaint"] is False
    _post(api, keys, BAD_RATING)
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 1
        assert session.get(SourceRating, GOOD_RATING["rating_id"]).case_ref is None
    shown = run_cli(capsys, "complaints", "stats", "--month", "2026-11", "--as-of", "2026-11-25 09:00")
    assert shown.code == 0
    assert "好差评系统报送评价 2 条（差评 1 条，满意率 50.0%）" in shown.out
    assert _post(api, keys, GOOD_RATING).status_code == 200  # a retry is recognised


def test_a_changed_rating_is_refused_with_409_naming_the_fields(api, keys):
    _post(api, keys, GOOD_RATING)
    before = snapshot()
    response = _post(api, keys, {**GOOD_RATING, "stars": 1, "comment": "改成差评"})
    assert response.status_code == 409 and sorted(response.json()["fields"]) == ["comment", "stars"]
    assert snapshot() == before


def test_a_bad_rating_without_the_rated_person_or_reason_gets_422_and_writes_nothing(api, keys):
    before = snapshot()
    response = _post(api, keys, {**BAD_RATING, "staff_id": None, "comment": "", "stars": 7})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"stars"}  # the schema first: 1–5
    response = _post(api, keys, {**BAD_RATING, "staff_id": None, "comment": ""})
    assert response.status_code == 422
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [("comment", "不能为空")]
    response = _post(api, keys, {**BAD_RATING, "staff_id": None})
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [("staff_id", "好差评差评须填写被评价的工作人员")]
    assert snapshot() == before


def test_a_bad_rating_resubmitted_with_another_contact_is_refused_naming_it(api, keys):
    _post(api, keys, BAD_RATING)
    response = _post(api, keys, {**BAD_RATING, "contact": "13700006666"})
    assert response.status_code == 409 and response.json()["fields"] == ["contact"]
    assert _post(api, keys, {**BAD_RATING, "contact": "137-0000-5555"}).status_code == 200  # the same number
