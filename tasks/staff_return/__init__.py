"""The staff_return procedure on this floor."""
