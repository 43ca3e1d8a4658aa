"""Staff return (退回): its states and transitions (进出管理制度 三). Pure: no session, no clock."""
from __future__ import annotations

from models.core.procedures import Procedure

STAFF_RETURN = Procedure(
    kind="staff_return", label="窗口工作人员退回", ref_prefix="TH", initial="deciding",
    transitions={
        ("deciding", "confirm"): "nominating",
        ("deciding", "dismiss"): "dismissed",
        ("nominating", "nominate"): "arriving",
        ("arriving", "arrive"): "accountability",
        ("accountability", "report"): "reported",
        ("reported", "close"): "closed",
    },
    status_labels={"deciding": "待窗口管理科决定", "dismissed": "不予退回", "nominating": "已发退回函，待部门拟定新人员",
                   "arriving": "待新派驻人员到岗", "accountability": "待部门报送问责处理情况",
                   "reported": "已报问责，待B岗调整完毕", "closed": "已办结"},
    event_labels={"open": "提出退回", "confirm": "决定退回", "dismiss": "不予退回", "nominate": "部门拟定新人员",
                  "arrive": "新人员到岗登记", "report": "部门报送问责处理", "close": "办结",
                  "decide:decide": "窗口管理科决定", "decide:nominate": "拟定新派驻人员",
                  "decide:accountability": "报送问责处理情况", "returned": "人员退回生效"},
    final=frozenset({"dismissed", "closed"}),
)

# Once confirmed and until closed: the return takes effect on its date while the case goes on.
CONFIRMED = ("nominating", "arriving", "accountability", "reported")
