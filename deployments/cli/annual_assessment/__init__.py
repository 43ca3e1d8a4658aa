"""The annual_assessment procedure on this floor."""
