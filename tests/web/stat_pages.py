"""Reading a statistics page as a person does: each section's chart (the SVG inside the image's
data URI), its table (header and rows, as text) and its CSV link."""
from __future__ import annotations

import base64
import csv
import io
from html import unescape
from html.parser import HTMLParser


class _Sections(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sections: dict[str, dict] = {}
        self._current: dict | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "stat" in (a.get("class") or "").split():
            self._current = self.sections[a["id"]] = {"chart": None, "rows": [], "csv": None}
        elif self._current is None:
            return
        elif tag == "img" and "chart" in (a.get("class") or ""):
            self._current["chart"] = a["src"]
        elif tag == "a" and "csv" in (a.get("class") or ""):
            self._current["csv"] = unescape(a["href"])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "section":
            self._current = None
        elif tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._current is not None:
            self._current["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def sections(html: str) -> dict[str, dict]:
    """section id → {"chart": data URI or None, "rows": [header, *rows] as text, "csv": link}."""
    parser = _Sections()
    parser.feed(html)
    return parser.sections


def chart_svg(data_uri: str) -> str:
    prefix = "data:image/svg+xml;base64,"
    assert data_uri.startswith(prefix), data_uri[:40]
    return base64.b64decode(data_uri[len(prefix):]).decode("utf-8")


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "the CSV has no UTF-8 byte order mark (Excel would garble it)"
    return list(csv.reader(io.StringIO(content[3:].decode("utf-8"))))
