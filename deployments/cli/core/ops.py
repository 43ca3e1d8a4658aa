"""Operators' commands: serve every deployment, set up the failure alert (docs/operations.md)."""
from __future__ import annotations

from pathlib import Path

import typer

from deployments.cli.core.console import console


def _print_deployments(deployments: list, verb: str) -> None:
    from prefect.settings import get_current_settings

    scheduled = [d for d in deployments if d.schedules]
    console.print(f"{verb} {len(deployments)} 个部署，其中 {len(scheduled)} 个按计划运行（Asia/Shanghai）：")
    for d in scheduled:
        crons = "、".join(s.schedule.cron for s in d.schedules)
        console.print(f"  {d.flow_name}/{d.name}：{crons}")
    api = get_current_settings().api.url or "本进程的临时服务（建议先启动 prefect server 并设置 PREFECT_API_URL）"
    console.print(f"失败告警已就绪；Prefect 接口：{api}")


def print_server_batching() -> None:
    """The Prefect server's batching settings (deployments/server_settings.py), when this shell lacks them."""
    from deployments.server_settings import missing_batching, shell_exports

    if missing_batching():
        console.print("提示：Prefect 服务端应按批写入任务运行和事件（否则每秒数十个步骤时会积压），"
                      "请在运行 prefect server start 的环境中设置：", markup=False)
        console.print(shell_exports(), markup=False, soft_wrap=True)


def print_serving(deployments: list) -> None:
    """What `center serve` serves, printed once the failure alert is set up."""
    _print_deployments(deployments, "正在登记并启动")
    print_server_batching()
    console.print("按 Ctrl+C 停止；停止后计划保持启用，重新启动即继续。")


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        limit: int = typer.Option(None, "--limit", min=1,
                                  help="本进程同时运行的流程数上限（默认取 PREFECT_RUNNER_PROCESS_LIMIT）"),
    ) -> None:
        """启动全部部署（办理流程、期限检查、发送通知等计划任务），直到按 Ctrl+C 停止。"""
        from deployments.schedules import deployments
        from deployments.serve import serve_deployments

        serve_deployments(deployments(), limit=limit, on_ready=print_serving)
        console.print("已停止；各计划保持启用。")

    @app.command("workers")
    def workers_command(
        threads: int = typer.Option(4, "--threads", min=1, max=64, help="本进程的办理线程数（每个线程一个会话运行）"),
        session_steps: int = typer.Option(300, "--session-steps", min=1, help="一个会话运行最多办理的步骤数"),
        session_minutes: float = typer.Option(10, "--session-minutes", min=0.1, help="一个会话运行最长的分钟数"),
    ) -> None:
        """启动办理进程：从案件库的办理队列中取出窗口人员提交的步骤逐一办理（CENTER_STEP_WORKERS=true 时使用）。"""
        from deployments.step_workers import run_workers

        def ready() -> None:
            print_server_batching()
            console.print(f"办理进程已启动：{threads} 个线程；按 Ctrl+C 停止（办理中的步骤先办完）。")

        run_workers(threads, max_steps=session_steps, max_seconds=session_minutes * 60, on_ready=ready)
        console.print("办理进程已停止。")

    @app.command("deploy")
    def deploy_command(
        pool: str = typer.Option(..., "--pool", help="进程型工作池名称（不存在则创建）"),
        code_dir: Path = typer.Option(Path("."), "--code-dir",
                                      help="各工作机上本项目的目录（每台工作机路径须相同）"),
    ) -> None:
        """把全部部署登记到工作池，由各工作机上的 `prefect worker start --pool 名称` 运行（代替 serve）。"""
        from deployments.work_pool import deploy_to_pool

        items = deploy_to_pool(pool, code_dir=code_dir)
        _print_deployments(items, f"已向工作池「{pool}」登记")
        console.print(f"在每台工作机上运行：prefect worker start --pool {pool}")

    @app.command("setup-alerts")
    def setup_alerts_command() -> None:
        """创建或更新「流程运行失败告警」自动化（重复执行不会重复创建）。"""
        from deployments.automations import ALERT_AUTOMATION, setup_failure_alert
        from deployments.schedules import deployments

        automation_id = setup_failure_alert(deployments())
        console.print(f"自动化「{ALERT_AUTOMATION}」已就绪（{automation_id}）：流程运行失败时通知运维人员。")
