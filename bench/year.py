"""A year of a district center's work in a case store, generated (issue 30): for the desk's load test.

The organisation has the shape of examples/org.yaml and the size of a district center (the
regulations' center, 青浦区): 12 departments and the center's office; 50 windows of 4–10 people
(average 7), each with its head (窗口负责人岗位职责) and A/B posts in pairs (AB岗工作制度); 20 interns
at the windows (进出管理制度 二); the management section (8), the complaint window (3), the district
office (2), the IT section (3) and one contact per department: ≈ 400 people. It is imported with the
store's own `import_org`, which checks it whole.

Then 250 working days (the calendar module, ending today, as the desk's clock reads it), every row
written with executemany in chunks (COPY-like; the store's functions would take an hour):
- service cases (首问负责, 限时办结): 64 a working day (≈ 16,000; a window takes about 1.3 a day here —
  the cases worth a record, most matters are finished on the spot). Each closed one with its audit
  rows (first_inquiry, check, accept, complete), its work item (限时办结, done), a 一次性告知书
  (documents row) for one in six, its notices to the applicant (outbox, sent). Promised in 5 working
  days; those accepted in the last 5 working days are still open (≈ 300), 1% of them overdue.
- complaints (投诉处置规定): 6 a working day by phone, 12345 and petition, plus 1–2 star ratings (好差评
  三(二)3) that open a complaint: ≈ 2,000 in all, investigated by the window head (work item), the
  substantiated ones with their deductions in the ledger; the last 10 working days' still open.
- 3–5 star ratings (三(一)2: counted for the monthly statistics, `source_rating` rows with no case,
  as models/api keeps them): 1,200 a working day, ≈ 300,000 — the ratings of a busy center.
- leaves (考勤办法 二): 3 a window person a year (≈ 1,000), with the head's signature, the management
  section's review, the 请假报告单 and the head's registration (tasks/leave/steps.py); the last 3
  working days' still waiting for the head's signature or the registration.
- patrols (巡查制度): twice a working day (≈ 500; all counts but the trainings' and rotations' follow `--scale`), one in five with a finding and its deduction;
  trainings (学习培训制度): one a month, every window person an attendee, a few absent; rotations
  (进出管理制度 一): one a quarter for 8 windows, closed.
The ref counters are set past the generated refs, so cases opened later take the next numbers.
Documents are rows only (the pages list them; no page reads the files).

`python bench/year.py --backend sqlite --out /tmp/year` (an SQLite file in that folder) or
`--backend postgresql --url postgresql://127.0.0.1/center_year` (an existing, empty database);
`--scale 0.05` ≈ 1,000 cases: the small store the growth ratios compare to.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, time as clock, timedelta
from pathlib import Path

import yaml

from common import emit, load, use_store

WINDOWS = 50
DEPARTMENTS = 12
WORKING_DAYS = 250
SERVICE_PER_DAY = 64
COMPLAINTS_PER_DAY = 8
GOOD_RATINGS_PER_DAY = 1_200
LEAVES_PER_PERSON = 3
PATROLS_PER_DAY = 2
PROMISED_DAYS = 5
CHUNK = 5_000
SECTIONS = {"G": ("management", 8), "T": ("complaint_window", 3), "Q": ("district_office", 2), "I": ("it_section", 3)}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉力燕晓"
MATTERS = ("失业登记", "社保卡补办", "企业设立登记", "个体户登记", "居住证办理", "出入境证件", "结婚登记",
           "医保转移", "食品经营许可", "不动产登记")


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def organisation(rng: random.Random) -> dict:
    """Departments, windows, staff in examples/org.yaml's shape, at a district center's size."""
    departments = [{"id": f"d{d:02d}", "name": f"区第{d}派驻部门", "leader": name(rng), "phone": f"1390000{d:04d}",
                    "email": f"d{d:02d}-leader@example.gov.cn"} for d in range(1, DEPARTMENTS + 1)]
    departments.append({"id": "zwb", "name": "区政务服务办公室", "leader": name(rng), "phone": "13900009999",
                        "email": "zwb@example.gov.cn"})
    windows, staff = [], []
    for prefix, (role, count) in SECTIONS.items():
        staff += [{"id": f"{prefix}{i:03d}", "name": name(rng), "department": "zwb", "role": role,
                   "phone": f"138{ord(prefix):03d}{i:05d}", "email": f"{prefix.lower()}{i:03d}@example.gov.cn"}
                  for i in range(1, count + 1)]
    staff += [{"id": f"D-d{d:02d}", "name": name(rng), "department": f"d{d:02d}", "role": "department",
               "phone": f"1391000{d:04d}", "email": f"d{d:02d}-hr@example.gov.cn"} for d in range(1, DEPARTMENTS + 1)]
    for w in range(1, WINDOWS + 1):
        window = f"W{w:02d}"
        size = 4 + (w * 3) % 7  # 4–10, average 7
        people = [f"S{w:02d}{j:02d}" for j in range(1, size + 1)]
        windows.append({"id": window, "name": f"第{w}综合窗口", "department": f"d{(w - 1) % DEPARTMENTS + 1:02d}",
                        "head": people[0], "saturday_service": w % 10 == 3, "lunch_service": w % 10 == 2})
        for j, person in enumerate(people):
            partner = people[j ^ 1] if (j ^ 1) < size else people[0]
            staff.append({"id": person, "name": name(rng), "window": window, **({"role": "head"} if j == 0 else {}),
                          "posted_since": date(2018 + j % 7, 1 + j % 12, 1), "b_post": partner,
                          "phone": f"137{w:02d}{j:06d}", "email": f"s{w:02d}{j:02d}@example.gov.cn"})
        if w <= 20:
            staff.append({"id": f"X{w:02d}01", "name": name(rng), "window": window, "role": "intern",
                          "phone": f"136{w:02d}000001", "email": f"x{w:02d}@example.gov.cn"})
    return {"departments": departments, "windows": windows, "staff": staff}


class Writer:
    """Rows gathered per table and written with executemany every CHUNK rows, in dependency order."""

    def __init__(self, engine, tables):
        self.engine, self.tables = engine, tables
        self.rows: dict = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, model, **row) -> None:
        self.rows[model].append(row)
        if len(self.rows[model]) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        from sqlalchemy import insert

        with self.engine.begin() as connection:
            for model in self.tables:  # parents first (case before its rows)
                if self.rows[model]:
                    connection.execute(insert(model.__table__), self.rows[model])
                    self.counts[model.__tablename__] += len(self.rows[model])
        self.rows.clear()


class Year:
    """The generator's state: the calendar, the people, the ref counters, the writer."""

    def __init__(self, scale: float, seed: int, today: date):
        from models.core.calendar import load_calendar
        from models.core.db import get_engine, session_scope
        from models.core.org import Staff, Window

        self.rng, self.scale = random.Random(seed), scale
        with session_scope() as session:
            self.calendar = load_calendar(session=session)
            people = session.exec(Staff.__table__.select()).all()
            self.windows = {w.id: w for w in session.exec(Window.__table__.select()).all()}
        self.staff = {w: [p for p in people if p.window_id == w and p.role in ("head", "staff")] for w in self.windows}
        self.heads = {w.id: w.head_id for w in self.windows.values()}
        self.management = [p.id for p in people if p.role == "management"]
        self.days = [self.calendar.add_working_days(today, -k) for k in range(WORKING_DAYS - 1, -1, -1)]
        self.today = today
        self.counters: dict[tuple[str, int], int] = defaultdict(int)
        from models.api.tables import SourceRating
        from models.complaint.tables import Complaint
        from models.core.cases import AuditEvent, Case, WorkItem
        from models.core.documents import Document
        from models.core.ledger import LedgerEntry
        from models.core.outbox import OutboxMessage
        from models.leave.tables import LeaveRequest
        from models.patrol.tables import Patrol, PatrolFinding
        from models.rotation.tables import RotationProposal
        from models.service_case.tables import ServiceCase
        from models.training.tables import TrainingAttendee, TrainingSession

        self.m = dict(case=Case, item=WorkItem, audit=AuditEvent, document=Document, outbox=OutboxMessage,
                      ledger=LedgerEntry, service=ServiceCase, complaint=Complaint, rating=SourceRating,
                      leave=LeaveRequest, patrol=Patrol, finding=PatrolFinding, rotation=RotationProposal,
                      training=TrainingSession, attendee=TrainingAttendee)
        self.out = Writer(get_engine(), list(self.m.values()))

    def count(self, per_day: float) -> int:
        """A day's number of events at this scale (Poisson-like around the mean)."""
        mean = per_day * self.scale
        return max(0, round(self.rng.gauss(mean, mean ** 0.5))) if mean >= 1 else int(self.rng.random() < mean)

    def at(self, day: date, start: int = 9, end: int = 17) -> datetime:
        return datetime.combine(day, clock(self.rng.randint(start, end - 1), self.rng.randint(0, 59)))

    def close_of(self, day: date, working_days: int) -> datetime:
        return datetime.combine(self.calendar.add_working_days(day, working_days), clock(17, 0))

    def case(self, kind: str, *, status: str, title: str, opened_at: datetime, updated_at: datetime, actor: str,
             window_id=None, subject=None, due_at=None, due_days=None) -> str:
        from models.procedures import get_procedure

        prefix = get_procedure(kind).ref_prefix
        self.counters[(prefix, opened_at.year)] += 1
        ref = f"{prefix}-{opened_at.year}-{self.counters[(prefix, opened_at.year)]:06d}"
        self.out.add(self.m["case"], ref=ref, kind=kind, status=status, title=title, window_id=window_id,
                     subject_staff_id=subject, opened_by=actor, opened_at=opened_at, updated_at=updated_at,
                     due_at=due_at, due_from=opened_at if due_at else None, due_days=due_days, due_provisional=False,
                     policy={}, idempotency_key=None)
        return ref

    def audit(self, ref: str, actor: str, action: str, before, after, at: datetime, **details) -> None:
        self.out.add(self.m["audit"], case_ref=ref, actor=actor, action=action, from_status=before, to_status=after,
                     at=at, details=details)

    def item(self, ref: str, step: str, title: str, form: str, role: str, created: datetime, due: datetime | None,
             *, window=None, staff=None, done: tuple[str, datetime, dict] | None = None) -> None:
        self.out.add(self.m["item"], key=f"{ref}:{step}", case_ref=ref, step=step, title=title, form=form,
                     assignee_role=role, assignee_window_id=window, assignee_staff_id=staff, assignee_department_id=None,
                     status="done" if done else "open", created_at=created, due_at=due, due_from=created if due else None,
                     due_days=None, due_provisional=False, decided_by=done and done[0], decision=done and done[2],
                     decided_at=done and done[1])

    def notice(self, ref: str, key: str, template: str, to: str, label: str, body: str, at: datetime,
               sent: bool = True) -> None:
        self.out.add(self.m["outbox"], key=f"{ref}:{key}", case_ref=ref, channel="sms", address=to,
                     recipient_label=label, template=template, title="", body=body, body_format="text", params={},
                     status="sent" if sent else "pending", attempts=1 if sent else 0, next_attempt_at=None,
                     last_error="", results=[], created_at=at, sent_at=at + timedelta(seconds=3) if sent else None)

    def document(self, ref: str, kind: str, title: str, at: datetime, actor: str) -> None:
        self.out.add(self.m["document"], key=f"{ref}:{kind}", case_ref=ref, kind=kind, title=title,
                     path=f"documents/{ref}/{kind}.html", sha256="0" * 64, media_type="text/html",
                     created_at=at, created_by=actor)

    def deduct(self, ref: str, kind: str, subject: str, on: date, actor: str, reason: str) -> None:
        points = {"complaint.substantiated": 2.0, "complaint.partly": 1.0, "training.absent": 1.0}.get(kind, 0.5)
        self.out.add(self.m["ledger"], key=f"{ref}:{kind}:staff:{subject}", subject_kind="staff", subject_id=subject,
                     kind=kind, points=points, reason=reason, case_ref=ref, on=on, year=on.year, recorded_by=actor,
                     recorded_at=datetime.combine(on, clock(17, 30)))

    def clerk(self, window: str):
        return self.rng.choice(self.staff[window])

    # --- the procedures, one day at a time -------------------------------------------------------

    def service(self, day: date, index: int) -> None:
        rng = self.rng
        window = rng.choice(list(self.windows))
        owner = self.clerk(window)
        opened = self.at(day)
        matter = rng.choice(MATTERS)
        applicant = name(rng)
        phone = f"139{rng.randint(0, 99_999_999):08d}"
        open_days = len(self.days) - 1 - index
        still_open = open_days < PROMISED_DAYS and rng.random() < 0.9
        referred = not still_open and rng.random() < 0.04
        due = self.close_of(day, PROMISED_DAYS)
        if still_open and rng.random() < 0.02:  # a few overdue, as in life
            due = self.close_of(self.today, -rng.randint(1, 2))
        done_at = min(self.close_of(day, rng.randint(0, PROMISED_DAYS - 1)), datetime.combine(self.today, clock(9)))
        status = "accepted" if still_open else "referred" if referred else "completed"
        ref = self.case("service", status=status, title=f"{applicant}：{matter}", opened_at=opened,
                        updated_at=opened if still_open else done_at, actor=owner.id, window_id=window,
                        subject=owner.id, due_at=None if referred else due, due_days=PROMISED_DAYS)
        self.out.add(self.m["service"], case_ref=ref, applicant=applicant, phone=phone, email="", channel="window",
                     owner_id=owner.id, matter_code=f"QP-{window}-{MATTERS.index(matter):03d}", matter_name=matter,
                     matter_version=1, matter_kind="promised", promised_days=PROMISED_DAYS,
                     referred_window="W01" if referred else "", referred_department="", referred_contact="",
                     outstanding=[], accepted_at=None if referred else opened,
                     completed_at=done_at if status == "completed" else None, extended_days=0)
        self.audit(ref, owner.id, "first_inquiry", None, "received", opened)
        if referred:
            self.audit(ref, owner.id, "refer", "received", "referred", opened + timedelta(minutes=5))
            return
        self.audit(ref, owner.id, "check", "received", "received", opened + timedelta(minutes=3))
        if rng.random() < 1 / 6:
            self.document(ref, "one_time_notice", "一次性告知书", opened + timedelta(minutes=4), owner.id)
            self.notice(ref, "notice1", "service_notice", phone, applicant, f"您办理的{matter}需补正材料。", opened)
        self.audit(ref, owner.id, "accept", "received", "accepted", opened + timedelta(minutes=6))
        self.notice(ref, "accepted", "service_accepted", phone, applicant, f"您的{matter}已受理，承诺{PROMISED_DAYS}个工作日内办结。",
                    opened + timedelta(minutes=6))
        done = None if still_open else (owner.id, done_at, {"approve": True})
        self.item(ref, "complete", f"限时办结：{applicant}：{matter}", "acknowledge", "staff", opened, due,
                  window=window, done=done)
        if done:
            self.audit(ref, owner.id, "complete", "accepted", "completed", done_at)
            self.notice(ref, "completed", "service_completed", phone, applicant, f"您的{matter}已办结。", done_at)

    def complaint(self, day: date, index: int, rating: bool) -> None:
        rng = self.rng
        window = rng.choice(list(self.windows))
        person = self.clerk(window)
        received = self.at(day)
        still_open = len(self.days) - 1 - index < 10 and rng.random() < 0.7
        channel = "rating" if rating else rng.choice(("phone", "hotline", "petition"))
        due = self.close_of(day, 10)
        answered = min(self.close_of(day, rng.randint(1, 9)), datetime.combine(self.today, clock(9)))
        verdict = None if still_open else rng.choices(("substantiated", "partly", "unsubstantiated"), (2, 1, 5))[0]
        ref = self.case("complaint", status="investigating" if still_open else "closed", title=f"投诉：{person.name}",
                        opened_at=received, updated_at=received if still_open else answered, actor="T001",
                        window_id=window, subject=person.id, due_at=due, due_days=10)
        stars = rng.choice((1, 2)) if rating else None
        rating_id = f"R{received:%Y%m%d}{index:03d}{rng.randint(0, 10**6):06d}" if rating else None
        self.out.add(self.m["complaint"], case_ref=ref, channel=channel, received_at=received, window_id=window,
                     staff_id=person.id, category=rng.randint(1, 5), content="服务态度不好，等候时间长", complainant_name=name(rng),
                     complainant_contact=f"139{rng.randint(0, 99_999_999):08d}", rating_id=rating_id, stars=stars,
                     ticket_no=f"12345-{ref}" if channel == "hotline" else None, external_due_at=None, extensions=0,
                     extension_reason="", investigation_key=f"{ref}:investigate:1", review_round=1,
                     findings="" if still_open else "经核实", verdict=verdict, reply="" if still_open else "已整改",
                     answered_at=None if still_open else answered, on_time=None if still_open else True)
        if rating:
            self.out.add(self.m["rating"], rating_id=rating_id, stars=stars, rated_at=received, matter_code=None,
                         window_id=window, staff_id=person.id, comment="不满意", case_ref=ref, received_by="haochaping",
                         posted_at=received)
        head = self.heads[window]
        self.audit(ref, "T001", "receive", None, "received", received, channel=channel)
        self.audit(ref, "T001", "assign", "received", "investigating", received + timedelta(minutes=20))
        self.notice(ref, "assigned", "complaint_assigned", f"137{rng.randint(0, 99_999_999):08d}", "窗口负责人",
                    "有一件投诉请核实。", received)
        done = None if still_open else (head, answered, {"verdict": verdict})
        self.item(ref, "investigate", f"核实并答复：投诉：{person.name}", "complaint_investigation", "head", received, due,
                  window=window, done=done)
        if done:
            self.audit(ref, head, "answer", "investigating", "closed", answered, verdict=verdict)
            if verdict in ("substantiated", "partly"):
                self.deduct(ref, f"complaint.{verdict}", person.id, answered.date(), head, "投诉查证属实")

    def good_ratings(self, day: date) -> None:
        rng = self.rng
        for n in range(self.count(GOOD_RATINGS_PER_DAY)):
            window = rng.choice(list(self.windows))
            self.out.add(self.m["rating"], rating_id=f"G{day:%Y%m%d}{n:05d}", stars=rng.choices((3, 4, 5), (1, 3, 12))[0],
                         rated_at=self.at(day, 9, 18), matter_code=None, window_id=window, staff_id=self.clerk(window).id,
                         comment="", case_ref=None, received_by="haochaping", posted_at=self.at(day, 9, 18))

    def leave(self, day: date, index: int) -> None:
        rng = self.rng
        window = rng.choice(list(self.windows))
        person = self.clerk(window)
        head = self.heads[window]
        applied = self.at(day)
        start = self.calendar.add_working_days(day, rng.randint(0, 5))
        recent = len(self.days) - 1 - index < 3
        status = rng.choice(("registration", "head_review")) if recent else rng.choices(("registered", "rejected"), (19, 1))[0]
        ref = self.case("leave", status=status, title=f"{person.name}请假", opened_at=applied, updated_at=applied,
                        actor=person.id, window_id=window, subject=person.id, due_at=self.close_of(day, 2), due_days=2)
        self.out.add(self.m["leave"], case_ref=ref, staff_id=person.id, window_id=window, department_id=None,
                     kind=rng.choice(("personal", "annual", "sick")), start_day=start, start_half="am", end_day=start,
                     end_half="pm", days=1.0, days_provisional=False, reason="办理私事", substitute_id=person.b_post_id,
                     cover_name="", affects_window=False, afterwards=False, late_explanation="",
                     back_at=datetime.combine(start, clock(17)), filing_due_at=self.close_of(start, 3),
                     filing_due_provisional=False)
        self.audit(ref, person.id, "submit", None, "submitted", applied)
        self.document(ref, "leave_form", "请假报告单", applied, person.id)
        signed, reviewed, registered = (applied + timedelta(hours=h) for h in (2, 5, 26))
        head_item = dict(window=window)  # tasks/leave/steps.py: head_review (head), management_review, register (head)
        if status == "head_review":
            self.item(ref, "head_review", f"审核签字：{person.name}请假", "approve", "head", applied, self.close_of(day, 1),
                      **head_item)
            return
        approve = status != "rejected"
        self.item(ref, "head_review", f"审核签字：{person.name}请假", "approve", "head", applied, self.close_of(day, 1),
                  **head_item, done=(head, signed, {"approve": True}))
        self.audit(ref, head, "to_management", "head_review", "management_review", signed)
        reviewer = rng.choice(self.management)
        self.item(ref, "management_review", f"审核请假报告单：{person.name}请假", "approve", "management", signed,
                  self.close_of(day, 2), done=(reviewer, reviewed, {"approve": approve}))
        self.audit(ref, reviewer, "approve" if approve else "reject", "management_review",
                   "registration" if approve else "rejected", reviewed)
        self.notice(ref, "decided", "leave_decided", person.phone, person.name, "您的请假已审核。", reviewed)
        if not approve:
            return
        title = f"在考勤管理系统登记：{person.name}请假"
        if status == "registration":
            self.item(ref, "register", title, "acknowledge", "head", reviewed, self.close_of(day, 3), **head_item)
        else:
            self.item(ref, "register", title, "acknowledge", "head", reviewed, self.close_of(day, 3), **head_item,
                      done=(head, registered, {}))
            self.audit(ref, head, "register", "registration", "registered", registered)

    def patrol(self, day: date, n: int) -> None:
        rng = self.rng
        patroller = rng.choice(self.management)
        at = self.at(day, 9 if n == 0 else 14, 11 if n == 0 else 16)
        windows = rng.sample(list(self.windows), 10)
        ref = self.case("patrol", status="recorded", title=f"巡查 {day:%m-%d}", opened_at=at, updated_at=at,
                        actor=patroller)
        self.out.add(self.m["patrol"], case_ref=ref, at=at, day=day, kind=rng.choice(("walkthrough", "camera")),
                     patroller_id=patroller, windows=windows, items=["dress", "conduct", "environment"], note="")
        self.audit(ref, patroller, "record", None, "recorded", at)
        if rng.random() < 0.2:
            person = self.clerk(windows[0])
            self.out.add(self.m["finding"], case_ref=ref, at=at, window_id=windows[0], staff_id=person.id,
                         item="dress", description="未按规定着装", points=0.5)
            self.deduct(ref, "patrol.dress", person.id, day, patroller, "巡查：未按规定着装")

    def training(self, day: date) -> None:
        organiser = self.management[0]
        starts = datetime.combine(day, clock(16))
        ref = self.case("training", status="closed", title=f"{day:%Y年%m月}业务培训", opened_at=starts - timedelta(days=7),
                        updated_at=starts + timedelta(hours=2), actor=organiser)
        self.out.add(self.m["training"], case_ref=ref, topic="窗口服务规范", category="skills", starts_at=starts,
                     ends_at=starts + timedelta(hours=1, minutes=30), organiser="management", place="三楼会议室")
        for window, people in self.staff.items():
            for person in people:
                attendance = self.rng.choices(("present", "excused", "absent"), (95, 4, 1))[0]
                self.out.add(self.m["attendee"], case_ref=ref, staff_id=person.id, window_id=window, excused_at=None,
                             excuse_reason="", attendance=attendance)
                if attendance == "absent":
                    self.deduct(ref, "training.absent", person.id, day, organiser, "无故缺席培训")
        self.audit(ref, organiser, "schedule", None, "scheduled", starts - timedelta(days=7))
        self.audit(ref, organiser, "roll_call", "scheduled", "closed", starts + timedelta(hours=2))

    def rotation(self, day: date, quarter: str) -> None:
        for window in self.rng.sample(list(self.windows), 8):
            opened = self.at(day)
            ref = self.case("rotation", status="closed", title=f"{quarter} 窗口人员调整", opened_at=opened,
                            updated_at=opened + timedelta(days=10), actor=self.heads[window], window_id=window)
            self.out.add(self.m["rotation"], case_ref=ref, window_id=window, department_id=self.windows[window].department_id,
                         notice_ref="区人社〔2026〕1号", notice_received_at=opened, effective_date=day, quarter=quarter,
                         note="", checks=[], exception={}, applied_at=opened + timedelta(days=10))
            self.audit(ref, self.heads[window], "propose", None, "review", opened)
            self.audit(ref, self.management[0], "approve", "review", "approved", opened + timedelta(days=2))
            self.audit(ref, "system", "close", "in_effect", "closed", opened + timedelta(days=10))
            self.document(ref, "rotation_notice", "人员调整通知", opened + timedelta(days=2), self.management[0])

    def run(self) -> None:
        months = set()
        for index, day in enumerate(self.days):
            for _ in range(self.count(SERVICE_PER_DAY)):
                self.service(day, index)
            for _ in range(self.count(COMPLAINTS_PER_DAY)):
                self.complaint(day, index, rating=self.rng.random() < 0.25)
            for _ in range(self.count(LEAVES_PER_PERSON * sum(map(len, self.staff.values())) / WORKING_DAYS)):
                self.leave(day, index)
            self.good_ratings(day)
            for n in range(self.count(PATROLS_PER_DAY)):
                self.patrol(day, n % 2)
            if (day.year, day.month) not in months:
                months.add((day.year, day.month))
                self.training(self.calendar.add_working_days(day, 9))
                if day.month % 3 == 1:  # a quarter begins
                    self.rotation(day, f"{day.year}Q{(day.month - 1) // 3 + 1}")
        self.out.flush()
        self.set_counters()

    def set_counters(self) -> None:
        """The next refs follow the generated ones (models.core.cases.next_ref)."""
        from sqlalchemy import insert

        from models.core.cases import RefCounter

        with self.out.engine.begin() as connection:
            connection.execute(insert(RefCounter.__table__), [dict(prefix=p, year=y, value=v)
                                                               for (p, y), v in self.counters.items()])


def generate(*, scale: float = 1.0, seed: int = 30, today: date | None = None) -> dict:
    """The organisation and a year of work in the store this process points at; the figures written."""
    from models.core.clock import local_now
    from models.core.db import get_engine, session_scope
    from models.core.org_import import import_org

    t0 = time.perf_counter()
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="center-year-") as folder:
        path = Path(folder) / "org.yaml"
        path.write_text(yaml.safe_dump(organisation(rng), allow_unicode=True), encoding="utf-8")
        with session_scope() as session:
            people = import_org(session=session, path=path)
    year = Year(scale, seed, today or local_now().date())
    year.run()
    engine = get_engine()
    if engine.dialect.name == "postgresql":  # what autovacuum does after a load
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    return {"scale": scale, "people": people, **dict(sorted(year.out.counts.items())),
            "open_items": open_items(), "seconds": round(time.perf_counter() - t0, 1)}


def open_items() -> int:
    from sqlalchemy import func, select

    from models.core.cases import WorkItem
    from models.core.db import get_engine

    with get_engine().connect() as connection:
        return connection.execute(select(func.count()).where(WorkItem.__table__.c.status == "open")).scalar_one()


def stored_cases() -> int:
    from sqlalchemy import func, select

    from models.core.cases import Case
    from models.core.db import get_engine

    with get_engine().connect() as connection:
        return connection.execute(select(func.count()).select_from(Case.__table__)).scalar_one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--out", default="var/year", help="the data folder (SQLite: center.db in it)")
    parser.add_argument("--url", default="", help="PostgreSQL: the URL of an existing, empty database")
    parser.add_argument("--scale", type=float, default=1.0, help="0.05 ≈ 1,000 cases")
    parser.add_argument("--seed", type=int, default=30)
    options = parser.parse_args()
    out = Path(options.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    if options.backend == "postgresql" and not options.url:
        parser.error("--url 必须给出：PostgreSQL 需要一个已存在的空数据库")
    url = options.url if options.backend == "postgresql" else f"sqlite:///{out}/center.db"
    use_store(url, str(out))
    if stored_cases():
        parser.error(f"案件库 {url} 已有案件：请指定一个空的案件库（--out 新文件夹，或新建的 PostgreSQL 数据库）")
    emit(bench="year", backend=options.backend, url=url, **generate(scale=options.scale, seed=options.seed), load=load())


if __name__ == "__main__":
    main()
