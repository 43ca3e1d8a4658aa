"""Every decider sees what they decide (issue 28, the rule to build), for the procedures beyond the five of
test_web_decider_sees.py: each case is opened the way its submitter opens it, then every human step of
its machine (models/procedures.py: each status that is neither final nor idle waits on a person) is
reached on the desk, the case page is opened as each of that step's assignees, and every field the
submitter filled in — and what the earlier deciders wrote — is on it (masked where
models/rules/masking.py says) before the step is decided."""
from __future__ import annotations

import html
from datetime import datetime, timedelta

import pytest
from sqlmodel import select, update

from models.core.calendar import load_calendar
from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.org import Staff
from models.core.workitems import actor_of, assignment_of
from models.procedures import get_procedure
from models.rules.masking import mask_phone
from models.rules.permissions import may_act
from web.web_desk import client_for, desk_app, post_form, set_passwords

ISSUE_28_DEFECTS = (1,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api")


@pytest.fixture
def desk(org):
    with session_scope() as session:
        everyone = session.exec(select(Staff.id)).all()
    set_passwords(*everyone)
    app, clients = desk_app(), {}

    def as_(staff_id: str):
        if staff_id not in clients:
            clients[staff_id] = client_for(app, staff_id)
        return clients[staff_id]
    return as_


def _ref(response) -> str:
    assert response.status_code == 303, response.text
    return response.headers["location"].split("/")[2]


def _assignees(item: WorkItem) -> list[str]:
    with session_scope() as session:
        people = session.exec(select(Staff.id).order_by(Staff.id)).all()
        return [p for p in people if may_act(actor_of(session=session, staff_id=p), assignment_of(item))[0]]


def _open_items(ref: str) -> list[WorkItem]:
    with session_scope() as session:
        return list(session.exec(select(WorkItem).where(WorkItem.case_ref == ref,
                                                        WorkItem.status == WorkItemStatus.open)
                                 .order_by(WorkItem.id)).all())


def _status(ref: str) -> str:
    with session_scope() as session:
        return session.get(Case, ref).status


def human_statuses(kind: str) -> set[str]:
    """The statuses of `kind`'s machine a case passes on its way to a person's step or through one: neither
    final nor idle (an idle status waits on the applicant at the counter or on a date, never a step)."""
    machine = get_procedure(kind)
    statuses = {machine.initial, *(s for s, _ in machine.transitions), *machine.transitions.values()}
    return statuses - machine.final - machine.idle


def walk(as_, ref: str, shown: list[str], decide, *, hidden: tuple[str, ...] = (), between=None,
         steps: int = 12) -> list[str]:
    """Decide every open step of `ref` on the desk until none is left, each as its first assignee, after
    checking that every one of its assignees sees `shown` (and none sees `hidden`) and what the earlier
    deciders wrote. `decide(item) -> (page, action, data)`; `between(ref)` lets time pass when the case
    waits on a date. The statuses its steps were reached in are checked against the machine."""
    kind = _kind(ref)
    written, walked = list(shown), []
    for _ in range(steps):
        items = _open_items(ref)
        if not items and between is not None and between(ref):
            items = _open_items(ref)
        if not items:
            break
        item = items[0]
        people = _assignees(item)
        assert people, f"nobody may act on {item.step}"
        for person in people:
            page = as_(person).get(f"/cases/{ref}").text
            missing = [value for value in written if html.escape(value, quote=False) not in page]
            assert not missing, f"{person} at {item.step} of {ref} does not see {missing}"
            leaked = [value for value in hidden if value in page]
            assert not leaked, f"{person} at {item.step} sees {leaked} unmasked"
        path, action, data = decide(item)
        response = post_form(as_(people[0]), path.format(ref=ref), action.format(ref=ref, item=item.id), data)
        assert response.status_code == 303, response.text
        written += [v for k, v in data.items() if k in ("comment", "reason", "measures", "findings", "reply",
                                                        "explanation")
                    and isinstance(v, str) and v]
        walked.append(item.step)
    assert not _open_items(ref), f"{ref} still waits after {walked}"
    machine = get_procedure(kind)
    with session_scope() as session:
        passed = {machine.initial, *session.exec(select(AuditEvent.to_status).where(
            AuditEvent.case_ref == ref, AuditEvent.to_status.is_not(None))).all()}
        assert session.get(Case, ref).status in machine.final | machine.idle
    assert human_statuses(kind) <= passed, f"{kind}: never reached {human_statuses(kind) - passed}"
    return walked


def _kind(ref: str) -> str:
    with session_scope() as session:
        return session.get(Case, ref).kind


def on_the_case(data: dict):
    return lambda item: ("/cases/{ref}", "/items/{item}/decide", data)


def by_step(**steps):
    def decide(item):
        path, action, data = steps[item.step]
        return path, action, data
    return decide


# 短期借调、实习生 (进出管理制度 四.2, 二.3) ------------------------------------------------------------

def test_a_secondment_is_reviewed_with_the_person_the_dates_and_the_reason(desk):
    ref = _ref(post_form(desk("S0101"), "/rotation/secondment", "/rotation/secondment",
                         {"staff_id": "S0103", "start": "2027-01-11", "end": "2027-01-15", "reason": "原单位专项检查（借调事由）"}))
    shown = ["S0103", "2027-01-11", "2027-01-15", "原单位专项检查（借调事由）"]
    walk(desk, ref, shown, on_the_case({"approve": "true", "comment": "同意借调（审核意见）"}))


def test_an_intern_is_reviewed_with_every_field_of_the_report(desk):
    ref = _ref(post_form(desk("S0101"), "/rotation/intern", "/rotation/intern",
                         {"window_id": "W01", "staff_id": "X0101", "name": "林小实", "phone": "13600000001",
                          "start": "2027-01-04", "end": "2027-03-31", "reason": "专业实习（实习说明）"}))
    shown = ["W01", "X0101", "林小实", "13600000001", "2027-01-04", "2027-03-31", "专业实习（实习说明）"]
    walk(desk, ref, shown, on_the_case({"approve": "true", "comment": "同意进驻（审核意见）"}))


# IT设备 (IT设备管理规定) ------------------------------------------------------------------------------

def test_an_it_request_is_decided_with_the_device_and_its_purpose(desk):
    ref = _ref(post_form(desk("S0201"), "/it/request", "/it/request",
                         {"window_id": "W02", "kind": "lan", "device": "企业登记专网交换机（设备）",
                          "purpose": "市场监管业务专网（业务需要）"}))
    shown = ["企业登记窗口", "建立业务局域专网", "企业登记专网交换机（设备）", "市场监管业务专网（业务需要）"]
    walk(desk, ref, shown, on_the_case({"approve": "true", "ip_address": "10.30.0.2", "gateway": "10.30.0.1",
                                        "netmask": "255.255.255.0", "comment": "同意接入（审批意见）"}))


def test_an_it_violation_is_reviewed_with_what_was_found(desk):
    ref = _ref(post_form(desk("I001"), "/it/violation", "/it/violation", {
        "window_id": "W01", "staff_id": "S0103", "kind": "unauthorised_software", "observed_on": "2026-10-12",
        "description": "安装了未经授权的下载工具（违规情况）"}))
    shown = ["S0103", "2026-10-12", "安装了未经授权的下载工具（违规情况）"]
    walk(desk, ref, shown, on_the_case({"approve": "true", "comment": "核实属实，扣分（审核意见）"}))


# 学习培训 (学习培训制度 三) ---------------------------------------------------------------------------

def _begun(ref: str) -> bool:
    """Time passes: the session has begun (the roll call is taken once it has, 三.1)."""
    from models.training.tables import TrainingSession

    with session_scope() as session:
        session.exec(update(TrainingSession).where(TrainingSession.case_ref == ref).values(
            starts_at=local_now() - timedelta(hours=1), ends_at=local_now()))
    return False


def test_a_training_is_called_and_its_deductions_reviewed_with_the_session_in_sight(desk):
    start = (local_now() + timedelta(days=1)).replace(hour=14, minute=0, second=0, microsecond=0)
    ref = _ref(post_form(desk("T001"), "/trainings/new", "/trainings/new", {
        "topic": "投诉处置规定（培训主题）", "category": "regulations", "organiser": "complaint_window",
        "place": "三楼会议室（地点）", "starts_at": f"{start:%Y-%m-%dT%H:%M}",
        "ends_at": f"{start + timedelta(hours=1):%Y-%m-%dT%H:%M}", "windows": ["W02"]}))
    arranged = f"{start:%Y-%m-%d %H:%M} 至 {start + timedelta(hours=1):%H:%M}"
    assert arranged in desk("T001").get(f"/cases/{ref}").text
    _begun(ref)
    shown = ["投诉处置规定（培训主题）", "法规制度", "三楼会议室（地点）", "孙悦（S0202）", "马超（S0203）"]
    walk(desk, ref, shown, by_step(
        roll_call=("/trainings/{ref}/roll-call", "/trainings/{ref}/roll-call",
                   {"present": ["S0201", "S0202"], "comment": "马超未到（点名备注）"}),
        review=("/cases/{ref}", "/items/{item}/decide", {"approve": "true", "comment": "无故缺席属实（审核意见）"})))


# 事项清单梳理 (事项进驻、退出、调整规定 2) ------------------------------------------------------------------

def test_each_window_confirms_the_matter_list_it_sees_on_the_review_page(desk):
    from support.matters import sample, through

    through(sample())
    response = post_form(desk("G001"), "/matters", "/matters/review", {})
    assert response.status_code == 303, response.text
    if not response.headers["location"].startswith("/cases/"):
        pytest.skip("today is a day off: the review opens on a working day only")
    ref = _ref(response)
    walked = walk(desk, ref, ["QP-RSJ-001", "失业登记", "W01 社保综合窗口", "W04 婚姻登记窗口"],
                  on_the_case({"comment": "清单无误（确认意见）"}))
    assert set(walked) == {"confirm"} and len(walked) >= 4


# 窗口接件 (首问负责制度, 限时办结制度) ------------------------------------------------------------------

def test_a_service_case_is_completed_with_the_applicant_and_the_matter_in_sight(desk):
    from support.matters import sample, through

    through(sample())
    phone, email = "13912340099", "liming@example.com"
    ref = _ref(post_form(desk("S0102"), "/new/service", "/new/service", {
        "matter_code": "QP-RSJ-001", "applicant": "李明", "phone": phone, "email": email, "channel": "window"}))
    checked = post_form(desk("S0102"), f"/cases/{ref}/service/materials", f"/cases/{ref}/service/materials",
                        {"m-0": "have", "m-1": "have", "m-2": "have"})
    assert checked.status_code == 303, checked.text
    shown = ["李明", phone, email, "QP-RSJ-001", "窗口"]
    outside = desk("G002").get(f"/cases/{ref}").text  # outside the window: the applicant's contacts masked
    assert mask_phone(phone) in outside and phone not in outside and email not in outside
    walk(desk, ref, shown, by_step(complete=("/cases/{ref}/service/complete", "/cases/{ref}/service/complete", {})))


# 窗口负责人调整 (派驻部门窗口负责人岗位职责 7) ------------------------------------------------------------

def test_a_head_replacement_is_nominated_with_the_rankings_behind_it(desk, tmp_path):
    from tasks.rotation.head_replacement import record_rankings

    rankings = tmp_path / "rankings.yaml"
    rankings.write_text("rankings:\n" + "".join(
        f"  - {{year: {y}, window: {w}, rank: {r}}}\n" for y in (2025, 2026)
        for w, r in (("W01", 1), ("W02", 2), ("W04", 3), ("W03", 4))), encoding="utf-8")
    record_rankings(path=rankings, actor="G001", now=datetime(2027, 1, 10, 9))
    with session_scope() as session:
        ref = session.exec(select(Case.ref).where(Case.kind == "head_replacement", Case.window_id == "W03")).one()
    shown = ["S0301", "2025年度考核排名", "第 4 名（共 4 名）", "2026年度考核排名", "派驻部门窗口负责人岗位职责 7"]
    walk(desk, ref, shown, on_the_case({"new_head": "S0302", "comment": "改由胡军负责（调整说明）"}))


# 退回 (进出管理制度 三) ------------------------------------------------------------------------------

def _b_post(item: WorkItem) -> str:
    from models.procedures import decision_choices

    with session_scope() as session:
        [(value, _), *_] = decision_choices()["b_post"]["b_post"](session=session, item=item)
    return value


def test_a_return_is_decided_nominated_and_reported_with_the_grounds_and_the_replacement_in_sight(desk):
    from flows.staff_return import staff_return_day

    response = post_form(desk("G001"), "/new/return", "/new/return",
                         {"staff_id": "S0103", "grounds": ["discipline"], "notes": "多次无故离岗（情况说明）"},
                         files=[("files", ("离岗记录.pdf", b"%PDF-1.4 evidence"))])
    ref = _ref(response)
    with session_scope() as session:
        arrival = load_calendar(session=session).add_working_days(local_now().date(), 3)
    newcomer = {"staff_id": "S0111", "name": "钱进", "phone": "13700000111", "email": "qianjin@example.gov.cn",
                "political_status": "party_member", "qualification": "社会保障经办资格",
                "arrival_date": f"{arrival}", "comment": "熟悉社保业务（拟派说明）"}

    def decide(item: WorkItem):
        data = {"decide": {"confirm": "true", "reason": "经核实，符合退回情形（退回理由）"},
                "nominate": newcomer,
                "accountability": {"measures": "给予诫勉谈话（问责情况）"}}.get(item.step)
        if item.step == "b_post":
            data = {"b_post": _b_post(item), "comment": "改由同窗口人员担任B岗（B岗说明）"}
        return "/cases/{ref}", "/items/{item}/decide", data

    def arrive(ref: str) -> bool:
        if _status(ref) != "arriving":
            return False
        staff_return_day(as_of=datetime.combine(arrival, datetime.min.time()).replace(hour=8))
        return True

    shown = ["S0103", "不能自觉地遵守中心工作纪律", "多次无故离岗（情况说明）", "离岗记录.pdf"]
    walked = walk(desk, ref, shown, decide, between=arrive)
    assert {"decide", "nominate", "accountability"} <= set(walked)
    page = desk("D-rsj").get(f"/cases/{ref}").text
    for value in ("钱进", "S0111", "13700000111", "qianjin@example.gov.cn", "中共党员", "社会保障经办资格",
                  f"{arrival}", "熟悉社保业务（拟派说明）", "给予诫勉谈话（问责情况）"):
        assert value in page, value


# 考勤 (考勤办法 二(一)2–3, 6) ------------------------------------------------------------------------

def test_an_attendance_exception_is_registered_and_reviewed_with_the_punches_and_the_explanation_in_sight(desk):
    from models.attendance.tables import AttendanceException
    from support.cli import ROOT

    sample = ROOT / "examples" / "attendance-2026-10.csv"
    imported = post_form(desk("G001"), "/attendance?month=2026-10", "/attendance/import", {},
                         files={"file": (sample.name, sample.read_bytes())})
    assert imported.status_code == 303, imported.text
    with session_scope() as session:
        ref = session.exec(select(AttendanceException.case_ref).where(AttendanceException.staff_id == "S0102")).one()
    walked = walk(desk, ref, ["08:41:17", "17:06:40", "迟到"], by_step(
        explain=("/cases/{ref}/attendance/explain", "/cases/{ref}/attendance/explain",
                 {"explanation": "早高峰道路封闭（情况说明）"}),
        register=("/cases/{ref}", "/items/{item}/decide", {"reason": "other", "comment": "已核实路况（登记说明）"}),
        review=("/cases/{ref}", "/items/{item}/decide", {"approve": "true", "comment": "予以认可（审核意见）"})))
    assert walked == ["explain", "register", "review"]


# 延时服务人员安排表 (考勤办法 二(一)4) -----------------------------------------------------------------

def test_a_lunch_roster_is_reviewed_with_every_day_and_its_servers_in_sight(desk):
    from web.test_web_lunch_roster import days_of, next_month, post

    month = next_month()
    days = days_of(month)
    ref = _ref(post(desk("S0201"), month, {d: ["S0202"] if i % 2 else ["S0201", "S0203"] for i, d in enumerate(days)}))
    shown = ["企业登记窗口", f"{month:%Y-%m}", *(f"{d:%m-%d}" for d in days), "徐明、马超", "孙悦"]
    walked = walk(desk, ref, shown, on_the_case({"approve": "true", "comment": "同意登记（审核意见）"}))
    assert walked == ["review"]


# Every procedure whose machine waits on a person is walked: here, or in test_web_decider_sees.py.
WALKED_HERE = {"secondment", "intern", "it_access", "it_violation", "training", "matter_review", "service",
               "head_replacement", "staff_return", "attendance", "lunch_roster"}
WALKED_BESIDE = {"leave", "complaint", "rotation", "matter"}


def test_every_procedure_with_a_person_s_step_is_walked():
    from models.procedures import PROCEDURES

    declared = {spec.kind for spec in PROCEDURES if human_statuses(spec.kind)
                and not spec.machine.startswith("support.")}  # the tests' own sample procedure aside
    assert declared == WALKED_HERE | WALKED_BESIDE
