"""The one B-post rule (models/rules/ab_posts.py): another person of the same window, on post, a
window head or staff member — never an intern (AB岗工作制度 1, 2, 6; 进出管理制度 二.3) — and the
organisation file, the roster and a leave's cover all read it."""
from __future__ import annotations

from models.core.org_merge import inconsistencies
from models.core.org import Role, StaffStatus
from models.rules.ab_posts import (INTERN, NOT_WINDOW_STAFF, OFF_POST, OTHER_WINDOW, SELF, Post, b_post_problems,
                                   on_roster)

A = Post("S0103", "W01", Role.staff)


def test_a_colleague_on_post_at_the_same_window_may_be_the_b():
    assert b_post_problems(A, Post("S0104", "W01", Role.staff)) == []
    assert b_post_problems(A, Post("S0101", "W01", Role.head)) == []


def test_an_intern_is_never_a_b_post():
    assert b_post_problems(A, Post("S0109", "W01", Role.intern)) == [INTERN]


def test_oneself_another_window_a_center_section_or_someone_off_post_is_not_a_b():
    assert b_post_problems(A, A) == [SELF]
    assert b_post_problems(A, Post("S0202", "W02", Role.staff)) == [OTHER_WINDOW]
    assert b_post_problems(A, Post("G001", None, Role.management)) == [OTHER_WINDOW, NOT_WINDOW_STAFF]
    assert b_post_problems(A, Post("S0104", "W01", Role.staff, on_post=False)) == [OFF_POST]


def test_on_the_roster_means_at_work_or_on_a_short_secondment():
    assert on_roster(StaffStatus.active) and on_roster("seconded")
    assert not on_roster(StaffStatus.left) and not on_roster(StaffStatus.returned)


def _person(key, window, role=Role.staff, b_post=None, status=StaffStatus.active):
    return {"id": key, "window_id": window, "department_id": "d1", "role": role, "status": status, "b_post_id": b_post}


def test_an_organisation_naming_an_intern_or_a_departed_person_as_b_is_inconsistent():
    state = {"departments": {"d1": {"id": "d1"}},
             "windows": {"W01": {"id": "W01", "department_id": "d1", "head_id": None}},
             "staff": {"S1": _person("S1", "W01", b_post="S2"), "S2": _person("S2", "W01", Role.intern),
                       "S3": _person("S3", "W01", b_post="S4"), "S4": _person("S4", "W01", status=StaffStatus.left),
                       "S5": _person("S5", "W01", b_post="S1")}}
    found = inconsistencies(state)
    assert set(found) == {("staff", "S1", "b_post", INTERN), ("staff", "S3", "b_post", OFF_POST)}
    assert "实习生" in found["staff", "S1", "b_post", INTERN]
