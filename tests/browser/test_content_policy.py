"""The Content-Security-Policy blocks nothing the pages need (maps, charts, the wizard, Swagger UI)
and stops script a user typed: a parcel code written as markup shows as text in the map tooltip."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, pool, text

from tests.browser.conftest import save_screenshot, settled, signed_in

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 900}
PAGES = [("admin", "/"), ("admin", "/projects"), ("admin", "/rollups"), ("planner", "/land/freed"),
         ("planner", "/land/output"), ("pudong", "/projects/new"), ("pudong", "/imports/"), ("admin", "/api/v1/docs")]
MARKUP = '<img src=x onerror="window.__ran=1">'


def _violations(page) -> list[str]:
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.evaluate("")  # the listener is attached before the next navigation
    return seen


@pytest.mark.parametrize("user, path", PAGES)
def test_the_page_runs_with_nothing_blocked(browser, live_server, user, path):
    context, page = signed_in(browser, live_server, VIEWPORT, user=user)
    violations = _violations(page)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    settled(page, live_server + path)
    if page.locator(".folium-map, #freed-map, #wizard-map").count():
        assert page.locator(".leaflet-container").count() >= 1  # the map's script ran
    if path == "/api/v1/docs":
        page.wait_for_selector(".swagger-ui .info", timeout=15000)
    assert violations == [] and errors == []
    context.close()


def test_a_parcel_code_written_as_markup_is_text_in_the_project_map_tooltip(browser, live_server, live_database_url):
    engine = create_engine(live_database_url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        project, parcel, code = connection.execute(text(
            "SELECT pp.project_id, p.id, p.code FROM project_parcels pp JOIN parcels p ON p.id = pp.parcel_id "
            "ORDER BY pp.project_id, p.id LIMIT 1")).one()
        connection.execute(text("UPDATE parcels SET code = :c WHERE id = :i"), {"c": code + MARKUP, "i": parcel})
    try:
        context, page = signed_in(browser, live_server, VIEWPORT, user="admin")
        settled(page, f"{live_server}/projects/{project}")
        # the map draws the project's district under its parcels: each shape's tooltip in turn
        shapes, said = page.locator(".folium-map path.leaflet-interactive"), []
        for index in range(shapes.count()):
            shapes.nth(index).hover(force=True)
            tooltip = page.locator(".leaflet-tooltip").last
            tooltip.wait_for(timeout=5000)
            said.append(tooltip.inner_text())
        save_screenshot(page, "tooltip-markup-as-text")
        assert any(MARKUP in text for text in said) and page.evaluate("window.__ran") is None, said
        context.close()
    finally:
        with engine.begin() as connection:
            connection.execute(text("UPDATE parcels SET code = :c WHERE id = :i"), {"c": code, "i": parcel})
        engine.dispose()
