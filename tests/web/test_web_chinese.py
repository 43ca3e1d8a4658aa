"""Every label a person reads is Chinese: each page walked as each role of the sample organisation,
with cases of several procedures in it; no English word may show but the codes listed here."""
from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser

from sqlmodel import select

from models.core.cases import Case
from models.core.db import session_scope
from support.stats_cases import october
from web.web_desk import PEOPLE, sample_case

PAGES = ("/", "/new", "/new/leave", "/new/service", "/new/complaint", "/new/rotation", "/new/matter", "/calendar",
         "/overview", "/stats", "/stats/complaints?month=2026-10", "/stats/service?month=2026-10",
         "/stats/training?year=2026", "/stats/overdue", "/oversight", "/patrols", "/patrols/new", "/patrols/summary",
         "/trainings", "/trainings/new", "/trainings/stats", "/it/request", "/it/violation", "/it/configs", "/ledger",
         "/assessment", "/assessment/import", "/search", "/matters", "/org", "/leave/saturday", "/rotation/secondment",
         "/rotation/intern", "/rotation/requirements", "/new/return", "/users", "/password", "/procedures")
# Codes, not words: file formats, department ids inside staff and matter ids,
# the 好差评 system's rating ids (HCP…) a complaint page shows as the command line does.
ALLOWED = {"CSV", "Excel", "YAML", "PDF", "rsj", "scjgj", "mzj", "gaj", "zwb", "RSJ",
           "HCP"}
# Per page: the keys of an upload's file format, a value typed into a filter.
ALLOWED_ON = {"/assessment/import": {"rankings", "year", "window", "head", "rank", "kind"}, "/ledger": {"all"}}


class _Text(HTMLParser):
    """What a person reads: text, and the placeholders, titles and alternative texts."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("script", "style")
        self.parts += [v for k, v in attrs if k in ("placeholder", "title", "alt", "aria-label") and v]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def english_words(html: str) -> set[str]:
    reader = _Text()
    reader.feed(html)
    text = re.sub(r"[\w.+-]+@[\w.-]+", " ", " ".join(reader.parts))  # e-mail addresses are data, not labels
    return set(re.findall(r"[A-Za-z_]{3,}", text)) - ALLOWED


def test_no_page_shows_an_english_label_to_any_role(as_):
    october()
    sample_case("W01", due_at=datetime(2026, 1, 5, 17))
    with session_scope() as session:
        cases = [f"/cases/{ref}" for ref in session.exec(select(Case.ref)).all()]
    found = {}
    for staff_id in PEOPLE:
        client = as_(staff_id)
        for path in (*PAGES, *cases):
            for word in english_words(client.get(path).text) - ALLOWED_ON.get(path, set()):
                found.setdefault(word, (staff_id, path))
    assert found == {}, found
