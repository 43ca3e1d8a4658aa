"""What must hold on SQLite and PostgreSQL alike: one case per complaint, one return case."""
from __future__ import annotations

import pytest
from sqlmodel import func, select

from models.core.cases import Case
from models.core.db import session_scope
from models.core.org_import import import_org
from support.cli import ROOT
from support.complaint_cases import handled, register


@pytest.fixture
def org_any(any_db):
    with session_scope() as session:
        import_org(session=session, path=ROOT / "examples" / "org.yaml")


@pytest.mark.usefixtures("org_any")
def test_registering_the_same_complaint_twice_gives_one_case():
    register()
    register()
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case)).one() == 1


@pytest.mark.usefixtures("org_any")
def test_the_fourth_substantiated_complaint_does_not_open_a_second_return_case():
    for n in range(4):
        handled(content=f"第{n + 1}次")
    with session_scope() as session:
        assert session.exec(select(func.count()).select_from(Case).where(Case.kind == "staff_return")).one() == 1
