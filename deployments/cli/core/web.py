"""`center web` (the clerks' web desk), `center users set-password` (log-in passwords) and
`center users sign-out` (end every session of a person at once)."""
from __future__ import annotations

import os
import sys

import typer

from deployments.cli.core.console import console
from models.core.errors import InvalidInput
from deployments.cli.core.marks import Page

users_app = typer.Typer(help="工作台登录账号", no_args_is_help=True)


def read_password() -> str:
    """From a hidden prompt (typed twice) or, when piped, the first line of standard input —
    never from the command line, where other users and the shell history would see it."""
    if sys.stdin.isatty():
        return typer.prompt("新密码", hide_input=True, confirmation_prompt="再次输入新密码")
    line = sys.stdin.readline()
    if not line:
        raise InvalidInput(field="密码", message="标准输入中没有密码")
    return line.rstrip("\r\n")


@users_app.command("set-password")
def set_password_command(staff: str = typer.Argument(..., help="要设置密码的人员工号"),
                         actor: str = typer.Option(..., "--as", help="操作人工号（须为窗口管理科）")) -> None:
    """设置（或重设）工作台登录密码；原有的登录会话随之失效。密码从提示或标准输入读取。"""
    from models.core.db import session_scope
    from models.core.users import set_password

    password = read_password()
    with session_scope() as session:
        set_password(session=session, staff_id=staff, password=password, actor=actor)
    console.print(f"已为 {staff} 设置登录密码")


@users_app.command("sign-out")
def sign_out_command(staff: str = typer.Argument(..., help="要强制退出的人员工号"),
                     actor: str = typer.Option(..., "--as", help="操作人工号（须为窗口管理科）")) -> None:
    """强制退出：结束此人在所有电脑、浏览器上的全部工作台登录会话（如电脑遗失、登录信息外泄）。"""
    from models.core.db import session_scope
    from models.core.users import end_sessions

    with session_scope() as session:
        had_login = end_sessions(session=session, staff_id=staff, actor=actor)
    console.print(f"已结束 {staff} 的全部登录会话" if had_login else f"{staff} 尚未设置登录密码，没有登录会话")


def web_command(host: str = typer.Option("127.0.0.1", "--host", help="监听地址；办公网内访问用 0.0.0.0"),
                port: int = typer.Option(8000, "--port", help="端口")) -> None:
    """启动窗口工作台（网页）：我的待办、案件、表单、管理总览、工作日历。"""
    import uvicorn

    from deployments.web.core.app import create_app

    shown = "本机所有地址" if host in ("0.0.0.0", "::") else host
    console.print(f"窗口工作台：http://{host if shown == host else '<本机地址>'}:{port}/（监听 {shown}，Ctrl+C 停止）")
    if not os.environ.get("PREFECT_API_URL"):
        console.print("提示：未设置 PREFECT_API_URL，首次办理时将启动临时 Prefect 服务（约数秒）")
    # proxy_headers=False: X-Forwarded-For counts only from CENTER_WEB_TRUSTED_PROXIES (web/client_address.py)
    uvicorn.run(create_app(warm=True), host=host, port=port, access_log=False, log_level="warning", proxy_headers=False)


def register(app: typer.Typer) -> None:
    app.add_typer(users_app, name="users")
    app.command("web")(web_command)


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "users set-password": Page("POST", "/users/{staff_id}/password"),
    "users sign-out": Page("POST", "/users/{staff_id}/sign-out"),
}
