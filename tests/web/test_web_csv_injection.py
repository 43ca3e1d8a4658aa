"""CSV downloads are safe to open in a spreadsheet (issue 26 item 8): a window, a person or a matter whose
name starts with = + - @ (or a tab or carriage return) is written with a leading single quote in every
CSV of every statistics page; figures, negative ones included, stay numbers."""
from __future__ import annotations

from datetime import datetime

import pytest

from models.core.db import session_scope
from models.core.org import Staff, Window
from models.matter.tables import Matter
from models.service_case.tables import ServiceCase
from models.rules.spreadsheet import spreadsheet_cell, spreadsheet_row
from support.stats_cases import october
from web.stat_pages import csv_rows, sections
from web.web_desk import sample_case

ISSUE_26_DEFECTS = (8,)  # counted in the reliability summary when these tests pass

pytestmark = pytest.mark.usefixtures("probe")

HOSTILE = {"W01": '=HYPERLINK("http://evil.example/","社保窗口")', "W02": "+cmd|' /C calc'!A0",
           "W03": "@SUM(1+1)*cmd|' /C calc'!A0", "W04": "-2+3+cmd|' /C calc'!A0"}
HOSTILE_STAFF = {"S0201": "\t=1+1", "S0202": "\r=1+1", "S0203": "=徐明"}
HOSTILE_MATTER = '=HYPERLINK("http://evil.example/","失业登记")'
PAGES = ("/stats/complaints?month=2026-10", "/stats/complaints?year=2026", "/stats/service?month=2026-10",
         "/stats/training?year=2026&by=window", "/stats/training?year=2026&by=staff", "/stats/overdue")


def hostile_names() -> None:
    with session_scope() as session:
        for window_id, name in HOSTILE.items():
            session.get(Window, window_id).name = name
        for staff_id, name in HOSTILE_STAFF.items():
            session.get(Staff, staff_id).name = name
        for matter in session.query(Matter).all():
            matter.name = HOSTILE_MATTER
        for case in session.query(ServiceCase).all():  # a case keeps the matter's name it was opened under
            case.matter_name = HOSTILE_MATTER


def test_every_csv_of_every_statistics_page_quotes_a_formula(as_):
    october()
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    hostile_names()
    client = as_("G001")
    quoted = set()
    for path in PAGES:
        page = sections(client.get(path).text)
        assert page, path
        for key, section in page.items():
            rows = csv_rows(client.get(section["csv"]).content)
            for cell in (cell for row in rows for cell in row):
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or spreadsheet_cell(cell) == cell, \
                    (path, key, cell)
                quoted.update(name for name in (*HOSTILE.values(), *HOSTILE_STAFF.values(), HOSTILE_MATTER)
                              if cell.startswith("'" + name))
    assert quoted == {*HOSTILE.values(), *HOSTILE_STAFF.values(), HOSTILE_MATTER}, quoted


def test_a_cell_that_would_run_as_a_formula_gets_a_leading_quote():
    assert spreadsheet_row(['=HYPERLINK("http://evil.example/","失业登记")', "+1+cmd", "-A1", "@SUM(A1)",
                            "\t=1", "\r=1", "社保窗口"]) == \
        ['\'=HYPERLINK("http://evil.example/","失业登记")', "'+1+cmd", "'-A1", "'@SUM(A1)", "'\t=1", "'\r=1", "社保窗口"]


def test_figures_stay_numbers():
    assert spreadsheet_row([-0.5, 3, "-0.5", "+2", "-10%", "100%", "—", None]) == \
        [-0.5, 3, "-0.5", "+2", "-10%", "100%", "—", None]
