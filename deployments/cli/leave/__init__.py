"""The leave procedure on this floor."""
