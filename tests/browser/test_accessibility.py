"""WCAG 2.1 AA on every main page, checked by axe-core (npm devDependency, never served by the app)
in Chromium, signed in as the user who works there; each violation is printed with its rule, impact,
elements and help. Pages are also checked in the states their scripts or a refusal build (the wizard's
energy forms and parcel list, an import's report, a refused draft or log-in), which a load does not show."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, pool, text

from registry.config import PROJECT_ROOT
from tests.browser.conftest import log_in, recording_page

pytestmark = pytest.mark.browser

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Beyond the WCAG-tagged rules: a column without a header (the one of "remove" buttons) is read
# out as a blank, so axe's best-practice rule for it runs too.
EXTRA_RULES = {"empty-table-header": {"enabled": True}}

# Records the pages show, found in the live database (the demo data's ids are not fixed).
RECORDS = {
    "submitted": "SELECT min(id) FROM projects WHERE status = 'submitted'",
    "approved_minhang": "SELECT min(id) FROM projects WHERE status = 'approved' AND district_code = '310112'",
    "enterprise": "SELECT min(enterprise_id) FROM projects",
    "freed_parcel": "SELECT min(id) FROM parcels WHERE status = 'freed' AND valid_to IS NULL",
    # a past programme year no browser test closes (the demo's work in progress is the current year's)
    "open_year": "SELECT max(year) - 1 FROM projects WHERE status = 'verified'",
    # an exit whose enterprise the demo's online monitoring holds: its page has the 在线监测对照 card
    "monitored": "SELECT min(p.id) FROM projects p JOIN enterprises e ON e.id = p.enterprise_id "
                 "JOIN energy_monitoring m ON m.credit_code = e.credit_code WHERE p.kind = 'structural_adjustment'",
    # its enterprise: the page's 能耗在线监测 section, its chart and the projects compared
    "monitored_enterprise": "SELECT min(e.id) FROM enterprises e JOIN energy_monitoring m ON m.credit_code = e.credit_code "
                            "JOIN projects p ON p.enterprise_id = e.id WHERE p.kind = 'structural_adjustment'",
}
# Two parcels in Pudong: the wizard lists a self-intersecting one with a repair offer and a land-use
# choice; Minhang's import refuses the square (outside its district) in its report.
BOW_TIE = [[121.743, 31.17], [121.744, 31.171], [121.744, 31.17], [121.743, 31.171], [121.743, 31.17]]
SQUARE = [[121.743, 31.17], [121.744, 31.17], [121.744, 31.171], [121.743, 31.171], [121.743, 31.17]]


def geojson_file(ring: list, **properties) -> list[dict]:
    """A one-parcel GeoJSON file for ``page.set_input_files``."""
    parcel = {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    content = json.dumps({"type": "FeatureCollection", "features": [parcel]}).encode()
    return [{"name": "parcel.geojson", "mimeType": "application/geo+json", "buffer": content}]


@dataclass(frozen=True)
class Case:
    name: str
    user: str | None  # None: signed out
    path: str  # with {record} placeholders
    prepare: Callable | None = None  # page → None: brings the page into the state to check
    language: str = "zh"


def wizard_step(step: int, kind: str | None = None) -> Callable:
    def prepare(page):
        if kind:
            page.check(f"input[name=kind][value={kind}]")
            page.fill("input[name=year]", "2017")
        page.click(f"#steps-nav [data-step='{step}']")
        if step == 3:
            page.set_input_files("#upload", files=geojson_file(BOW_TIE))
            page.wait_for_selector("button.use-repair")
        if step == 4:
            page.click("details.advanced summary")
        if step in (4, 5):  # the savings preview these steps ask for is drawn before axe reads the page
            expect(page.locator("#preview-body")).to_have_attribute("aria-busy", "false")
    return prepare


def opened_changes(page):
    page.locator("summary").first.click()  # the changes of an audit entry, folded until asked for


def refused_draft(page):
    page.click("#steps-nav [data-step='5']")
    page.click("button[name=save][value=draft]")  # nothing filled in: refused, nothing written
    page.wait_for_selector(".form-error")


def checked_upload(page):
    page.set_input_files("input[name=file]", files=geojson_file(SQUARE, code="A11Y-1", land_use_class="M1"))
    page.check("input[name=dry_run]")  # check only: nothing is written
    page.click("#import-form button[type=submit]")
    page.wait_for_selector(".import-result table.report")  # the refused row, with its reason


def refused_figures(page):
    """A file of monitored figures with a row in error: nothing loaded, the row's problems in a table."""
    rows = "统一社会信用代码,年份,综合能耗（吨标准煤）\n91110000600037341X,2016,-1\n".encode()
    page.set_input_files("#monitoring-file", files=[{"name": "figures.csv", "mimeType": "text/csv", "buffer": rows}])
    page.click("#load button[type=submit]")
    page.wait_for_selector("#load-result table")


def previewed_split(page):
    """A cut line drawn across the parcel: its pieces listed in the split form and labelled on the map."""
    page.click("#draw-cut")
    box = page.locator("#parcel-map").bounding_box()
    for x in (box["x"] + 30, box["x"] + box["width"] - 30, box["x"] + box["width"] - 30):
        page.mouse.click(x, box["y"] + box["height"] / 2)
        page.wait_for_timeout(150)  # paced as a hand clicks: each point is taken at once, nothing to wait for
    page.wait_for_selector("#split-preview li")


def refused_batch(page):
    """A return ticked on the list without its comment: refused beside the comment, nothing written."""
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("input[name=selected][data-steps~=return]").first.check()
    page.click("button.batch-return")
    page.wait_for_selector("#batch-error")


def refused_log_in(page):
    page.fill("input[name=username]", "nobody")
    page.fill("input[name=password]", "wrong")
    page.click("button[type=submit]")


KINDS = ["structural_adjustment", "motor_upgrade", "boiler_replacement", "technical_retrofit",
         "contract_energy_management"]
CASES = [
    Case("login", None, "/login"),
    Case("login-refused", None, "/login", refused_log_in),
    Case("overview", "planner", "/"),
    Case("project-list", "reviewer", "/projects"),
    Case("project-list-overdue", "reviewer", "/projects?overdue=1"),  # the overdue badge (the demo's minhang project)
    Case("project-list-refused-batch", "reviewer", "/projects?status=submitted", refused_batch),
    Case("project-list-refused-year", "reviewer", "/projects?year=2O23"),  # said beside its field
    Case("download-refused", "reviewer", "/projects/export?format=xlsx&year=2O23"),  # a page, back to the list
    Case("project-submitted", "reviewer", "/projects/{submitted}"),
    Case("project-approved", "minhang", "/projects/{approved_minhang}"),
    *[Case(f"wizard-step-{n}", "pudong", "/projects/new", wizard_step(n)) for n in (1, 2, 3, 5)],
    Case("wizard-refused", "pudong", "/projects/new", refused_draft),
    *[Case(f"wizard-energy-{kind}", "pudong", "/projects/new", wizard_step(4, kind)) for kind in KINDS],
    Case("enterprise", "reviewer", "/enterprises/{enterprise}"),
    Case("enterprise-monitored", "reviewer", "/enterprises/{monitored_enterprise}"),
    Case("freed-land", "planner", "/land/freed"),
    Case("freed-land-refused-year", "planner", "/land/freed?year_from=2O23&zone_kind=block_105"),
    Case("parcel-list", "pudong", "/land/parcels"),  # opens on Pudong, the district ticked
    Case("parcel", "planner", "/land/parcels/{freed_parcel}"),
    Case("parcel-split-preview", "planner", "/land/parcels/{freed_parcel}", previewed_split),
    Case("land-matching", "planner", "/land/matching?min_area=1"),
    Case("land-output", "planner", "/land/output"),
    Case("ogc-landing", "planner", "/ogc?f=html"),  # the OGC API's pages (api/ogc/pages.py)
    Case("ogc-collection", "planner", "/ogc/collections/freed_land?f=html"),
    Case("ogc-items", "planner", "/ogc/collections/freed_land/items?f=html"),
    Case("ogc-item-en", "reviewer", "/ogc/collections/projects/items/{approved_minhang}?f=html", language="en"),
    Case("rollups", "reviewer", "/rollups"),
    Case("rollups-open-year", "reviewer", "/rollups?year={open_year}"),
    Case("rollup-projects", "reviewer", "/rollups/projects?year={open_year}"),
    Case("targets", "admin", "/targets"),
    Case("reference-data", "admin", "/reference"),  # with the administrators' form
    Case("bulk-import", "admin", "/imports/"),
    Case("bulk-import-district", "minhang", "/imports/"),
    Case("bulk-import-report", "minhang", "/imports/", checked_upload),
    Case("monitoring", "admin", "/monitoring"),  # with the administrators' upload
    Case("monitoring-refused", "admin", "/monitoring", refused_figures),
    Case("monitoring-district", "pudong", "/monitoring"),
    Case("project-monitored", "reviewer", "/projects/{monitored}"),
    Case("api-tokens", "planner", "/account/tokens"),
    Case("account", "planner", "/account"),
    Case("audit-trail", "admin", "/audit", opened_changes),
    Case("audit-trail-reviewer", "reviewer", "/audit?entity=parcel"),
    Case("audit-trail-more-filters", "admin", "/audit?channel=system"),  # 更多筛选 open, its count heard
    Case("user-recent-actions", "admin", "/admin/users/admin"),  # the demo's accounts have done nothing yet
    Case("quality", "reviewer", "/quality/"),
    Case("quality-district", "pudong", "/quality/"),  # no district to choose: their own
    Case("search", "planner", "/search?q=有限公司"),
    Case("search-empty", "pudong", "/search"),
    Case("search-refused", "pudong", "/search?q=" + "宝" * 101),
    Case("help", None, "/help"),  # signed out: the login page links here
    Case("help-filtered", "pudong", "/help", lambda page: page.fill("#help-q", "不存在的词")),  # no topic holds it
    Case("help-topic", "reviewer", "/help/review"),  # tables in their scrolling boxes
    Case("help-glossary-en", None, "/help/glossary", language="en"),
    Case("not-found", "planner", "/no-such-page"),
    Case("overview-en", "planner", "/", language="en"),
    Case("search-en", "reviewer", "/search?q=有限公司", language="en"),
    Case("wizard-energy-en", "pudong", "/projects/new", wizard_step(4, "motor_upgrade"), language="en"),
]


@pytest.fixture(scope="module")
def records(live_database_url):
    engine = create_engine(live_database_url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        found = {name: connection.execute(text(sql)).scalar() for name, sql in RECORDS.items()}
    engine.dispose()
    assert None not in found.values(), found
    return found


@pytest.fixture(scope="module")
def page_for(browser, live_server):
    """One signed-in browser context per (user, language), reused by every page of that user."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (axe-core is a devDependency)")
    opened = {}

    def page_for(user: str | None, language: str):
        if (user, language) not in opened:
            context, page = recording_page(browser)
            if user:
                log_in(page, live_server, user)
            if language != "zh":
                page.goto(f"{live_server}/lang/{language}")
            opened[user, language] = context, page
        return opened[user, language][1]

    yield page_for
    for context, _ in opened.values():
        context.close()


def axe_violations(page) -> list[dict]:
    # The whole document, Leaflet's controls and panes included (they pass): should a third-party
    # part ever need to be left out, exclude it by a precise selector with the reason, never a rule.
    # Evaluated through the DevTools protocol: a <script> tag of its text would be an inline script
    # without the page's nonce, which the Content-Security-Policy blocks.
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate("""async ([tags, rules]) => {
        const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
        return results.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            targets: v.nodes.map((n) => n.target.join(" "))}));
    }""", [WCAG_21_AA, EXTRA_RULES])


def unlabelled_fields(page) -> list[dict]:
    """Visible fields without a name of their own. axe also accepts a placeholder (gone once the
    user types) or a label around another field (which names only its first field)."""
    return page.evaluate("""() => {
        const fields = document.querySelectorAll(
            "input:not([type=hidden], [type=submit], [type=button]), select, textarea");
        const unnamed = [...fields].filter((f) => f.offsetParent !== null
            && !f.labels.length && !f.getAttribute("aria-label") && !f.getAttribute("aria-labelledby"));
        return unnamed.length ? [{id: "own-label", impact: "serious", help: "Form field must have a label of its own",
            targets: unnamed.map((f) => f.outerHTML.slice(0, 120))}] : [];
    }""")


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"])
                     for v in violations)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_page_meets_wcag_21_aa(page_for, live_server, records, case):
    page = page_for(case.user, case.language)
    page.goto(live_server + case.path.format(**records))
    page.wait_for_load_state("networkidle")
    if case.prepare:
        case.prepare(page)
        page.wait_for_load_state("networkidle")
    violations = axe_violations(page) + unlabelled_fields(page)
    assert not violations, f"{case.name}: {len(violations)} WCAG 2.1 AA violation(s)\n" + describe(violations)
