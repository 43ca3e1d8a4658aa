"""考核 on the desk: the point ledger (扣分台账, filtered by person, window and year), the annual assessment
run by the management section with its rankings, the eligibility lost (with reason and source case) and
the report, and the import of earlier years' rankings — through the procedure's own models and flows
(models.core.ledger, flows.annual_assessment.annual_assessment, flows.rotation.import_head_rankings), the
same path as `center ledger`, `center assessment year|import|show`.

考勤办法 二(三)2; 派驻部门窗口负责人岗位职责 5, 7. A window head reads their window's ledger (the window
and its people), a staff member their own; the center's sections read everyone's."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.errors import attempt, errors_by_field
from deployments.web.core.oversight_common import check_management, form_values, windows, year_of
from deployments.web.core.pager import PageRequest, page_request, pager
from deployments.web.core.pages import flash, page, redirect
from deployments.web.core.documents import DOCUMENT_CSP
from deployments.web.core.uploads import saved_uploads, uploads_of
from deployments.web.core.nav import NavEntry
from models.core.clock import local_now
from models.core.db import session_scope
from models.core.errors import CenterError, NotFound
from models.core.ledger import SUBJECT_LABELS, ledger_entries, ledger_points, withdrawals
from models.core.paging import page_of
from models.core.org import Role, Staff, Window

router = APIRouter()
PAGE_SIZE = 50


def _scope(viewer: Viewer, person: str, window: str) -> tuple[str, str]:
    """What the viewer may filter by: the sections anything, a head their window, others themselves."""
    if viewer.is_center:
        return person, window
    if viewer.role == Role.head:
        return person, viewer.window_id or "—"
    return viewer.id, ""


def ledger_page(viewer: Viewer, year: str | None, person: str, window: str, asked: PageRequest) -> dict:
    """One page of the deductions (oldest first), their count and points summed by SQL."""
    year_ = year_of(year) if year != "all" else None
    person, window = _scope(viewer, person.strip(), window.strip())
    with session_scope() as session:
        people = {s.id: s for s in session.exec(select(Staff)).all()}
        subjects = None
        if window:
            subjects = {window} | {s.id for s in people.values() if s.window_id == window}
        if person:
            subjects = {person} & subjects if subjects is not None else {person}
        entries = page_of(session, ledger_entries(year=year_, subject_ids=subjects), number=asked.number,
                          size=asked.size)
        total = ledger_points(session=session, year=year_, subject_ids=subjects)
        lost = withdrawals(session=session, year=year_, subject_ids=subjects)
        names = {**{s.id: s.name for s in people.values()},
                 **{w.id: w.name for w in session.exec(select(Window)).all()}}  # the template adds the id
    return {"entries": entries.items, "shown": entries, "lost": lost, "names": names, "subject_labels": SUBJECT_LABELS,
            "year": "all" if year_ is None else year_, "person": person, "window": window,
            "windows": windows(), "free": viewer.is_center, "head": viewer.role == Role.head,
            "total": total}


@router.get("/ledger")
def ledger(request: Request, year: str | None = None, person: str = "", window: str = "",
           viewer: Viewer = Depends(require_viewer)):
    found = ledger_page(viewer, year, person, window, page_request(request, size=PAGE_SIZE))
    return page(request, "ledger.html", title="扣分台账", pager=pager(request, found.pop("shown")), **found)


def _report(year: int) -> dict | None:
    """The year's rankings as they stand (models.annual_assessment.store.assessment_report), or None."""
    from models.annual_assessment.store import assessment_report
    from models.annual_assessment.rules import is_final
    from tasks.annual_assessment import report_path

    now = local_now()
    try:
        with session_scope() as session:
            report = assessment_report(session=session, year=year, as_of=now)
    except CenterError as error:
        return {"problem": str(error).split(": ", 1)[-1]}
    return {**report, "final": is_final(year, now), "written": report_path(year).is_file()}


@router.get("/assessment")
def assessment(request: Request, year: str | None = None, viewer: Viewer = Depends(require_viewer)):
    check_management(viewer, "进行年度考核")
    year_ = year_of(year)
    return page(request, "assessment.html", title=f"{year_} 年度考核", year=year_, report=_report(year_), errors={})


def run(values: dict, viewer: Viewer) -> dict:
    from flows.annual_assessment import AssessmentYear, annual_assessment
    from models.core.errors import validated

    check_management(viewer, "进行年度考核")
    request = validated(AssessmentYear, {"year": values.get("year", "").strip() or None})
    return annual_assessment(request=request, actor=viewer.id, as_of=local_now())


@router.post("/assessment")
async def post_assessment(request: Request, viewer: Viewer = Depends(require_viewer)):
    values = await form_values(request)
    report, error = await attempt(run, values, viewer)
    if error:
        year = values.get("year", "")
        errors = errors_by_field(error, {"year": "year", "年度": "year"})
        return await run_in_threadpool(lambda: page(request, "assessment.html", title="年度考核", status_code=400,
                                                    year=year, report=None, errors=errors))
    state = "" if report["final"] else "（年度未结束，负责人排名未记录）"
    replaced = f"；须重新调整窗口负责人 {len(report['replacements'])} 个，已通知派驻部门" if report["replacements"] else ""
    flash(request, f"{report['year']} 年度考核已完成{state}：取消评优资格 {len(report['lost'])} 项{replaced}")
    return redirect(f"/assessment?year={report['year']}")


def _report_file(year: int, viewer: Viewer):
    """The HTML report the assessment wrote (<data>/reports/annual-assessment-YEAR.html)."""
    from tasks.annual_assessment import report_path

    check_management(viewer, "查看年度考核报告")
    path = report_path(year)
    if not path.is_file():
        raise NotFound(field="年度考核报告", value=f"{year} 年（请先进行年度考核）")
    return path


@router.get("/assessment/{year}/report")
def assessment_report_page(year: int, request: Request, download: bool = False,
                           viewer: Viewer = Depends(require_viewer)):
    """The report inside the desk's page, with its menu and the way back to the assessment (the way a
    case's document is shown); `download=true` gives the file itself."""
    if download:
        return assessment_report_file(year, download=True, viewer=viewer)
    _report_file(year, viewer)
    return page(request, "assessment_report.html", title=f"{year} 年度考核报告", year=year)


@router.get("/assessment/{year}/report/raw")
def assessment_report_file(year: int, download: bool = False, viewer: Viewer = Depends(require_viewer)):
    path = _report_file(year, viewer)
    return FileResponse(path, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": DOCUMENT_CSP},
                        **({"filename": path.name} if download else {}))


def _rankings() -> list[dict]:
    from models.rotation.tables import HeadRanking
    from models.core.org import Window

    with session_scope() as session:
        rows = session.exec(select(HeadRanking, Window, Staff).join(Window, Window.id == HeadRanking.window_id)
                            .join(Staff, Staff.id == HeadRanking.head_id)
                            .order_by(HeadRanking.year.desc(), HeadRanking.rank)).all()
        return [{"year": r.year, "rank": f"{r.rank}/{r.total}", "window": w.name, "head": f"{h.name}（{h.id}）",
                 "source": r.source} for r, w, h in rows]


def _import_page(request: Request, errors: dict, status_code: int = 200):
    return page(request, "assessment_import.html", title="导入往年考核排名", status_code=status_code, errors=errors,
                rankings=_rankings())


@router.get("/assessment/import")
def import_page(request: Request, viewer: Viewer = Depends(require_viewer)):
    check_management(viewer, "导入年度考核排名")
    return _import_page(request, {})


def import_file(form, viewer: Viewer) -> dict:
    from flows.rotation import import_head_rankings
    from models.rotation.inputs import RankingImportInput
    from models.core.errors import InvalidInput

    check_management(viewer, "导入年度考核排名")
    with saved_uploads({"file": uploads_of(form, "file")}) as paths:
        if not paths.get("file"):
            raise InvalidInput(field="file", message="请选择排名文件（.yaml、.yml 或 .csv）")
        return import_head_rankings(file=RankingImportInput(path=paths["file"][0]), actor=viewer.id)


@router.post("/assessment/import")
async def post_import(request: Request, viewer: Viewer = Depends(require_viewer)):
    form = await request.form()
    result, error = await attempt(import_file, form, viewer)
    if error:
        shown = errors_by_field(error, {"file": "file"})
        shown = {"file": shown.pop("file", []) + shown.pop("", []), **shown}  # every row's problem beside the file
        return await run_in_threadpool(_import_page, request, shown, 400)
    cases = f"；须重新调整窗口负责人：{'、'.join(result['cases'])}，已通知派驻部门" if result["cases"] else ""
    flash(request, "已导入 " + "、".join(f"{y} 年" for y in result["years"]) + f" 的窗口负责人排名{cases}")
    return redirect("/assessment/import")


# Its entries in the desk's menu and on /new (collected by deployments/web/core/slices.py).
NAV = (NavEntry("年度考核", "/assessment", "管理", frozenset({Role.management})),)
