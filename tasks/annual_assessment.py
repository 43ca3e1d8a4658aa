"""The annual assessment in one transaction: rank from the ledger, record the heads' ranking and
apply the window-head rule once the year is over, write the HTML report under the data folder."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from tasks.core.plain_calls import task

from models.annual_assessment.store import assessment_report
from models.core.cases import get_case
from models.core.db import session_scope
from models.annual_assessment.rules import is_final, markdown
from models.core.settings import get_settings
from models.core.workitems import check_management
from tasks.core.hand_offs import hand_off
from tasks.core.render import render


def report_path(year: int) -> Path:
    return get_settings().data_dir / "reports" / f"annual-assessment-{year}.html"


def assess_year(*, year: int, actor: str, as_of: datetime) -> dict:
    """Only the management section runs the assessment (岗位职责 5: 配合中心做好年度考核). A year
    still running is reported as it stands, and neither recorded nor acted on."""
    with session_scope() as session:
        check_management(session=session, actor_id=actor, action="进行年度考核")
        report = assessment_report(session=session, year=year, as_of=as_of)
        report["final"] = is_final(year, as_of)
        report["replacements"] = []
        if report["final"]:
            hand_off("record_head_ranking", session=session, year=year, heads=report["heads"], actor=actor, at=as_of)
            refs = hand_off("replace_last_ranked_heads", session=session, years=[year], actor=actor, now=as_of)
            report["replacements"] = [f"{ref}（{get_case(session=session, ref=ref).title}）" for ref in refs]
        path = report_path(year)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render("documents/assessment_report.html", **report), encoding="utf-8")
    return {**report, "lost": [asdict(x) for x in report["lost"]], "markdown": markdown(report), "path": str(path)}


assess_year_task = task(name="年度考核排名")(assess_year)
