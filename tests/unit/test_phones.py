"""The one phone type (models/rules/phones.py): a mainland mobile number however written, a landline where a
form allows one, refused in Chinese naming the field, in every input that takes a number."""
from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from models.core.errors import InvalidInput, ValidationFailed
from models.core.org_edit import ContactInput, DepartmentContactInput, parse_contact
from models.core.arrivals import ArrivalInput
from models.rules.phones import MobileNumber, PhoneNumber, contact_channel, normalize_contact
from models.service_case.inputs import ServiceIntake
from tasks.core.sms.phones import normalize_phone


ARRIVAL = {"staff_id": "S0999", "name": "王五"}


class Mobile(BaseModel):
    phone: MobileNumber = ""


class Phone(BaseModel):
    phone: PhoneNumber = ""


@pytest.mark.parametrize("raw", ["13912345678", "139 1234 5678", "139-1234-5678", "139.1234.5678",
                                 "(139)12345678", "+86 139 1234 5678", "+8613912345678", "008613912345678",
                                 "8613912345678", "１３９１２３４５６７８", "＋８６ １３９－１２３４－５６７８",
                                 "139\u200b1234\u200b5678"])
def test_a_mobile_number_however_written_is_kept_as_its_11_digits(raw) -> None:
    assert Mobile(phone=raw).phone == "13912345678"
    assert Phone(phone=raw).phone == "13912345678"
    assert normalize_phone(raw) == "13912345678"
    assert normalize_contact(raw) == "13912345678" and contact_channel(raw) == "sms"


@pytest.mark.parametrize("raw", ["12012345678", "12345678901", "139123456789", "1391234567", "23912345678",
                                 "139-1234-567a", "+1 415 555 0100", "021-59731234", "abc"])
def test_anything_else_is_refused_as_a_mobile_number_in_chinese(raw) -> None:
    with pytest.raises(ValidationError, match="不是有效的手机号码：应为11位手机号码（以13–19开头"):
        Mobile(phone=raw)
    with pytest.raises(InvalidInput, match="不是有效的中国大陆手机号"):
        normalize_phone(raw)


def test_a_line_break_in_a_number_is_refused_not_dropped() -> None:
    with pytest.raises(ValidationError, match="应为一行文字"):
        Mobile(phone="139\n12345678")


def test_an_empty_number_stays_empty_the_fields_are_optional() -> None:
    assert Mobile(phone="").phone == "" and Phone().phone == ""


@pytest.mark.parametrize(("raw", "kept"), [("021-59731234", "021-59731234"), ("(021) 5973 1234", "021-59731234"),
                                           ("+86 21 5973 1234", "021-59731234"), ("0512-6523-1234", "0512-65231234"),
                                           ("010 1234567", "010-1234567"), ("021-59731234转801", "021-59731234转801"),
                                           ("０２１－５９７３１２３４", "021-59731234")])
def test_a_landline_with_its_area_code_is_kept_where_a_form_allows_one(raw, kept) -> None:
    assert Phone(phone=raw).phone == kept


@pytest.mark.parametrize("raw", ["59731234", "12345", "021-123", "0123-12345678901", "电话"])
def test_a_landline_without_its_area_code_or_too_short_is_refused(raw) -> None:
    with pytest.raises(ValidationError, match="不是有效的电话号码：应为11位手机号码，或带区号的固定电话"):
        Phone(phone=raw)


def test_an_email_address_is_a_contact_too_and_anything_else_is_none() -> None:
    assert contact_channel(" a@example.gov.cn ") == "email" and normalize_contact(" a@example.gov.cn ") == "a@example.gov.cn"
    assert contact_channel("12012345678") is None and contact_channel("+86 139 1234 5678") == "sms"


def test_a_staff_contact_refuses_12_and_names_the_field() -> None:
    """`^(1\\d{10})?$` let 12012345678 through; the roster's contact now takes a mobile number only."""
    with pytest.raises(InvalidInput) as refused:
        parse_contact(phone="12012345678", email="")
    assert refused.value.field == "phone" and refused.value.label == "手机号码"
    assert "应为11位手机号码" in refused.value.message
    assert parse_contact(phone="+86 139-1234-5678", email="").phone == "13912345678"


def test_every_input_taking_a_number_uses_the_type() -> None:
    assert ContactInput(phone="１３９ １２３４ ５６７８").phone == "13912345678"
    assert DepartmentContactInput(phone="(021) 5973 1234").phone == "021-59731234"
    assert ServiceIntake(applicant="李明", matter_code="M1", phone="+86 139 1234 5678").phone == "13912345678"
    with pytest.raises(ValidationError, match="不是有效的手机号码"):
        ServiceIntake(applicant="李明", matter_code="M1", phone="12012345678")
    with pytest.raises(ValidationError, match="不是有效的手机号码"):
        ArrivalInput.model_validate({**ARRIVAL, "phone": "12012345678"})
    assert ArrivalInput.model_validate({**ARRIVAL, "phone": "139-1234-5678"}).phone == "13912345678"


def test_several_problems_are_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as refused:
        parse_contact(phone="12345", email="not-an-address")
    assert {p.field for p in refused.value.problems} == {"phone", "email"}

