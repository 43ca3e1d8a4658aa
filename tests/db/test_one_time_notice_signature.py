"""The 一次性告知书 is signed by the clerk's name and 工号, not the staff number alone (issue 28 item 5)."""
from __future__ import annotations

from datetime import datetime

from models.core.db import session_scope
from models.core.documents import documents_of
from models.core.settings import get_settings
from models.service_case.inputs import ServiceIntake
from support.matters import sample, through
from tasks.service_case import check_materials, open_service_case

ISSUE_28_DEFECTS = (5,)  # counted in the reliability summary when these tests pass


def test_the_one_time_notice_is_signed_with_the_clerks_name(org):
    through(sample())
    now = datetime(2026, 9, 30, 10, 0)
    ref = open_service_case(intake=ServiceIntake(applicant="李明", phone="13912345678", matter_code="QP-RSJ-001"),
                            actor="S0102", now=now)
    check_materials(case_ref=ref, have=["居民身份证"], missing=["失业登记申请表", "解除或终止劳动合同证明"], actor="S0102", now=now)
    with session_scope() as session:
        [document] = documents_of(session=session, case_ref=ref, kind="one_time_notice")
    html = (get_settings().data_dir / document.path).read_text(encoding="utf-8")
    assert "经办人 王芳（工号 S0102）" in html
