"""The api procedure on this floor."""
