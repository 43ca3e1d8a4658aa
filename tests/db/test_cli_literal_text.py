"""User-supplied text is printed literally by every show/list command (issue 19, defect 4): Rich
markup in a complaint, a leave reason, a return note, a service applicant or a name neither crashes
the command (`[/]`) nor becomes a hyperlink (`[link=…]`) or a style (`[bold]`)."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from models.core.db import session_scope
from models.core.org import Department, Staff, Window
from models.service_case.inputs import ServiceIntake
from support import complaint_cases, leaves, staff_returns
from support.cli import run_cli
from support.matters import sample, through
from tasks.service_case import open_service_case

ISSUE_19_DEFECTS = (4,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("org")

MARKUP = "[/]甲[link=http://x]乙[/link][bold]丙"


def _rename_everyone() -> None:
    with session_scope() as session:
        session.get(Staff, "S0102").name = f"王{MARKUP}"
        session.get(Window, "W01").name = f"窗口{MARKUP}"
        session.get(Department, "rsj").name = f"部门{MARKUP}"


def _cases() -> dict[str, str]:
    complaint = complaint_cases.register(content=f"投诉{MARKUP}", complainant_name=f"张{MARKUP}")
    complaint_cases.advance(complaint)
    leave = leaves.apply("S0102", "personal", date(2026, 3, 4), reason=f"事由{MARKUP}")
    staff_return = staff_returns.open_manual(note=f"退回{MARKUP}")
    through(sample())
    service = open_service_case(intake=ServiceIntake(applicant=f"李{MARKUP}", matter_code="QP-RSJ-001"),
                                   actor="S0102", now=datetime(2026, 10, 9, 9))
    return {"complaint": complaint, "leave": leave, "return": staff_return, "service": service}


def test_every_show_and_list_command_prints_user_text_literally(capsys):
    _rename_everyone()
    refs = _cases()
    commands = [
        ("complaint", "show", refs["complaint"], "--as", "S0101"),  # the handler sees the name and content
        ("case", "show", refs["complaint"]),
        ("leave", "show", refs["leave"]),
        ("return", "show", refs["return"]),
        ("service", "show", refs["service"]),
        ("org", "show"),
        ("tasks", "--role", "management"),
        ("tasks", "--staff", "S0101"),
    ]
    for args in commands:
        result = run_cli(capsys, *args)
        assert result.code == 0, (args, result)
        assert MARKUP in result.out, (args, result.out)
        assert "\x1b]8;" not in result.out  # no OSC 8 hyperlink
    assert run_cli(capsys, "leave", "list", "--window", "W01").code == 0  # names no free text


def test_an_error_message_quoting_user_text_is_literal(capsys):
    result = run_cli(capsys, "complaint", "show", MARKUP, "--as", "G001")
    assert result.code == 2 and MARKUP in result.err
