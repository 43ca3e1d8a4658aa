"""The foundations' commands: cases and work items, organisation, calendar, outbox, backup, operators, the desk, the ledger."""
