"""The training procedure on this floor."""
