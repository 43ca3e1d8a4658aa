"""The foundations every procedure stands on: the store, the clock, settings, errors, cases and
work items, documents, the outbox, the calendar, the organisation, the ledger and the sweep."""
