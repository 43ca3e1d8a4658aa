"""监督考核: the oversight pages a viewer may use, in one place (巡查, 学习培训, IT设备, 考核). Each page
module says who may use it (and offers its new-record forms on 新建 itself: its `OFFERS`)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.pages import page

router = APIRouter()


def sections(viewer: Viewer) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """(heading, [(link, label, help)]) of the oversight pages this viewer may open."""
    from deployments.web import it_access as pages_it
    from deployments.web.patrol import pages as pages_patrol
    from deployments.web.training import pages as pages_training

    mine = "全部窗口" if viewer.is_center else "本窗口"
    patrol = [("/patrols", "巡查登记簿", f"按日、按月查看巡查记录和发现的问题（{mine}）"),
              ("/patrols/summary", "月度巡查情况", f"本月巡查次数、各窗口问题和扣分（{mine}）")]
    if pages_patrol.may_record(viewer):
        patrol.insert(0, ("/patrols/new", "记录巡查", "窗口管理科每天两次巡查，监控随机抽查"))
    training = [("/trainings", "学习培训", "培训安排、点名结果"), ("/trainings/stats", "出勤统计", "按人员、按窗口")]
    if pages_training.may_arrange(viewer):
        training.insert(0, ("/trainings/new", "安排学习培训", "通知应参加人员"))
    it = [("/it/configs", "登记备案的配置", "批准的IP地址、网关、掩码")]
    if pages_it.may_request(viewer):
        it.insert(0, ("/it/request", "提交申请", "接入、组网、变更设备设置"))
    if pages_it.may_record_violation(viewer):
        it.append(("/it/violation", "登记违规", "交窗口管理科审核扣分"))
    assessment = [("/ledger", "扣分台账", "按人员、窗口、年度查看扣分和取消评优资格")]
    if viewer.is_management:
        assessment += [("/assessment", "年度考核", "排名、取消评优资格、考核报告"),
                       ("/assessment/import", "导入往年排名", "上传排名文件")]
    return [("巡查", patrol), ("学习培训", training), ("IT设备", it), ("考核", assessment)]


@router.get("/oversight")
def oversight(request: Request, viewer: Viewer = Depends(require_viewer)):
    return page(request, "oversight.html", title="监督考核", sections=sections(viewer))
