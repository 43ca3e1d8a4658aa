"""The foundations' flows: deciding a work item, the sweep, the outbox, alerts, clerk steps and the step workers' session."""
