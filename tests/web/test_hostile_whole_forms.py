"""No 500, and the typed value kept, from one bad value in a form its view reads whole. The single-value
test sends each name a view looks up one by one; a view that copies or iterates its whole form or query
(the wizard's ``request.form.to_dict()``, the enterprise and target forms', the parcel forms'
``form_fields()``, the lists' copied or iterated query) reads names that test never sees. Here every form
of every page, as each role sees it (a freed and a planned parcel's among them), is sent once empty and
once as rendered; where the view read it whole, each field the page renders that the empty form did not
ask for is sent each bad value once (shared out among the roles that see the form), the rest of the form
as rendered. The answer must be below 500, and a form shown again (a list's filters, a refused form) must
hold the bad text as typed: a value lost is one to type again, a document a script filled in (the
wizard's savings inputs, its drawn parcels) one to make again. Each request is undone (a savepoint), so
each meets the records as the page was rendered; everything is rolled back after the test."""
from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit

import pytest
from sqlalchemy import text

from geo import queries
from registry.services import redevelopment
from tests.integration.project_data import PLANNER
from tests.web.hostile_values import HOSTILE, NOT_FUZZED, ROLES, SKIPPED
from tests.web.rendered_forms import Form, forms_of
from tests.web.route_urls import url_of
from tests.web.watched_requests import reads_of

pytestmark = pytest.mark.slow  # four walks of the pages, then ~830 forms sent: 2-4 minutes on a loaded machine
PAGE = "http://localhost"
SIGN_OUT = {"/logout"}
# A split's cut line is drawn on the map, and the page's preview refuses a line that cuts nothing before
# the split button is enabled: a refused line comes only from a crafted post, and is not drawn again.
NOT_KEPT = {("/split", "line")}
# The single-value test's bad values but four whose kin stay (0, 3.5 beside -1; -inf beside NaN and 1e309;
# 0x1F beside no-such-choice): the lists these forms answer are among the slowest pages to draw.
VALUES = tuple(value for value in HOSTILE if value not in ("0", "3.5", "-inf", "0x1F"))


@pytest.fixture
def parcels_to_plan(session) -> list[str]:
    """A freed parcel of Pudong beside the project's and one planned for redevelopment (through the
    service, so its completion meets a plan), so the planner's forms show (plan, split; complete): their
    pages."""
    ids = [session.execute(text(
        "INSERT INTO parcels (code, geom, land_use_class, status, freed_on, valid_from) VALUES (:code, "
        "ST_Multi(ST_MakeEnvelope(:x, 31.2000, :x + 0.001, 31.2010, 4326)), 'M1', 'freed', DATE '2014-05-01', "
        "DATE '2010-01-01') RETURNING id"), {"code": f"FUZZ-{n}", "x": 121.6000 + n / 100}).scalar_one() for n in (1, 2)]
    queries.derive_parcel_locations(session, ids)
    redevelopment.plan_redevelopment(session, PLANNER, ids[1], {"new_use": "M2"})
    return [f"/land/parcels/{parcel_id}" for parcel_id in ids]


def _pages(app, real_ids) -> list[str]:
    return sorted(url_of(rule, real_ids) for rule in app.url_map.iter_rules()
                  if "GET" in rule.methods and rule.endpoint not in SKIPPED and not rule.rule.startswith("/api"))


def _encoded(pairs: list[tuple[str, str]], raw: tuple[str, str] | None = None) -> str:
    """``pairs`` as a browser encodes a form; ``raw``, a name and a value already percent-encoded."""
    encoded = [f"{quote(name)}={quote(value)}" for name, value in pairs]
    return "&".join(encoded + ([f"{quote(raw[0])}={raw[1]}"] if raw else []))


def _send(client, form: Form, body: str):
    """``body`` sent as ``form`` sends it, then undone — what it wrote, and the sign-in it may have ended."""
    path, signed_in = form.action.removeprefix(PAGE), client.get_cookie("session")
    savepoint = client.application.config["DB_BIND"].begin_nested()
    try:
        if form.method == "GET":
            return client.get(f"{path.split('?')[0]}?{body}")
        return client.post(path, data=body, content_type="application/x-www-form-urlencoded")
    finally:
        savepoint.rollback()
        client.set_cookie("session", signed_in.value)


def _forms(client, urls) -> dict[tuple[str, str], Form]:
    """Each form of the pages at ``urls`` once, by method and address (the sign-out form aside)."""
    found: dict[tuple[str, str], Form] = {}
    for url in urls:
        response = client.get(url)
        if response.mimetype == "text/html" and response.status_code == 200:
            for form in forms_of(response.get_data(as_text=True), PAGE + url):
                if urlsplit(form.action).path not in SIGN_OUT:
                    found.setdefault((form.method, urlsplit(form.action).path), form)
        response.close()
    return found


def _read_whole(app, client, form: Form) -> list[str]:
    """The fields ``form`` renders that its view reads only with the whole form: it read the form sent as
    rendered whole, and the form sent empty did not ask for them by name (the single-value test sends
    each name the empty form asks for)."""
    with reads_of(app) as asked:
        _send(client, form, "").close()
    with reads_of(app) as reads:
        _send(client, form, _encoded(form.sent_as_rendered())).close()
    return [n for n in form.names() if n not in asked.names | NOT_FUZZED] if reads.whole else []


def _kept(response, form: Form, name: str, hostile: str) -> bool:
    """A form shown again holds the bad text as typed in its field (text that is no UTF-8 cannot be); a
    posted form its hidden fields too. A list's hidden filters are its address's, its refused ones said
    above it (web/refused_query.py)."""
    shown = response.status_code in (409, 422) or form.method == "GET" and response.status_code == 200
    checked = form.shows(name) or (form.method == "POST" and name in form.hidden
                                   and not any(form.action.endswith(end) and name == n for end, n in NOT_KEPT))
    if not (shown and checked) or "%FF" in hostile or response.mimetype != "text/html":
        return True
    again = [f for f in forms_of(response.get_data(as_text=True), PAGE) if f.action == form.action]
    return not again or any((name, unquote(hostile)) in f.fields for f in again)


def _fuzzed(client, form: Form, names: list[str], values: tuple[str, ...]) -> list[tuple]:
    """Each of ``names`` given each of ``values`` in ``form`` as rendered: the 500s, the values not kept."""
    failures = []
    for name in names:
        for hostile in values:
            response = _send(client, form, _encoded(form.sent_without(name), (name, hostile)))
            if response.status_code >= 500:
                failures.append((form.method, form.action, name, hostile[:30], response.status_code))
            elif not _kept(response, form, name, hostile):
                failures.append((form.method, form.action, name, hostile[:30], "not shown again as typed"))
            response.close()
    return failures


def test_no_bad_value_in_a_form_read_whole_makes_a_500_or_is_lost(app, client, login, real_ids, parcels_to_plan):
    """Each bad value is sent once to each field read whole, by one of the roles that see its form (the
    values shared out among them, as the single-value test shares them: a value's fault is its parser's)."""
    readers: dict[tuple[str, str], list[tuple[str, Form, list[str]]]] = {}
    for role, district in ROLES:
        login(role, district, username=f"whole-{role}")
        signed_in = client.get_cookie("session").value
        for key, form in _forms(client, _pages(app, real_ids) + parcels_to_plan).items():
            names = _read_whole(app, client, form)
            if names:
                readers.setdefault(key, []).append((signed_in, form, names))
    failures, sent = [], 0
    for seen_by in readers.values():
        for k, (signed_in, form, names) in enumerate(seen_by):
            client.set_cookie("session", signed_in)
            values = VALUES[k::len(seen_by)]
            failures += _fuzzed(client, form, names, values)
            sent += len(names) * len(values)
    assert failures == []
    # the forms read whole were found: the wizard, the enterprise and target forms, the parcel forms, the lists
    assert {"/projects/new", "/targets", "/projects", "/land/parcels"} <= {path for _method, path in readers}
    assert sent > 600
