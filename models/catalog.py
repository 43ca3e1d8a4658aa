"""Imports every table and procedure, so the metadata and the registry are complete."""
from models.core import calendar, cases, documents, org, outbox, sms_ledger  # noqa: F401
from models.core import ledger  # noqa: F401  (point-deduction ledger, award eligibility)
from models import assessment, rotation, rotation_forms, rotation_sweep, staffing  # noqa: F401  (rotation, secondment, interns, heads)
from models.rules import rotation_procedures  # noqa: F401
from models import matter, matter_review  # noqa: F401  (matter list, guides, change requests, quarterly review)
from models import complaint, complaint_forms, complaint_sweep  # noqa: F401  (complaints and bad ratings)
from models import attendance, leave, leave_deadlines, leave_recompute  # noqa: F401  (leave procedure, 调休日程表)
from models.core import users  # noqa: F401  (web desk log-in credentials)
from models import staff_return, staff_return_forms  # noqa: F401  (staff return, 退回)
from models import patrol, patrol_sweep, training, it_access, annual_assessment  # noqa: F401  (patrols, training roll call, IT access, annual assessment)
from models import service_case  # noqa: F401  (service cases at the window: 首问负责, 一次性告知, 限时办结)
from models.core import api_keys
from models import api_inbound  # noqa: F401  (API keys; 12345 orders and 好差评 ratings received by the API)
from models.core import step_requests  # noqa: F401  (clerk steps queued for the step workers)
