"""A live server on a committed database with demo data, and headless Debian Chromium."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, pool, text
from sqlalchemy.orm import Session

from registry import create_app
from registry.db import make_engine
from registry.services import projects as svc
from tests.databases import committed_database
from tests.integration.project_data import PUDONG, REVIEWER, draft
from tests.live_http import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Lines of text a Range over ``el``'s contents is laid out in (distinct line tops).
LINES_JS = """el => { const r = document.createRange(); r.selectNodeContents(el);
  return new Set([...r.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top))).size; }"""


@pytest.fixture(scope="session")
def live_database_url(fresh_database_url):
    """The live server's committed database with demo data (tests may read it to check a page's effect)."""
    from registry.services.demo import load_demo

    return committed_database(fresh_database_url, "registry_test_browser",
                              lambda session: load_demo(session, parcels=600, projects=120))


@pytest.fixture(scope="module")
def db(live_database_url):
    """One value from the live server's database: ``db("SELECT count(*) FROM targets WHERE id = :i", i=1)``."""
    engine = create_engine(live_database_url, poolclass=pool.NullPool)

    def scalar(sql: str, **params):
        with engine.connect() as connection:
            return connection.execute(text(sql), params).scalar()

    yield scalar
    engine.dispose()


@pytest.fixture(scope="module")
def register(live_database_url):
    """``register("标题", 3)`` → the (id, reference) of three Pudong projects submitted for review,
    titled 标题 1 … 标题 3, committed in the live server's database."""
    engine = make_engine(live_database_url)

    def make(title: str, count: int) -> list[tuple[int, str]]:
        with Session(engine) as session:
            views = [svc.register_project(session, PUDONG, draft(title=f"{title} {n}", new_parcels=()), submit=True)
                     for n in range(1, count + 1)]
        return [(view.id, view.reference) for view in views]

    def step(project_id: int, action: str, comment: str | None = None) -> None:
        with Session(engine) as session:
            svc.transition(session, REVIEWER, project_id, action, comment)

    def statuses(ids: list[int]) -> list[str]:
        with Session(engine) as session:
            return [svc.get_project(session, REVIEWER, i).status for i in ids]

    make.step, make.statuses = step, statuses
    yield make
    engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_database_url):
    app = create_app({"DATABASE_URL": live_database_url, "SECRET_KEY": "browser-test", "SESSION_COOKIE_SECURE": False,
                      "BASEMAP": "none"})
    with serving(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


def recording_page(browser, locale: str = "zh-CN"):
    """(context, page) for a browser whose own locale is ``locale``; the page records every
    request, so tests can prove nothing left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale=locale)
    page = context.new_page()
    page.requests_seen = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    return context, page


def requests_elsewhere(page, live_server: str) -> list[str]:
    """What a ``recording_page`` asked of anything but the app (``data:`` URLs are the page's own):
    empty, with the basemap ``none``, on an offline intranet."""
    return [url for url in page.requests_seen if not url.startswith((live_server, "data:"))]


@pytest.fixture
def page(browser, live_server):
    context, page = recording_page(browser)
    yield page
    context.close()


def save_screenshot(page, name: str) -> Path | None:
    """A full-page screenshot in test-artifacts/ for a person to look at, when REGISTRY_SCREENSHOTS=1:
    no test reads them, and each costs 0.3-1.2 s of a busy machine (~200 a run)."""
    if os.environ.get("REGISTRY_SCREENSHOTS") != "1":
        return None
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, live_server: str, username: str, password: str = "demo-password") -> None:
    page.goto(live_server + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def signed_in(browser, live_server: str, viewport: dict, lang: str = "zh", user: str = "admin", **options):
    """(context, page) of a Chinese browser of ``viewport``'s size, signed in as ``user``; ``lang="en"``
    switches the pages to English; ``options`` go to the context (``has_touch=True`` for a phone)."""
    context = browser.new_context(viewport=viewport, locale="zh-CN", **options)
    page = context.new_page()
    log_in(page, live_server, user)
    if lang == "en":
        page.goto(live_server + "/lang/en")
    return context, page


def settled(page, url: str) -> None:
    """Open ``url`` and wait until the page's scripts have stopped fetching (maps, charts)."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def each_page(browser, live_server: str, viewport: dict, lang: str, pages: dict[str, tuple[str, str]], **options):
    """Yields (name, page) for each of ``pages`` (name → (demo user, path)), opened and settled signed in
    as its user, one browser context a user, all closed at the end; ``options`` as ``signed_in``'s."""
    contexts = {}
    try:
        for name, (user, path) in pages.items():
            if user not in contexts:
                contexts[user] = signed_in(browser, live_server, viewport, lang, user=user, **options)
            page = contexts[user][1]
            settled(page, live_server + path)
            yield name, page
    finally:
        for context, _ in contexts.values():
            context.close()


def inside(inner: dict, outer: dict, slack: float = 1) -> bool:
    """Whether the box ``inner`` (left, top, right, bottom in pixels) lies within ``outer``, give or take ``slack``."""
    return all((inner[s] >= outer[s] - slack) if s in ("left", "top") else (inner[s] <= outer[s] + slack)
               for s in ("left", "top", "right", "bottom"))


def page_scroll_width(page) -> int:
    """How wide the page scrolls: more than the viewport when something pushes it sideways."""
    return page.evaluate("document.scrollingElement.scrollWidth")


class Dialogs:
    """Answers the page's dialogs with OK (``accept = True``) or Cancel, and keeps what they asked."""

    def __init__(self, page):
        self.accept, self.seen = False, []
        page.on("dialog", self._answer)

    def answer(self, accept: bool) -> list[str]:
        self.accept, self.seen = accept, []
        return self.seen

    def _answer(self, dialog) -> None:
        self.seen.append(f"{dialog.type}: {dialog.message}")
        dialog.accept() if self.accept else dialog.dismiss()


# Keeps the URL of each JSON answer the page's scripts read, a task after they read it: by then the
# script awaiting it has done with it (its continuation runs in the microtasks before), so a test can
# wait for a late answer to have been handled, and then check that it changed nothing.
ANSWERS_READ_JS = """(() => { const read = Response.prototype.json; window.answersRead = [];
  Response.prototype.json = function () { const url = this.url;
    return read.call(this).then((value) => { setTimeout(() => window.answersRead.push(url), 0); return value; }); };
})()"""


def count_answers_read(page) -> None:
    """From the next page on, count the JSON answers its scripts read (``answers_read``)."""
    page.add_init_script(ANSWERS_READ_JS)


def answers_read(page, part: str) -> int:
    """How many JSON answers from a URL holding ``part`` the page's scripts have read."""
    return page.evaluate("part => window.answersRead.filter((url) => url.includes(part)).length", part)


def wait_for_answers_read(page, part: str, count: int) -> None:
    page.wait_for_function("([part, count]) => window.answersRead.filter((url) => url.includes(part)).length >= count",
                           arg=[part, count])


def flash(page) -> str:
    return page.locator('main > .flashes[role="status"]').inner_text()
