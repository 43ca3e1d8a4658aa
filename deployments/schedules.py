"""The deployments and their schedules (Asia/Shanghai; a plain cron string would be UTC)."""
from __future__ import annotations

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron

TZ = "Asia/Shanghai"
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def deployments() -> list:
    """Every flow as a deployment: procedures on demand, sweeps and the outbox on schedules."""
    from flows.core.outbox import flush_outbox
    from flows.core.alerts import alert_operators
    from flows.core.decide import decide_work_item
    from flows.core.step_session import step_session
    from flows.core.sweeps import deadline_sweep
    from flows.matter import (advance_matter, advance_matter_review, matter_list_review, matter_onboarding,
                              publish_matter_guides)
    from flows.rotation import (advance_head_replacement, advance_intern, advance_rotation, advance_secondment,
                                import_head_rankings, request_intern, request_secondment, roster_day, staff_rotation)
    from flows.staff_return import advance_staff_return, open_staff_return_flow, staff_return_day
    from flows.service_case import (advance_service_case, check_materials_flow, complete_service_case_flow,
                                    extend_service_case_flow, open_service_case_flow)
    from flows.complaint import complaint_handling, complaint_monthly_stats, extend_complaint_flow, receive_complaint
    from flows.leave import (advance_leave, apply_for_leave, attach_leave_proofs, record_saturday_cover,
                             withdraw_leave_request)
    from flows.annual_assessment import annual_assessment
    from flows.it_access import advance_it_request, advance_it_violation, record_it_violation, submit_it_request
    from flows.training import advance_training, arrange_training
    from flows.patrol import monthly_patrol_summary, record_patrol_flow

    return [
        # Every minute; one at a time: ticks that piled up while no serve process ran (the server
        # keeps scheduling) are cancelled instead of each starting a process.
        flush_outbox.to_deployment(name="flush-outbox", schedules=[Cron("* * * * *", timezone=TZ)],
                                   concurrency_limit=ONE_AT_A_TIME),
        # Run by the failure automation (deployments/automations.py) for each failed flow run.
        alert_operators.to_deployment(name="alert-operators"),
        # Any procedure's human step: complete a work item, then advance its case.
        decide_work_item.to_deployment(name="decide-work-item"),
        # A step worker's session (flows/core/step_session.py), for a run started by hand (UI, API): it
        # takes queued clerk steps for `max_seconds`. The center's workers run `center workers`.
        step_session.to_deployment(name="step-session", parameters={"worker": "deployment"}),
        # 08:30 and 16:00 every day: the flow itself does nothing on a day off, since cron cannot
        # know the make-up working days (调休) — so weekends are scheduled too.
        deadline_sweep.to_deployment(name="deadline-sweep", schedules=[
            Cron("30 8 * * *", timezone=TZ), Cron("0 16 * * *", timezone=TZ)]),
        matter_onboarding.to_deployment(name="matter-request"),
        advance_matter.to_deployment(name="matter-advance"),
        publish_matter_guides.to_deployment(name="matter-publish"),
        # The first ten days of each quarter at 09:00: the first run on a working day opens the
        # quarter's review, the later ones find it opened (事项进驻、退出、调整规定 2: 定期梳理).
        matter_list_review.to_deployment(name="matter-list-review", schedules=[
            Cron("0 9 1-10 1,4,7,10 *", timezone=TZ)]),
        advance_matter_review.to_deployment(name="matter-review-advance"),
        staff_rotation.to_deployment(name="rotation-propose"),
        advance_rotation.to_deployment(name="rotation-advance"),
        request_secondment.to_deployment(name="secondment-request"),
        advance_secondment.to_deployment(name="secondment-advance"),
        request_intern.to_deployment(name="intern-request"),
        advance_intern.to_deployment(name="intern-advance"),
        import_head_rankings.to_deployment(name="assessment-import"),
        advance_head_replacement.to_deployment(name="head-replacement-advance"),
        # 07:30 every day (days off too: a rotation may take effect on any date): rotations reaching
        # their effective date change the roster once; secondments start and end.
        roster_day.to_deployment(name="roster-day", schedules=[Cron("30 7 * * *", timezone=TZ)]),
        open_staff_return_flow.to_deployment(name="return-open"),
        advance_staff_return.to_deployment(name="return-advance"),
        open_service_case_flow.to_deployment(name="service-open"),
        check_materials_flow.to_deployment(name="service-check"),
        complete_service_case_flow.to_deployment(name="service-complete"),
        extend_service_case_flow.to_deployment(name="service-extend"),
        advance_service_case.to_deployment(name="service-advance"),
        # 07:35 every day: returns reaching their effective date, replacements their arrival date.
        staff_return_day.to_deployment(name="return-day", schedules=[Cron("35 7 * * *", timezone=TZ)]),
        receive_complaint.to_deployment(name="complaint-intake"),
        extend_complaint_flow.to_deployment(name="complaint-extension"),
        complaint_handling.to_deployment(name="complaint-advance"),
        # 09:00 on the 1st of each month: last month's 好差评 summary (in January, last year's too).
        complaint_monthly_stats.to_deployment(name="complaint-monthly-stats", schedules=[
            Cron("0 9 1 * *", timezone=TZ)]),
        apply_for_leave.to_deployment(name="leave-apply"),
        attach_leave_proofs.to_deployment(name="leave-attach"),
        withdraw_leave_request.to_deployment(name="leave-withdraw"),
        advance_leave.to_deployment(name="leave-advance"),
        record_saturday_cover.to_deployment(name="leave-saturday-cover"),
        record_patrol_flow.to_deployment(name="patrol-record"),
        # 17:30 every day: on a month's last working day (from the calendar) the month's patrols are
        # summarised and fed back to the windows (巡查制度 四); a missed day is caught up the next.
        monthly_patrol_summary.to_deployment(name="patrol-month", schedules=[Cron("30 17 * * *", timezone=TZ)]),
        arrange_training.to_deployment(name="training-arrange"),
        advance_training.to_deployment(name="training-advance"),
        submit_it_request.to_deployment(name="it-request"),
        advance_it_request.to_deployment(name="it-advance"),
        record_it_violation.to_deployment(name="it-violation"),
        advance_it_violation.to_deployment(name="it-violation-advance"),
        annual_assessment.to_deployment(name="annual-assessment"),
    ]
