"""Imports every procedure flow so that each registers its advancer."""
from flows import matter, matter_review  # noqa: F401  (matter requests, quarterly list review)
from flows import rotation, staffing  # noqa: F401  (rotation, secondment, interns, window heads)
from flows import complaint, complaint_stats  # noqa: F401  (complaints and bad ratings)
from flows import leave  # noqa: F401  (leave approval, 调休日程表)
from flows import staff_return  # noqa: F401  (staff return, 退回)
from flows import oversight, patrol_summary, annual_assessment  # noqa: F401  (patrols, training, IT access, annual assessment)
from flows import service_case  # noqa: F401  (service cases at the window)
