"""Guides are versioned: a change adds a version and keeps the previous one (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest

from models.core.db import session_scope
from models.matter.guides import current_guide, guide_versions
from models.core.org_import import import_org
from support.matters import EXAMPLES, sample, through

CHANGED = {"materials": [{"name": "居民身份证", "form": "有效期内的第二代居民身份证", "original": "原件"},
                         {"name": "失业登记申请表", "form": "A4纸，本人签名", "copies": 2, "original": "原件"}]}


@pytest.fixture(autouse=True)
def org_any(any_db):
    """The sample organisation on SQLite and on PostgreSQL."""
    with session_scope() as session:
        import_org(session=session, path=EXAMPLES.parent / "org.yaml")


def test_a_change_keeps_the_previous_version():
    through(sample())
    through(sample(request="change", guide=CHANGED))
    with session_scope() as session:
        versions = guide_versions(session=session, code="QP-RSJ-001")
        assert [v.version for v in versions] == [1, 2]
        assert versions[0].superseded_at is not None and versions[1].superseded_at is None
        assert len(versions[0].spec["guide"]["materials"]) == 3


def test_the_current_guide_is_the_latest_version():
    through(sample())
    through(sample(request="change", guide=CHANGED))
    with session_scope() as session:
        guide = current_guide(session=session, code="QP-RSJ-001")
    assert guide.version == 2 and [m.copies for m in guide.materials] == [1, 2]
