"""The IT access procedure on this floor: the requests (steps.py) and the violations (violation.py)."""
