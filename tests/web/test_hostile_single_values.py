"""No 500 from one bad value alone: the hostile-queries and hostile-forms tests set every parameter at
once, so a page that refuses the first (its year) never reads the rest. Here each parameter a page or
form reads — found by asking it once and recording which names it looked up — is given alone each of
a set of bad values (wrong types, huge numbers, unknown choices, text that is no UTF-8, very long
text…), by the four roles between them (each sends every fourth value), and the answer must be below
500: a page with a message, a 4xx, a redirect. Everything happens in the test's transaction, which is
rolled back after it."""
from __future__ import annotations

import pytest

from tests.web.hostile_values import NOT_FUZZED, ROLES, SKIPPED, values_of
from tests.web.route_urls import url_of
from tests.web.watched_requests import reads_of

pytestmark = pytest.mark.slow  # every name of every page, each bad value alone: about a minute a role


def _routes(app, method: str):
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods and rule.endpoint not in SKIPPED),
                  key=lambda rule: rule.rule)


def _fuzzed(app, client, url: str, method: str, asked: list, values: tuple[str, ...]) -> list[tuple]:
    """Each name ``url`` reads, alone with each of ``values``: the answers of 500 or more; each
    (url, name) asked is added to ``asked``."""
    with reads_of(app) as reads:
        client.open(url, method=method).close()
    names = reads.names
    failures = []
    asked += [(url, name) for name in sorted(names - NOT_FUZZED)]
    for name in sorted(names - NOT_FUZZED):
        for hostile in values:
            if method == "GET":
                response = client.get(f"{url}?{name}={hostile}")
            else:  # the form's value as a browser sends it, percent-encoded
                response = client.open(url, method=method, data=f"{name}={hostile}",
                                       content_type="application/x-www-form-urlencoded")
            response.close()
            if response.status_code >= 500:
                failures.append((method, url, name, hostile[:30], response.status_code))
    return failures


@pytest.mark.parametrize("role, district", ROLES)
def test_no_single_bad_query_value_makes_a_500(app, client, login, real_ids, role, district):
    login(role, district, username=f"single-{role}")
    asked: list = []
    values = values_of(role)
    failures = [f for rule in _routes(app, "GET") for f in _fuzzed(app, client, url_of(rule, real_ids), "GET", asked, values)]
    assert failures == []
    assert len(asked) > 100  # the names were found: the pages read their parameters through the watch


@pytest.mark.parametrize("role, district", ROLES)
def test_no_single_bad_form_value_makes_a_500(app, client, login, real_ids, role, district):
    failures, asked = [], []
    for n, rule in enumerate(_routes(app, "POST")):
        # each form from an address of its own (the sign-in and password forms' failures it makes throttle
        # that address: services/passwords.py), signed in afresh (a step before may have ended the sign-in)
        client.environ_base["REMOTE_ADDR"] = f"192.0.2.{n % 250 + 1}"
        for limiter in app.extensions.get("limiter", ()):
            limiter.reset()
        login(role, district, username=f"single-{role}-{n}")
        failures += _fuzzed(app, client, url_of(rule, real_ids | {"action": "plan"}), "POST", asked, values_of(role))
    assert failures == []
    assert len(asked) > 30  # the names were found: the forms read their fields through the watch


@pytest.mark.parametrize("role, district", ROLES[:2])
def test_no_bad_value_in_an_address_makes_a_500(app, client, login, real_ids, role, district):
    """A record's code or name in the address itself (a help topic, a user, a credit code…): no UTF-8,
    very long, no such record."""
    login(role, district, username=f"single-address-{role}")
    failures, asked = [], 0
    for rule in _routes(app, "GET"):
        if not rule.arguments:
            continue
        for hostile in ("%FF%FE%FD", "x" * 3000, "no-such-choice", "99999999999999999999999"):
            url = url_of(rule, {name: hostile for name in rule.arguments})
            response = client.get(url)
            response.close()
            asked += 1
            if response.status_code >= 500:
                failures.append((rule.endpoint, url[:80], response.status_code))
    assert failures == []
    assert asked > 40
