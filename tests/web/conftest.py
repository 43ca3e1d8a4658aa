"""The web desk over the sample organisation, with passwords set for a few people."""
from __future__ import annotations

import pytest

from web.web_desk import PEOPLE, client_for, desk_app, set_passwords


@pytest.fixture
def probe():
    """Counts a safety probe (issue 19) in the reliability summary when the whole suite runs."""
    from reliability import summary

    summary.record("probes")


@pytest.fixture
def desk(org):
    set_passwords(*PEOPLE)
    return desk_app()


@pytest.fixture
def as_(desk):
    """as_("S0101") → a test client logged in as that person."""
    return lambda staff_id: client_for(desk, staff_id)
