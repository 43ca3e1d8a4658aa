"""`center ledger`: the point-deduction ledger (扣分台账) and withdrawn award eligibility (read-only)."""
from __future__ import annotations

import typer
from rich.table import Table
from sqlmodel import select

from deployments.cli.core.console import YEAR, console
from models.core.db import session_scope
from models.core.ledger import SUBJECT_LABELS, EligibilityWithdrawal, entries
from deployments.cli.core.marks import Reads

app = typer.Typer(help="扣分台账与评优资格", invoke_without_command=True)


@app.callback()
def list_command(ctx: typer.Context,
                 year: int = typer.Option(None, "--year", help="考核年度", parser=YEAR),
                 subject: str = typer.Option(None, "--subject", help="工号或窗口编号")) -> None:
    """列出扣分记录和被取消的评优资格。"""
    if ctx.invoked_subcommand:
        return
    with session_scope() as session:
        rows = entries(session=session, year=year, subject_id=subject)
        query = select(EligibilityWithdrawal).order_by(EligibilityWithdrawal.on, EligibilityWithdrawal.id)
        if year is not None:
            query = query.where(EligibilityWithdrawal.year == year)
        if subject is not None:
            query = query.where(EligibilityWithdrawal.subject_id == subject)
        withdrawn = session.exec(query).all()
    table = Table("日期", "对象", "扣分", "事由", "案件", title="扣分台账")
    for e in rows:
        table.add_row(str(e.on), f"{SUBJECT_LABELS[e.subject_kind]} {e.subject_id}", f"{e.points:g}", e.reason,
                      e.case_ref or "—")
    console.print(table if rows else "没有扣分记录")
    if withdrawn:
        lost = Table("年度", "对象", "事由", "案件", title="取消评优资格")
        for w in withdrawn:
            lost.add_row(str(w.year), f"{SUBJECT_LABELS[w.subject_kind]} {w.subject_id}", w.reason, w.case_ref or "—")
        console.print(lost)


# The desk's page for each command (deployments/cli/core/marks.py).
COMMAND_PAGES = {
    "ledger": Reads("/ledger"),
}
