"""Phone numbers are masked however they are written (issue 26 item 3): separators, zero-width
characters, full-width digits, the country code, landlines with their area code. Names and e-mail
addresses are masked as before."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from models.rules.masking import complainant_view, mask_phone, mask_text

ISSUE_26_DEFECTS = (3,)  # counted in the reliability summary when these tests pass

MOBILE = "13912345678"
WRITTEN = ["139-1234-5678", "139 1234 5678", "+86 139 1234 5678", "139.1234.5678", "139\u200b12345678",
           "１３９１２３４５６７８", "(139) 1234-5678", "+86-139-1234-5678", "139\u20601234\ufeff5678"]
SEPARATORS = ["", " ", "-", ".", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u3000", "\uff0d", "\u00a0",
              "－", "—", "\t"]


def digits_of(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) for c in unicodedata.normalize("NFKC", text) if c.isdecimal())


@pytest.mark.parametrize("written", WRITTEN)
def test_a_mobile_number_written_with_separators_is_masked_in_text(written):
    masked = mask_text(f"请回电{written}，我是赵六")
    assert masked == "请回电139****5678，我是赵六"


@pytest.mark.parametrize("written", WRITTEN)
def test_a_contact_field_written_with_separators_is_masked(written):
    assert mask_phone(written) == "139****5678"


def test_a_landline_with_its_area_code_is_masked():
    assert mask_text("座机021-5970-1234或0512 5970 1234") == "座机*********34或**********34"


def test_dates_references_and_other_figures_stay():
    text = "2026-10-12 受理，编号TS-2026-0001，共3件，得分-0.5，身份证310229199001011234"
    assert mask_text(text) == text


def test_a_number_beside_other_digits_is_still_masked():
    assert mask_text("10月12日 12 13912345678") == "10月12日 12 139****5678"


def test_the_complainants_name_and_mail_are_masked_as_before():
    view = complainant_view(name="赵六", contact=MOBILE, full=False)
    assert view.text("请回电139-1234-5678，我是赵六，邮箱zhao.liu@example.com") == \
        "请回电139****5678，我是赵*，邮箱z***@example.com"
    assert (view.name, view.contact) == ("赵*", "139****5678")


def _widen(digit: str, wide: bool) -> str:
    return chr(ord("０") + int(digit)) if wide else digit


@given(mobile=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
       separators=st.lists(st.sampled_from(SEPARATORS), min_size=10, max_size=10),
       widths=st.lists(st.booleans(), min_size=11, max_size=11),
       prefix=st.sampled_from(["", "+86 ", "+86-", "＋８６ ", "86"]),
       before=st.sampled_from(["请回电", "电话：", "联系方式 ", "我是赵六，", ""]),
       after=st.sampled_from(["，谢谢", "。", " 赵六", ""]))
def test_no_way_of_writing_a_mobile_number_shows_it(mobile, separators, widths, prefix, before, after):
    written = _widen(mobile[0], widths[0]) + "".join(s + _widen(d, w) for s, d, w in zip(separators, mobile[1:], widths[1:]))
    masked = mask_text(before + prefix + written + after)
    assert digits_of(masked) == mobile[:3] + mobile[7:]  # the middle four digits are gone, however written
    assert f"{mobile[:3]}****{mobile[7:]}" in masked
    assert masked.startswith(before) and masked.endswith(after)


@given(area=st.sampled_from(["021", "010", "0512", "0755"]), number=st.from_regex(r"[2-8][0-9]{7}", fullmatch=True),
       separator=st.sampled_from(SEPARATORS), wide=st.booleans())
def test_no_way_of_writing_a_landline_shows_it(area, number, separator, wide):
    written = "".join(_widen(d, wide) for d in area) + separator + "".join(_widen(d, wide) for d in number)
    masked = mask_text(f"座机{written}转人工")
    assert masked == "座机" + "*" * (len(area) + 6) + number[-2:] + "转人工"
