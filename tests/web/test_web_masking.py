"""One masking rule for the complainant's personal data (issue 19 §5): whoever sees it masked at the
command line (`center complaint show --as <accused>`) sees it masked on the web case page too —
numbers, e-mail addresses and the complainant's name written inside free text included."""
from __future__ import annotations

from datetime import datetime

import pytest

from support.cli import run_cli
from tasks.core.advance import step_case
from tasks.complaint.entry import register_complaint

ISSUE_19_DEFECTS = (5,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")

NAME, PHONE, EMAIL = "司徒明远", "13700004321", "situ.mingyuan@example.com"
CONTENT = f"窗口工作人员态度生硬。我是{NAME}，电话{PHONE}，邮箱{EMAIL}，请联系我"
SECRETS = (NAME, PHONE, EMAIL, PHONE[3:])


@pytest.fixture
def complaint(desk) -> str:
    ref, _ = register_complaint(intake={"channel": "phone", "received_at": "2026-09-30T10:00", "window_id": "W01",
                                        "staff_id": "S0102", "category": 3, "content": CONTENT,
                                        "complainant_name": NAME, "complainant_contact": PHONE}, actor="G001",
                                now=datetime(2026, 9, 30, 10, 5))
    step_case(case_ref=ref, actor="G001")  # the window head's open item: the one handler
    return ref


@pytest.mark.parametrize("viewer", ["S0102", "G001"])
def test_the_web_case_page_masks_the_complainant_inside_the_content(as_, complaint, viewer):
    html = as_(viewer).get(f"/cases/{complaint}").text
    assert "窗口工作人员态度生硬" in html and "137****4321" in html and "s***@example.com" in html
    assert not [secret for secret in SECRETS if secret in html]


def test_the_handler_sees_the_complainant_in_full(as_, complaint):
    html = as_("S0101").get(f"/cases/{complaint}").text
    assert all(secret in html for secret in SECRETS)


def test_the_web_and_the_command_line_show_the_same_masked_content(as_, complaint, capsys):
    from models.rules.masking import complainant_view

    shown = run_cli(capsys, "complaint", "show", complaint, "--as", "S0102")
    masked = complainant_view(name=NAME, contact=PHONE, full=False).text(CONTENT)
    assert shown.code == 0 and masked in shown.out
    assert masked in as_("S0102").get(f"/cases/{complaint}").text
    assert not [secret for secret in SECRETS if secret in shown.out]


def test_the_masking_rule_covers_numbers_mails_and_the_name_inside_free_text():
    from models.rules.masking import complainant_view

    view = complainant_view(name=NAME, contact=PHONE, full=False)
    assert view.text(CONTENT) == ("窗口工作人员态度生硬。我是司***，电话137****4321，邮箱s***@example.com，请联系我")
    assert (view.name, view.contact) == ("司***", "137****4321")


def test_a_landline_contact_and_a_short_name_are_masked_where_they_appear():
    from models.rules.masking import complainant_view

    view = complainant_view(name="李四", contact="021-59731234", full=False)
    assert view.text("李四说：打 021-59731234 找我") == "李*说：打 **********34 找我"


def test_the_handler_view_changes_nothing():
    from models.rules.masking import complainant_view

    view = complainant_view(name=NAME, contact=PHONE, full=True)
    assert (view.name, view.contact, view.text(CONTENT)) == (NAME, PHONE, CONTENT)


def test_the_messages_to_staff_mask_the_complainant_inside_the_content(complaint):
    from sqlmodel import select

    from models.core.db import session_scope
    from models.core.outbox import OutboxMessage

    with session_scope() as session:
        bodies = [f"{m.title}\n{m.body}" for m in session.exec(select(OutboxMessage)
                                                               .where(OutboxMessage.case_ref == complaint))]
    assert bodies and any("137****4321" in body for body in bodies)
    assert not [secret for body in bodies for secret in SECRETS if secret in body]


def test_the_register_entry_document_shows_the_complainant_masked(complaint):
    from models.core.db import session_scope
    from models.complaint.tables import Complaint
    from tasks.complaint.entry import masked_record

    with session_scope() as session:
        stored = session.get(Complaint, complaint)
        stored.findings, stored.reply = f"已联系{NAME}（{PHONE}）核实", f"{NAME}您好，已整改"
        record = masked_record(stored)
    shown = " ".join(str(record[k]) for k in ("complainant_name", "complainant_contact", "content", "findings",
                                              "reply"))
    assert "137****4321" in shown and not [secret for secret in SECRETS if secret in shown]
