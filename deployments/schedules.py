"""The deployments and their schedules (Asia/Shanghai; a plain cron string would be UTC)."""
from __future__ import annotations

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.schedules import Cron

TZ = "Asia/Shanghai"
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)


def deployments() -> list:
    """Every flow as a deployment: the foundations' (the outbox, alerts, decisions, step sessions and the
    sweep) below, then each slice's as its spec declares them (models/procedures.py), procedures on demand."""
    from flows.core.outbox import flush_outbox
    from flows.core.alerts import alert_operators
    from flows.core.decide import decide_work_item
    from flows.core.step_session import step_session
    from flows.core.sweeps import deadline_sweep
    from models.procedures import all_surfaces, resolve

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
        *(resolve(d.flow).to_deployment(name=d.name, schedules=[Cron(cron, timezone=TZ) for cron in d.crons] or None)
          for surfaces in all_surfaces() for d in surfaces.deployments),
    ]
