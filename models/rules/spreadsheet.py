"""Cells of the CSV files the desk and the command line write, safe to open in a spreadsheet.

A text cell starting with = + - @ (or a tab or carriage return) is read by Excel and WPS as a formula:
a matter named =HYPERLINK(…) would become a link in the management section's statistics. Such a cell
is prefixed with a single quote, as OWASP recommends ("CSV Injection"), so it shows as the text it is.
Numbers are data, not text: an int or a float (a points deduction of -0.5) is written as it is, and
so is text that is exactly a number (the tables' figures, formatted)."""
from __future__ import annotations

import re

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?%?")


def spreadsheet_cell(value: object) -> object:
    """`value` as a CSV cell: text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_row(row) -> list:
    """Every cell of `row` through `spreadsheet_cell`."""
    return [spreadsheet_cell(value) for value in row]
