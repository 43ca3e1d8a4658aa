"""`center backup FILE` and `center restore FILE`: the case store copied while in use, and back."""
from __future__ import annotations

from pathlib import Path

import typer

from deployments.cli.core.console import console
from models.core.errors import InvalidInput


def register(app: typer.Typer) -> None:
    @app.command("backup")
    def backup_command(file: Path = typer.Argument(..., help="备份文件路径")) -> None:
        """备份案件库（运行中也可备份：SQLite 在线备份，PostgreSQL 用 pg_dump）。"""
        from models.core.backup import backup

        kind = backup(target=file)
        console.print(f"案件库（{kind}）已备份到 {file}（{file.stat().st_size} 字节）")

    @app.command("restore")
    def restore_command(
        file: Path = typer.Argument(..., help="由 center backup 生成的备份文件"),
        yes: bool = typer.Option(False, "--yes", help="确认用备份覆盖当前案件库的全部内容"),
    ) -> None:
        """用备份文件恢复案件库：当前内容将被备份时的内容替换。"""
        from models.core.backup import restore

        if not yes:
            raise InvalidInput(field="--yes", message="恢复会用备份覆盖当前案件库的全部内容，请先停止各服务，确认后加 --yes")
        kind = restore(source=file)
        console.print(f"案件库（{kind}）已从 {file} 恢复")
