"""The service_case procedure on this floor."""
