"""The complaint command line: bad input exits 2 and writes nothing; `show` masks the complainant
for everyone but the person handling the case."""
from __future__ import annotations

import pytest

from support.cli import run_cli
from support.complaint_cases import advance, register
from support.snapshot import snapshot

pytestmark = pytest.mark.usefixtures("org")


def test_open_with_a_three_star_rating_exits_2_and_writes_nothing(capsys):
    before = snapshot()
    result = run_cli(capsys, "complaint", "open", "--channel", "rating", "--window", "W01", "--staff", "S0102",
                     "--rating-id", "HCP-1", "--stars", "3", "--content", "一般", "--as", "T001")
    assert (result.code, "3星评价不是差评" in result.err, snapshot() == before) == (2, True, True)


def test_open_without_contact_for_a_phone_complaint_names_the_field(capsys):
    result = run_cli(capsys, "complaint", "open", "--channel", "phone", "--window", "W01", "--category", "3",
                     "--name", "张三", "--content", "态度差", "--received", "2026-09-30 10:00", "--as", "G001")
    assert result.code == 2 and "complainant_contact" in result.err


def test_show_masks_the_complainant_for_someone_not_handling_it(capsys):
    ref = register()
    advance(ref)
    result = run_cli(capsys, "complaint", "show", ref, "--as", "S0102")
    assert "张**" in result.out and "139****5678" in result.out and "张三丰" not in result.out


def test_show_gives_the_handler_the_complainant_s_name_and_contact(capsys):
    ref = register()
    advance(ref)
    result = run_cli(capsys, "complaint", "show", ref, "--as", "S0101")
    assert "张三丰" in result.out and "13912345678" in result.out
