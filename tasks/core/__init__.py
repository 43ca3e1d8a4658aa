"""The foundations' side effects: the generic step, work items, messages and delivery, templates, the sweep, the step queue."""
