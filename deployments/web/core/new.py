"""新建: the new-case forms this viewer may fill in (each procedure's form module says who may)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from deployments.web.core.auth import Viewer, require_viewer
from deployments.web.core.pages import page

router = APIRouter()


def offers(viewer: Viewer) -> list[tuple[str, str, str]]:
    from deployments.web import complaint as forms_complaint
    from deployments.web.leave import forms as forms_leave
    from deployments.web.matter import forms as forms_matter
    from deployments.web.rotation import forms as forms_rotation
    from deployments.web.service_case import forms as forms_service
    from deployments.web import staff_return as pages_return
    from deployments.web.rotation import pages as pages_rotation

    candidates = [("/new/leave", "请假申请", "病假、事假、公休等，半天起；一天以上送窗口负责人签字、窗口管理科审核",
                   forms_leave.may_apply(viewer)),
                  ("/new/service", "窗口接件（首问负责）", "登记申请人和事项，核验材料，缺件一次性书面告知；非本窗口事项登记转办",
                   forms_service.may_open(viewer)),
                  ("/new/complaint", "登记投诉（差评）", "各渠道的投诉和1、2星差评，3个工作日内办结",
                   forms_complaint.may_register_now(viewer)),
                  ("/new/rotation", "人员轮换公函", "派驻部门提前10个工作日书面告知，窗口管理科审核",
                   forms_rotation.may_propose(viewer)),
                  ("/new/matter", "事项进驻、变更、取消、退出", "派驻部门提出，附办事指南；经区政务服务办转窗口管理科审批",
                   forms_matter.may_request(viewer)),
                  ("/rotation/secondment", "短期借调申请", "窗口工作人员短期借调回原单位，须经中心同意",
                   pages_rotation.may_request(viewer)),
                  ("/rotation/intern", "实习生进驻申请", "部门实习生报中心同意后进驻窗口",
                   pages_rotation.may_request(viewer)),
                  ("/new/return", "提出退回", "窗口工作人员退回原单位：写明情形，附证据，交窗口管理科决定",
                   pages_return.may_open(viewer))]
    from deployments.web.core.oversight import new_offers

    return [(href, label, help_) for href, label, help_, allowed in candidates if allowed] + new_offers(viewer)


@router.get("/new")
def new_case(request: Request, viewer: Viewer = Depends(require_viewer)):
    return page(request, "new.html", title="新建", offers=offers(viewer))
