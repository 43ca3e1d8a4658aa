"""统计 pages: each table beside its chart, numbers from the CLI's own functions, a CSV per table that
equals the table, a window head limited to the own window, other roles refused with nothing written."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.complaint.store import period_summary
from models.core.db import session_scope
from models.complaint.stats import VERDICT_COLUMNS
from support.cli import run_cli
from support.snapshot import snapshot
from support.stats_cases import complaints, october, service_cases, training
from web.stat_pages import chart_svg, csv_rows, sections
from web.web_desk import sample_case

PAGES = ("/stats/complaints?month=2026-10", "/stats/complaints?year=2026", "/stats/service?month=2026-10",
         "/stats/training?year=2026&by=window", "/stats/training?year=2026&by=staff", "/stats/overdue")


def body(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in rows[1:]}


def test_complaints_by_channel_and_verdict_are_the_cli_figures(as_, capsys):
    complaints()
    page = sections(as_("T001").get("/stats/complaints?month=2026-10").text)
    assert body(page["channel"]["rows"]) == {"电话投诉": ["2"], "电子邮件": ["1"], "好差评差评": ["1"]}
    with session_scope() as session:
        stats, _ = period_summary(session=session, month="2026-10", year=None, as_of=datetime(2026, 10, 30))
    assert body(page["verdict"]["rows"]) == {VERDICT_COLUMNS[k]: [str(v)] for k, v in stats.by_verdict.items()}
    cli = run_cli(capsys, "complaints", "stats", "--month", "2026-10").out
    assert all(f"{label}" in cli for label in body(page["verdict"]["rows"]))


def test_each_table_has_its_chart_drawn_with_its_labels(as_):
    complaints()
    page = sections(as_("G001").get("/stats/complaints?month=2026-10").text)
    for key in ("channel", "verdict", "window"):
        svg = chart_svg(page[key]["chart"])
        assert svg.startswith("<svg") and all(row[0] in svg for row in page[key]["rows"][1:]), key


def test_the_summary_line_gives_the_on_time_rate(as_):
    complaints()
    html = as_("G001").get("/stats/complaints?month=2026-10").text
    assert "投诉（好差评）统计 2026-10：共 4 件，已答复 3 件" in html and "按期办结率" in html


def test_service_on_time_rate_per_window_and_month(as_):
    service_cases()
    page = sections(as_("G001").get("/stats/service?month=2026-10").text)
    rates = body(page["on-time"]["rows"])
    assert page["on-time"]["rows"][0][10] == "10月" and rates["社保综合窗口"][9] == "100%"
    assert rates["企业登记窗口"] == ["—"] * 12  # its only case was referred, not promised
    assert body(page["windows"]["rows"])["企业登记窗口"] == ["1", "0", "—", "—", "1"]
    assert "10月" in chart_svg(page["on-time"]["chart"])


def test_a_window_head_sees_the_own_window_only(as_):
    service_cases()
    training()
    page = sections(as_("S0201").get("/stats/service?month=2026-10").text)
    assert list(body(page["on-time"]["rows"])) == ["企业登记窗口"]
    staff = sections(as_("S0201").get("/stats/training?year=2026&by=staff").text)
    assert set(body(staff["staff"]["rows"])) == {"徐明（S0201）", "孙悦（S0202）", "马超（S0203）"}


def test_training_attendance_per_window(as_):
    training()
    page = sections(as_("G001").get("/stats/training?year=2026&by=window").text)
    assert body(page["window"]["rows"]) == {"企业登记窗口（W02）": ["3", "1", "1", "1", "33%"],
                                            "婚姻登记窗口（W04）": ["1", "0", "0", "1", "0%"]}
    assert all(series in chart_svg(page["window"]["chart"]) for series in ("出席", "请假", "无故缺席"))


def test_overdue_items_per_procedure(as_):
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    sample_case("W02", due_at=datetime(2099, 1, 5, 17))
    page = sections(as_("G001").get("/stats/overdue").text)
    assert body(page["procedures"]["rows"]) == {"测试案件": ["2", "2", "1", "0"]}
    own = sections(as_("S0101").get("/stats/overdue").text)
    assert body(own["procedures"]["rows"]) == {"测试案件": ["1", "1", "1", "0"]}


@pytest.mark.parametrize("path", PAGES)
def test_every_csv_equals_its_table(as_, path):
    october()
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    client = as_("G001")
    page = sections(client.get(path).text)
    assert page
    for key, section in page.items():
        response = client.get(section["csv"])
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        assert csv_rows(response.content) == section["rows"], key


@pytest.mark.parametrize(("who", "path"), [
    *(("S0102", p) for p in PAGES), *(("D-rsj", p) for p in PAGES), ("S0101", PAGES[0]), ("S0101", PAGES[1]),
    ("S0102", "/stats/overdue.csv?table=procedures"), ("S0101", "/stats/complaints.csv?month=2026-10&table=channel")])
def test_other_roles_are_refused_and_nothing_is_written(as_, who, path):
    client = as_(who)
    before = snapshot()
    response = client.get(path)
    assert response.status_code == 403 and "无权查看" in response.text
    assert snapshot() == before


@pytest.mark.parametrize(("path", "field"), [
    ("/stats/complaints?month=2026-13", "月份"), ("/stats/complaints?year=26&month=", "年份"),
    ("/stats/service?month=十月", "月份"), ("/stats/training?year=2026&by=department", "统计方式"),
    ("/stats/training?year=abcd", "年份"), ("/stats/complaints.csv?month=2026-10&table=nothing", "表格")])
def test_bad_input_is_refused_naming_the_field(as_, path, field):
    response = as_("G001").get(path)
    assert response.status_code in (400, 404) and field in response.text


def test_the_statistics_index_lists_what_the_role_may_open(as_):
    assert "/stats/complaints" in as_("T001").get("/stats").text
    head = as_("S0101").get("/stats").text
    assert "/stats/service" in head and "/stats/complaints" not in head
    assert "没有可查看的统计" in as_("S0102").get("/stats").text


def test_the_pages_and_their_csv_on_sqlite_and_postgresql(any_db):
    from models.core.org_import import import_org
    from support.cli import ROOT
    from web.web_desk import PEOPLE, client_for, desk_app, set_passwords

    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")
    set_passwords(*PEOPLE)
    october()
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    client = client_for(desk_app(), "G001")
    for path in PAGES:
        page = sections(client.get(path).text)
        assert page and all(csv_rows(client.get(s["csv"]).content) == s["rows"] for s in page.values()), path
    assert body(sections(client.get(PAGES[0]).text)["channel"]["rows"])["电话投诉"] == ["2"]
