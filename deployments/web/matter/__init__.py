"""The matter procedure on this floor."""
