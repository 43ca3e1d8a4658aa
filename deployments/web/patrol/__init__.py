"""The patrol procedure on this floor."""
