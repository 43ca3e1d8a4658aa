"""`make demo`: the system end to end (run.py), one module per procedure's part."""
