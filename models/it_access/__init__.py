"""IT devices (IT设备使用管理规定 二): a window's written request to the IT section (cases of kind
"it_access"), whose approval registers the configuration allowed (登记备案, 不得自行更改); violations
recorded (cases of kind "it_violation"), deducted once the management section confirms them, and
repeated serious ones withdrawing the award eligibility.

二(一)1: 业务局域专网 — 书面申请，经审批同意后方可接入; 二(一)3: 接入中心电子政务网络 — 严格按照信息
技术科要求进行配置（如IP地址、网关、掩码等），不得自行更改; 二(二)1: 确需变更的，书面申请，审批同意后
由信息技术科实施并登记备案; 二(三)6: 对违反规定的…扣分，对屡教不改且情节严重的，取消相关责任人的评优资格.
"""
