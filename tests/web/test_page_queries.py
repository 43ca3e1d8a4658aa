"""The desk stays fast with a year of work in the store (issue 30): on a store of a few thousand cases, work
items, history rows and messages, the SQL each page runs is captured and explained — no page a clerk opens reads
`case`, `workitem`, `audit` or `outbox` whole (SQLite: no "SCAN <table>" without an index; PostgreSQL, analysed:
no "Seq Scan" on them) — and each list shows at most one page of rows, however many the store holds."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, insert, text

from models.core.cases import AuditEvent, Case, WorkItem, WorkItemStatus
from models.core.db import get_engine, session_scope
from models.core.ledger import LedgerEntry
from models.core.org import Role
from models.core.outbox import Channel, OutboxMessage, OutboxStatus
from models.complaint.tables import Complaint
from models.training.tables import TrainingSession
from models.it_access.tables import AllowedConfig
from models.matter.tables import Matter
from models.patrol.tables import Patrol
from models.core.settings import get_settings
from web.web_desk import PEOPLE, client_for, desk_app, set_passwords

ORG = Path(__file__).resolve().parents[2] / "examples" / "org.yaml"
CASES = 2000
WINDOWS = ("W01", "W02", "W03", "W04")
CLERKS = ("S0101", "S0102", "S0103", "S0201")
WATCHED = ("case", "workitem", "audit", "outbox")
START = datetime(2026, 1, 5, 9)
LEDGER_ROWS = 400
TRAININGS = 120
COMPLAINTS = 300
PATROLS = 60  # in March 2026
CONFIGS = 130
MATTERS = 120


def _generated_rows() -> dict:
    """A year of leave requests at the head's review: one open item each (a quarter the clerk's own), a decided
    item, two history rows; a message each, one in ten failed."""
    cases, items, history, messages = [], [], [], []
    for n in range(CASES):
        ref, at = f"QJ-2026-{n:06d}", START + timedelta(hours=2 * n)
        window, clerk = WINDOWS[n % 4], CLERKS[n % 4]
        cases.append(dict(ref=ref, kind="leave", status="head_review", title=f"请假 {n}", window_id=window,
                          subject_staff_id=clerk, opened_by=clerk, opened_at=at, updated_at=at, policy={},
                          due_provisional=False))
        items.append(dict(key=f"{ref}:head", case_ref=ref, step="head_review", title="窗口负责人审核签字",
                          form="approve", assignee_role=Role.head, assignee_window_id=window,
                          assignee_staff_id=clerk if n % 3 == 0 else None, status=WorkItemStatus.open,
                          created_at=at, due_at=at + timedelta(days=3), due_provisional=False))
        items.append(dict(key=f"{ref}:apply", case_ref=ref, step="materials", title="补交材料", form="approve",
                          assignee_role=Role.staff, assignee_window_id=window, assignee_staff_id=clerk,
                          status=WorkItemStatus.done, created_at=at, due_at=at, due_provisional=False))
        history += [dict(case_ref=ref, actor=clerk, action="open", to_status="submitted", at=at, details={}),
                    dict(case_ref=ref, actor="system", action="to_head", from_status="submitted",
                         to_status="head_review", at=at, details={})]
        messages.append(dict(key=f"{ref}:opened", case_ref=ref, channel=Channel.email, address="x@example.gov.cn",
                             recipient_label="窗口负责人", title="新待办", body="新待办", params={}, results=[],
                             status=OutboxStatus.failed if n % 10 == 0 else OutboxStatus.sent, attempts=1,
                             last_error="SMTP 拒绝" if n % 10 == 0 else "", created_at=at))
    deductions = [dict(key=f"test:{n}", subject_kind="staff", subject_id=CLERKS[n % 4], kind="patrol.other",
                       points=0.5, reason=f"巡查扣分 {n}", on=(START + timedelta(days=n % 300)).date(), year=2026,
                       recorded_at=START) for n in range(LEDGER_ROWS)]
    trainings = [dict(ref=f"PX-2026-{n:06d}", kind="training", status="closed", title=f"培训 {n}", opened_by="G001",
                      opened_at=START, updated_at=START, policy={}, due_provisional=False) for n in range(TRAININGS)]
    sessions = [dict(case_ref=t["ref"], topic=f"业务培训 {n}", category="regulations", organiser=Role.management,
                     starts_at=START + timedelta(days=2 * n), ends_at=START + timedelta(days=2 * n, hours=2))
                for n, t in enumerate(trainings)]
    complaint_cases = [dict(ref=f"TS-2026-{n:06d}", kind="complaint", status="closed", title=f"投诉 {n}",
                            window_id=WINDOWS[n % 4], opened_by="G001", opened_at=START + timedelta(days=n),
                            updated_at=START, policy={}, due_at=START + timedelta(days=n + 5), due_provisional=False)
                       for n in range(COMPLAINTS)]  # answered on day n + 3 (on time), one in three on day n + 9 (late)
    complaints = [dict(case_ref=c["ref"], channel="phone" if n % 2 else "email", received_at=c["opened_at"],
                       window_id=c["window_id"], category=1, content="投诉", verdict="substantiated",
                       answered_at=c["opened_at"] + timedelta(days=9 if n % 3 == 0 else 3))
                  for n, c in enumerate(complaint_cases)]
    # The registers: a month of patrols (two a day, W01+W02 then W03+W04), the IT configs, the matter list.
    patrol_cases = [dict(ref=f"XC-2026-{n:06d}", kind="patrol", status="recorded", title=f"巡查 {n}", opened_by="G001",
                         opened_at=START, updated_at=START, policy={}, due_provisional=False) for n in range(PATROLS)]
    patrols = [dict(case_ref=c["ref"], at=datetime(2026, 3, 1 + n // 2, 9 + 5 * (n % 2)),
                    day=datetime(2026, 3, 1 + n // 2).date(), kind="walkthrough", patroller_id="G001",
                    windows=list(WINDOWS[:2] if n % 2 == 0 else WINDOWS[2:]), items=["dress"], note="")
               for n, c in enumerate(patrol_cases)]
    it_cases = [dict(ref=f"IT-2026-{n:06d}", kind="it_access", status="approved", title=f"IT {n}", opened_by="S0102",
                     window_id=WINDOWS[n % 4], opened_at=START, updated_at=START, policy={}, due_provisional=False)
                for n in range(CONFIGS)]
    configs = [dict(case_ref=c["ref"], window_id=c["window_id"], device=f"终端 {n}", ip_address=f"10.0.{n // 200}.{n % 200}",
                    registered_by="G001", registered_at=START) for n, c in enumerate(it_cases)]
    matters = [dict(code=f"QP-TEST-{n:04d}", name=f"事项 {n}", department_id="rsj", window_id=WINDOWS[n % 4],
                    kind="immediate", status="active", updated_at=START) for n in range(MATTERS)]
    return {Case: cases + trainings + complaint_cases + patrol_cases + it_cases, Complaint: complaints, WorkItem: items,
            AuditEvent: history, OutboxMessage: messages, LedgerEntry: deductions, TrainingSession: sessions,
            Patrol: patrols, AllowedConfig: configs, Matter: matters}


@pytest.fixture
def year_desk(any_db):
    from models.core.org_import import import_org

    with session_scope() as session:
        import_org(session=session, path=ORG)
        for model, rows in _generated_rows().items():
            session.execute(insert(model), rows)
    set_passwords(*PEOPLE)
    engine = get_engine(get_settings().database_url)
    with engine.connect() as connection:  # the planner's statistics, as a store in service has them
        connection.execute(text("ANALYZE"))
        connection.commit()
    return desk_app()


@contextmanager
def captured_selects():
    engine, statements = get_engine(get_settings().database_url), []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))
    event.listen(engine, "before_cursor_execute", capture)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", capture)


def whole_table_reads(statements: list) -> list[str]:
    """Each statement's plan lines that read one of the WATCHED tables whole."""
    engine = get_engine(get_settings().database_url)
    sqlite = engine.dialect.name == "sqlite"
    found = []
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        for statement, parameters in statements:
            cursor.execute(("EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN ") + statement, parameters)
            plan = [str(row[-1] if sqlite else row[0]) for row in cursor.fetchall()]
            for line in plan:
                if sqlite:
                    scanned = re.search(r"\bSCAN (\w+)", line)
                    whole = scanned and scanned.group(1) in WATCHED and "USING" not in line
                else:
                    whole = re.search(r"Seq Scan on (\w+)", line)
                    whole = whole and whole.group(1) in WATCHED
                if whole:
                    found.append(f"{line.strip()}  ←  {' '.join(statement.split())[:160]}")
    finally:
        connection.close()
    return found


def table_rows(html: str, css_class: str) -> int:
    table = re.search(rf'<table class="stack {css_class}">(.*?)</table>', html, re.S)
    return table.group(1).count("<tr") - 1 if table else 0  # less the header


def test_my_work_reads_by_index_and_shows_one_page(year_desk):
    for staff_id in ("S0101", "S0102", "G001"):  # a head, a clerk, the management section
        client = client_for(year_desk, staff_id)
        with captured_selects() as statements:
            html = client.get("/").text
        assert statements and whole_table_reads(statements) == [], staff_id
        assert table_rows(html, "todo") <= 50


def test_my_work_is_paged_with_the_count_and_the_links(year_desk):
    client = client_for(year_desk, "S0101")  # head of W01: its open items by role, and a third of them their own
    first, second = client.get("/").text, client.get("/?page=2").text
    assert "（500 项" in first and "共 500 条，第 1 / 10 页" in first and 'href="/?page=2"' in first
    assert table_rows(first, "todo") == 50 and table_rows(second, "todo") == 50
    items = lambda html: set(re.findall(r'#item-(\d+)', html))
    assert len(items(first)) == 50 and items(first).isdisjoint(items(second)) and 'href="/?page=1"' in second
    refused = client.get("/?page=abc")  # a page number that is no number: refused in Chinese
    assert refused.status_code == 400 and "页码" in refused.text and "整数" in refused.text
    assert client.get("/?size=100000").status_code == 400


def test_the_overview_shows_one_page_of_failed_messages(year_desk):
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        html = client.get("/overview?failed_page=3").text
    assert "共 200 条，第 3 / 10 页" in html and table_rows(html, "failed") == 20
    assert whole_table_reads([s for s in statements if "outbox" in s[0]]) == []


def test_the_ledger_shows_one_page_and_the_points_of_them_all(year_desk):
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        first = client.get("/ledger?year=2026").text
    last = client.get("/ledger?year=2026&page=8").text
    assert "共 400 条，合计扣 200 分" in first and "共 400 条，第 1 / 8 页" in first
    assert table_rows(first, "ledger") == 50 and table_rows(last, "ledger") == 50 and "第 8 / 8 页" in last
    assert "巡查扣分 0<" in first and "巡查扣分 0<" not in last
    assert whole_table_reads(statements) == []


def test_the_trainings_of_a_year_are_paged(year_desk):
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        first = client.get("/trainings?year=2026").text
    third = client.get("/trainings?year=2026&page=3").text
    assert "共 120 条，第 1 / 3 页" in first and table_rows(first, "trainings") == 50
    assert table_rows(third, "trainings") == 20 and "业务培训 119<" in third and "业务培训 119<" not in first
    assert whole_table_reads(statements) == []


def test_the_service_statistics_read_the_months_by_index(year_desk):
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        assert client.get("/stats/service?month=2026-03").status_code == 200
    assert statements and whole_table_reads(statements) == []


def test_the_overview_counts_and_lists_the_overdue_by_index_and_runs_no_sweep(year_desk):
    """A year of open items (most overdue): the overview's every query reads by index, the overdue items
    are counted whole and listed FINDINGS_SHOWN at most, the earliest first; no sweep runs on a view."""
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        html = client.get("/overview").text
    # The counts per procedure and window (GROUP BY) add up every open case and item, by design; the overdue
    # count adds up the overdue items (here all the open ones, half the table: PostgreSQL's planner rightly reads
    # them whole, SQLite by index); the overdue list reads by index on both.
    grouped = [s for s in statements if "GROUP BY" in s[0]]
    counts = [s for s in statements if "count(" in s[0].lower() and s not in grouped]
    assert grouped and counts and whole_table_reads([s for s in statements if s not in grouped + counts]) == []
    assert get_engine(get_settings().database_url).dialect.name != "sqlite" or whole_table_reads(counts) == []
    assert f"逾期待办 {CASES} 项（下表列出期限最早的 50 项）" in html and table_rows(html, "overdue-items") == 50
    assert 'href="/cases/QJ-2026-000000"' in html and 'href="/cases/QJ-2026-000050"' not in html
    assert "期限检查尚未运行过" in html and table_rows(html, "unmovable") == 0


def test_the_complaint_statistics_are_counted_by_sql(year_desk):
    """好差评统计: the period's complaints grouped and counted in the database (GROUP BY), read by index."""
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        assert client.get("/stats/complaints?year=2026").status_code == 200
    page = client.get("/stats/complaints?year=2026").text
    assert f"共 {COMPLAINTS} 件，已答复 {COMPLAINTS} 件，按期 200 件，超期 100 件" in page
    complaint_reads = [s for s in statements if "FROM complaint" in s[0]]
    assert complaint_reads and all("GROUP BY" in s[0] for s in complaint_reads)
    assert whole_table_reads(statements) == []


def test_the_users_are_paged(year_desk):
    """登录账号: one page of people, their passwords' dates joined by SQL, and the links to the others;
    the pages together list every person once."""
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        first = client.get("/users?size=5").text
    total, pages = map(int, re.search(r"共 (\d+) 条，第 1 / (\d+) 页", first).groups())
    shown = [client.get(f"/users?size=5&page={n}").text for n in range(1, pages + 1)]
    people = [re.findall(r'<td data-label="工号">([^<]+)</td>', html) for html in shown]
    assert total > 10 and table_rows(first, "users") == 5 and 'href="/users?size=5&amp;page=2"' in first
    assert all(len(p) <= 5 for p in people) and sorted(sum(people, [])) == sorted(set(sum(people, [])))
    assert len(sum(people, [])) == total and "已设置" in "".join(shown)
    assert whole_table_reads(statements) == []


@pytest.mark.parametrize("path", ["/stats/training?year=2026&by=window", "/stats/training?year=2026&by=staff",
                                  "/stats/overdue", "/stats/service?month=2026-03"])
def test_the_statistics_are_grouped_by_sql_and_read_by_index(year_desk, path):
    """训练出勤、逾期待办、办件统计: every figure a GROUP BY of the database, nothing read whole — but for the
    overdue statistics' counts of every open item per procedure and window (models.core.open_counts, 管理总览's
    own): here half the store's items are open, and both planners rightly read them whole (in a center's year a
    few hundred of tens of thousands are, read by the index on status)."""
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        assert client.get(path).status_code == 200
    assert any("GROUP BY" in s[0] for s in statements)
    if path == "/stats/overdue":
        statements = [s for s in statements if not ("GROUP BY" in s[0] and "workitem.status" in s[0])]
    assert whole_table_reads(statements) == []


@pytest.mark.parametrize("path, css, total, size, last", [
    ("/matters", "matters", MATTERS, 50, 20), ("/it/configs", "configs", CONFIGS, 50, 30),
    ("/patrols?month=2026-03", "register", PATROLS, 50, 10)])
def test_the_registers_show_one_page_with_the_count_and_the_links(year_desk, path, css, total, size, last):
    """事项清单, IT设备配置, 巡查登记簿: one page of rows, the count of them all, the next pages' links; no
    page reads case, workitem, audit or outbox whole."""
    client = client_for(year_desk, "G001")
    with captured_selects() as statements:
        first = client.get(path).text
    pages = -(-total // size)
    joiner = "&amp;" if "?" in path else "?"
    assert f"共 {total} 条，第 1 / {pages} 页" in first and table_rows(first, css) == size
    assert f'{path.replace("&", "&amp;")}{joiner}page=2"' in first
    final = client.get(f"{path}{'&' if '?' in path else '?'}page={pages}").text
    assert table_rows(final, css) == last and f"第 {pages} / {pages} 页" in final
    assert whole_table_reads(statements) == []


def test_a_window_head_pages_the_patrols_that_visited_the_window(year_desk):
    """巡查登记簿 of W01's head: the patrols of W01 only (half the month's), counted and paged by SQL."""
    html = client_for(year_desk, "S0101").get("/patrols?month=2026-03&size=20").text
    assert f"共 {PATROLS // 2} 条，第 1 / 2 页" in html and table_rows(html, "register") == 20
    assert "XC-2026-000000" in html and "XC-2026-000001" not in html
