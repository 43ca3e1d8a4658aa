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
    assert fields(ip="10.20.1.300") == ["ip_address/gateway/netmask"]


def test_the_first_serious_violation_keeps_eligibility_and_the_second_withdraws_it():
    assert (withdraws_eligibility(1, 2), withdraws_eligibility(2, 2)) == (False, True)
