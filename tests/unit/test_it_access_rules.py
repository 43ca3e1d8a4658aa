"""The configuration an IT approval registers (IT设备使用管理规定 二(一)3) and when repeated serious
violations withdraw eligibility (二(三)6)."""
from __future__ import annotations

from models.it_access.rules import RequestKind, config_errors, withdraws_eligibility


def fields(kind=RequestKind.connect, approve=True, ip="10.20.1.15", gateway="10.20.1.1", mask="255.255.255.0"):
    return [e.field for e in config_errors(kind=kind, approve=approve, ip_address=ip, gateway=gateway, netmask=mask)]


def test_a_consistent_configuration_is_accepted():
    assert fields() == []


def test_approving_a_connection_needs_the_ip_gateway_and_mask():
    assert fields(ip="", gateway="", mask="") == ["ip_address", "gateway", "netmask"]


def test_a_refusal_needs_no_configuration():
    assert fields(approve=False, ip="", gateway="", mask="") == []


def test_a_settings_change_may_be_approved_without_a_network_configuration():
    assert fields(kind=RequestKind.change, ip="", gateway="", mask="") == []


def test_a_gateway_outside_the_network_is_refused():
    assert fields(gateway="10.20.2.1") == ["gateway"]


def test_the_network_address_is_not_a_device_address():
    assert fields(ip="10.20.1.0") == ["ip_address"]


def test_a_malformed_address_is_refused():
    assert fields(ip="10.20.1.300") == ["ip_address"]


def test_the_first_serious_violation_keeps_eligibility_and_the_second_withdraws_it():
    assert (withdraws_eligibility(1, 2), withdraws_eligibility(2, 2)) == (False, True)


def test_an_octet_over_255_is_refused_in_chinese_naming_its_field():
    [error] = config_errors(kind=RequestKind.connect, approve=True, ip_address="10.20.300.15",
                            gateway="10.20.30.1", netmask="255.255.255.0")
    assert (error.field, error.message) == ("ip_address", "IP地址「10.20.300.15」无效：应为四段 0–255 的数字，如 10.20.30.15")


def test_a_bad_gateway_and_mask_are_each_named():
    errors = config_errors(kind=RequestKind.connect, approve=True, ip_address="10.20.30.15",
                           gateway="10.20.30", netmask="255.0.255.0")
    assert [e.field for e in errors] == ["gateway", "netmask"] and all(not e.message.isascii() for e in errors)
