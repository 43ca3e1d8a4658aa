"""IT access requests (IT设备接入与权限) and recorded violations. Pure.

IT设备使用管理规定 二(一)1: 业务局域专网 — 向信息技术科提交书面申请，经审批同意后方可接入;
二(一)3: 接入中心电子政务网络 — 经审批同意后方可接入，并严格按照信息技术科要求进行配置（如IP地址、
网关、掩码等），不得自行更改; 二(二)1: 中心部署的IT设备确需变更的，书面申请，审批同意后由信息技术科
实施并登记备案; 二(三)6: 对违反规定的，中心将按规定进行扣分，对屡教不改且情节严重的，取消相关责任人
的评优资格.
"""
from __future__ import annotations

import ipaddress
from enum import StrEnum

from models.core.errors import CenterError, InvalidInput


class RequestKind(StrEnum):
    lan = "lan"  # 二(一)1 建立业务局域专网
    connect = "connect"  # 二(一)3 接入中心电子政务网络
    change = "change"  # 二(二)1 变更中心部署设备的设置


REQUEST_LABELS = {RequestKind.lan: "建立业务局域专网", RequestKind.connect: "接入电子政务网络",
                  RequestKind.change: "变更中心部署设备设置"}
# The requests whose approval fixes a network configuration that must be kept (不得自行更改).
NEEDS_CONFIG = frozenset({RequestKind.lan, RequestKind.connect})


class ViolationKind(StrEnum):
    unauthorised_software = "unauthorised_software"  # 二(三)2
    extra_internet = "extra_internet"  # 二(一)2 另外开设互联网出口
    shared_account = "shared_account"  # 二(二)2 帐号密码外泄、使用他人帐号
    unauthorised_change = "unauthorised_change"  # 二(一)3, 二(二)1 擅自更改配置或操作中心设备


VIOLATION_LABELS = {ViolationKind.unauthorised_software: "安装使用未经授权的软件",
                    ViolationKind.extra_internet: "另外开设互联网出口",
                    ViolationKind.shared_account: "帐号密码共用或使用他人帐号",
                    ViolationKind.unauthorised_change: "擅自更改配置或操作中心设备"}

def _address_error(field: str, label: str, value: str) -> InvalidInput | None:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return InvalidInput(field=field, message=f"{label}「{value}」无效：应为四段 0–255 的数字，如 10.20.30.15")
    return None


def _netmask_error(value: str) -> InvalidInput | None:
    try:
        ipaddress.IPv4Network(f"0.0.0.0/{value}")
    except ValueError:
        return InvalidInput(field="netmask", message=f"子网掩码「{value}」无效：应如 255.255.255.0")
    return None


def config_errors(*, kind: RequestKind, approve: bool, ip_address: str, gateway: str,
                  netmask: str) -> list[CenterError]:
    """二(一)3: an approved connection is configured as the IT section says — IP, gateway, mask, all
    valid and consistent (the gateway in the address's network, neither of them the network's ends)."""
    given = [v for v in (ip_address, gateway, netmask) if v]
    if not approve or (kind not in NEEDS_CONFIG and not given):
        return []
    problems: list[CenterError] = []
    for field, value in (("ip_address", ip_address), ("gateway", gateway), ("netmask", netmask)):
        if not value:
            problems.append(InvalidInput(field=field, message=f"批准{REQUEST_LABELS[kind]}须登记允许的配置（IP地址、网关、掩码）"))
    if problems:
        return problems
    problems = [error for error in (_address_error("ip_address", "IP地址", ip_address),
                                    _address_error("gateway", "网关", gateway), _netmask_error(netmask)) if error]
    if problems:
        return problems
    network = ipaddress.IPv4Network(f"{ip_address}/{netmask}", strict=False)
    address, router = ipaddress.IPv4Address(ip_address), ipaddress.IPv4Address(gateway)
    ends = {network.network_address, network.broadcast_address} if network.prefixlen < 31 else set()
    if address in ends:
        problems.append(InvalidInput(field="ip_address", message=f"{address} 是网段 {network} 的网络地址或广播地址"))
    if router not in network:
        problems.append(InvalidInput(field="gateway", message=f"网关 {router} 不在网段 {network} 内"))
    elif router == address:
        problems.append(InvalidInput(field="gateway", message="网关不能与设备 IP 地址相同"))
    return problems


def withdraws_eligibility(serious_this_year: int, repeat: int) -> bool:
    """二(三)6 屡教不改且情节严重: the `repeat`-th serious violation of the year, and each after it."""
    return serious_this_year >= repeat
