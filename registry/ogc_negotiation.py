"""Whether an OGC API request asks for the HTML view rather than JSON (pygeoapi's rule); outside
``registry.api`` since the sign-in guard and the error mapping ask it too.

``f=html`` asks for HTML, any other ``f`` for what it names; without ``f``, the ``Accept`` header
decides, and only one that prefers ``text/html`` to JSON gets HTML: a browser's does, QGIS's and
GDAL's (JSON types only), curl's (``*/*``) and none at all do not, so JSON stays the default.
"""
from __future__ import annotations

from werkzeug.wrappers import Request

HTML = "text/html"
FORMAT = "f"
# JSON first: a tie (``*/*``) goes to JSON, what every GIS client and script expects
_OFFERED = ("application/json", "application/geo+json", HTML)


def asks_for_html(request: Request) -> bool:
    """Whether ``request`` (Flask's, or the items shortcut's werkzeug request) asks for HTML."""
    f = request.args.get(FORMAT)
    if f is not None:
        return f.strip().lower() == "html"
    if "html" not in request.headers.get("Accept", ""):  # the JSON clients' path: no header parsed
        return False
    return request.accept_mimetypes.best_match(_OFFERED, default=_OFFERED[0]) == HTML
