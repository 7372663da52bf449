"""Security headers on every answer, and the nonce that lets the pages' own inline scripts run.

Pages get a Content-Security-Policy that allows what the offline pages load — scripts, styles,
fonts and images from this server only (``/static``, ``/vendor``), the configured basemap's tiles —
and scripts inline only with this request's nonce (folium's map scripts, Swagger UI's start-up):
an injected ``<script>`` or ``onerror=`` does not run. Styles may be inline (folium and the pages
write ``style`` attributes, base.html its page numbers for paper in the reader's language; CSS
cannot run script). No page may be framed (clickjacking), and no
answer is sniffed into another type. JSON, tiles and files get a policy that allows nothing.
The OGC items shortcut sends the same headers (``answer_headers``).
"""
from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g
from markupsafe import Markup

# Where each basemap's tiles come from (geo/maps.py, static/js); ``none`` loads nothing from outside.
BASEMAP_SOURCES = {"none": "", "osm": "https://*.tile.openstreetmap.org https://tile.openstreetmap.org",
                   "tianditu": "https://*.tianditu.gov.cn"}
NOTHING_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
COMMON = (("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"),
          ("Referrer-Policy", "strict-origin-when-cross-origin"),  # other sites learn the origin, no path or query
          ("Cross-Origin-Opener-Policy", "same-origin"))


def csp_nonce() -> str:
    """This request's script nonce (made on first use; templates call it for their inline scripts)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def nonced(trusted_html: str) -> Markup:
    """Server-built HTML (folium's map header) with this request's nonce on its ``<script`` tags.
    Never for anything holding user text: it would let an injected script run."""
    return Markup(str(trusted_html).replace("<script", f'<script nonce="{csp_nonce()}"'))


def page_policy(nonce: str | None, basemap: str) -> str:
    images = " ".join(filter(None, ("'self' data: blob:", BASEMAP_SOURCES.get(basemap, ""))))
    scripts = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    return ("default-src 'self'; "
            f"script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src {images}; font-src 'self' data:; "
            "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'")


def answer_headers(content_type: str, nonce: str | None = None, basemap: str = "none") -> list[tuple[str, str]]:
    """The security headers of an answer of ``content_type``."""
    is_page = content_type.split(";")[0].strip() == "text/html"
    policy = page_policy(nonce, basemap) if is_page else NOTHING_POLICY
    return [*COMMON, ("Content-Security-Policy", policy)]


def add_security_headers(response: Response) -> Response:
    for name, value in answer_headers(response.content_type or "", g.get("csp_nonce"),
                                      current_app.config.get("BASEMAP", "none")):
        response.headers.setdefault(name, value)
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    app.jinja_env.filters["nonced"] = nonced
