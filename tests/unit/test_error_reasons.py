"""A refused value is explained in Chinese (models.core.errors.reason_of), never with pydantic's English
message: the rotation, calendar, ranking and organisation files and forms all use it."""
from __future__ import annotations

import re
from datetime import date

import pytest
from pydantic import BaseModel, Field, ValidationError, field_validator

from models.core.errors import InvalidInput, reason_of, validated
from models.rotation.inputs import SecondmentInput


class _Sample(BaseModel):
    day: date
    count: int = Field(ge=1)
    name: str = Field(max_length=3)

    @field_validator("name")
    @classmethod
    def _not_x(cls, value: str) -> str:
        if value == "x":
            raise ValueError("不能为 x")
        return value


def _reasons(data: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as refused:
        _Sample.model_validate(data)
    return {str(e["loc"][0]): reason_of(e) for e in refused.value.errors()}


def test_dates_numbers_and_lengths_are_explained_in_chinese():
    assert _reasons({"day": "2026-13-45", "count": 0, "name": "abcd"}) == {
        "day": "日期应为 YYYY-MM-DD", "count": "不能小于 1", "name": "不能超过 3 个字符"}


def test_our_own_validators_keep_their_chinese_message():
    assert _reasons({"day": "2026-10-08", "count": 1, "name": "x"}) == {"name": "不能为 x"}


def test_a_malformed_secondment_date_is_refused_without_english():
    with pytest.raises(InvalidInput) as refused:
        validated(SecondmentInput, {"staff_id": "S0102", "start": "2026-02-30", "end": "2026-03-10",
                                      "reason": "回原单位"})
    assert "日期应为 YYYY-MM-DD" in str(refused.value) and not re.search(r"[A-Za-z]{3,}", str(refused.value)
                                                                         .replace("YYYY", "").replace("start", ""))
