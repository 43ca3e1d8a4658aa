"""An incomplete matter request's case page offers its department 修改后重新提交: the form prefilled from
the request, each gap of the 一次性告知书 marked at its field (一次性告知制度 2; issue 28 item 19)."""
from __future__ import annotations

from support.matters import file_and_screen, sample

ISSUE_28_DEFECTS = (19,)  # counted in the reliability summary when these tests pass


def test_the_department_resubmits_an_incomplete_request_from_a_prefilled_form(as_):
    ref, status = file_and_screen(sample("with-gaps"))
    assert status == "incomplete"
    case_page = as_("D-rsj").get(f"/cases/{ref}").text
    assert f'href="/new/matter?from={ref}">修改后重新提交</a>' in case_page
    form = as_("D-rsj").get(f"/new/matter?from={ref}")
    assert form.status_code == 200
    filed = sample("with-gaps")
    assert f'value="{filed.code}"' in form.text and filed.guide.subject in form.text
    assert form.text.count('class="field invalid"') >= 3


def test_another_department_is_not_offered_it_and_may_not_open_it(as_):
    ref, _ = file_and_screen(sample("with-gaps"))
    assert "修改后重新提交" not in as_("D-scjgj").get(f"/cases/{ref}").text
    assert as_("D-scjgj").get(f"/new/matter?from={ref}").status_code == 403
