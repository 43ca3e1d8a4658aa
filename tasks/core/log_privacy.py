"""Personal data kept out of the delivery library's log (docs/architecture.md: complainants' numbers never
in logs). Apprise logs each recipient's number or address at INFO and, at DEBUG, its configuration
with `{to}` filled in and whole payloads (bodies addressed to complainants): DEBUG records of the
`apprise` logger are dropped and numbers and addresses masked in the rest."""
from __future__ import annotations

import logging

from models.rules.masking import mask_contacts


class MaskContacts(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.INFO:
            return False
        record.msg, record.args = mask_contacts(record.getMessage()), ()
        return True


def protect_apprise_log() -> None:
    """Install the filter on Apprise's logger (every plugin logs through it); idempotent."""
    logger = logging.getLogger("apprise")
    if not any(isinstance(f, MaskContacts) for f in logger.filters):
        logger.addFilter(MaskContacts())
