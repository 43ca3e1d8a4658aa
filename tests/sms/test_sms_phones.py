from __future__ import annotations

import pytest

from models.core.errors import InvalidInput
from models.rules.masking import mask_phone
from tasks.core.sms.phones import normalize_phone, url_with_phones


@pytest.mark.parametrize("raw", ["13800138000", "+8613800138000", "+86 138-0013-8000", "008613800138000",
                                 "8613800138000", "(138) 0013 8000"])
def test_mainland_numbers_are_normalised(raw) -> None:
    assert normalize_phone(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["12800138000", "1380013800", "+1 415 555 0100", "021-12345678", "abc", ""])
def test_other_numbers_are_refused_in_chinese(raw) -> None:
    with pytest.raises(InvalidInput, match="不是有效的中国大陆手机号"):
        normalize_phone(raw)


def test_mask_keeps_only_prefix_and_suffix() -> None:
    assert mask_phone("13800138000") == "138****8000"


def test_numbers_are_appended_to_the_path_before_the_query() -> None:
    assert url_with_phones("aliyunsms://k:s@SMS_1/?sign=x", ["+86 139 0013 9000"]) == (
        "aliyunsms://k:s@SMS_1/13900139000?sign=x")
    assert url_with_phones("tencentsms://k:s@1400/12/13800138000", ["13900139000", "13700137000"]) == (
        "tencentsms://k:s@1400/12/13800138000/13900139000/13700137000")
