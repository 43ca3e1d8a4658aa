"""`make demo`, the web desk: demo passwords for a window head and the management section, and
the command that starts the desk on the demo's case store (the cases the demo has just run)."""
from __future__ import annotations

from rich.console import Console

DEMO_PASSWORD = "demo-2026"  # only in the demo's own case store under var/demo
DEMO_LOGINS = {"S0101": "张伟，社保综合窗口负责人", "G001": "孙丽华，窗口管理科"}


def describe(console: Console) -> None:
    from models.db import session_scope
    from models.settings import get_settings
    from models.users import set_password

    with session_scope() as session:
        for staff_id in DEMO_LOGINS:
            set_password(session=session, staff_id=staff_id, password=DEMO_PASSWORD, actor="G001")
    data = get_settings().data_dir
    console.print("窗口工作台（网页）：在另一个终端运行")
    console.print(f"  CENTER_DATA_DIR={data} .venv/bin/center web", markup=False)
    console.print("  然后用浏览器打开 http://127.0.0.1:8000/（办公网内访问加 --host 0.0.0.0）")
    for staff_id, who in DEMO_LOGINS.items():
        console.print(f"  登录：工号 {staff_id}（{who}），演示密码 {DEMO_PASSWORD}")
