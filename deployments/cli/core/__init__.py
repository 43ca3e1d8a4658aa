"""The foundations' commands: cases and work items, organisation, calendar, outbox, backup, operators, the desk, the ledger."""

# `center`'s own sub-apps (name → "module:typer app"); each slice's are in its spec (models/procedures.py).
CORE_GROUPS = {"org": "deployments.cli.core.org:app", "calendar": "deployments.cli.core.calendar:app",
               "outbox": "deployments.cli.core.outbox:app", "ledger": "deployments.cli.core.ledger:app",
               "cases": "deployments.cli.core.repair:app"}
# Top-level commands → "module:register" (a function registering them on a Typer).
CORE_COMMANDS = {**dict.fromkeys(["tasks", "case", "decide"], "deployments.cli.core.cases:register"),
                 **dict.fromkeys(["serve", "workers", "deploy", "setup-alerts"], "deployments.cli.core.ops:register"),
                 **dict.fromkeys(["web", "users"], "deployments.cli.core.web:register"),
                 **dict.fromkeys(["backup", "restore"], "deployments.cli.core.backup:register")}
