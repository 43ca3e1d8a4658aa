"""Whether the desk really serves a route: asked of the app's own router, as a request would be."""
from __future__ import annotations

import re

from starlette.routing import Match


def serves(app, method: str, path: str) -> bool:
    """The app's router dispatches `method path` to a route (path parameters filled in)."""
    concrete = re.sub(r"\{[^}]+\}", "1", path)
    scope = {"type": "http", "method": method, "path": concrete, "root_path": "", "query_string": b"",
             "headers": []}
    return any(route.matches(scope)[0] == Match.FULL for route in app.router.routes)
