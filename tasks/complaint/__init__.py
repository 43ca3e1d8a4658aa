"""The complaint procedure on this floor."""
