"""The rotation procedure on this floor."""
