"""考核 on the desk: the point ledger filtered by person, window and year (a head reads their window's,
a staff member their own), the annual assessment run by the management section (`center assessment
year`) with the eligibility lost and its source case, its report opened and downloaded, and the import of
earlier rankings as an uploaded file (`center assessment import`); refusals and bad files write nothing."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from flows.patrol import record_patrol_flow
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.ledger import SubjectKind, deduct
from models.patrol.inputs import PatrolInput
from support.snapshot import snapshot
from web.web_desk import post_form, token_of

ISSUE_28_DEFECTS = (14,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("prefect_api")
RANKINGS = """rankings:
  - {year: 2025, window: W01, rank: 4}
  - {year: 2025, window: W02, rank: 1}
  - {year: 2025, window: W03, rank: 2}
  - {year: 2025, window: W04, rank: 3}
"""


@pytest.fixture
def smoking() -> str:
    """A patrol that found S0103 smoking: deducted and the eligibility withdrawn, with its case."""
    at = (local_now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    return record_patrol_flow(patrol=PatrolInput(at=at, kind="walkthrough", windows=["W01"], findings=[
        {"window_id": "W01", "staff_id": "S0103", "item": "smoking", "description": "楼梯间吸烟"}]),
        actor="G001")["case_ref"]


def test_the_ledger_filters_by_person_window_and_year(as_, smoking):
    with session_scope() as session:
        deduct(session=session, subject_kind=SubjectKind.staff, subject_id="S0201", kind="patrol.other", points=0.5,
               reason="其他问题", case_ref=None, on=local_now().date())
    year = local_now().year
    management = as_("G001")
    everyone = management.get(f"/ledger?year={year}").text
    w01 = management.get(f"/ledger?year={year}&window=W01").text
    person = management.get(f"/ledger?year={year}&person=S0201").text
    assert "楼梯间吸烟" in everyone and "其他问题" in everyone
    assert "楼梯间吸烟" in w01 and "其他问题" not in w01 and f'href="/cases/{smoking}"' in w01
    assert "其他问题" in person and "楼梯间吸烟" not in person and "（无案件：台账直接记录）" in person
    assert "没有扣分记录" in management.get(f"/ledger?year={year - 1}").text
    assert "取消" in w01 and "在禁烟区域内吸烟" in w01
    assert "社保综合窗口（W01）" in w01 and "（W01）（W01）" not in w01  # issue 28 defect 14


def test_a_head_reads_the_own_windows_ledger_and_a_staff_member_only_their_own(as_, smoking):
    year = local_now().year
    other_head = as_("S0201").get(f"/ledger?year={year}&window=W01").text  # the window filter is ignored
    own_head = as_("S0101").get(f"/ledger?year={year}").text
    colleague = as_("S0102").get(f"/ledger?year={year}&person=S0103").text
    assert "楼梯间吸烟" not in other_head and "楼梯间吸烟" in own_head and "楼梯间吸烟" not in colleague
    assert "楼梯间吸烟" in as_("S0103").get(f"/ledger?year={year}").text


def test_the_management_section_runs_the_assessment_and_opens_the_report(as_, smoking):
    client = as_("G001")
    year = local_now().year
    response = post_form(client, f"/assessment?year={year}", "/assessment", {"year": str(year)})
    assert response.status_code == 303 and response.headers["location"] == f"/assessment?year={year}"
    html = client.get(response.headers["location"]).text
    assert "服务明星" in html and "李娜（S0103）" in html and f'href="/cases/{smoking}"' in html
    assert re.search(r"<td[^>]*>1/4</td>\s*<td[^>]*>企业登记窗口", html)  # heads ranked, W01 last
    shown = client.get(f"/assessment/{year}/report")  # issue 28 defect 14: inside the desk, with its menu
    assert shown.status_code == 200 and 'aria-label="主菜单"' in shown.text
    assert f'href="/assessment?year={year}">返回年度考核' in shown.text
    assert f'src="/assessment/{year}/report/raw"' in shown.text
    report = client.get(f"/assessment/{year}/report/raw")
    assert report.status_code == 200 and "取消" in report.text and "李娜" in report.text
    assert "sandbox" in report.headers["content-security-policy"]
    download = client.get(f"/assessment/{year}/report?download=true")
    assert f"annual-assessment-{year}.html" in download.headers["content-disposition"]


def test_a_year_without_ledger_entries_is_refused_next_to_the_year_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    response = post_form(client, "/assessment", "/assessment", {"year": "2020"})
    assert response.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-year".*?<div class="error">扣分台账中没有 2020 年的记录', response.text, re.S)
    assert post_form(client, "/assessment", "/assessment", {"year": "20x6"}).status_code == 400


def test_only_the_management_section_runs_the_assessment_and_nothing_is_written(as_, smoking):
    head = as_("S0101")
    assert head.get("/assessment").status_code == 403 and head.get("/assessment/import").status_code == 403
    assert head.get(f"/assessment/{local_now().year}/report").status_code == 403
    assert head.get(f"/assessment/{local_now().year}/report/raw").status_code == 403
    before = snapshot()
    token = token_of(head.get("/").text)
    assert head.post("/assessment", data={"year": str(local_now().year), "csrf_token": token},
                     follow_redirects=False).status_code == 403
    assert head.post("/assessment/import", data={"csrf_token": token}, files={"file": ("r.yaml", RANKINGS)},
                     follow_redirects=False).status_code == 403
    assert snapshot() == before


def _upload(client, name: str, content: str):
    token = token_of(client.get("/assessment/import").text)
    return client.post("/assessment/import", data={"csrf_token": token}, files={"file": (name, content.encode())},
                       follow_redirects=False)


def test_earlier_rankings_are_imported_from_an_uploaded_file(as_):
    client = as_("G001")
    response = _upload(client, "rankings-2025.yaml", RANKINGS)
    assert response.status_code == 303
    html = client.get("/assessment/import").text
    assert "已导入 2025 年 的窗口负责人排名" in html or "已导入 2025 年" in html
    assert re.search(r"2025</td>\s*<td[^>]*>4/4</td>\s*<td[^>]*>社保综合窗口</td>\s*<td[^>]*>张伟（S0101）", html)
    assert "rankings-2025.yaml" in html


def test_a_bad_rankings_file_is_refused_beside_the_file_and_nothing_is_written(as_):
    client = as_("G001")
    before = snapshot()
    duplicate = _upload(client, "r.yaml", RANKINGS.replace("rank: 4", "rank: 3").replace("W02", "W01"))
    assert duplicate.status_code == 400 and snapshot() == before
    assert re.search(r'id="f-file".*?<div class="error">[^<]*2025 年窗口 W01 重复排名', duplicate.text, re.S)
    wrong_kind = _upload(client, "r.txt", RANKINGS)
    assert wrong_kind.status_code == 400 and "只接受 .yaml、.yml 或 .csv 文件" in wrong_kind.text
    missing = client.post("/assessment/import", data={"csrf_token": token_of(client.get("/assessment/import").text)},
                          follow_redirects=False)
    assert missing.status_code == 400 and "请选择排名文件" in missing.text and snapshot() == before
