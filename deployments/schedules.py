"""The deployments and their schedules (Asia/Shanghai; a plain cron string would be UTC)."""
from __future__ import annotations

from prefect.schedules import Cron

TZ = "Asia/Shanghai"


def deployments() -> list:
    """Every flow as a deployment: procedures on demand, sweeps and the outbox on schedules."""
    from flows.outbox import flush_outbox
    from flows.sweeps import deadline_sweep
    from flows.matter import matter_onboarding, publish_matter_guides
    from flows.matter_review import matter_list_review

    return [
        flush_outbox.to_deployment(name="flush-outbox", schedules=[Cron("* * * * *", timezone=TZ)]),
        # 08:30 and 16:00 every day: the flow itself does nothing on a day off, since cron cannot
        # know the make-up working days (调休) — so weekends are scheduled too.
        deadline_sweep.to_deployment(name="deadline-sweep", schedules=[
            Cron("30 8 * * *", timezone=TZ), Cron("0 16 * * *", timezone=TZ)]),
        matter_onboarding.to_deployment(name="matter-request"),
        publish_matter_guides.to_deployment(name="matter-publish"),
        # The first ten days of each quarter at 09:00: the first run on a working day opens the
        # quarter's review, the later ones find it opened (事项进驻、退出、调整规定 2: 定期梳理).
        matter_list_review.to_deployment(name="matter-list-review", schedules=[
            Cron("0 9 1-10 1,4,7,10 *", timezone=TZ)]),
    ]
