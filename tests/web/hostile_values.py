"""The bad values the single-value fuzz tests send (tests/web/test_hostile_single_values.py,
test_hostile_whole_forms.py), and which of them each role sends."""
from __future__ import annotations

# Raw query-string text (already percent-encoded): "%FF%FE" is no UTF-8.
HOSTILE = ("-1", "0", "3.5", "99999999999999999999999", "1e309", "NaN", "-inf", "0x1F", "no-such-choice",
           "%FF%FE%FD", "%EF%BC%91%EF%BC%92", "2017-02-30", "x" * 3000, "%27%20OR%201%3D1%20--%3Cscript%3E")
ROLES = (("admin", None), ("district_staff", "310115"), ("city_reviewer", None), ("planner", None))
SKIPPED = {"static", "assets.vendor", "auth.logout", "pages.set_language"}  # endpoints no fuzz test asks
NOT_FUZZED = {"lang", "csrf_token"}  # the language is every page's (hostile-queries asks it); the token the test's


def values_of(role: str) -> tuple[str, ...]:
    """The hostile values a role sends: every fourth, so that the four roles together send each value to
    each name once (a value's fault is its parser's, seldom a role's) and the tests stay within a few
    minutes of the suite's 30 (every value by every role took 11)."""
    start = [name for name, _district in ROLES].index(role)
    return HOSTILE[start::len(ROLES)]
