"""Stand-in (顶岗), AB岗工作制度 1, 2, 6, 8: who acts for a person who is away, and the permission
matrix of an item of theirs — A away / B away / both / a head whose B is away / a one-person window."""
from __future__ import annotations

import pytest

from models.rules.ab_posts import Post
from models.rules.permissions import Actor, Assignment, acting_for, may_act
from models.rules.roles import Role
from models.rules.stand_in import StandIn, stand_in_for

ISSUE_29_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

HEAD = Post("S0101", "W01", Role.head)
A = Post("S0105", "W01", Role.staff)
B = Post("S0106", "W01", Role.staff)
HEAD_B = Post("S0102", "W01", Role.staff)
ACTORS = {"A": Actor("S0105", Role.staff, "W01"), "B": Actor("S0106", Role.staff, "W01"),
          "head": Actor("S0101", Role.head, "W01"), "management": Actor("G001", Role.management),
          "other": Actor("S0103", Role.staff, "W01")}


def stand_in(holder: Post, b: Post | None, away: set[str], colleagues: int = 5) -> StandIn | None:
    return stand_in_for(holder, "某人", b=b, head=HEAD, away=frozenset(away), colleagues=colleagues)


@pytest.mark.parametrize("away, expected", [
    (set(), None),  # at work: nobody stands in
    ({"S0105"}, StandIn("S0105", "某人", staff_id="S0106")),  # A away: the B (AB岗 1, 6)
    ({"S0106"}, None),  # only the B away: A acts as assigned
    ({"S0105", "S0106"}, StandIn("S0105", "某人", staff_id="S0101")),  # both: the window head
    ({"S0105", "S0106", "S0101"}, StandIn("S0105", "某人", role=Role.management)),  # and the head too
])
def test_the_stand_in_of_a_window_staff_member(away, expected):
    assert stand_in(A, B, away) == expected


def test_a_head_whose_b_is_away_is_stood_in_for_by_the_management_section():
    assert stand_in(HEAD, HEAD_B, {"S0101"}) == StandIn("S0101", "某人", staff_id="S0102")
    assert stand_in(HEAD, HEAD_B, {"S0101", "S0102"}) == StandIn("S0101", "某人", role=Role.management)


def test_a_one_person_windows_post_goes_to_the_management_section_and_the_department_is_told():
    alone = Post("S0301", "W03", Role.head)
    assert stand_in(alone, None, {"S0301"}, colleagues=0) == StandIn("S0301", "某人", role=Role.management,
                                                                       one_person_window=True)


def test_a_b_from_another_window_or_off_post_does_not_stand_in():
    assert stand_in(A, Post("S0206", "W02", Role.staff), {"S0105"}).staff_id == "S0101"
    assert stand_in(A, Post("S0106", "W01", Role.staff, on_post=False), {"S0105"}).staff_id == "S0101"


# The matrix: (who is away, the item's assignment) → who may act on it.
PERSONAL = Assignment(role=Role.staff, window_id="W01", staff_id="S0105")
AS_HEAD = Assignment(role=Role.head, window_id="W01")


@pytest.mark.parametrize("assignment, away, allowed", [
    (PERSONAL, set(), {"A"}),
    (PERSONAL, {"S0105"}, {"A", "B"}),
    (PERSONAL, {"S0106"}, {"A"}),
    (PERSONAL, {"S0105", "S0106"}, {"A", "head"}),
    (PERSONAL, {"S0105", "S0106", "S0101"}, {"A", "management"}),
])
def test_who_may_act_on_an_item_of_someone_away(assignment, away, allowed):
    item = Assignment(**{**assignment.__dict__, "stand_in": stand_in(A, B, away)})
    assert {name for name, actor in ACTORS.items() if may_act(actor, item)[0]} == allowed


@pytest.mark.parametrize("away, allowed", [
    (set(), {"head"}),
    ({"S0101"}, {"head", "S0102"}),  # the head away: their B signs what waits for the window head
    ({"S0101", "S0102"}, {"head", "management"}),
])
def test_who_may_act_on_an_item_for_the_window_head_while_the_head_is_away(away, allowed):
    actors = {**ACTORS, "S0102": Actor("S0102", Role.staff, "W01")}
    item = Assignment(**{**AS_HEAD.__dict__, "stand_in": stand_in(HEAD, HEAD_B, away)})
    assert {name for name, actor in actors.items() if may_act(actor, item)[0]} == allowed


def test_a_one_person_windows_item_is_decided_by_the_management_section():
    item = Assignment(**{**AS_HEAD.__dict__, "window_id": "W03",
                         "stand_in": StandIn("S0301", "某人", role=Role.management, one_person_window=True)})
    assert may_act(ACTORS["management"], item) == (True, "")
    assert may_act(ACTORS["other"], item) == (False, "角色不符")


def test_a_stand_in_who_has_left_may_not_act():
    item = Assignment(**{**PERSONAL.__dict__, "stand_in": StandIn("S0105", "某人", staff_id="S0106")})
    assert may_act(Actor("S0106", Role.staff, "W01", active=False), item) == (False, "该人员不在岗")


def test_the_record_names_whom_the_stand_in_acted_for_and_nobody_when_acting_as_assigned():
    item = Assignment(**{**PERSONAL.__dict__, "stand_in": stand_in(A, B, {"S0105"})})
    assert acting_for(ACTORS["B"], item) == "S0105"
    assert acting_for(ACTORS["A"], item) is None and acting_for(ACTORS["other"], item) is None


def test_nobody_stands_in_on_their_own_case():
    """S0102 signs for the head away, but not her own leave: it goes on up the line."""
    assert stand_in_for(HEAD, "张伟", b=HEAD_B, head=HEAD, away=frozenset({"S0101"}), colleagues=5,
                        concerned=frozenset({"S0102"})) == StandIn("S0101", "张伟", role=Role.management)
    assert stand_in_for(A, "陈静", b=B, head=HEAD, away=frozenset({"S0105"}), colleagues=5,
                        concerned=frozenset({"S0106"})) == StandIn("S0105", "陈静", staff_id="S0101")
