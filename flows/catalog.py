"""Imports every procedure flow so that each registers its advancer."""
from flows import matter, matter_review  # noqa: F401  (matter requests, quarterly list review)
from flows import rotation, staffing  # noqa: F401  (rotation, secondment, interns, window heads)
