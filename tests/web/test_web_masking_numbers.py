"""The complainant's number written with separators, full-width digits or as a landline is masked for the
accused on the case page and at the command line, as the plain number is (issue 26 item 3)."""
from __future__ import annotations

from datetime import datetime

import pytest

from support.cli import run_cli
from tasks.core.advance import step_case
from tasks.complaint.entry import register_complaint

ISSUE_26_DEFECTS = (3,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")

CONTACT = "13912345678"
WRITTEN = {"139-1234-5678": "139****5678", "139 1234 5678": "139****5678", "+86 139 1234 5678": "139****5678",
           "139.1234.5678": "139****5678", "139\u200b12345678": "139****5678", "１３９１２３４５６７８": "139****5678",
           "021-5970-1234": "*********34"}


def complaint(written: str) -> str:
    ref, _ = register_complaint(intake={"channel": "phone", "received_at": "2026-09-30T10:00", "window_id": "W01",
                                        "staff_id": "S0102", "category": 3, "content": f"请回电{written}，我是赵六",
                                        "complainant_name": "赵六", "complainant_contact": CONTACT}, actor="G001",
                                now=datetime(2026, 9, 30, 10, 5))
    step_case(case_ref=ref, actor="G001")
    return ref


@pytest.mark.parametrize("written", list(WRITTEN))
def test_the_accused_sees_the_number_masked_however_written(as_, capsys, written):
    ref = complaint(written)
    html = as_("S0102").get(f"/cases/{ref}").text
    shown = run_cli(capsys, "complaint", "show", ref, "--as", "S0102").out
    for seen in (html, shown):
        assert f"请回电{WRITTEN[written]}，我是赵*" in seen
        assert written not in seen and "1234" not in seen.replace(WRITTEN[written], "").replace("S0102", "")
    assert written in as_("S0101").get(f"/cases/{ref}").text  # the handler sees it in full
