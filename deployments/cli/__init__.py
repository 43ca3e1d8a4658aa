"""The `center` command line: the root app (app.py), the foundations' commands (core/) and one module or package per procedure."""
